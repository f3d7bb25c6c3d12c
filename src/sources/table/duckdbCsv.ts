/**
 * A fast path for large delimited files: DuckDB's `read_csv` tokenizes the file and
 * parses plain numbers natively, and the result lands in typed arrays. It must give
 * exactly the catalog the csv-parse path (csv.ts + builder.ts) gives, so it only does
 * what it can reproduce and otherwise returns null, and the caller falls back to
 * csv-parse — which also has the file:line messages for anything wrong in the file.
 *
 * How it stays exact:
 * - Plain decimal numbers ("5525000", "-1.5e3") are parsed by DuckDB; its parser and
 *   JS's Number() both round correctly, so they give the same double. The declared
 *   unit is then applied with units.ts's own `applyScale`, and values ≤ 0 read as
 *   missing, as the builder does. Numeric columns are first read as DOUBLE (DuckDB's
 *   fastest path); if any cell is not a plain number that read fails or is rejected,
 *   and the columns are read as text and sorted out cell by cell instead.
 * - Everything else — titles, "NA", "92 min", "1920x1080", codecs — is handled per
 *   distinct string by a real CatalogBuilder fed one record per distinct value, so
 *   trimming, joining, missing-value rules and parsers are the builder's own. DuckDB
 *   hashes each row's string(s); the hashes, mapped to the distinct values, carry the
 *   builder's answers back to the rows (a hash collision is detected and falls back).
 * - A byte-level scan of the file, run while DuckDB reads it, checks quoting the way
 *   csv-parse does (DuckDB accepts some stray quotes csv-parse rejects), counts records
 *   and records each record's line for `origin`, as csv-parse reports it.
 */
import { open } from "node:fs/promises";
import { parse as parseCsvSync } from "csv-parse/sync";
import { makeCatalog, type Catalog, type NumericField, type TextField } from "../../catalog/catalog.js";
import { applyScale, unitScale, type UnitKind, type UnitScale } from "../../catalog/units.js";
import { densify } from "../../base/densify.js";
import { CatalogBuilder } from "../catalogBuilder.js";
import { checkMapAgainstHeader, detectFieldMap } from "./detect.js";
import type { FieldMap, MapField } from "./fieldMap.js";

export interface DuckDbCsvOptions {
  delimiter: string;
  /** The catalog's `source`. */
  source: string;
  /** Options the fast path does not reproduce; any of them set → null. */
  filter?: unknown;
  unique?: string;
  relaxQuotes?: boolean;
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

/** Numeric map fields, in the builder's column order, with their unit kind. */
const NUMERIC_FIELDS: { name: MapField; field: NumericField; kind?: UnitKind }[] = [
  { name: "duration", field: "duration_ms", kind: "duration" },
  { name: "bitrate", field: "bitrate_kbps", kind: "bitrate" },
  { name: "size", field: "size_bytes", kind: "size" },
  { name: "width", field: "width" },
  { name: "height", field: "height" },
  { name: "fps", field: "fps" },
];

const TEXT_FIELDS: TextField[] = ["codec", "container"];

/**
 * For `loadTable`: the header of a delimited file from its sniffed head, parsed as
 * csv.ts parses it (first record, trimmed), or null when the head does not hold a
 * complete first record.
 */
export function readCsvHeader(head: string, delimiter: string): string[] | null {
  const nl = head.search(/[\r\n]/);
  if (nl < 0) return null;
  try {
    const records = parseCsvSync(head, { delimiter, bom: true, relax_column_count: true, skip_empty_lines: true, to: 1 }) as string[][];
    if (records.length !== 1 || records[0].join("").includes("\n")) return null;
    return records[0].map((h) => h.trim());
  } catch {
    return null;
  }
}

/**
 * `loadTable`'s entry point: the map resolved as csv.ts resolves it, then the fast path.
 * Null whenever the csv-parse path should run instead (including every user error, so
 * that it is reported by that path, with its file:line).
 */
export async function tryLoadCsvWithDuckDB(
  file: string,
  head: string,
  userMap: FieldMap | undefined,
  opts: DuckDbCsvOptions,
): Promise<Catalog | null> {
  const header = readCsvHeader(head, opts.delimiter);
  if (!header) return null;
  let map: FieldMap;
  try {
    map = detectFieldMap(header, userMap);
    checkMapAgainstHeader(map, header, file);
  } catch {
    return null;
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

/**
 * The catalog of `file` read through DuckDB, identical to what the csv-parse path
 * builds, or null when that cannot be guaranteed (see the module comment).
 */
export async function loadCsvWithDuckDB(file: string, header: string[], map: FieldMap, opts: DuckDbCsvOptions): Promise<Catalog | null> {
  if (opts.filter !== undefined || opts.unique !== undefined || opts.relaxQuotes) return null;
  if (!map.title || opts.delimiter.length !== 1) return null;
  const col = (name: string) => header.indexOf(name);
  const titleIdx = map.title.columns.map(col);
  const numeric: NumericPlan[] = [];
  for (const f of NUMERIC_FIELDS) {
    const ref = map[f.name];
    if (!ref) continue;
    let scale: UnitScale | undefined | null = undefined;
    if (f.kind) {
      if (ref.unit === undefined || ref.unit.trim() === "") scale = null;
      else {
        try {
          scale = unitScale(f.kind, ref.unit);
        } catch {
          return null; // an unknown unit: the csv path reports it
        }
      }
    }
    numeric.push({ field: f.field, index: col(ref.columns[0]), scale });
  }
  // Columns whose every value goes through the builder as a distinct string.
  const stringCols: { index: number; kind: "resolution" | TextField }[] = [];
  if (map.resolution) stringCols.push({ index: col(map.resolution.columns[0]), kind: "resolution" });
  for (const f of TEXT_FIELDS) if (map[f]) stringCols.push({ index: col(map[f]!.columns[0]), kind: f });
  if ([...titleIdx, ...numeric.map((c) => c.index), ...stringCols.map((c) => c.index)].some((i) => i < 0)) return null;

  // The builder refuses some maps outright (e.g. resolution with width); so does the csv path.
  try {
    miniBuilder(file, header, map);
  } catch {
    return null;
  }

  let duck: typeof import("@duckdb/node-api");
  try {
    duck = await import("@duckdb/node-api");
  } catch {
    return null;
  }
  let instance: import("@duckdb/node-api").DuckDBInstance | undefined;
  let con: import("@duckdb/node-api").DuckDBConnection | undefined;
  try {
    instance = await duck.DuckDBInstance.create(":memory:");
    con = await instance.connect();
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
    const attempt = con.run(table(true)).then(
      () => true,
      () => false,
    );
    // Runs on this thread while DuckDB reads on its own.
    const scanning = scanRecords(file, opts.delimiter.charCodeAt(0));
    const [scan, typedOk] = await Promise.all([scanning, attempt]);
    if (!scan) return null;
    let exactTyped = typedOk && !scan.suspicious;
    if (exactTyped && numeric.length > 0) {
      const nonFinite = numeric.map((_, k) => `count(*) FILTER (WHERE NOT isfinite(v${k}))`).join(" + ");
      exactTyped = Number((await con.runAndReadAll(`SELECT ${nonFinite} FROM t`)).getRowsJS()[0][0]) === 0;
    }
    if (!exactTyped) await con.run(table(false));

    const counts = (await con.runAndReadAll(`SELECT count(*)${numeric.map((_, k) => `, count(o${k})`).join("")} FROM t`)).getRowsJS()[0].map(Number);
    const n = counts[0];
    if (n === 0 || n !== scan.records) return null;
    const hasOther = numeric.map((_, k) => counts[k + 1] > 0);

    // Row-aligned numbers: title hash, plain values, hashes of other/string values.
    const rowCols = ["th"];
    numeric.forEach((_, k) => rowCols.push(`coalesce(v${k}, CAST('NaN' AS DOUBLE))`));
    numeric.forEach((_, k) => {
      if (hasOther[k]) rowCols.push(`CASE WHEN o${k} IS NULL THEN -1 ELSE ${hash53(`o${k}`)} END`);
    });
    stringCols.forEach((_, k) => rowCols.push(`sh${k}`));
    const rows = await readDoubles(con, `SELECT ${rowCols.join(", ")} FROM t`, rowCols.length, n);
    if (!rows) return null;
    let next = 0;
    const titleHash = rows[next++];
    const plainValues = numeric.map(() => rows[next++]);
    const otherHash = numeric.map((_, k) => (hasOther[k] ? rows[next++] : undefined));
    const stringHash = stringCols.map(() => rows[next++]);

    // A plain number where the unit is missing is an error in the csv path.
    for (let k = 0; k < numeric.length; k++) {
      if (numeric[k].scale === null && hasPlainValue(plainValues[k])) return null;
    }

    // Titles: distinct combinations in order of first appearance, and the rows' title
    // hashes numbered the same way. (Overlapping the two does not pay on two cores:
    // DuckDB's query already keeps both busy.)
    const combos = await distinctInOrder(con, titleIdx.map((_, j) => `t${j}`));
    if (!combos) return null;
    const raw = densify(titleHash);
    if (raw.count !== combos.length) return null; // a hash collision
    const nonPositive = numeric.map((p, k) => convertPlain(plainValues[k], otherHash[k], p.scale));
    let titleNames: string[];
    let titleCodes: Int32Array;
    if (titleIdx.length === 1 && combos.every((c) => c[0] !== "" && c[0].trim() === c[0])) {
      // The common case needs no builder: a single column's title is its trimmed text,
      // so already-trimmed distinct texts are the distinct titles, and first appearance
      // numbers both alike.
      titleNames = combos.map((c) => c[0]);
      titleCodes = raw.codes;
    } else {
      // Only the title: parsing empty cells of every other column would triple the cost.
      const titleBuilder = miniBuilder(file, header, { title: map.title });
      const blank = header.map(() => "");
      for (let r = 0; r < combos.length; r++) {
        const rec = blank.slice();
        titleIdx.forEach((i, j) => (rec[i] = combos[r][j]));
        titleBuilder.add(rec, r + 2);
      }
      if (titleBuilder.rejected().size > 0) return null;
      const titleCat = titleBuilder.finish(opts.source);
      titleNames = titleCat.titleNames;
      titleCodes = new Int32Array(n);
      const codeOfCombo = titleCat.titleCodes;
      const rc = raw.codes;
      for (let i = 0; i < n; i++) titleCodes[i] = codeOfCombo[rc[i]];
    }

    // Non-plain numeric values and string columns: distinct values through one builder.
    const valueBuilder = miniBuilder(file, header, map);
    const placeholder = header.map(() => "");
    titleIdx.forEach((i) => (placeholder[i] = "x"));
    let record = 0;
    const lookups: { hashes: Float64Array; recordOf: Map<number, number> }[] = [];
    const addDistinct = async (expr: string, index: number, where: string) => {
      const res = await con!.runAndReadAll(
        `SELECT ${hash53(expr)} AS h, ${expr} AS v FROM t WHERE ${where} GROUP BY ALL LIMIT ${MAX_OTHER_VALUES + 1}`,
      );
      const pairs = res.getRowsJS() as [number, string][];
      if (pairs.length > MAX_OTHER_VALUES) return null;
      const recordOf = new Map<number, number>();
      for (const [h, v] of pairs) {
        if (recordOf.has(h)) return null; // a hash collision
        const rec = placeholder.slice();
        rec[index] = v;
        valueBuilder.add(rec, record + 2);
        recordOf.set(h, record++);
      }
      return recordOf;
    };
    const otherRecords: (Map<number, number> | undefined)[] = [];
    for (let k = 0; k < numeric.length; k++) {
      if (!hasOther[k]) {
        otherRecords.push(undefined);
        continue;
      }
      const m = await addDistinct(`o${k}`, numeric[k].index, `o${k} IS NOT NULL`);
      if (!m) return null;
      otherRecords.push(m);
    }
    for (let k = 0; k < stringCols.length; k++) {
      const m = await addDistinct(`s${k}`, stringCols[k].index, "true");
      if (!m) return null;
      lookups.push({ hashes: stringHash[k], recordOf: m });
    }
    let values: Catalog | undefined;
    if (record > 0) {
      if (valueBuilder.rejected().size > 0) return null;
      values = valueBuilder.finish(opts.source);
      // The builder folds "missing" and "≤ 0" into NaN; when a distinct value was ≤ 0
      // the per-row count of them would need the split, so leave it to csv-parse.
      if (values.notes.length > 0) return null;
    }

    // Assemble the columns: plain values are converted already, the others come from the builder.
    const columns: Catalog["numeric"] = {};
    const notes: string[] = [];
    for (let k = 0; k < numeric.length; k++) {
      const p = numeric[k];
      const out = plainValues[k];
      const oh = otherHash[k];
      if (oh !== undefined) {
        const recOf = otherRecords[k]!;
        const otherValues = values!.numeric[p.field]!;
        for (let i = 0; i < n; i++) if (oh[i] !== -1) out[i] = otherValues[recOf.get(oh[i])!];
      }
      columns[p.field] = out;
      if (nonPositive[k] > 0) notes.push(`${p.field}: ${nonPositive[k]} zero or negative values read as missing`);
    }
    const text: Catalog["text"] = {};
    for (let k = 0; k < stringCols.length; k++) {
      const s = stringCols[k];
      const { hashes, recordOf } = lookups[k];
      const recs = new Int32Array(n);
      for (let i = 0; i < n; i++) recs[i] = recordOf.get(hashes[i]) ?? -1;
      if (recs.includes(-1)) return null;
      if (s.kind === "resolution") {
        const w = values!.numeric.width!;
        const h = values!.numeric.height!;
        columns.width = Float64Array.from(recs, (r) => w[r]);
        columns.height = Float64Array.from(recs, (r) => h[r]);
      } else {
        const out = values!.text[s.kind]!;
        text[s.kind] = Array.from(recs, (r) => out[r]);
      }
    }
    // Provenance and column order as the builder gives them, from a one-row catalog.
    const shapeBuilder = miniBuilder(file, header, map);
    shapeBuilder.add(placeholder, 2);
    const shape = shapeBuilder.finish(opts.source);
    const ordered: Catalog["numeric"] = {};
    for (const key of Object.keys(shape.numeric) as NumericField[]) if (columns[key]) ordered[key] = columns[key];

    return makeCatalog({
      source: opts.source,
      rows: n,
      titleCodes,
      titleNames,
      numeric: ordered,
      text,
      provenance: shape.provenance,
      rejected: {},
      notes,
      origin: { files: [file], file: new Int32Array(n), line: scan.lines },
    });
  } catch {
    return null;
  } finally {
    con?.closeSync();
    instance?.closeSync();
  }
}

/** A builder for distinct values: same header and map as the file, invalid rows counted rather than thrown. */
function miniBuilder(file: string, header: string[], map: FieldMap): CatalogBuilder {
  return new CatalogBuilder({ file, header, map, skipInvalid: true });
}

/**
 * Plain numbers in place as the builder reads them: the declared unit applied with
 * units.ts's own applyScale, values ≤ 0 read as missing. Rows holding other text
 * (otherHash ≠ −1) are left for the builder's answers. Returns how many were ≤ 0.
 */
function convertPlain(values: Float64Array, otherHash: Float64Array | undefined, scale: UnitScale | undefined | null): number {
  let nonPositive = 0;
  for (let i = 0; i < values.length; i++) {
    let x = values[i];
    if (x !== x || (otherHash !== undefined && otherHash[i] !== -1)) continue;
    if (scale) x = applyScale(x, scale);
    if (x <= 0) {
      nonPositive++;
      x = NaN;
    }
    values[i] = x;
  }
  return nonPositive;
}

function hasPlainValue(values: Float64Array): boolean {
  for (let i = 0; i < values.length; i++) if (values[i] === values[i]) return true;
  return false;
}

/**
 * A query's DOUBLE columns as Float64Arrays of `n` rows (NULLs must have been
 * coalesced away). Reads each vector's backing array directly when the installed
 * @duckdb/node-api exposes it (a private field, hence the check), else item by item.
 */
async function readDoubles(con: import("@duckdb/node-api").DuckDBConnection, sql: string, cols: number, n: number): Promise<Float64Array[] | null> {
  const res = await con.run(sql);
  const out = Array.from({ length: cols }, () => new Float64Array(n));
  let off = 0;
  for (let ci = 0; ci < res.chunkCount; ci++) {
    const chunk = res.getChunk(ci);
    const m = chunk.rowCount;
    if (off + m > n) return null;
    for (let k = 0; k < cols; k++) {
      const vec = chunk.getColumnVector(k);
      const items = (vec as unknown as { items?: unknown }).items;
      if (items instanceof Float64Array && items.length === m) {
        out[k].set(items, off);
      } else {
        const dst = out[k];
        for (let i = 0; i < m; i++) {
          const v = vec.getItem(i);
          if (typeof v !== "number") return null;
          dst[off + i] = v;
        }
      }
    }
    off += m;
  }
  return off === n ? out : null;
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
      if (!scanChunk(view, from, delimiter, st)) return null;
    }
    if (st.inQuote || st.pendingCR) return null; // an unclosed quote; a final lone CR
    if (st.lineContent) st.endRecord();
    const records = Math.max(0, st.count - 1);
    return { records, lines: st.lines.slice(0, records), suspicious: st.suspicious };
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
