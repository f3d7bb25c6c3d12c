/**
 * Which sources are warehouse files, read through DuckDB rather than parsed here: a
 * Parquet file, a glob of Parquet files ("logs/*.parquet", "logs/**\/*.parquet"), or a
 * table of a DuckDB database file ("plays.duckdb#plays", "plays.duckdb#main.plays").
 * Files are told by their magic bytes (sniff.ts), not their names; a name that promises
 * a format the bytes do not hold (x.parquet holding text, x.duckdb that is no database)
 * is refused with one line rather than read as CSV.
 *
 *   await resolveWarehouseSource("plays.parquet")       // { kind: "parquet", name: "plays.parquet", files: ["plays.parquet"] }
 *   await resolveWarehouseSource("logs/*.parquet")      // { kind: "parquet", files: ["logs/a.parquet", "logs/b.parquet"], … }
 *   await resolveWarehouseSource("w.duckdb#plays")      // { kind: "duckdb", file: "w.duckdb", table: "plays", … }
 *   await resolveWarehouseSource("plays.csv")           // null: not a warehouse source
 */
import { open, stat } from "node:fs/promises";
import { UserError } from "../../base/errors.js";
import { fileError, refuseSpecialFile } from "../input.js";
import { binaryKind } from "../sniff.js";

export type WarehouseSource =
  | { kind: "parquet"; /** As the user named it. */ name: string; /** The files, in glob order (sorted). */ files: string[] }
  | { kind: "duckdb"; name: string; file: string; /** The table after "#", absent when none was named. */ table?: string };

/** A source naming several files by pattern (DuckDB's glob syntax: *, **, ?, [abc]). */
export function isGlob(source: string): boolean {
  return /[*?[]/.test(source);
}

/**
 * A glob as a regular expression over paths, for checks that must not touch the disk (an
 * output path is refused when the input glob matches it): `**` any path (before a slash, also no folder at all), `*` and `?` within
 * one folder, `[abc]` and `[!abc]` a character class.
 *
 *   globRegExp("logs/*.parquet").test("logs/a.parquet")   // true; "logs/x/a.parquet": false
 */
export function globRegExp(glob: string): RegExp {
  let out = "";
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    const close = c === "[" ? glob.indexOf("]", i + 2) : -1;
    if (c === "*" && glob[i + 1] === "*" && glob[i + 2] === "/") {
      out += "(?:.*/)?"; // "**/": any folders, none included
      i += 2;
    } else if (c === "*" && glob[i + 1] === "*") {
      out += ".*";
      i++;
    } else if (c === "*") out += "[^/]*";
    else if (c === "?") out += "[^/]";
    else if (close > 0) {
      const body = glob.slice(i + 1, close).replace(/[\\\]^]/g, "\\$&");
      out += body.startsWith("!") ? `[^${body.slice(1)}]` : `[${body}]`;
      i = close;
    } else out += c.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  }
  return new RegExp(`^${out}$`);
}

/** The magic bytes of a plain file's head: which binary format it is, if any; "empty" for an empty file. */
async function fileKind(path: string): Promise<ReturnType<typeof binaryKind> | "empty"> {
  let handle;
  try {
    handle = await open(path, "r");
  } catch (e) {
    throw fileError(path, e);
  }
  try {
    const head = Buffer.alloc(64);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    return bytesRead === 0 ? "empty" : binaryKind(head.subarray(0, bytesRead));
  } finally {
    await handle.close();
  }
}

async function regularFile(path: string): Promise<boolean> {
  try {
    const info = await stat(path);
    refuseSpecialFile(path, info);
    return info.isFile();
  } catch (e) {
    if (e instanceof UserError) throw e;
    return false;
  }
}

const PARQUET_EXT = /\.parquet$/i;
const DUCKDB_EXT = /\.(duckdb|ddb)$/i;

/**
 * The warehouse source `source` names, or null when it is something else (a CSV, a folder,
 * a dataset name, a missing path: the caller reports those). `expand` lists a glob's
 * matches (DuckDB's glob, sorted), so that globs mean what DuckDB means by them.
 */
export async function resolveWarehouseSource(source: string, expand: (glob: string) => Promise<string[]>): Promise<WarehouseSource | null> {
  if (await regularFile(source)) {
    const kind = await fileKind(source);
    if (kind === "parquet") return { kind: "parquet", name: source, files: [source] };
    if (kind === "duckdb") return { kind: "duckdb", name: source, file: source };
    if (PARQUET_EXT.test(source)) throw new UserError(`${source}: not a Parquet file (${kind === "empty" ? "the file is empty" : 'no "PAR1" magic bytes at its start'})`);
    if (DUCKDB_EXT.test(source)) throw new UserError(`${source}: not a DuckDB database file (${kind === "empty" ? "the file is empty" : "no DuckDB header"})`);
    return null;
  }
  const hash = source.lastIndexOf("#");
  if (hash > 0 && (await regularFile(source.slice(0, hash)))) {
    const file = source.slice(0, hash);
    const table = source.slice(hash + 1).trim();
    if ((await fileKind(file)) !== "duckdb") {
      throw new UserError(`${file}: not a DuckDB database file; "${source}" names a table (after "#") of a DuckDB database`);
    }
    return { kind: "duckdb", name: source, file, table: table === "" ? undefined : table };
  }
  if (!isGlob(source)) return null;
  const files = await expand(source);
  if (files.length === 0) throw new UserError(`no file matches "${source}"`);
  for (const file of files) {
    const kind = await fileKind(file);
    if (kind !== "parquet") {
      throw new UserError(`${file} (matched by "${source}"): not a Parquet file; a glob reads Parquet files only (${kind === "empty" ? "the file is empty" : 'no "PAR1" magic bytes at its start'})`);
    }
  }
  return { kind: "parquet", name: source, files };
}
