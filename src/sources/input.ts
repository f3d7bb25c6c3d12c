/**
 * Opening a table input as a stream of text, whatever it is: a regular file, a gzip file
 * (`.csv.gz`, `.ndjson.gz`, …, recognised by its magic bytes and decompressed while it is
 * read), or stdin (`-`). Anything else (a FIFO, a device, a socket) is refused before it is
 * opened, since reading one can block forever; stdin is the supported stream.
 *
 * Text is decoded here, once: UTF-8 (the default) is validated, and a byte sequence that is
 * not UTF-8 stops the load naming the line, instead of becoming U+FFFD and merging distinct
 * titles ("Am\xe9lie" and "Am\xe1lie"); `latin1` reads ISO-8859-1 files. A leading BOM is
 * dropped.
 *
 *   const input = await openInput("plays.csv.gz");   // input.head: the first 64 KiB, decompressed
 *   for await (const text of decodeText(input, "utf8")) …
 */
import { isUtf8 } from "node:buffer";
import { createReadStream, type Stats } from "node:fs";
import { stat } from "node:fs/promises";
import { createGunzip } from "node:zlib";
import type { Readable } from "node:stream";
import { UserError, locatedError } from "../base/errors.js";

export type TextEncoding = "utf8" | "latin1";
export const TEXT_ENCODINGS: readonly TextEncoding[] = ["utf8", "latin1"];

/** The source name that reads stdin. */
export const STDIN = "-";

const HEAD_BYTES = 64 * 1024;

export interface OpenedInput {
  /** For messages: the path, or "stdin". */
  name: string;
  /** The path without a `.gz` suffix, lower case: extension hints (`.tsv`, `.ndjson`). */
  hintName: string;
  /** The first bytes (up to 64 KiB) of the content, decompressed. */
  head: Buffer;
  /** A plain regular file, not compressed: others may read it by path (DuckDB). */
  plainFile: boolean;
  /** The whole content from its first byte (the head included), decompressed; read once. */
  chunks: AsyncIterable<Buffer>;
  /** Stop reading (when the content is not needed after the head). */
  close(): void;
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

/** What a non-regular, non-directory file is, in words; undefined for a regular file or folder. */
function specialKind(info: Stats): string | undefined {
  if (info.isFIFO()) return "a named pipe (FIFO)";
  if (info.isCharacterDevice()) return "a character device";
  if (info.isBlockDevice()) return "a block device";
  if (info.isSocket()) return "a socket";
  return undefined;
}

/** Refuse a FIFO, device or socket by its stat, before anything opens it (opening may block). */
export function refuseSpecialFile(path: string, info: Stats): void {
  const kind = specialKind(info);
  if (kind) throw new UserError(`${path}: is ${kind}, not a regular file; to read a stream, give "-" as the source and pipe it to stdin`);
}

export async function openInput(path: string): Promise<OpenedInput> {
  let raw: Readable;
  let name: string;
  if (path === STDIN) {
    raw = process.stdin;
    name = "stdin";
  } else {
    let info: Stats;
    try {
      info = await stat(path);
    } catch (e) {
      throw fileError(path, e);
    }
    if (info.isDirectory()) throw new UserError(`${path}: is a directory, expected a file`);
    refuseSpecialFile(path, info);
    raw = createReadStream(path);
    name = path;
  }
  const fromRaw = raw[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const readRaw = async (): Promise<IteratorResult<Buffer>> => {
    try {
      return await fromRaw.next();
    } catch (e) {
      throw fileError(name, e);
    }
  };
  // The first chunk says whether the content is gzip (1f 8b).
  const first = await readRaw();
  let next = readRaw;
  const pending: Buffer[] = [];
  let gzip = false;
  if (!first.done && first.value.length >= 2 && first.value[0] === 0x1f && first.value[1] === 0x8b) {
    gzip = true;
    const gunzip = createGunzip();
    // Feed the compressed bytes (the chunk already read, then the rest) through gunzip.
    void (async () => {
      try {
        let chunk: IteratorResult<Buffer> = first;
        while (!chunk.done) {
          if (!gunzip.write(chunk.value)) await new Promise((res) => gunzip.once("drain", res));
          chunk = await readRaw();
        }
        gunzip.end();
      } catch (e) {
        gunzip.destroy(e as Error);
      }
    })();
    const fromGunzip = gunzip[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
    next = async () => {
      try {
        return await fromGunzip.next();
      } catch (e) {
        if (e instanceof UserError) throw e;
        throw new UserError(`${name}: not a readable gzip file (${(e as Error).message})`);
      }
    };
  } else if (!first.done) pending.push(first.value);
  // Up to HEAD_BYTES of content for sniffing; kept and replayed by `chunks`.
  let size = pending.reduce((a, b) => a + b.length, 0);
  let ended = first.done === true;
  while (!ended && size < HEAD_BYTES) {
    const r = await next();
    if (r.done) ended = true;
    else {
      pending.push(r.value);
      size += r.value.length;
    }
  }
  const head = Buffer.concat(pending);
  const lower = path.toLowerCase();
  const hintName = path === STDIN ? "" : gzip && lower.endsWith(".gz") ? lower.slice(0, -3) : lower;
  return {
    name,
    hintName,
    head: head.subarray(0, Math.min(head.length, HEAD_BYTES)),
    plainFile: path !== STDIN && !gzip,
    chunks: {
      async *[Symbol.asyncIterator]() {
        yield* pending;
        if (ended) return;
        for (;;) {
          const r = await next();
          if (r.done) return;
          yield r.value;
        }
      },
    },
    close: () => {
      if (path !== STDIN) raw.destroy();
    },
  };
}

/** Index of the first byte of an incomplete UTF-8 sequence at the end of `data` (its length when none). */
function utf8Cut(data: Buffer): number {
  let i = data.length - 1;
  let back = 0;
  while (i >= 0 && back < 3 && (data[i] & 0xc0) === 0x80) {
    i--;
    back++;
  }
  if (i < 0) return data.length;
  const b = data[i];
  const len = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
  return len > data.length - i ? i : data.length;
}

/** Offset of the first byte that does not start a valid UTF-8 sequence (for the message). */
export function firstInvalidUtf8(data: Buffer): number {
  let i = 0;
  while (i < data.length) {
    const b = data[i];
    const len = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (len === 0 || i + len > data.length || !isUtf8(data.subarray(i, i + len))) return i;
    i += len;
  }
  return data.length;
}

function countLF(data: Buffer, end: number): number {
  let n = 0;
  for (let p = data.indexOf(10); p >= 0 && p < end; p = data.indexOf(10, p + 1)) n++;
  return n;
}

/**
 * The input as text chunks. UTF-8 is checked as it streams; the first invalid byte stops the
 * load with its line and the way out (`encoding: "latin1"`). A leading BOM is dropped.
 */
export async function* decodeText(input: OpenedInput, encoding: TextEncoding = "utf8"): AsyncIterable<string> {
  let carry: Buffer | undefined;
  let lines = 0;
  let started = false;
  for await (const chunk of input.chunks) {
    const data = carry ? Buffer.concat([carry, chunk]) : chunk;
    carry = undefined;
    let text: string;
    if (encoding === "latin1") text = data.toString("latin1");
    else {
      const cut = utf8Cut(data);
      if (!isUtf8(data.subarray(0, cut))) throw invalidUtf8(input.name, data, firstInvalidUtf8(data.subarray(0, cut)), lines);
      lines += countLF(data, cut);
      if (cut < data.length) carry = Buffer.from(data.subarray(cut));
      text = data.toString("utf8", 0, cut);
      // The BOM is whole in the first text decoded, however the bytes were chunked.
      if (!started && text.length > 0) {
        started = true;
        if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      }
    }
    if (text.length > 0) yield text;
  }
  if (carry) throw invalidUtf8(input.name, carry, 0, lines);
}

function invalidUtf8(name: string, data: Buffer, at: number, linesBefore: number): UserError {
  const line = linesBefore + countLF(data, at) + 1;
  const bytes = [...data.subarray(at, at + 2)].map((b) => `0x${b.toString(16).toUpperCase().padStart(2, "0")}`).join(" ");
  return locatedError(name, line, `not valid UTF-8 (bytes ${bytes}); if the file is Latin-1 (ISO-8859-1), read it with encoding "latin1"`);
}

/** The whole input as one string. */
export async function readAllText(input: OpenedInput, encoding: TextEncoding = "utf8"): Promise<string> {
  const parts: string[] = [];
  for await (const t of decodeText(input, encoding)) parts.push(t);
  return parts.join("");
}

/** Lines of the input (without their line ends; CR LF counts as one), numbered from 1. */
export async function* textLines(input: OpenedInput, encoding: TextEncoding = "utf8"): AsyncIterable<string> {
  let rest = "";
  for await (const text of decodeText(input, encoding)) {
    rest += text;
    let start = 0;
    for (let nl = rest.indexOf("\n"); nl >= 0; nl = rest.indexOf("\n", start)) {
      const end = nl > start && rest.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
      yield rest.slice(start, end);
      start = nl + 1;
    }
    rest = rest.slice(start);
  }
  if (rest !== "") yield rest.endsWith("\r") ? rest.slice(0, -1) : rest;
}
