/**
 * A fast path for large delimited files: DuckDB's `read_csv` tokenizes the file and
 * parses plain numbers natively, and the result lands in typed arrays. It must give
 * exactly the catalog the csv-parse path (csv.ts + catalogBuilder.ts) gives, so it only
 * does what it can reproduce; otherwise it declines (returns null) with its reason
 * (`onNote`, shown by `--verbose`), and the caller reads the file with csv-parse, which
 * also has the file:line messages for anything wrong in it. The reasons are named: the
 * library cannot load, DuckDB refuses the file, the quoting, line endings or encoding
 * are ones csv-parse reads differently, a value csv-parse rejects, a hash collision.
 * Anything else that fails is a bug and is thrown, never hidden by the fallback.
 *
 * How it stays exact:
 * - Plain decimal numbers ("5525000", "-1.5e3") are parsed by DuckDB; its parser and
 *   JS's Number() both round correctly, so they give the same double. The declared
 *   unit is then applied with units.ts's own `applyScale`. Numeric columns are first
 *   read as DOUBLE (DuckDB's fastest path); if any cell is not a plain number that read
 *   fails or is rejected, and the columns are read as text and sorted out cell by cell.
 * - Everything else — "NA", "92 min", "1920x1080", codecs — is parsed per distinct
 *   string by the CatalogBuilder csv-parse would use, so missing-value rules and parsers
 *   are the builder's own; titles are joined by its `joinTitleParts`. DuckDB hashes each
 *   row's string(s); the hashes, mapped to the distinct values, carry the answers back
 *   to the rows (a hash collision is detected and declines).
 * - The columns then go into the builder's CatalogAssembler in one block, which applies
 *   the rules every source shares (0 = unknown, negative or infinite = invalid row) and
 *   interns titles in order of first appearance, as row-by-row loading does.
 * - A byte-level scan of the file, run while DuckDB reads it, checks quoting the way
 *   csv-parse does (DuckDB accepts some stray quotes csv-parse rejects) and that the
 *   file is UTF-8, counts records and records each record's line for `origin`, as
 *   csv-parse reports it.
 * Only the public @duckdb/node-api API is used (vectors are read with getItem).
 */
import { isUtf8 } from "node:buffer";
import { open } from "node:fs/promises";
import { CsvError, parse as parseCsvSync } from "csv-parse/sync";
import type { Catalog, NumericField, TextField } from "../../catalog/catalog.js";
import { applyScale, unitScale, type UnitScale } from "../../catalog/units.js";
import { densify } from "../../base/densify.js";
import { UserError } from "../../base/errors.js";
import { CatalogBuilder, joinTitleParts, NUMERIC_MAP_FIELDS } from "../catalogBuilder.js";
import { checkHeader, checkMapAgainstHeader, detectFieldMap } from "./detect.js";
import type { FieldMap } from "./fieldMap.js";

export interface DuckDbCsvOptions {
  delimiter: string;
  /** The catalog's `source`. */
  source: string;
  /** Options the fast path does not reproduce; any of them set → null. */
  filter?: unknown;
  unique?: string;
  relaxQuotes?: boolean;
  /** Told why the fast path was not taken (one line), e.g. for `--verbose`. */
  onNote?: (text: string) => void;
}

/**
 * Files from this size on try the DuckDB path. Measured on the synthetic catalog as a
 * CSV (~50 bytes a row): csv-parse + builder take ~9.5 µs a row, the DuckDB path
 * ~0.25 s to start (loading the library, an instance) plus ~1.1 µs a row, so they
 * break even near 30k rows (1.5 MB). 4 MB leaves room for a faster csv path.
 */
export const DUCKDB_CSV_MIN_BYTES = 4 << 20;

/** Distinct non-numeric strings per numeric column handled through the builder; more → fall back. */
const MAX_OTHER_VALUES = 100_000;

const TEXT_FIELDS: TextField[] = ["codec", "container"];

/**
 * For `loadTable`: the header of a delimited file from its sniffed head, parsed as
 * csv.ts parses it (first record, trimmed), or null when the head does not hold a
 * complete first record.
 */
export function readCsvHeader(head: string, delimiter: string): string[] | null {
  const nl = head.search(/[\r\n]/);
  if (nl < 0) return null;
  let records: string[][];
  try {
    records = parseCsvSync(head, { delimiter, bom: true, relax_column_count: true, skip_empty_lines: true, to: 1 }) as string[][];
  } catch (e) {
    if (e instanceof CsvError) return null; // a malformed header: the csv-parse path reports it with its line
    throw e;
  }
  if (records.length !== 1 || records[0].join("").includes("\n")) return null;
  return records[0].map((h) => h.trim());
}

/** The fast path declined: say why (onNote) and return null, so that csv-parse reads the file. */
function fallback(opts: DuckDbCsvOptions, file: string, why: string): null {
  opts.onNote?.(`${file}: read with csv-parse, not DuckDB: ${why}`);
  return null;
}

/**
 * `loadTable`'s entry point: the map resolved as csv.ts resolves it, then the fast path.
 * Null whenever the csv-parse path should run instead (including every user error, so
 * that it is reported by that path, with its file:line); the reason goes to `onNote`.
 */
export async function tryLoadCsvWithDuckDB(
  file: string,
  head: string,
  userMap: FieldMap | undefined,
  opts: DuckDbCsvOptions,
): Promise<Catalog | null> {
  const header = readCsvHeader(head, opts.delimiter);
  if (!header) return fallback(opts, file, "the first 64 KiB hold no complete header line");
  let map: FieldMap;
  try {
    checkHeader(header, file);
    map = detectFieldMap(header, userMap);
    checkMapAgainstHeader(map, header, file);
  } catch (e) {
    if (!(e instanceof UserError)) throw e;
    return fallback(opts, file, "the header repeats a column or does not fit the map (reported by csv-parse)");
  }
  return loadCsvWithDuckDB(file, header, map, opts);
}

interface NumericPlan {
  field: NumericField;
  /** Source column index. */
  index: number;
  /** Unit scale for plain numbers; undefined = identity; null = plain numbers are an error (missing unit). */
  scale: UnitScale | undefined | null;
}

/** DuckDB's messages start with the error's class; these are about the input, not our SQL. */
const INPUT_ERROR = /^(IO|Invalid Input|Conversion|Out of Memory) Error/;

/** Run a query that reads the file; an input error from DuckDB becomes a message, anything else is thrown. */
async function readQuery(run: () => Promise<unknown>): Promise<string | undefined> {
  try {
    await run();
    return undefined;
  } catch (e) {
    const message = (e as Error)?.message ?? "";
    if (INPUT_ERROR.test(message)) return message.split("\n")[0];
    throw e;
  }
}

/**
 * The catalog of `file` read through DuckDB, identical to what the csv-parse path
 * builds, or null when that cannot be guaranteed (see the module comment); each null
 * comes with its reason through `opts.onNote`. Any other failure is a bug and is thrown.
 */
export async function loadCsvWithDuckDB(file: string, header: string[], map: FieldMap, opts: DuckDbCsvOptions): Promise<Catalog | null> {
  const decline = (why: string) => fallback(opts, file, why);
  if (opts.filter !== undefined || opts.unique !== undefined || opts.relaxQuotes) return decline("a registry filter, unique key or relaxed quoting applies");
  if (!map.title) return decline("no title column");
  if (opts.delimiter.length !== 1) return decline(`the delimiter ${JSON.stringify(opts.delimiter)} is not one character`);
  const col = (name: string) => header.indexOf(name);
  const titleIdx = map.title.columns.map(col);
  const numeric: NumericPlan[] = [];
  for (const f of NUMERIC_MAP_FIELDS) {
    const ref = map[f.name];
    if (!ref) continue;
    let scale: UnitScale | undefined | null = undefined;
    if (f.kind) {
      if (ref.unit === undefined || ref.unit.trim() === "") scale = null;
      else {
        try {
          scale = unitScale(f.kind, ref.unit);
        } catch (e) {
          if (!(e instanceof UserError)) throw e;
          return decline(`unknown unit "${ref.unit}" (reported by csv-parse)`);
        }
      }
    }
    numeric.push({ field: f.field, index: col(ref.columns[0]), scale });
  }
  // Columns whose every value goes through the builder as a distinct string.
  const stringCols: { index: number; kind: "resolution" | TextField }[] = [];
  if (map.resolution) stringCols.push({ index: col(map.resolution.columns[0]), kind: "resolution" });
  for (const f of TEXT_FIELDS) if (map[f]) stringCols.push({ index: col(map[f]!.columns[0]), kind: f });
  if ([...titleIdx, ...numeric.map((c) => c.index), ...stringCols.map((c) => c.index)].some((i) => i < 0)) return decline("a mapped column is not in the header");

  // The builder that the csv-parse path would use: its parsers read the values DuckDB
  // cannot, and its assembler puts the catalog together. It refuses some maps outright
  // (e.g. resolution with width), as the csv path does.
  let builder: CatalogBuilder;
  try {
    builder = new CatalogBuilder({ file, header, map, skipInvalid: false, source: opts.source });
  } catch (e) {
    if (!(e instanceof UserError)) throw e;
    return decline("the map is refused (reported by csv-parse)");
  }

  let duck: typeof import("@duckdb/node-api");
  try {
    duck = await import("@duckdb/node-api");
  } catch (e) {
    return decline(`@duckdb/node-api is not installed or cannot load (${(e as Error).message.split("\n")[0]})`);
  }
  let instance: import("@duckdb/node-api").DuckDBInstance | undefined;
  let con: import("@duckdb/node-api").DuckDBConnection | undefined;
  try {
    try {
      instance = await duck.DuckDBInstance.create(":memory:");
      con = await instance.connect();
    } catch (e) {
      return decline(`DuckDB cannot start (${(e as Error).message.split("\n")[0]})`);
    }
    const db = con;
    const q = (s: string) => `'${s.replace(/'/g, "''")}'`;
    const c = (i: number) => `c${i}`;
    const source = (types: (i: number) => string) =>
      `read_csv(${q(file)}, delim = ${q(opts.delimiter)}, quote = '"', escape = '"', header = true, auto_detect = false, ` +
      `strict_mode = true, null_padding = false, columns = {${header.map((_, i) => `${q(c(i))}: '${types(i)}'`).join(", ")}})`;
    // One pass over the file into a table holding just what is needed per row: the
    // title parts and their hash, per numeric column the plain value (v) or, for any
    // other text, the text (o), per string column its text and hash.
    const hash53 = (expr: string) => `CAST(hash(${expr}) >> 11 AS DOUBLE)`;
    const table = (typed: boolean) => {
      const inner: string[] = [];
      const outer: string[] = [];
      titleIdx.forEach((i, j) => {
        inner.push(`coalesce(${c(i)}, '') AS t${j}`);
        outer.push(`t${j}`);
      });
      outer.push(`${hash53(titleIdx.map((_, j) => `t${j}`).join(", "))} AS th`);
      numeric.forEach((p, k) => {
        const cell = c(p.index);
        if (typed) {
          inner.push(`${cell} AS v${k}`);
          outer.push(`v${k}`, `CAST(NULL AS VARCHAR) AS o${k}`);
          return;
        }
        // A cell is plain when DuckDB casts it to a finite double and it has neither of
        // the spellings DuckDB accepts and Number() does not ("1_000", "+-1"); blanks
        // around a number, which both accept, give both the same value.
        inner.push(`${cell} AS r${k}`, `TRY_CAST(${cell} AS DOUBLE) AS x${k}`);
        const plain = `(r${k} IS NULL OR coalesce(isfinite(x${k}) AND NOT contains(r${k}, '_') AND NOT contains(r${k}, '+-'), false))`;
        outer.push(`CASE WHEN ${plain} THEN x${k} END AS v${k}`, `CASE WHEN NOT ${plain} THEN r${k} END AS o${k}`);
      });
      stringCols.forEach((sc, k) => {
        inner.push(`coalesce(${c(sc.index)}, '') AS s${k}`);
        outer.push(`s${k}`, `${hash53(`s${k}`)} AS sh${k}`);
      });
      const numericIdx = new Set(numeric.map((p) => p.index));
      const types = (i: number) => (typed && numericIdx.has(i) ? "DOUBLE" : "VARCHAR");
      return `CREATE OR REPLACE TEMP TABLE t AS SELECT ${outer.join(", ")} FROM (SELECT ${inner.join(", ")} FROM ${source(types)})`;
    };
    // First try reading numeric columns as DOUBLE, DuckDB's fastest path. It is exact
    // for files whose numeric cells are all plain numbers or empty: anything else is a
    // conversion error, or non-finite, or — the two spellings DuckDB alone accepts —
    // contains "_" or "+-", which the scan looks for anywhere in the file. Then the
    // VARCHAR table, which sorts cells out one by one, is built instead.
    const attempt = readQuery(() => db.run(table(true)));
    // Runs on this thread while DuckDB reads on its own.
    const scanning = scanRecords(file, opts.delimiter.charCodeAt(0));
    const [scan, typedError] = await Promise.all([scanning, attempt]);
    if (!scan) return decline("the quoting or line endings are ones csv-parse reads differently or rejects");
    if (scan.invalidUtf8) return decline("the file is not valid UTF-8 (reported by csv-parse with its line)");
    let exactTyped = typedError === undefined && !scan.suspicious;
    if (exactTyped && numeric.length > 0) {
      const nonFinite = numeric.map((_, k) => `count(*) FILTER (WHERE NOT isfinite(v${k}))`).join(" + ");
      exactTyped = Number((await db.runAndReadAll(`SELECT ${nonFinite} FROM t`)).getRowsJS()[0][0]) === 0;
    }
    if (!exactTyped) {
      const error = await readQuery(() => db.run(table(false)));
      if (error !== undefined) return decline(`DuckDB's reader refused the file (${error})`);
    }

    const counts = (await db.runAndReadAll(`SELECT count(*)${numeric.map((_, k) => `, count(o${k})`).join("")} FROM t`)).getRowsJS()[0].map(Number);
    const n = counts[0];
    if (n === 0) return decline("no data rows (reported by csv-parse)");
    if (n !== scan.records) return decline(`DuckDB read ${n} records where csv-parse reads ${scan.records}`);
    const hasOther = numeric.map((_, k) => counts[k + 1] > 0);

    // Row-aligned numbers: title hash, plain values, hashes of other/string values.
    const rowCols = ["th"];
    numeric.forEach((_, k) => rowCols.push(`coalesce(v${k}, CAST('NaN' AS DOUBLE))`));
    numeric.forEach((_, k) => {
      if (hasOther[k]) rowCols.push(`CASE WHEN o${k} IS NULL THEN -1 ELSE ${hash53(`o${k}`)} END`);
    });
    stringCols.forEach((_, k) => rowCols.push(`sh${k}`));
    const rows = await readDoubles(db, `SELECT ${rowCols.join(", ")} FROM t`, rowCols.length, n);
    let next = 0;
    const titleHash = rows[next++];
    const values = numeric.map(() => rows[next++]);
    const otherHash = numeric.map((_, k) => (hasOther[k] ? rows[next++] : undefined));
    const stringHash = stringCols.map(() => rows[next++]);

    // A plain number where the unit is missing is an error in the csv path.
    for (let k = 0; k < numeric.length; k++) {
      if (numeric[k].scale === null && hasPlainValue(values[k], otherHash[k])) return decline(`plain numbers in ${numeric[k].field}'s column, which has no unit (reported by csv-parse)`);
      applyPlainScale(values[k], otherHash[k], numeric[k].scale);
    }

    // Titles: distinct combinations in order of first appearance, interned by the
    // assembler in that order, so titles are numbered by first appearance as in csv-parse.
    const combos = await distinctInOrder(db, titleIdx.map((_, j) => `t${j}`));
    if (!combos) return decline("a title holds a NUL or \\x01 character");
    const raw = densify(titleHash);
    if (raw.count !== combos.length) return decline("two titles share a hash");
    const comboCode = new Int32Array(combos.length);
    for (let r = 0; r < combos.length; r++) {
      const title = joinTitleParts(combos[r]);
      if (title === "") return decline("a row has an empty title (reported by csv-parse)");
      comboCode[r] = builder.assembler.titles.code(title);
    }
    const titleCodes = new Int32Array(n);
    const rc = raw.codes;
    for (let i = 0; i < n; i++) titleCodes[i] = comboCode[rc[i]];

    // Distinct other values of a column, each read once by the builder's own parsers.
    const distinct = async <T>(expr: string, where: string, read: (v: string) => T): Promise<Map<number, T> | string> => {
      const res = await db.runAndReadAll(`SELECT ${hash53(expr)} AS h, ${expr} AS v FROM t WHERE ${where} GROUP BY ALL LIMIT ${MAX_OTHER_VALUES + 1}`);
      const pairs = res.getRowsJS() as [number, string][];
      if (pairs.length > MAX_OTHER_VALUES) return `more than ${MAX_OTHER_VALUES} distinct texts in one column`;
      const out = new Map<number, T>();
      for (const [h, v] of pairs) {
        if (out.has(h)) return "two texts share a hash";
        try {
          out.set(h, read(v));
        } catch (e) {
          if (!(e instanceof UserError)) throw e;
          return `a value csv-parse rejects (${e.message})`;
        }
      }
      return out;
    };
    for (let k = 0; k < numeric.length; k++) {
      const oh = otherHash[k];
      if (oh === undefined) continue;
      const valueOf = await distinct(`o${k}`, `o${k} IS NOT NULL`, (v) => builder.parseNumber(k, v));
      if (typeof valueOf === "string") return decline(valueOf);
      const out = values[k];
      for (let i = 0; i < n; i++) if (oh[i] !== -1) out[i] = valueOf.get(oh[i])!;
    }
    const texts: string[][] = [];
    for (let k = 0; k < stringCols.length; k++) {
      const s = stringCols[k];
      const hashes = stringHash[k];
      if (s.kind === "resolution") {
        const sizeOf = await distinct(`s${k}`, "true", (v) => builder.parseResolutionCell(v));
        if (typeof sizeOf === "string") return decline(sizeOf);
        const width = new Float64Array(n);
        const height = new Float64Array(n);
        for (let i = 0; i < n; i++) {
          const r = sizeOf.get(hashes[i]);
          if (r === undefined) return decline("a resolution's hash is missing");
          width[i] = r.width;
          height[i] = r.height;
        }
        values.push(width, height);
      } else {
        const textOf = await distinct(`s${k}`, "true", (v) => builder.textOf(v));
        if (typeof textOf === "string") return decline(textOf);
        const out: string[] = new Array(n);
        for (let i = 0; i < n; i++) {
          const t = textOf.get(hashes[i]);
          if (t === undefined) return decline("a text's hash is missing");
          out[i] = t;
        }
        texts.push(out);
      }
    }
    const bad = builder.assembler.addBlock(titleCodes, values, texts, 0, scan.lines);
    if (bad >= 0) return decline(`line ${scan.lines[bad]} holds a negative or non-finite number (reported by csv-parse)`);
    return builder.finish();
  } finally {
    con?.closeSync();
    instance?.closeSync();
  }
}

/**
 * Plain numbers in place with the declared unit applied by units.ts's own applyScale, as
 * the builder reads them. Rows holding other text (otherHash ≠ −1) are left for the
 * builder's answers.
 */
function applyPlainScale(values: Float64Array, otherHash: Float64Array | undefined, scale: UnitScale | undefined | null): void {
  if (!scale) return;
  for (let i = 0; i < values.length; i++) {
    const x = values[i];
    if (x !== x || (otherHash !== undefined && otherHash[i] !== -1)) continue;
    values[i] = applyScale(x, scale);
  }
}

function hasPlainValue(values: Float64Array, otherHash: Float64Array | undefined): boolean {
  for (let i = 0; i < values.length; i++) if (values[i] === values[i] && (otherHash === undefined || otherHash[i] === -1)) return true;
  return false;
}

/**
 * A query's DOUBLE columns as Float64Arrays of `n` rows (NULLs must have been coalesced
 * away), read through the public vector API.
 */
export async function readDoubles(con: import("@duckdb/node-api").DuckDBConnection, sql: string, cols: number, n: number): Promise<Float64Array[]> {
  const res = await con.run(sql);
  const out = Array.from({ length: cols }, () => new Float64Array(n));
  let off = 0;
  for (let ci = 0; ci < res.chunkCount; ci++) {
    const chunk = res.getChunk(ci);
    const m = chunk.rowCount;
    if (off + m > n) throw new Error(`readDoubles: more than the ${n} rows counted`);
    for (let k = 0; k < cols; k++) {
      const vec = chunk.getColumnVector(k);
      const dst = out[k];
      for (let i = 0; i < m; i++) {
        const v = vec.getItem(i);
        if (typeof v !== "number") throw new Error(`readDoubles: column ${k} row ${off + i} is ${String(v)}, expected a double`);
        dst[off + i] = v;
      }
    }
    off += m;
  }
  if (off !== n) throw new Error(`readDoubles: ${off} rows where ${n} were counted`);
  return out;
}

/**
 * Distinct combinations of `exprs` in order of first appearance (rowid order), each
 * split back into its parts. Joined into one string in DuckDB (NUL between
 * combinations, \x01 between parts) because fetching strings one by one costs about
 * a microsecond each; a value containing either separator shows up as a wrong count.
 */
async function distinctInOrder(con: import("@duckdb/node-api").DuckDBConnection, parts: string[]): Promise<string[][] | null> {
  const combo = parts.join(" || chr(1) || ");
  const res = await con.runAndReadAll(
    `SELECT count(*), string_agg(x, chr(0) ORDER BY f) FROM (SELECT ${combo} AS x, min(rowid) AS f FROM t GROUP BY ${parts.join(", ")})`,
  );
  const [countValue, joined] = res.getRowsJS()[0] as [bigint | number, string | null];
  const count = Number(countValue);
  if (count === 0 || joined === null) return null;
  const items = joined.split("\u0000");
  if (items.length !== count) return null;
  const out: string[][] = new Array(count);
  for (let r = 0; r < count; r++) {
    const p = parts.length === 1 ? [items[r]] : items[r].split("\u0001");
    if (p.length !== parts.length) return null;
    out[r] = p;
  }
  return out;
}

/** What the byte scan found: data records and the line each ends on, as csv-parse counts them. */
export interface Scan {
  records: number;
  lines: Int32Array;
  /** The file holds "_" or "+-" somewhere: spellings DuckDB reads as numbers and Number() does not. */
  suspicious: boolean;
  /** The file is not valid UTF-8 (csv-parse's path names the line). */
  invalidUtf8: boolean;
}

/** Where a chunk's trailing, possibly incomplete UTF-8 sequence starts (the length when none). */
function utf8Cut(view: Buffer, from: number): number {
  let i = view.length - 1;
  let back = 0;
  while (i >= from && back < 3 && (view[i] & 0xc0) === 0x80) {
    i--;
    back++;
  }
  if (i < from) return view.length;
  const b = view[i];
  const len = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
  return len > view.length - i ? i : view.length;
}

/** Validates UTF-8 across chunks: a sequence split between two chunks is checked whole. */
class Utf8Check {
  valid = true;
  private carry = Buffer.alloc(0);
  chunk(view: Buffer, from: number): void {
    if (!this.valid) return;
    let start = from;
    if (this.carry.length > 0) {
      const lead = this.carry[0];
      const need = (lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : 2) - this.carry.length;
      if (!isUtf8(Buffer.concat([this.carry, view.subarray(from, from + need)]))) this.valid = false;
      start = from + need;
      this.carry = Buffer.alloc(0);
    }
    const cut = Math.max(start, utf8Cut(view, start));
    if (!isUtf8(view.subarray(start, cut))) this.valid = false;
    this.carry = Buffer.from(view.subarray(cut));
  }
  end(): boolean {
    return this.valid && this.carry.length === 0;
  }
}

const LF = 10;
const CR = 13;
const QUOTE = 34;

/** The scan's position between chunks of the file. */
class ScanState {
  inQuote = false;
  /** Just past a closing quote (or the first of a doubled one). */
  afterClose = false;
  /** The byte before the next one, LF at the start of the file. */
  prev = LF;
  /** The current line holds something besides its line end. */
  lineContent = false;
  /** The previous chunk ended in a CR. */
  pendingCR = false;
  sawLF = false;
  sawCRLF = false;
  suspicious = false;
  line = 1;
  /** Records so far, the header included. */
  count = 0;
  lines = new Int32Array(1 << 16);

  endRecord(): void {
    if (this.count > 0) {
      if (this.count - 1 === this.lines.length) {
        const grown = new Int32Array(this.lines.length * 2);
        grown.set(this.lines);
        this.lines = grown;
      }
      this.lines[this.count - 1] = this.line;
    }
    this.count++;
  }
}

/**
 * Records and their end lines, checking quotes as csv-parse does with its defaults: a
 * quote opens a field only at its start, "" inside a quoted field is a quote, and a
 * closing quote is followed by a delimiter or a line end. Empty lines are skipped
 * (skip_empty_lines). Null for anything this scan does not mirror exactly: a quoting
 * error, a lone CR, LF and CR LF line endings mixed. Native indexOf does the looking,
 * so a file is scanned at memory speed rather than byte by byte in JS.
 */
export async function scanRecords(file: string, delimiter: number): Promise<Scan | null> {
  const handle = await open(file, "r");
  try {
    const buf = Buffer.allocUnsafe(1 << 24);
    const st = new ScanState();
    const utf8 = new Utf8Check();
    let first = true;
    for (;;) {
      const { bytesRead } = await handle.read(buf, 0, buf.length, null);
      if (bytesRead === 0) break;
      let from = 0;
      if (first) {
        first = false;
        if (bytesRead >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) from = 3;
      }
      const view = buf.subarray(0, bytesRead);
      if (!st.suspicious) st.suspicious = suspiciousBytes(view, from, st.prev);
      utf8.chunk(view, from);
      if (!scanChunk(view, from, delimiter, st)) return null;
    }
    if (st.inQuote || st.pendingCR) return null; // an unclosed quote; a final lone CR
    if (st.lineContent) st.endRecord();
    const records = Math.max(0, st.count - 1);
    return { records, lines: st.lines.slice(0, records), suspicious: st.suspicious, invalidUtf8: !utf8.end() };
  } finally {
    await handle.close();
  }
}

const isDigit = (b: number) => b >= 48 && b <= 57;

/**
 * Whether a chunk holds what DuckDB reads as a number and Number() does not: a "_"
 * between two digits ("1_000") or "+-" before a digit or point ("+-1"). At a chunk
 * edge the answer is yes, to keep it simple; `prev` is the byte before the chunk.
 */
function suspiciousBytes(view: Buffer, from: number, prev: number): boolean {
  const len = view.length;
  for (let p = view.indexOf(95, from); p >= 0; p = view.indexOf(95, p + 1)) {
    const before = p > from ? view[p - 1] : prev;
    if (p + 1 >= len || (isDigit(before) && isDigit(view[p + 1]))) return true;
  }
  if ((prev === 43 && view[from] === 45) || view[len - 1] === 43) return true;
  for (let p = view.indexOf("+-", from); p >= 0; p = view.indexOf("+-", p + 1)) {
    if (p + 2 >= len || isDigit(view[p + 2]) || view[p + 2] === 46) return true;
  }
  return false;
}

/** Position of the next `byte` from `from` on, or the chunk's length when there is none. */
function find(view: Buffer, byte: number, from: number): number {
  const p = view.indexOf(byte, from);
  return p < 0 ? view.length : p;
}

/** One chunk of the scan; false on anything csv-parse would reject (or read differently). */
function scanChunk(view: Buffer, from: number, delim: number, st: ScanState): boolean {
  const len = view.length;
  let i = from;
  let nextQuote = -1;
  let nextCR = -1;
  let nextLF = -1;
  if (st.pendingCR) {
    if (len === 0 || view[0] !== LF) return false;
  }
  while (i < len) {
    if (st.inQuote) {
      const q = view.indexOf(QUOTE, i);
      const end = q < 0 ? len : q;
      // Inside quotes csv-parse counts every CR and every LF as a line (CR LF as two).
      // Next positions are cached: searching afresh for a byte the file lacks would
      // scan to the end of the chunk for every quoted field.
      if (nextLF < i) nextLF = find(view, LF, i);
      while (nextLF < end) {
        st.line++;
        nextLF = find(view, LF, nextLF + 1);
      }
      if (nextCR < i) nextCR = find(view, CR, i);
      while (nextCR < end) {
        st.line++;
        nextCR = find(view, CR, nextCR + 1);
      }
      if (q < 0) {
        st.prev = view[len - 1];
        return true;
      }
      st.inQuote = false;
      st.afterClose = true;
      i = q + 1;
      continue;
    }
    if (st.afterClose) {
      const b = view[i];
      if (b === QUOTE) {
        st.inQuote = true; // a doubled quote
        st.afterClose = false;
        i++;
        continue;
      }
      st.afterClose = false;
      if (b === delim) {
        st.prev = delim;
        i++;
        continue;
      }
      if (b !== LF && b !== CR) return false; // csv-parse: invalid closing quote
    }
    // Outside quotes: up to the next line end, unless a quote or a CR comes first.
    if (nextLF < i) nextLF = find(view, LF, i);
    const lf = nextLF;
    if (nextQuote < i) nextQuote = find(view, QUOTE, i);
    if (nextCR < i) nextCR = find(view, CR, i);
    if (nextQuote < lf) {
      const q = nextQuote;
      if (nextCR < q) return false; // a CR not ending a line
      const before = q > i ? view[q - 1] : st.prev;
      if (before !== delim && before !== LF) return false; // csv-parse: invalid opening quote
      st.lineContent = true;
      st.inQuote = true;
      i = q + 1;
      continue;
    }
    if (lf === len) {
      // No line end in the rest of the chunk.
      if (nextCR < len - 1) return false;
      st.pendingCR = nextCR === len - 1;
      if ((st.pendingCR ? len - 1 : len) > i) st.lineContent = true;
      st.prev = view[len - 1];
      return true;
    }
    const crlf = lf > 0 ? view[lf - 1] === CR && lf - 1 >= i : st.pendingCR;
    if (nextCR < lf && !(crlf && nextCR === lf - 1)) return false; // a CR not ending a line
    st.pendingCR = false;
    if (crlf) st.sawCRLF = true;
    else st.sawLF = true;
    // csv-parse settles on one line ending; with both, CRs would be data to it.
    if (st.sawLF && st.sawCRLF) return false;
    if (st.lineContent || (crlf ? lf - 1 : lf) > i) st.endRecord();
    st.lineContent = false;
    st.line++;
    st.prev = LF;
    i = lf + 1;
  }
  if (len > 0) st.prev = view[len - 1];
  return true;
}
