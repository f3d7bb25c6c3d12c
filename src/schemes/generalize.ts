/**
 * Applying a scheme part to a catalog: one bucket key per row (the hot path). The keys
 * of each generalizer are its own (generalizers/); this file picks the columns and
 * dispatches through the registry.
 *
 * Keys are integers wherever the generalizer allows, so the engine can group with integer
 * arithmetic: round/floor/log/quantile/ladder give bucket indexes, class a class index,
 * height the height; exact and sig give values. NaN means "not reported" (input missing).
 *
 *   bucketKeys({ attribute: "duration", generalizer: { kind: "round", width: 10 } }, catalog)
 *   // durations 14, 15, NaN ms → keys 1, 2, NaN (15 ties up to 20 = bucket 2)
 *
 * Randomized generalizers (geom, rround) also depend on the item and the report: an
 * item's identity is its row index in the catalog (`KeyOptions.itemIds` overrides it, e.g.
 * for a subset of rows), and `evaluate` sees report 0. See noise.ts.
 */
import type { Catalog, NumericField, TextField } from "../catalog/catalog.js";
import type { KeyOptions } from "./generalizers/generalizer.js";
import { generalizerOf, type RandomizedGeneralizer } from "./generalizers/registry.js";
import { ATTRIBUTE_FIELDS, SCALAR_FIELD, TEXT_FIELD, isTextAttribute, type Attribute, type Generalizer, type Scheme, type SchemePart } from "./types.js";

export type { KeyOptions } from "./generalizers/generalizer.js";
export { SNAP } from "./generalizers/snap.js";
export { PAIR_BASE, unpackPair } from "./generalizers/pair.js";
export { RESOLUTION_CLASSES, resolutionClass } from "../catalog/resolutionClass.js";
export { logBase, logZeroKey } from "./generalizers/log.js";
export { roundSignificant } from "./generalizers/sig.js";
export { fitQuantileThresholds } from "./generalizers/quantile.js";

/**
 * Bucket keys of a deterministic scalar generalizer over one column (NaN in, NaN out),
 * e.g. for a value that is not a catalog row. Randomized generalizers need the item
 * and the report: use `randomizedKeys`.
 */
export function scalarKeys(g: Generalizer, col: Float64Array): Float64Array {
  const def = generalizerOf(g);
  if (def.randomized) throw new Error(`${g.kind} is randomized: use randomizedKeys`);
  if (!def.scalarKeys) throw new Error(`${g.kind} applies to ${def.attributes.join(", ")} only`);
  return def.scalarKeys(g, col, { attribute: "duration", options: {}, fitted: undefined });
}

/**
 * Keys of a randomized generalizer: geom gives round(x/W) + Z, rround gives floor(x/W)
 * or one more with probability frac(x/W). Row i is item `itemIds[i]` (default
 * firstItem + i); the noise is a pure function of (seed, attribute, item, report).
 */
export function randomizedKeys(g: RandomizedGeneralizer, attribute: Attribute, col: Float64Array, options: KeyOptions = {}): Float64Array {
  return generalizerOf(g).scalarKeys!(g, col, { attribute, options, fitted: undefined });
}

/** Bucket keys of a resolution generalizer over the width and height columns. */
export function resolutionKeys(g: Generalizer, width: Float64Array, height: Float64Array): Float64Array {
  const def = generalizerOf(g);
  if (!def.pairKeys) throw new Error(`${g.kind} does not apply to resolution`);
  return def.pairKeys(g, width, height);
}

/**
 * One key per row for one scheme part; a column the catalog lacks gives all NaN (not
 * reported). `options` only matter for randomized generalizers; `fitted` is state
 * fitted on another catalog (see schemeView.ts).
 */
export function bucketKeys(part: SchemePart, catalog: Catalog, options: KeyOptions = {}, fitted?: Float64Array): Float64Array {
  const n = catalog.rows;
  const missing = () => new Float64Array(n).fill(NaN);
  if (part.attribute === "resolution") {
    const { width, height } = catalog.numeric;
    if (!width && !height) return missing();
    return resolutionKeys(part.generalizer, width ?? missing(), height ?? missing());
  }
  const g = part.generalizer;
  const def = generalizerOf(g);
  const ctx = { attribute: part.attribute, options, fitted };
  if (isTextAttribute(part.attribute)) {
    const col = catalog.text[TEXT_FIELD[part.attribute]];
    if (!col) return missing();
    if (!def.textKeys) throw new Error(`${g.kind} applies to ${def.attributes.join(", ")} only`);
    return def.textKeys(g, col, ctx);
  }
  const col = catalog.numeric[SCALAR_FIELD[part.attribute]];
  if (!col) return missing();
  if (!def.scalarKeys) throw new Error(`${g.kind} applies to ${def.attributes.join(", ")} only`);
  return def.scalarKeys(g, col, ctx);
}

/** Whether a row's key depends on that row alone, so keys may be computed a chunk of rows at a time. */
export function isRowLocal(g: Generalizer): boolean {
  return generalizerOf(g).rowLocal;
}

/** The catalog fields a scheme reads, in scheme order. */
export function requiredFields(scheme: Scheme): (NumericField | TextField)[] {
  const out: (NumericField | TextField)[] = [];
  for (const part of scheme.parts) {
    const fields: readonly (NumericField | TextField)[] = part.attribute === "resolution" && part.generalizer.kind === "height" ? ["height"] : ATTRIBUTE_FIELDS[part.attribute];
    for (const f of fields) if (!out.includes(f)) out.push(f);
  }
  return out;
}

/**
 * The fields a scheme reads that the catalog lacks. Resolution is served by width or
 * height alone (a catalog of "1080p" labels has heights only), except that
 * resolution=height needs the height.
 */
export function missingFields(scheme: Scheme, catalog: Catalog): (NumericField | TextField)[] {
  return missingFieldsOf(scheme, (f) => (f === "codec" || f === "container" ? !!catalog.text[f] : !!catalog.numeric[f]));
}

/** `missingFields` for a source known by which fields it has (e.g. an SQL relation). */
export function missingFieldsOf(scheme: Scheme, has: (field: NumericField | TextField) => boolean): (NumericField | TextField)[] {
  const byHeight = scheme.parts.some((p) => p.attribute === "resolution" && p.generalizer.kind === "height");
  const width = has("width");
  const height = has("height");
  return requiredFields(scheme).filter((f) => !has(f) && !(f === "width" && height) && !(f === "height" && width && !byHeight));
}

/**
 * Rows [from, to) of a catalog as a catalog of their own (views on the columns, not
 * copies, for numbers), e.g. to key a large catalog a chunk at a time.
 */
export function catalogRows(catalog: Catalog, from: number, to: number): Catalog {
  const view: Catalog = { ...catalog, rows: to - from, numeric: {}, text: {} };
  for (const [field, col] of Object.entries(catalog.numeric) as [NumericField, Float64Array][]) view.numeric[field] = col.subarray(from, to);
  for (const [field, col] of Object.entries(catalog.text) as [TextField, string[]][]) view.text[field] = col.slice(from, to);
  return view;
}

/**
 * A human-readable representative of one bucket, for reports: the rounded value for
 * round/sig/exact (`1:32:00`, `5.6 Mbps`), a range for floor/log/ladder, the class name
 * (`1080p`), the pair (`1920×800`); quantile buckets are numbered (`Q3/10`) because their
 * bounds depend on the catalog. NaN is "not reported".
 */
export function bucketLabel(part: SchemePart, key: number): string {
  if (key !== key) return "not reported";
  return generalizerOf(part.generalizer).label(part.generalizer, part.attribute, key);
}
