/**
 * Builds a columnar Catalog from records arriving one at a time (CSV rows, JSON
 * objects). Values go straight into growable typed arrays; no row object is kept.
 */
import { makeCatalog, type Catalog, type NumericField, type TextField } from "../catalog/catalog.js";
import { makeNumberParser, parseFps, parseResolution } from "../catalog/units.js";
import { UserError, locatedError } from "../base/errors.js";
import type { FieldMap } from "./table/fieldMap.js";

export type CellValue = string | number | null | undefined;

export interface TableSpec {
  /** Shown in messages: the file being read. */
  file: string;
  header: string[];
  /** Resolved map, already checked against the header. */
  map: FieldMap;
  /** Keep only rows whose column equals this value. */
  filter?: { column: string; equals: string };
  /** Drop later rows that repeat this column's value. */
  unique?: string;
  skipInvalid: boolean;
  /** Rows with more fields than the header: an error, or extra fields ignored. */
  extraFields?: "error" | "ignore";
}

/** A row skipped with --skip-invalid: counted by reason, first occurrence kept. */
export interface RejectReport {
  count: number;
  first: string;
}

class GrowableF64 {
  buf = new Float64Array(1024);
  length = 0;
  push(x: number): void {
    if (this.length === this.buf.length) {
      const next = new Float64Array(this.buf.length * 2);
      next.set(this.buf);
      this.buf = next;
    }
    this.buf[this.length++] = x;
  }
  done(): Float64Array {
    return this.buf.slice(0, this.length);
  }
}

class GrowableI32 {
  buf = new Int32Array(1024);
  length = 0;
  push(x: number): void {
    if (this.length === this.buf.length) {
      const next = new Int32Array(this.buf.length * 2);
      next.set(this.buf);
      this.buf = next;
    }
    this.buf[this.length++] = x;
  }
  done(): Int32Array {
    return this.buf.slice(0, this.length);
  }
}

type Parser = (v: CellValue) => number;

interface NumericColumn {
  field: NumericField;
  index: number;
  parse: Parser;
  out: GrowableF64;
  /** Values ≤ 0 read as missing (a zero runtime means "unknown" in every catalog we know). */
  nonPositive: number;
}

const NUMERIC_OF: Record<string, { field: NumericField; kind?: "duration" | "bitrate" | "size" }> = {
  duration: { field: "duration_ms", kind: "duration" },
  bitrate: { field: "bitrate_kbps", kind: "bitrate" },
  size: { field: "size_bytes", kind: "size" },
  width: { field: "width" },
  height: { field: "height" },
  fps: { field: "fps" },
};

function isMissing(v: CellValue): boolean {
  if (v === null || v === undefined) return true;
  if (typeof v === "number") return Number.isNaN(v);
  const s = v.trim();
  return s === "" || s === "NA" || s === "NaN" || s === "null" || s === "N/A" || s === "\\N";
}

function plainNumber(field: string): Parser {
  return (v) => {
    if (isMissing(v)) return NaN;
    const x = typeof v === "number" ? v : Number(String(v).trim());
    if (Number.isNaN(x)) throw new UserError(`${field} "${v}" is not a number (expected pixels, e.g. 1080)`);
    return x;
  };
}

/** JSON numbers go through the same text parser, so units apply identically. */
function fromText(parse: (text: string) => number): Parser {
  return (v) => (v === null || v === undefined ? NaN : parse(typeof v === "string" ? v : String(v)));
}

export class CatalogBuilder {
  private readonly titleIdx: number[];
  private readonly titleCodes = new GrowableI32();
  private readonly titleDict = new Map<string, number>();
  private readonly titleNames: string[] = [];
  private readonly numeric: NumericColumn[] = [];
  private readonly resolution?: { index: number; width: GrowableF64; height: GrowableF64 };
  private readonly text: { field: TextField; index: number; out: string[] }[] = [];
  private readonly filterIdx: number;
  private readonly uniqueIdx: number;
  private readonly seen = new Set<string>();
  private readonly rejects = new Map<string, RejectReport>();
  private rows = 0;
  /** Parsed numeric values of the row being added, kept until the whole row is valid. */
  private readonly scratch: number[] = [];
  /** Where each row came from: file index and line, for `inspect --items`. */
  private readonly files: string[] = [];
  private readonly originFile = new GrowableI32();
  private readonly originLine = new GrowableI32();

  constructor(private readonly spec: TableSpec) {
    this.files.push(spec.file);
    const col = (name: string) => spec.header.indexOf(name);
    const map = spec.map;
    this.titleIdx = map.title!.columns.map(col);
    for (const [name, info] of Object.entries(NUMERIC_OF)) {
      const ref = map[name as keyof FieldMap];
      if (!ref) continue;
      const parse: Parser =
        info.kind !== undefined
          ? fromText(makeNumberParser(info.kind, ref.unit))
          : info.field === "fps"
            ? (v) => (isMissing(v) ? NaN : typeof v === "number" ? v : parseFps(String(v)))
            : plainNumber(name);
      this.numeric.push({ field: info.field, index: col(ref.columns[0]), parse, out: new GrowableF64(), nonPositive: 0 });
    }
    if (map.resolution) {
      if (map.width || map.height) {
        throw new UserError(`--map: give either resolution or width/height, not both`);
      }
      this.resolution = { index: col(map.resolution.columns[0]), width: new GrowableF64(), height: new GrowableF64() };
    }
    for (const field of ["codec", "container"] as const) {
      const ref = map[field];
      if (ref) this.text.push({ field, index: col(ref.columns[0]), out: [] });
    }
    this.filterIdx = spec.filter ? col(spec.filter.column) : -1;
    this.uniqueIdx = spec.unique ? col(spec.unique) : -1;
    if (spec.filter && this.filterIdx < 0) throw new UserError(`${spec.file}: filter column "${spec.filter.column}" is not in the header`);
    if (spec.unique && this.uniqueIdx < 0) throw new UserError(`${spec.file}: unique column "${spec.unique}" is not in the header`);
  }

  /** Later records come from another file with the same header. */
  beginFile(file: string): void {
    if (this.files[this.files.length - 1] === file) return;
    this.files.push(file);
    this.spec.file = file;
  }

  /** Add one record; `line` is its 1-based line (or record number) for messages. */
  add(values: ArrayLike<CellValue>, line: number): void {
    const spec = this.spec;
    if (values.length !== spec.header.length && !(values.length > spec.header.length && spec.extraFields === "ignore")) {
      this.reject("wrong number of fields", line, `expected ${spec.header.length} fields (as in the header), found ${values.length}`);
      return;
    }
    if (this.filterIdx >= 0 && String(values[this.filterIdx] ?? "") !== spec.filter!.equals) return;
    if (this.uniqueIdx >= 0) {
      const key = String(values[this.uniqueIdx] ?? "");
      if (this.seen.has(key)) return;
      this.seen.add(key);
    }
    const title = this.titleOf(values);
    if (title === "") {
      this.reject("empty title", line, `title (${spec.map.title!.columns.join("+")}) is empty`);
      return;
    }
    // Parse everything before appending anything, so a rejected row leaves no trace.
    const parsed = this.scratch;
    for (let k = 0; k < this.numeric.length; k++) {
      const c = this.numeric[k];
      try {
        parsed[k] = c.parse(values[c.index]);
      } catch (e) {
        if (!(e instanceof UserError)) throw e;
        this.reject(`invalid ${c.field}`, line, e.message);
        return;
      }
    }
    let w = NaN;
    let h = NaN;
    if (this.resolution) {
      const v = values[this.resolution.index];
      if (!isMissing(v)) {
        try {
          ({ width: w, height: h } = parseResolution(String(v)));
        } catch (e) {
          if (!(e instanceof UserError)) throw e;
          this.reject("invalid resolution", line, e.message);
          return;
        }
      }
    }
    for (let k = 0; k < this.numeric.length; k++) {
      const c = this.numeric[k];
      let x = parsed[k];
      if (x <= 0) {
        c.nonPositive++;
        x = NaN;
      }
      c.out.push(x);
    }
    if (this.resolution) {
      this.resolution.width.push(w > 0 ? w : NaN);
      this.resolution.height.push(h > 0 ? h : NaN);
    }
    for (const t of this.text) t.out.push(isMissing(values[t.index]) ? "" : String(values[t.index]));
    let code = this.titleDict.get(title);
    if (code === undefined) {
      code = this.titleNames.length;
      this.titleDict.set(title, code);
      this.titleNames.push(title);
    }
    this.titleCodes.push(code);
    this.originFile.push(this.files.length - 1);
    this.originLine.push(line);
    this.rows++;
  }

  private titleOf(values: ArrayLike<CellValue>): string {
    const idx = this.titleIdx;
    if (idx.length === 1) {
      const v = values[idx[0]];
      return v === null || v === undefined ? "" : String(v).trim();
    }
    const parts: string[] = [];
    for (const i of idx) {
      const v = values[i];
      const s = v === null || v === undefined ? "" : String(v).trim();
      if (s !== "") parts.push(s);
    }
    return parts.join(" — ");
  }

  private reject(reason: string, line: number, detail: string): void {
    if (!this.spec.skipInvalid) {
      throw locatedError(this.spec.file, line, `${detail} — fix the row or pass --skip-invalid to skip such rows`);
    }
    const r = this.rejects.get(reason);
    if (r) r.count++;
    else this.rejects.set(reason, { count: 1, first: `${this.spec.file}:${line}: ${detail}` });
  }

  /** Reasons and counts of rows skipped so far. */
  rejected(): Map<string, RejectReport> {
    return this.rejects;
  }

  finish(source: string): Catalog {
    if (this.rows === 0) {
      const skipped = [...this.rejects.values()].reduce((a, r) => a + r.count, 0);
      throw new UserError(
        skipped > 0
          ? `${this.spec.file}: no valid rows (${skipped} skipped; first: ${[...this.rejects.values()][0].first})`
          : `${this.spec.file}: no data rows after the header`,
      );
    }
    const numeric: Catalog["numeric"] = {};
    const provenance: Catalog["provenance"] = {};
    const notes: string[] = [];
    for (const c of this.numeric) {
      numeric[c.field] = c.out.done();
      const ref = this.refFor(c.field);
      provenance[c.field] = `column ${ref}`;
      if (c.nonPositive > 0) notes.push(`${c.field}: ${c.nonPositive} zero or negative values read as missing`);
    }
    if (this.resolution) {
      numeric.width = this.resolution.width.done();
      numeric.height = this.resolution.height.done();
      provenance.width = provenance.height = `column "${this.spec.map.resolution!.columns[0]}"`;
    }
    const text: Catalog["text"] = {};
    for (const t of this.text) {
      text[t.field] = t.out;
      provenance[t.field] = `column "${this.spec.map[t.field]!.columns[0]}"`;
    }
    provenance.title = this.spec.map.title!.columns.map((c) => JSON.stringify(c)).join(" + ");
    const rejected: Record<string, number> = {};
    for (const [reason, r] of this.rejects) rejected[reason] = r.count;
    return makeCatalog({
      source,
      rows: this.rows,
      titleCodes: this.titleCodes.done(),
      titleNames: this.titleNames,
      numeric,
      text,
      provenance,
      rejected,
      notes,
      origin: { files: this.files, file: this.originFile.done(), line: this.originLine.done() },
    });
  }

  private refFor(field: NumericField): string {
    const name = Object.entries(NUMERIC_OF).find(([, v]) => v.field === field)![0] as keyof FieldMap;
    const ref = this.spec.map[name]!;
    return `"${ref.columns[0]}"${ref.unit ? ` (${ref.unit})` : ""}`;
  }
}
