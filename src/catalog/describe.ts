/**
 * What `inspect` shows about a catalog: its fields with source column, unit,
 * precision, coverage and range; rejected rows; and the normalized items.
 */
import type { Catalog, NumericField } from "./catalog.js";
import { NUMERIC_FIELDS, TEXT_FIELDS } from "./catalog.js";

export interface FieldDescription {
  field: NumericField;
  from: string;
  /** Finest recorded step in the field's unit; 0 = finer than any round step. */
  precision: number | null;
  precision_text: string;
  present: number;
  missing: number;
  min: number | null;
  median: number | null;
  max: number | null;
}

export interface CatalogDescription {
  source: string;
  rows: number;
  titles: number;
  /** Mean items per title (releases per title). */
  items_per_title: number;
  fields: FieldDescription[];
  rejected: Record<string, number>;
  notes: string[];
}

const UNIT: Record<NumericField, string> = {
  duration_ms: "ms",
  bitrate_kbps: "kbps",
  width: "px",
  height: "px",
  size_bytes: "B",
  fps: "fps",
  video_bitrate_kbps: "kbps",
};

export function precisionText(field: NumericField, p: number | undefined): string {
  if (p === undefined || Number.isNaN(p)) return "—";
  if (p === 0) return `finer than ${field === "duration_ms" ? "1 ms" : `0.001 ${UNIT[field]}`}`;
  if (field === "duration_ms") {
    if (p >= 3_600_000) return `${p / 3_600_000} h`;
    if (p >= 60_000) return `${p / 60_000} min (minute resolution)`;
    if (p >= 1000) return `${p / 1000} s`;
    return `${p} ms`;
  }
  return `${p} ${UNIT[field]}`;
}

export function describeCatalog(catalog: Catalog): CatalogDescription {
  const fields: FieldDescription[] = [];
  for (const field of NUMERIC_FIELDS) {
    const values = catalog.numeric[field];
    if (!values) continue;
    const present = values.filter((x) => !Number.isNaN(x)).sort();
    const p = catalog.precision[field];
    fields.push({
      field,
      from: catalog.provenance[field] ?? "",
      precision: p === undefined || Number.isNaN(p) ? null : p,
      precision_text: precisionText(field, p),
      present: present.length,
      missing: catalog.rows - present.length,
      min: present.length ? present[0] : null,
      median: present.length ? present[Math.floor((present.length - 1) / 2)] : null,
      max: present.length ? present[present.length - 1] : null,
    });
  }
  return {
    source: catalog.source,
    rows: catalog.rows,
    titles: catalog.titleNames.length,
    items_per_title: catalog.titleNames.length ? catalog.rows / catalog.titleNames.length : 0,
    fields,
    rejected: catalog.rejected,
    notes: catalog.notes,
  };
}

/** Column names of the normalized item table, in order (only fields present). */
export function itemColumns(catalog: Catalog): string[] {
  return [
    "title",
    ...NUMERIC_FIELDS.filter((f) => catalog.numeric[f]),
    ...TEXT_FIELDS.filter((f) => catalog.text[f]),
    "source",
  ];
}

/** Where item i came from: `file:line`, the file alone when it has no lines (a media file), else the catalog source. */
export function itemSource(catalog: Catalog, i: number): string {
  const o = catalog.origin;
  if (!o) return catalog.source;
  const file = o.files[o.file[i]];
  return o.line[i] > 0 ? `${file}:${o.line[i]}` : file;
}

/** One item's normalized values (NaN → null). */
export function itemValues(catalog: Catalog, i: number, columns: string[]): (string | number | null)[] {
  return columns.map((c) => {
    if (c === "title") return catalog.titleNames[catalog.titleCodes[i]];
    if (c === "source") return itemSource(catalog, i);
    const num = catalog.numeric[c as NumericField];
    if (num) return Number.isNaN(num[i]) ? null : num[i];
    const txt = catalog.text[c as keyof Catalog["text"]];
    return txt ? txt[i] || null : null;
  });
}
