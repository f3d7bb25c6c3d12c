/**
 * Collects the video items a media-server loader reads (one file each) into a Catalog, and
 * decides what happens to rows it cannot use:
 *  - an item without a duration has not been analyzed by the server yet (every live library
 *    has some): it is skipped and counted, never fatal;
 *  - a value that is not a usable number (text in a numeric column, a negative size) or an
 *    empty title is an error naming the server's row, unless --skip-invalid counts it instead.
 * Zero and NULL read as "unknown", as all three servers write them.
 */
import { makeCatalog, type Catalog, type NumericField, type TextField } from "../../catalog/catalog.js";
import { UserError } from "../../base/errors.js";

export type SqlValue = number | bigint | string | Buffer | null | undefined;

/** One item in internal units (NaN = unknown, "" = unknown text). */
export interface MediaItem {
  title: string;
  duration_ms: number;
  bitrate_kbps?: number;
  width?: number;
  height?: number;
  size_bytes?: number;
  fps?: number;
  video_bitrate_kbps?: number;
  codec?: string;
  container?: string;
  /** The media file's path as the server recorded it (shown as the item's source). */
  path?: string;
}

export interface MediaSinkSpec {
  /** The user's database path, for messages and origin. */
  dbPath: string;
  /** "Plex", "Jellyfin", "Kodi": for messages. */
  app: string;
  /** The server's row id column, e.g. "media_items.id": each item's source reads
   *  "/movies/Heat (1995).mkv (media_items.id 42)". */
  rowIdName: string;
  skipInvalid: boolean;
  /** How each field is obtained; its numeric keys are the catalog's columns. */
  provenance: Partial<Record<NumericField | TextField | "title" | "path", string>>;
}

/** Reasons in `catalog.rejected`. */
export const NOT_ANALYZED = "not analyzed yet (no duration)";

class InvalidValue extends Error {
  constructor(readonly field: string, message: string) {
    super(message);
  }
}

/** Reads raw SQLite values into numbers; a loader's row callback receives one. */
export class ValueReader {
  /** A non-negative number; NULL, "" and 0 → NaN; anything else throws for the row. */
  number(value: SqlValue, what: string): number {
    let x: number;
    if (value === null || value === undefined) return NaN;
    if (typeof value === "number") x = value;
    else if (typeof value === "bigint") x = Number(value);
    else if (typeof value === "string") {
      const s = value.trim();
      if (s === "") return NaN;
      x = Number(s);
      if (Number.isNaN(x)) throw new InvalidValue(what, `${what} "${value}" is not a number`);
    } else throw new InvalidValue(what, `${what} is binary data, expected a number`);
    if (!Number.isFinite(x) || x < 0) throw new InvalidValue(what, `${what} ${x} is not a usable value`);
    return x === 0 ? NaN : x;
  }

  /** A season or episode number: like `number`, but 0 (specials, pilots) is a real value. */
  index(value: SqlValue, what: string): number {
    if (value === 0 || value === "0" || value === 0n) return 0;
    return this.number(value, what);
  }

  text(value: SqlValue): string {
    if (value === null || value === undefined) return "";
    return (typeof value === "string" ? value : String(value)).trim();
  }
}

const NUMERIC_KEYS = ["duration_ms", "bitrate_kbps", "width", "height", "size_bytes", "fps", "video_bitrate_kbps"] as const;
const TEXT_KEYS = ["codec", "container"] as const;

export class MediaItemSink {
  private readonly reader = new ValueReader();
  private readonly titleCodes: number[] = [];
  private readonly titleDict = new Map<string, number>();
  private readonly titleNames: string[] = [];
  private readonly numeric = new Map<NumericField, number[]>();
  private readonly text = new Map<TextField, string[]>();
  /** Per item: its media file and server row, as `inspect --items` shows it. */
  private readonly sources: string[] = [];
  private readonly rejects = new Map<string, { count: number; first: string }>();

  constructor(private readonly spec: MediaSinkSpec) {
    for (const k of NUMERIC_KEYS) if (spec.provenance[k] !== undefined) this.numeric.set(k, []);
    for (const k of TEXT_KEYS) if (spec.provenance[k] !== undefined) this.text.set(k, []);
  }

  get rows(): number {
    return this.sources.length;
  }

  /**
   * Add the item a server row describes. `where` names the row in messages ("media_items id 42");
   * `read` builds the item and may throw (through the reader) for an unusable value.
   */
  add(rowId: number, where: string, read: (v: ValueReader) => MediaItem): void {
    let item: MediaItem;
    try {
      item = read(this.reader);
    } catch (e) {
      if (!(e instanceof InvalidValue)) throw e;
      this.reject(`invalid ${e.field}`, where, e.message);
      return;
    }
    if (item.title === "") {
      this.reject("empty title", where, "the title is empty");
      return;
    }
    if (!(item.duration_ms > 0)) {
      this.count(NOT_ANALYZED, where, "no duration recorded (the server has not analyzed this file yet)");
      return;
    }
    let code = this.titleDict.get(item.title);
    if (code === undefined) {
      code = this.titleNames.length;
      this.titleDict.set(item.title, code);
      this.titleNames.push(item.title);
    }
    this.titleCodes.push(code);
    for (const [k, out] of this.numeric) out.push(item[k] ?? NaN);
    for (const [k, out] of this.text) out.push(item[k] ?? "");
    const row = `${this.spec.rowIdName} ${rowId}`;
    this.sources.push(item.path ? `${item.path} (${row})` : `${this.spec.dbPath} (${row})`);
  }

  private reject(reason: string, where: string, detail: string): void {
    if (!this.spec.skipInvalid) {
      throw new UserError(`${this.spec.dbPath}: ${where}: ${detail} (pass --skip-invalid to skip such rows)`);
    }
    this.count(reason, where, detail);
  }

  private count(reason: string, where: string, detail: string): void {
    const r = this.rejects.get(reason);
    if (r) r.count++;
    else this.rejects.set(reason, { count: 1, first: `${where}: ${detail}` });
  }

  /** The catalog; exit 2 (UserError) when no item could be loaded. */
  finish(precision: Partial<Record<NumericField, number>>, notes: string[]): Catalog {
    const { dbPath, app } = this.spec;
    const { path: pathFrom, ...provenance } = this.spec.provenance;
    if (this.rows === 0) {
      const skipped = [...this.rejects].map(([why, r]) => `${r.count} ${why}; first: ${r.first}`);
      throw new UserError(
        `${dbPath}: no video items in this ${app} database` + (skipped.length ? ` (skipped ${skipped.join("; ")})` : " (no movies or episodes)"),
      );
    }
    const numeric: Catalog["numeric"] = {};
    for (const [k, v] of this.numeric) numeric[k] = Float64Array.from(v);
    const text: Catalog["text"] = {};
    for (const [k, v] of this.text) text[k] = v;
    const rejected: Record<string, number> = {};
    for (const [why, r] of this.rejects) rejected[why] = r.count;
    const allNotes = [...notes];
    if (pathFrom) allNotes.push(`each item's source is its media file (${pathFrom}) and ${this.spec.rowIdName}`);
    const notAnalyzed = this.rejects.get(NOT_ANALYZED);
    if (notAnalyzed) allNotes.push(`${app} has not analyzed ${items(notAnalyzed.count)} yet (no media information); skipped, first: ${notAnalyzed.first}`);
    const bitrate = numeric.bitrate_kbps;
    const size = numeric.size_bytes;
    if (bitrate && size) {
      let derived = 0;
      for (let i = 0; i < this.rows; i++) if (Number.isNaN(bitrate[i]) && size[i] > 0) derived++;
      if (derived > 0) allNotes.push(`bitrate_kbps: 8 · size_bytes / duration_ms for ${items(derived)} without a recorded bitrate`);
    }
    return makeCatalog({
      source: dbPath,
      rows: this.rows,
      titleCodes: Int32Array.from(this.titleCodes),
      titleNames: this.titleNames,
      numeric,
      text,
      precision: { ...precision },
      provenance,
      rejected,
      notes: allNotes,
      // One origin "file" per item and no line (0): describe.ts prints the file alone.
      origin: { files: this.sources, file: Int32Array.from(this.sources, (_, i) => i), line: new Int32Array(this.rows) },
    });
  }
}

function items(n: number): string {
  return n === 1 ? "1 item" : `${n} items`;
}
