/**
 * Downloading one registered file: an HTTP GET whose body is counted and hashed as
 * it arrives, refused the moment it grows past the registered size, and accepted
 * only when both size and sha256 match. Every failure is one line (a `UserError`):
 * the host that could not be reached and the system's code, an HTTP status, or the
 * checksum that did not match — never a stack.
 *
 *   await downloadBytes(url, { bytes: 1784, sha256: "47bf…" }, "jellyfin-ffprobe-fixtures: upstream video_ts.json", 300_000);
 *
 * `downloadFile` streams into a file (the caller renames it into place once every
 * file of a dataset verified); `downloadBytes` keeps the body in memory for a
 * derivation that reads it.
 */
import { createHash } from "node:crypto";
import { createWriteStream } from "node:fs";
import { dirname } from "node:path";
import { Readable, Transform, Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { UserError } from "../../base/errors.js";
import { explainWriteError } from "./writeGuard.js";

/** What a download must be: its exact size and sha256 (hex). */
export interface Expected {
  bytes: number;
  sha256: string;
}

/**
 * GET `url` into `tmp` (created exclusively). `label` names the file in messages,
 * e.g. "msd-subset-10k/SongCSV.csv".
 */
export async function downloadFile(url: string, tmp: string, expected: Expected, label: string, timeoutMs: number): Promise<void> {
  // opened only once the server answered; an open failure (EACCES…) surfaces in the pipeline
  await downloadInto(url, () => createWriteStream(tmp, { flags: "wx" }), expected, label, timeoutMs, dirname(tmp));
}

/** GET `url` into memory; the bytes are returned only when size and sha256 match. */
export async function downloadBytes(url: string, expected: Expected, label: string, timeoutMs: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      chunks.push(chunk);
      done();
    },
  });
  await downloadInto(url, () => sink, expected, label, timeoutMs);
  return Buffer.concat(chunks);
}

async function downloadInto(url: string, open: () => Writable, expected: Expected, label: string, timeoutMs: number, dir?: string): Promise<void> {
  const host = hostOf(url);
  let res: Response;
  try {
    res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), redirect: "follow" });
  } catch (e) {
    throw networkError(e, host, label, timeoutMs);
  }
  if (!res.ok || !res.body) {
    throw new UserError(`could not fetch ${label}: ${url} answered HTTP ${res.status}${res.statusText ? " " + res.statusText : ""}; nothing was written`);
  }
  const hash = createHash("sha256");
  let bytes = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      bytes += chunk.length;
      // Stop early rather than fill the disk with something that cannot match.
      if (bytes > expected.bytes) return done(new UserError(`${url}: the download is larger than the registered ${expected.bytes} bytes; not the registered file`));
      hash.update(chunk);
      done(null, chunk);
    },
  });
  try {
    await pipeline(Readable.fromWeb(res.body as never), meter, open());
  } catch (e) {
    if (e instanceof UserError) throw e;
    // a file-system error (it names its syscall: open, write…) is about the folder, not the network
    if (dir && (e as NodeJS.ErrnoException).syscall) throw explainWriteError(e, dir);
    throw networkError(e, host, label, timeoutMs);
  }
  const actual = hash.digest("hex");
  if (bytes !== expected.bytes || actual !== expected.sha256) {
    throw new UserError(
      `${label}: checksum mismatch for ${url}: expected ${expected.bytes} bytes sha256 ${expected.sha256}, ` +
        `got ${bytes} bytes sha256 ${actual}; nothing was written`,
    );
  }
}

/** `base` + an upstream path with each segment percent-encoded ("Test Data" → "Test%20Data"). */
export function upstreamUrl(base: string, upstreamPath: string): string {
  return base + upstreamPath.split("/").map(encodeURIComponent).join("/");
}

/** The host[:port] of a URL, for messages. */
export function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/** A network failure as one line: where, what (the system's code), and what to do. */
function networkError(e: unknown, host: string, label: string, timeoutMs: number): UserError {
  const err = e as { name?: string; message?: string; code?: string; cause?: { code?: string; message?: string } };
  if (err?.name === "TimeoutError" || err?.name === "AbortError") {
    return new UserError(`could not reach ${host}: no complete answer for ${label} within ${Math.round(timeoutMs / 1000)} s (slow or offline?); nothing was written`);
  }
  const code = err?.cause?.code ?? err?.code;
  const detail = code ?? err?.cause?.message ?? err?.message ?? String(e);
  const dataset = label.split(/[/:]/)[0];
  return new UserError(
    `could not reach ${host}: offline? (${detail}). Could not get ${label}: fetching it needs network access to ${host}; ` +
      `or set FPRISK_DATA_DIR to a folder that already holds ${dataset}/. Nothing was written.`,
  );
}
