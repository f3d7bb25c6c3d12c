/**
 * Collects the video items a media-server loader reads (one file each) into a Catalog, and
 * decides what happens to rows it cannot use:
 *  - an item without a duration has not been analyzed by the server yet (every live library
 *    has some): it is skipped and counted, never fatal;
 *  - a value that is not a usable number (text in a numeric column, a negative size) or an
 *    empty title is an error naming the server's row, unless --skip-invalid counts it instead.
 * Zero and NULL read as "unknown", as all three servers write them.
 */
import type { Catalog, NumericField, TextField } from "../../catalog/catalog.js";
import { CatalogAssembler } from "../catalogAssembler.js";

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
const NOT_ANALYZED = "not analyzed yet (no duration)";

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

/** Media-server rows into the shared CatalogAssembler: one item per row, its file as its origin. */
export class MediaItemSink {
  private readonly reader = new ValueReader();
  private readonly assembler: CatalogAssembler;
  private readonly numericKeys: NumericField[];
  private readonly textKeys: TextField[];
  private readonly numbers: number[] = [];
  private readonly texts: string[] = [];
  /** Items whose bitrate comes from 8 · size / duration (no recorded bitrate). */
  private derivedBitrate = 0;

  constructor(private readonly spec: MediaSinkSpec) {
    const { path: _path, title, ...provenance } = spec.provenance;
    this.numericKeys = NUMERIC_KEYS.filter((k) => provenance[k] !== undefined);
    this.textKeys = TEXT_KEYS.filter((k) => provenance[k] !== undefined);
    this.assembler = new CatalogAssembler({
      source: spec.dbPath,
      titleFrom: title ?? "",
      numeric: this.numericKeys.map((key) => ({ key, from: provenance[key]! })),
      text: this.textKeys.map((key) => ({ key, from: provenance[key]! })),
      skipInvalid: spec.skipInvalid,
      hint: " (pass --skip-invalid to skip such rows)",
      empty: (skipped) =>
        `${spec.dbPath}: no video items in this ${spec.app} database` +
        (skipped.length ? ` (skipped ${skipped.map(([why, r]) => `${r.count} ${why}; first: ${r.first}`).join("; ")})` : " (no movies or episodes)"),
    });
  }

  get rows(): number {
    return this.assembler.rows;
  }

  /**
   * Add the item a server row describes. `where` names the row in messages ("media_items id 42");
   * `read` builds the item and may throw (through the reader) for an unusable value.
   */
  add(rowId: number, where: string, read: (v: ValueReader) => MediaItem): void {
    const at = `${this.spec.dbPath}: ${where}`;
    let item: MediaItem;
    try {
      item = read(this.reader);
    } catch (e) {
      if (!(e instanceof InvalidValue)) throw e;
      this.assembler.reject(`invalid ${e.field}`, at, e.message);
      return;
    }
    if (item.title === "") {
      this.assembler.reject("empty title", at, "the title is empty");
      return;
    }
    if (!(item.duration_ms > 0)) {
      this.assembler.count(NOT_ANALYZED, where, "no duration recorded (the server has not analyzed this file yet)");
      return;
    }
    this.numericKeys.forEach((k, i) => (this.numbers[i] = item[k] ?? NaN));
    this.textKeys.forEach((k, i) => (this.texts[i] = item[k] ?? ""));
    const row = `${this.spec.rowIdName} ${rowId}`;
    // One origin "file" per item and no line (0): describe.ts prints the file alone.
    const file = this.assembler.file(item.path ? `${item.path} (${row})` : `${this.spec.dbPath} (${row})`);
    if (this.assembler.add(item.title, this.numbers, this.texts, file, 0, at) && Number.isNaN(item.bitrate_kbps ?? NaN) && (item.size_bytes ?? 0) > 0) {
      this.derivedBitrate++;
    }
  }

  /** The catalog; exit 2 (UserError) when no item could be loaded. */
  finish(precision: Partial<Record<NumericField, number>>, notes: string[]): Catalog {
    const { app } = this.spec;
    const a = this.assembler;
    for (const n of notes) a.note(n);
    if (this.spec.provenance.path) a.note(`each item's source is its media file (${this.spec.provenance.path}) and ${this.spec.rowIdName}`);
    const notAnalyzed = a.rejected().get(NOT_ANALYZED);
    if (notAnalyzed) a.note(`${app} has not analyzed ${items(notAnalyzed.count)} yet (no media information); skipped, first: ${notAnalyzed.first}`);
    if (this.derivedBitrate > 0 && this.numericKeys.includes("bitrate_kbps") && this.numericKeys.includes("size_bytes")) {
      a.note(`bitrate_kbps: 8 · size_bytes / duration_ms for ${items(this.derivedBitrate)} without a recorded bitrate`);
    }
    const catalog = a.finish();
    catalog.precision = { ...precision, ...catalog.precision };
    return catalog;
  }
}

function items(n: number): string {
  return n === 1 ? "1 item" : `${n} items`;
}
