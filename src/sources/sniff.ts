/**
 * Looking at the first bytes of a file before parsing it: empty, binary, UTF-16,
 * SQLite, JSON or delimited text — and which delimiter.
 */
import { open } from "node:fs/promises";
import { UserError } from "../base/errors.js";
import { sniffMedia } from "./media/mediaSniff.js";

export type FileKind = "csv" | "json" | "ndjson" | "sqlite";

export interface Sniffed {
  kind: FileKind;
  delimiter?: string;
  /** The head of the file, decoded. */
  head: string;
}

const HEAD_BYTES = 64 * 1024;

export async function readHead(path: string, bytes = HEAD_BYTES): Promise<Buffer> {
  let handle;
  try {
    handle = await open(path, "r");
  } catch (e) {
    throw fileError(path, e);
  }
  try {
    const buf = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buf, 0, bytes, 0);
    return buf.subarray(0, bytesRead);
  } catch (e) {
    throw fileError(path, e);
  } finally {
    await handle.close();
  }
}

/** A filesystem error as one line a user can act on. */
export function fileError(path: string, e: unknown): UserError {
  const code = (e as NodeJS.ErrnoException)?.code;
  const why =
    code === "ENOENT"
      ? "no such file or directory"
      : code === "EACCES" || code === "EPERM"
        ? "permission denied"
        : code === "EISDIR"
          ? "is a directory, expected a file"
          : (e as Error)?.message ?? String(e);
  return new UserError(`${path}: cannot read: ${why}`);
}

export async function sniffFile(path: string): Promise<Sniffed> {
  const buf = await readHead(path);
  if (buf.length === 0) throw new UserError(`${path}: the file is empty (expected a header line and data rows)`);
  if (buf.subarray(0, 16).toString("latin1") === "SQLite format 3\0") return { kind: "sqlite", head: "" };
  if ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff)) {
    throw new UserError(`${path}: the file is UTF-16 encoded; save it as UTF-8 and try again`);
  }
  const nul = buf.indexOf(0);
  if (nul >= 0) {
    // Only binary heads are checked for media signatures: a text header never trips them.
    const media = sniffMedia(buf);
    if (media.media) {
      throw new UserError(`${path}: is a media file (${media.format}), not a catalog; to scan media files, give their folder (fprisk inspect <folder>)`);
    }
    throw new UserError(`${path}: this looks like a binary file (NUL byte at offset ${nul}), not CSV/TSV/JSON text`);
  }
  const head = buf.toString("utf8").replace(/^\uFEFF/, "");
  const first = head.trimStart()[0];
  const lower = path.toLowerCase();
  if (lower.endsWith(".ndjson") || lower.endsWith(".jsonl")) return { kind: "ndjson", head };
  if (first === "[") return { kind: "json", head };
  if (first === "{") {
    // NDJSON has a whole object on its first line and another object after it;
    // anything else starting with "{" is a single JSON document.
    const lines = head.trimStart().split("\n").map((l) => l.trim()).filter(Boolean);
    const ndjson = lines.length > 1 && lines[0].endsWith("}") && lines[1].startsWith("{");
    return { kind: ndjson ? "ndjson" : "json", head };
  }
  if (lower.endsWith(".json")) return { kind: "json", head };
  return { kind: "csv", delimiter: detectDelimiter(head, lower), head };
}

const DELIMITERS = [",", "\t", ";", "|"];

/** The delimiter occurring most in the header line, counting only outside quotes. */
export function detectDelimiter(head: string, lowerPath = ""): string {
  if (lowerPath.endsWith(".tsv") || lowerPath.endsWith(".tab")) return "\t";
  const counts = new Map(DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  for (const ch of head) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === "\n" || ch === "\r")) break;
    else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  let best = ",";
  let bestCount = 0;
  for (const [d, c] of counts) {
    if (c > bestCount) {
      best = d;
      bestCount = c;
    }
  }
  return best;
}
