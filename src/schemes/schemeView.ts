/**
 * What one play reveals, seen from the attacker's side: the bucket key of each
 * scheme part (for class matching) and, for scalar parts, the interval of values
 * that bucket stands for (for likelihood scoring).
 *
 * `quantile(K)` is fitted per catalog, so its buckets depend on which catalog they
 * were fitted on. The observation was generalized by the deployed scheme, whose
 * thresholds were fitted on the victim's (release) catalog and are part of what the
 * scheme publishes; the attacker therefore applies the *victim's* thresholds to its
 * own catalog rather than refitting on it (`SchemeView`). On the victim's own
 * catalog this is exactly `bucketKeys`. Which generalizers are fitted, and what their
 * intervals are, each generalizer says (`fit`, `interval` in generalizers/).
 */
import type { Catalog, NumericField } from "../catalog/catalog.js";
import { bucketKeys } from "./generalize.js";
import { generalizerOf } from "./generalizers/registry.js";
import { SCALAR_FIELD, TEXT_FIELD, isScalarAttribute, isTextAttribute, type Generalizer, type Scheme, type SchemePart } from "./types.js";

/** A scheme with its fitted state (quantile thresholds) fixed on the victim catalog. */
export interface SchemeView {
  parts: SchemePart[];
  /** Per part: the state fitted on the victim (quantile thresholds), else undefined. */
  thresholds: (Float64Array | undefined)[];
}

export function schemeView(scheme: Scheme, victim: Catalog): SchemeView {
  return {
    parts: scheme.parts,
    thresholds: scheme.parts.map((p) => {
      const { fit } = generalizerOf(p.generalizer);
      if (!fit) return undefined;
      const col = scalarColumn(p, victim);
      return col ? fit(p.generalizer, col) : new Float64Array(0);
    }),
  };
}

/** The catalog column behind a scalar part (undefined for resolution and text attributes, or when absent). */
export function scalarColumn(part: SchemePart, catalog: Catalog): Float64Array | undefined {
  return isScalarAttribute(part.attribute) ? catalog.numeric[SCALAR_FIELD[part.attribute]] : undefined;
}

/** The numeric field behind a scalar part. */
export function scalarField(part: SchemePart): NumericField {
  if (!isScalarAttribute(part.attribute)) throw new Error(`${part.attribute} is not a scalar attribute`);
  return SCALAR_FIELD[part.attribute];
}

/** Whether the catalog holds the data a part reads (resolution: width or height). */
export function catalogHasPart(part: SchemePart, catalog: Catalog): boolean {
  if (part.attribute === "resolution") return !!(catalog.numeric.width || catalog.numeric.height);
  if (isTextAttribute(part.attribute)) return !!catalog.text[TEXT_FIELD[part.attribute]];
  return !!scalarColumn(part, catalog);
}

/** Bucket keys of part `p` of the view on `catalog` (NaN = not reported). */
export function viewKeys(view: SchemeView, p: number, catalog: Catalog): Float64Array {
  return bucketKeys(view.parts[p], catalog, {}, view.thresholds[p]);
}

/**
 * The values [lo, hi) a scalar bucket key stands for. `exact` keys stand for the
 * value as recorded: [x − p/2, x + p/2) with p the victim's precision of the field
 * (a point when p is 0 or unknown). Unbounded buckets use ±Infinity.
 */
export function bucketInterval(view: SchemeView, p: number, key: number, precision: number): [number, number] {
  const g = view.parts[p].generalizer;
  const { interval } = generalizerOf(g);
  if (!interval) throw new Error(`${g.kind} has no value interval`);
  return interval(g, key, { precision, fitted: view.thresholds[p] });
}

/** Whether a generalizer's buckets are value intervals (`bucketInterval`); others are matched by key. */
export function hasInterval(g: Generalizer): boolean {
  return generalizerOf(g).interval !== null;
}
