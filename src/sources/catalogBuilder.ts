/**
 * Table records (CSV rows, JSON objects) into the catalog assembler: each mapped cell is
 * parsed with its unit (units.ts), the title is the trimmed title column(s), and the row
 * goes to the shared CatalogAssembler (catalogAssembler.ts), which applies the rules every
 * source shares. No row object is kept.
 */
import type { Catalog, NumericField, TextField } from "../catalog/catalog.js";
import { makeNumberParser, parseFps, parseResolution, unitScale, type UnitScale } from "../catalog/units.js";
import { UserError } from "../base/errors.js";
import { CatalogAssembler, type NumericColumnSpec, type RejectReport } from "./catalogAssembler.js";
import type { FieldMap, MapField } from "./table/fieldMap.js";

export type CellValue = string | number | null | undefined;
export type { RejectReport };

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
  /** A further numeric column kept beside the catalog (read with `column(key)`), e.g. a prior's weights: plain numbers, 0 a real value. */
  extra?: { key: string; column: string };
  /** The catalog's `source` (default: `file`). */
  source?: string;
  /** How messages name a record: "<file>:<line>" by default; "row" gives "<file> row <n>" (Parquet rows have no lines). */
  rowLabel?: string;
}

type Parser = (v: CellValue) => number;

/** Where a record's mapped fields are, for readers that parse cells themselves (see `CatalogBuilder.plan`). */
export interface RecordPlan {
  /** Fields a record must have (the header's). */
  fields: number;
  /** More fields than the header are ignored rather than an error. */
  extraFieldsIgnored: boolean;
  /** The title's field(s). */
  title: number[];
  /** Numeric columns in the builder's order, and how a plain decimal in each reads (null: only through `parseNumber`). */
  numeric: { index: number; plain: UnitScale | null }[];
  /** The resolution's field ("1920x1080"), whose width and height follow the numeric columns. */
  resolution?: number;
  /** Text fields (codec, container) in the builder's order. */
  text: number[];
}

interface NumericColumn {
  index: number;
  parse: Parser;
  /** Reasons an unparsable cell and a non-finite one are counted under. */
  reason: string;
  nonFinite: string;
}

/** The numeric map fields, in the catalog's column order, with their unit kind. */
export const NUMERIC_MAP_FIELDS: { name: MapField; field: NumericField; kind?: "duration" | "bitrate" | "size" }[] = [
  { name: "duration", field: "duration_ms", kind: "duration" },
  { name: "bitrate", field: "bitrate_kbps", kind: "bitrate" },
  { name: "size", field: "size_bytes", kind: "size" },
  { name: "width", field: "width" },
  { name: "height", field: "height" },
  { name: "fps", field: "fps" },
];

export const TEXT_MAP_FIELDS: TextField[] = ["codec", "container"];

/** The spellings of "not recorded" in a cell. */
function isMissingCell(v: CellValue): boolean {
  if (v === null || v === undefined) return true;
  if (typeof v === "number") return false;
  const s = v.trim();
  return s === "" || s === "NA" || s === "null" || s === "N/A" || s === "\\N";
}

/** A cell spelling a non-finite number ("NaN", "inf"): counted as "non-finite <field>", as an overflow is. */
class NonFiniteCell extends UserError {}

/** Text that is a non-finite number: "NaN", "inf", "Infinity" (any case, signed). */
function isNonFiniteText(s: string): boolean {
  return /^[+-]?(nan|inf|infinity)$/i.test(s.trim());
}

function plainNumber(field: string, expected: string): Parser {
  return (v) => {
    if (isMissingCell(v)) return NaN;
    if (typeof v === "number") return v;
    const s = String(v).trim();
    if (isNonFiniteText(s)) throw new NonFiniteCell(`${field} "${s}" is not a finite number`);
    const x = Number(s);
    if (Number.isNaN(x)) throw new UserError(`${field} "${v}" is not a number (expected ${expected})`);
    return x;
  };
}

/** JSON numbers go through the same text parser, so units apply identically. */
function fromText(field: string, parse: (text: string) => number): Parser {
  return (v) => {
    if (v === null || v === undefined) return NaN;
    if (typeof v === "number" && !Number.isFinite(v)) throw new NonFiniteCell(`${field} ${v} is not a finite number (too large for a double?)`);
    const s = typeof v === "string" ? v : String(v);
    if (typeof v === "string" && isNonFiniteText(s)) throw new NonFiniteCell(`${field} "${s.trim()}" is not a finite number`);
    return parse(s);
  };
}

function fpsCell(v: CellValue): number {
  if (isMissingCell(v)) return NaN;
  if (typeof v === "number") return v;
  const s = String(v);
  if (isNonFiniteText(s)) throw new NonFiniteCell(`fps "${s.trim()}" is not a finite number`);
  return parseFps(s);
}

/** A title made of several columns: trimmed, empty parts dropped, joined with an em dash. */
export function joinTitleParts(parts: readonly string[]): string {
  if (parts.length === 1) return parts[0].trim();
  const kept: string[] = [];
  for (const p of parts) {
    const s = p.trim();
    if (s !== "") kept.push(s);
  }
  return kept.join(" — ");
}

function cellText(v: CellValue): string {
  return v === null || v === undefined ? "" : String(v);
}

export class CatalogBuilder {
  readonly assembler: CatalogAssembler;
  private readonly titleIdx: number[];
  private readonly numeric: NumericColumn[] = [];
  private readonly resolution?: { index: number };
  private readonly extra?: NumericColumn;
  private readonly textIdx: number[] = [];
  private readonly filterIdx: number;
  private readonly uniqueIdx: number;
  private readonly seen = new Set<string>();
  private fileNo: number;
  /** Parsed values of the row being added: numeric columns, then resolution's width and height. */
  private readonly numbers: number[] = [];
  private readonly texts: string[] = [];
  private readonly titleParts: string[];

  constructor(private readonly spec: TableSpec) {
    const col = (name: string) => spec.header.indexOf(name);
    const map = spec.map;
    this.titleIdx = map.title!.columns.map(col);
    this.titleParts = this.titleIdx.map(() => "");
    const columns: NumericColumnSpec[] = [];
    for (const info of NUMERIC_MAP_FIELDS) {
      const ref = map[info.name];
      if (!ref) continue;
      const parse: Parser =
        info.kind !== undefined
          ? fromText(info.name, makeNumberParser(info.kind, ref.unit))
          : info.field === "fps"
            ? fpsCell
            : plainNumber(info.name, "pixels, e.g. 1080");
      this.numeric.push({ index: col(ref.columns[0]), parse, reason: `invalid ${info.field}`, nonFinite: `non-finite ${info.field}` });
      columns.push({ key: info.field, from: `column "${ref.columns[0]}"${ref.unit ? ` (${ref.unit})` : ""}`, noteZeros: true });
    }
    if (map.resolution) {
      if (map.width || map.height) throw new UserError(`--map: give either resolution or width/height, not both`);
      this.resolution = { index: col(map.resolution.columns[0]) };
      const from = `column "${map.resolution.columns[0]}"`;
      columns.push({ key: "width", from }, { key: "height", from });
    }
    if (spec.extra) {
      this.extra = { index: col(spec.extra.column), parse: plainNumber(spec.extra.column, "a number"), reason: `invalid ${spec.extra.column}`, nonFinite: `non-finite ${spec.extra.column}` };
      columns.push({ key: spec.extra.key, from: `column "${spec.extra.column}"`, zero: "value" });
    }
    const text: { key: TextField; from: string }[] = [];
    for (const field of TEXT_MAP_FIELDS) {
      const ref = map[field];
      if (!ref) continue;
      this.textIdx.push(col(ref.columns[0]));
      text.push({ key: field, from: `column "${ref.columns[0]}"` });
    }
    this.filterIdx = spec.filter ? col(spec.filter.column) : -1;
    this.uniqueIdx = spec.unique ? col(spec.unique) : -1;
    if (spec.filter && this.filterIdx < 0) throw new UserError(`${spec.file}: filter column "${spec.filter.column}" is not in the header`);
    if (spec.unique && this.uniqueIdx < 0) throw new UserError(`${spec.file}: unique column "${spec.unique}" is not in the header`);
    this.assembler = new CatalogAssembler({
      source: spec.source ?? spec.file,
      titleFrom: map.title!.columns.map((c) => JSON.stringify(c)).join(" + "),
      numeric: columns,
      text,
      skipInvalid: spec.skipInvalid,
      rowLabel: spec.rowLabel,
      empty: (skipped) => {
        const total = skipped.reduce((a, [, r]) => a + r.count, 0);
        return total > 0 ? `${this.spec.file}: no valid rows (${total} skipped; first: ${skipped[0][1].first})` : `${this.spec.file}: no data rows after the header`;
      },
    });
    this.fileNo = this.assembler.file(spec.file);
  }

  /** Later records come from another file with the same header. */
  beginFile(file: string): void {
    this.fileNo = this.assembler.file(file);
    this.spec.file = file;
  }

  /** The title of a record: its title column(s), trimmed and joined. */
  titleOf(values: ArrayLike<CellValue>): string {
    const idx = this.titleIdx;
    for (let j = 0; j < idx.length; j++) this.titleParts[j] = cellText(values[idx[j]]);
    return joinTitleParts(this.titleParts);
  }

  /** Numeric column `k`'s value of a cell (spec order: the map's numeric fields); throws UserError. */
  parseNumber(k: number, v: CellValue): number {
    return this.numeric[k].parse(v);
  }

  /** A resolution cell as width and height (NaN = not given); throws UserError. */
  parseResolutionCell(v: CellValue): { width: number; height: number } {
    return isMissingCell(v) ? { width: NaN, height: NaN } : parseResolution(String(v));
  }

  /** A text column's value of a cell ("" = not recorded). */
  textOf(v: CellValue): string {
    return isMissingCell(v) ? "" : String(v);
  }

  /**
   * Where each mapped field is in a record and how its plain numbers read, for a reader that
   * parses cells itself (csvBytes.ts) and hands over whole blocks (`addParsedBlock`). A
   * numeric column's `plain` is the scale a plain decimal gets: a value v read from a plain
   * decimal is v · mantissa, shifted by 10^exponent while it is read (as units.ts's
   * makeNumberParser does); null when plain numbers need the column's own parser (a
   * duration, bitrate or size without a declared unit). A plain fps is read as it is:
   * parseFps reads a plain decimal with Number(), which the digits give exactly (≤ 15
   * significant digits; longer ones, ratios like 24000/1001 and "25 fps" go to parseFps).
   * Null when rows are filtered, deduplicated or carry an extra column: those go through `add`.
   */
  plan(): RecordPlan | null {
    const spec = this.spec;
    if (this.filterIdx >= 0 || this.uniqueIdx >= 0 || this.extra) return null;
    const map = spec.map;
    const numeric: RecordPlan["numeric"] = [];
    let k = 0;
    for (const info of NUMERIC_MAP_FIELDS) {
      const ref = map[info.name];
      if (!ref) continue;
      let plain: UnitScale | null = null;
      if (info.kind !== undefined) plain = ref.unit === undefined || ref.unit.trim() === "" ? null : unitScale(info.kind, ref.unit);
      else plain = { mantissa: 1, exponent: 0 };
      numeric.push({ index: this.numeric[k++].index, plain });
    }
    return {
      fields: spec.header.length,
      extraFieldsIgnored: spec.extraFields === "ignore",
      title: this.titleIdx,
      numeric,
      resolution: this.resolution?.index,
      text: this.textIdx,
    };
  }

  /** Rows parsed by a `plan` reader, all valid (checked by the reader), in file order; see CatalogAssembler.addBlock. */
  addParsedBlock(titleCodes: Int32Array, numbers: Float64Array[], texts: string[][], lines: Int32Array): void {
    const bad = this.assembler.addBlock(titleCodes, numbers, texts, this.fileNo, lines);
    if (bad >= 0) throw new Error(`addParsedBlock: row ${bad} (line ${lines[bad]}) was not checked`);
  }

  /** Add one record; `line` is its 1-based line (or record number) for messages. */
  add(values: ArrayLike<CellValue>, line: number): void {
    const spec = this.spec;
    const a = this.assembler;
    if (values.length !== spec.header.length && !(values.length > spec.header.length && spec.extraFields === "ignore")) {
      a.reject("wrong number of fields", a.locate(this.fileNo, line), `expected ${spec.header.length} fields (as in the header), found ${values.length}`);
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
      a.reject("empty title", a.locate(this.fileNo, line), `title (${spec.map.title!.columns.join("+")}) is empty`);
      return;
    }
    // Parse everything before adding anything, so a rejected row leaves no trace.
    const numbers = this.numbers;
    let k = 0;
    for (; k < this.numeric.length; k++) {
      const c = this.numeric[k];
      try {
        numbers[k] = c.parse(values[c.index]);
      } catch (e) {
        if (!(e instanceof UserError)) throw e;
        a.reject(e instanceof NonFiniteCell ? c.nonFinite : c.reason, a.locate(this.fileNo, line), e.message);
        return;
      }
    }
    if (this.resolution) {
      let r;
      try {
        r = this.parseResolutionCell(values[this.resolution.index]);
      } catch (e) {
        if (!(e instanceof UserError)) throw e;
        a.reject("invalid resolution", a.locate(this.fileNo, line), e.message);
        return;
      }
      numbers[k++] = r.width;
      numbers[k++] = r.height;
    }
    if (this.extra) {
      try {
        numbers[k] = this.extra.parse(values[this.extra.index]);
      } catch (e) {
        if (!(e instanceof UserError)) throw e;
        a.reject(e instanceof NonFiniteCell ? this.extra.nonFinite : this.extra.reason, a.locate(this.fileNo, line), e.message);
        return;
      }
    }
    for (let t = 0; t < this.textIdx.length; t++) this.texts[t] = this.textOf(values[this.textIdx[t]]);
    a.add(title, numbers, this.texts, this.fileNo, line);
  }

  /** Reasons and counts of rows skipped so far. */
  rejected(): ReadonlyMap<string, RejectReport> {
    return this.assembler.rejected();
  }

  /** A side column (`extra`), after `finish`. */
  column(key: string): Float64Array {
    return this.assembler.column(key);
  }

  /** The catalog (`source` overrides the spec's). */
  finish(source?: string): Catalog {
    return this.assembler.finish(source);
  }
}
