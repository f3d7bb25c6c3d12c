/**
 * Looking at the first bytes of an input before parsing it: empty, binary, UTF-16,
 * SQLite, Parquet, a DuckDB database, JSON or delimited text — and which delimiter.
 * Parquet and DuckDB files are recognized by their magic bytes ("PAR1" at offset 0,
 * "DUCK" at offset 8), so that they are read through DuckDB instead of being refused
 * as binary.
 */
import { UserError } from "../base/errors.js";
import { openInput, type OpenedInput, type TextEncoding } from "./input.js";
import { sniffMedia } from "./media/mediaSniff.js";

export type FileKind = "csv" | "json" | "ndjson" | "sqlite" | "parquet" | "duckdb";

export interface Sniffed {
  kind: FileKind;
  delimiter?: string;
  /** The head of the file, decoded. */
  head: string;
}

/**
 * The binary formats read through a database engine, by their magic bytes; undefined for
 * anything else. Parquet and DuckDB heads also hold a NUL byte (text never does), so a CSV
 * whose header happens to start with "PAR1" or hold "DUCK" at offset 8 stays text.
 */
export function binaryKind(head: Buffer): "sqlite" | "parquet" | "duckdb" | undefined {
  if (head.subarray(0, 16).toString("latin1") === "SQLite format 3\0") return "sqlite";
  if (head.indexOf(0) < 0) return undefined;
  if (head.subarray(0, 4).toString("latin1") === "PAR1") return "parquet";
  if (head.subarray(8, 12).toString("latin1") === "DUCK") return "duckdb";
  return undefined;
}

/** Sniff a file by path (its head, decompressed when it is gzip). */
export async function sniffFile(path: string, encoding: TextEncoding = "utf8"): Promise<Sniffed> {
  const input = await openInput(path);
  input.close();
  return sniffInput(input, encoding);
}

/** What an opened input holds, from its head; `hintName` (the path without .gz) breaks ties. */
export function sniffInput(input: OpenedInput, encoding: TextEncoding = "utf8"): Sniffed {
  const path = input.name;
  const buf = input.head;
  if (buf.length === 0) throw new UserError(`${path}: the file is empty (expected a header line and data rows)`);
  const binary = binaryKind(buf);
  if (binary) return { kind: binary, head: "" };
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
  const head = buf.toString(encoding).replace(/^\uFEFF/, "");
  const first = head.trimStart()[0];
  const lower = input.hintName;
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
