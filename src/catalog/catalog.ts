/**
 * The columnar catalog: one row per media item (file / encode / release).
 *
 * Numeric attributes are Float64Array in fixed internal units (NaN = missing);
 * titles are dense integer codes into `titleNames`. Nothing in the hot path
 * ever builds a row object.
 */

/**
 * Numeric item fields, in internal units. `bitrate_kbps` is the overall bitrate (what
 * telemetry reports); `video_bitrate_kbps` is the video stream's alone, when a probe
 * or a media server records it.
 */
export const NUMERIC_FIELDS = ["duration_ms", "bitrate_kbps", "width", "height", "size_bytes", "fps", "video_bitrate_kbps"] as const;
export type NumericField = (typeof NUMERIC_FIELDS)[number];

/** Text item fields kept for display (`inspect --items`), never used as keys unless mapped. */
export const TEXT_FIELDS = ["codec", "container"] as const;
export type TextField = (typeof TEXT_FIELDS)[number];

export interface Catalog {
  /** Where the rows came from: file path, dataset name or synthetic URI. */
  source: string;
  rows: number;
  /** Dense title code per row (0..titleNames.length-1). */
  titleCodes: Int32Array;
  titleNames: string[];
  /** Numeric columns present in the catalog; absent fields are not observed. */
  numeric: Partial<Record<NumericField, Float64Array>>;
  text: Partial<Record<TextField, string[]>>;
  /**
   * Finest step each numeric field was recorded with, in internal units
   * (e.g. 60000 for a minute-resolution runtime). Detected from the data or
   * declared by the dataset registry.
   */
  precision: Partial<Record<NumericField, number>>;
  /** How each field was obtained (source column and unit), for `inspect`. */
  provenance: Partial<Record<NumericField | TextField | "title", string>>;
  /** Rows dropped by `--skip-invalid`, counted by reason. */
  rejected: Record<string, number>;
  /** Things a careful reader should know about the load (values read as missing, …). */
  notes: string[];
  /** File and line of each row, when it was read from files. */
  origin?: { files: string[]; file: Int32Array; line: Int32Array };
}

/** Assemble a catalog, deriving bitrate from size when only size is known. */
export function makeCatalog(parts: Omit<Catalog, "rejected" | "provenance" | "precision" | "text" | "notes"> & Partial<Catalog>): Catalog {
  const catalog: Catalog = {
    text: {},
    precision: {},
    provenance: {},
    rejected: {},
    notes: [],
    ...parts,
  };
  deriveBitrateFromSize(catalog);
  return catalog;
}

/**
 * bitrate_kbps = 8 · bytes / duration_ms (bits per millisecond = kbit/s).
 * Fills only rows whose bitrate is missing, so a declared bitrate always wins.
 */
export function deriveBitrateFromSize(catalog: Catalog): void {
  const size = catalog.numeric.size_bytes;
  const dur = catalog.numeric.duration_ms;
  if (!size || !dur) return;
  let br = catalog.numeric.bitrate_kbps;
  const fresh = !br;
  if (!br) br = new Float64Array(catalog.rows).fill(NaN);
  let filled = 0;
  for (let i = 0; i < catalog.rows; i++) {
    if (Number.isNaN(br[i]) && size[i] > 0 && dur[i] > 0) {
      br[i] = (8 * size[i]) / dur[i];
      filled++;
    }
  }
  if (filled > 0) {
    catalog.numeric.bitrate_kbps = br;
    if (fresh) catalog.provenance.bitrate_kbps = "derived: 8 · size_bytes / duration_ms";
  }
}
