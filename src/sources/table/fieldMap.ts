/**
 * `--map` specs: which source columns feed which catalog fields, with optional units.
 *
 *   title=name+artist,duration=milliseconds:ms,size=bytes:B
 *
 * `+` joins several source columns into one title identity; `:unit` declares the unit
 * of a plain-number column. Field names are the user-facing ones (duration, bitrate,
 * width, height, resolution, size, fps, codec, container) — `resolution` is a single
 * column such as "1920x1080" or "1080p" that fills width and height.
 */
import { UserError } from "../../base/errors.js";
import { splitTopLevel } from "../../base/splitTopLevel.js";

const MAP_FIELDS = ["title", "duration", "bitrate", "width", "height", "resolution", "size", "fps", "codec", "container"] as const;
export type MapField = (typeof MAP_FIELDS)[number];

export interface ColumnRef {
  /** Source column names; several only for `title` (joined with " — "). */
  columns: string[];
  /** Declared unit (e.g. "ms", "s", "min", "kbps", "B"), if any. */
  unit?: string;
}

export type FieldMap = Partial<Record<MapField, ColumnRef>>;

export function parseFieldMap(spec: string): FieldMap {
  const map: FieldMap = {};
  for (const raw of splitTopLevel(spec)) {
    const part = raw.trim();
    if (!part) continue;
    const eq = part.indexOf("=");
    if (eq < 0) throw new UserError(`--map: "${part}" is not field=column (e.g. duration=milliseconds:ms)`);
    const field = part.slice(0, eq).trim() as MapField;
    if (!MAP_FIELDS.includes(field)) {
      throw new UserError(`--map: unknown field "${field}"; expected one of ${MAP_FIELDS.join(", ")}`);
    }
    let rhs = part.slice(eq + 1).trim();
    let unit: string | undefined;
    const colon = rhs.lastIndexOf(":");
    if (colon > 0) {
      unit = rhs.slice(colon + 1).trim();
      rhs = rhs.slice(0, colon).trim();
    }
    const columns = rhs.split("+").map((c) => c.trim()).filter(Boolean);
    if (columns.length === 0) throw new UserError(`--map: field "${field}" names no column`);
    if (columns.length > 1 && field !== "title") {
      throw new UserError(`--map: only title may join several columns with "+", not ${field}`);
    }
    map[field] = unit ? { columns, unit } : { columns };
  }
  return map;
}

export function formatFieldMap(map: FieldMap): string {
  return MAP_FIELDS.filter((f) => map[f])
    .map((f) => `${f}=${map[f]!.columns.join("+")}${map[f]!.unit ? ":" + map[f]!.unit : ""}`)
    .join(",");
}
