/**
 * Finding and running ffprobe. The binary is, in order: the `--ffprobe PATH` option,
 * the FPRISK_FFPROBE environment variable, `ffprobe` on PATH (Debian/Ubuntu
 * `apt install ffmpeg`, Homebrew `brew install ffmpeg`), else the static build that
 * npm installed with fprisk (@ffprobe-installer/ffprobe: the binary for this
 * platform ships inside an optional dependency package such as
 * @ffprobe-installer/linux-x64, so a machine without ffmpeg still scans folders).
 * Nothing is downloaded at run time; `inspect` notes which binary ran.
 */
import { execFile } from "node:child_process";
import { constants } from "node:fs";
import { access } from "node:fs/promises";
import { createRequire } from "node:module";
import { delimiter, isAbsolute, join, resolve } from "node:path";
import { UserError } from "../../base/errors.js";

export interface Ffprobe {
  /** Absolute path of the binary. */
  path: string;
  /** First line of `ffprobe -version` without the copyright or build URL, e.g. "ffprobe version 5.1.9-0+deb12u1". */
  version: string;
  /** Where it came from: the user's (--ffprobe, FPRISK_FFPROBE, PATH) or the one npm installed with fprisk. */
  origin: "--ffprobe" | "FPRISK_FFPROBE" | "PATH" | "bundled";
}

/**
 * Which ffprobe, for notes: "system ffprobe /usr/bin/ffprobe (ffprobe version 5.1.9-0+deb12u1)",
 * "bundled ffprobe …/@ffprobe-installer/linux-x64/ffprobe (ffprobe version N-66595-…, from npm
 * @ffprobe-installer/ffprobe)", "ffprobe from --ffprobe /opt/ff/ffprobe (…)".
 */
export function describeFfprobe(f: Ffprobe): string {
  if (f.origin === "bundled") return `bundled ffprobe ${f.path} (${f.version}, from npm ${BUNDLED_PACKAGE})`;
  return `${f.origin === "PATH" ? "system ffprobe" : `ffprobe from ${f.origin}`} ${f.path} (${f.version})`;
}

const BUNDLED_PACKAGE = "@ffprobe-installer/ffprobe";

/**
 * The npm-installed ffprobe for this platform, or undefined when there is none (an
 * unsupported platform, or optional dependencies were not installed).
 */
export function bundledFfprobePath(): string | undefined {
  try {
    const found = (createRequire(import.meta.url)(BUNDLED_PACKAGE) as { path?: unknown }).path;
    return typeof found === "string" ? found : undefined;
  } catch {
    return undefined; // the package throws on platforms it has no binary for
  }
}

export type ProbeOutcome = { ok: true; json: string } | { ok: false; error: string };

const FIX = "install ffmpeg (e.g. `apt install ffmpeg` or `brew install ffmpeg`), or pass --ffprobe PATH / set FPRISK_FFPROBE";

/**
 * Resolve and check the ffprobe binary; a UserError says what was tried and how to
 * fix it. `bundled` locates the npm-installed fallback (a parameter so tests can
 * take it away).
 */
export async function resolveFfprobe(explicit?: string, bundled: () => string | undefined = bundledFfprobePath): Promise<Ffprobe> {
  const given = explicit?.trim() || process.env.FPRISK_FFPROBE?.trim();
  let origin: Ffprobe["origin"] = explicit?.trim() ? "--ffprobe" : "FPRISK_FFPROBE";
  let path: string;
  if (given) {
    // A bare name ("ffprobe5") is looked up on PATH like a shell would.
    const found = given.includes("/") || given.includes("\\") ? resolve(given) : await onPath(given);
    if (!found || !(await isExecutable(found))) throw new UserError(`${origin} ${given}: no executable file there; ${FIX}`);
    path = found;
  } else {
    const onSystem = await onPath(process.platform === "win32" ? "ffprobe.exe" : "ffprobe");
    const shipped = onSystem ? undefined : bundled();
    if (onSystem) {
      path = onSystem;
      origin = "PATH";
    } else if (shipped) {
      // npm unpacks it owner-executable only (mode 744): another user of a shared
      // install cannot run it, and should be told how to fix that.
      if (!(await isExecutable(shipped))) throw new UserError(`no ffprobe on PATH, and the bundled ${shipped} is not executable by this user (\`chmod a+x ${shipped}\` fixes it); or ${FIX}`);
      path = shipped;
      origin = "bundled";
    } else {
      throw new UserError(`media files must be probed but no ffprobe was found on PATH, and npm installed no bundled ffprobe for ${process.platform}-${process.arch} (${BUNDLED_PACKAGE}); ${FIX}`);
    }
  }
  const out = await run(path, ["-hide_banner", "-version"], 30_000);
  const first = out.stdout.split("\n")[0]?.trim() ?? "";
  if (out.code !== 0 || !/^ffprobe version /.test(first)) {
    throw new UserError(`${path} does not run as ffprobe (\`${path} -version\` ${out.code !== 0 ? `failed: ${firstLine(out.stderr)}` : `printed "${first}"`}); ${FIX}`);
  }
  // "ffprobe version N-66595-gc2b38619c0-static https://johnvansickle.com/ffmpeg/  Copyright …" → "ffprobe version N-66595-gc2b38619c0-static"
  return { path, origin, version: first.replace(/\s+Copyright.*$/, "").replace(/\s+https?:\S*$/, "") };
}

async function onPath(name: string): Promise<string | undefined> {
  for (const dir of (process.env.PATH ?? "").split(delimiter)) {
    if (!dir || !isAbsolute(dir)) continue; // a relative PATH entry depends on the cwd: skip it
    const candidate = join(dir, name);
    if (await isExecutable(candidate)) return candidate;
  }
  return undefined;
}

async function isExecutable(path: string): Promise<boolean> {
  try {
    await access(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Longest a single probe may take: a stuck network mount must not hang the scan. */
const PROBE_TIMEOUT_MS = 120_000;

/**
 * Probe one file. ffprobe's own failures (corrupt or unsupported data) come back as
 * `{ok: false, error}` with its first error line; failing to start ffprobe throws.
 */
export async function probeFile(ffprobe: Ffprobe, file: string): Promise<ProbeOutcome> {
  // "file:" keeps names with a colon ("a:b.mkv") from being read as a protocol.
  const out = await run(
    ffprobe.path,
    ["-v", "error", "-hide_banner", "-print_format", "json", "-show_format", "-show_streams", `file:${resolve(file)}`],
    PROBE_TIMEOUT_MS,
  );
  if (out.timedOut) return { ok: false, error: `ffprobe did not finish within ${PROBE_TIMEOUT_MS / 1000} s` };
  if (out.code !== 0) return { ok: false, error: firstLine(out.stderr) || `ffprobe exited with code ${out.code}` };
  return { ok: true, json: out.stdout };
}

/**
 * ffprobe's first error line without the per-run context prefix
 * ("[mov,mp4,m4a,3gp,3g2,mj2 @ 0x55d1…] moov atom not found" → "moov atom not found").
 */
export function firstLine(stderr: string): string {
  const line = stderr.split("\n").find((l) => l.trim() !== "") ?? "";
  return line.replace(/^\[[^\]]*@ 0x[0-9a-f]+\]\s*/i, "").trim();
}

interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

function run(path: string, args: string[], timeoutMs: number): Promise<RunResult> {
  return new Promise((done, fail) => {
    execFile(path, args, { maxBuffer: 256 * 1024 * 1024, timeout: timeoutMs, encoding: "utf8" }, (error, stdout, stderr) => {
      const e = error as (NodeJS.ErrnoException & { code?: number | string; killed?: boolean }) | null;
      if (e && typeof e.code === "string") {
        // ENOENT, EACCES…: the binary itself could not start.
        fail(new UserError(`cannot run ${path}: ${e.code === "ENOENT" ? "no such file" : e.code === "EACCES" ? "permission denied" : e.message}; ${FIX}`));
        return;
      }
      done({ code: e ? (typeof e.code === "number" ? e.code : 1) : 0, stdout, stderr, timedOut: Boolean(e?.killed) });
    });
  });
}

/**
 * Run `task` over `items` with at most `limit` in flight; results keep the input order.
 * `onDone` is called after each completion with the running count.
 */
export async function mapLimit<T, R>(items: readonly T[], limit: number, task: (item: T, index: number) => Promise<R>, onDone?: (done: number) => void): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await task(items[i], i);
      onDone?.(++done);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}
