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
 * catalog this is exactly `bucketKeys`.
 */
import type { Catalog, NumericField } from "../catalog/catalog.js";
import { bucketKeys, fitQuantileThresholds, logBase, logZeroKey } from "./generalize.js";
import { ATTRIBUTE_FIELDS, type Scheme, type SchemePart } from "./types.js";
import { upperBound } from "../base/bisect.js";

/** A scheme with its quantile thresholds fixed on the victim catalog. */
export interface SchemeView {
  parts: SchemePart[];
  /** Per part: quantile thresholds (fitted on the victim), else undefined. */
  thresholds: (Float64Array | undefined)[];
}

export function schemeView(scheme: Scheme, victim: Catalog): SchemeView {
  return {
    parts: scheme.parts,
    thresholds: scheme.parts.map((p) => {
      if (p.generalizer.kind !== "quantile") return undefined;
      const col = victim.numeric[ATTRIBUTE_FIELDS[p.attribute][0]];
      return col ? fitQuantileThresholds(col, p.generalizer.k) : new Float64Array(0);
    }),
  };
}

/** The catalog column behind a scalar part (undefined for resolution or when absent). */
export function scalarColumn(part: SchemePart, catalog: Catalog): Float64Array | undefined {
  return part.attribute === "resolution" ? undefined : catalog.numeric[scalarField(part)];
}

export function scalarField(part: SchemePart): NumericField {
  return ATTRIBUTE_FIELDS[part.attribute][0];
}

/** Whether the catalog holds the data a part reads (resolution: width or height). */
export function catalogHasPart(part: SchemePart, catalog: Catalog): boolean {
  if (part.attribute === "resolution") return !!(catalog.numeric.width || catalog.numeric.height);
  return !!scalarColumn(part, catalog);
}

/** Bucket keys of part `p` of the view on `catalog` (NaN = not reported). */
export function viewKeys(view: SchemeView, p: number, catalog: Catalog): Float64Array {
  const t = view.thresholds[p];
  const part = view.parts[p];
  if (!t) return bucketKeys(part, catalog);
  const col = scalarColumn(part, catalog);
  const out = new Float64Array(catalog.rows).fill(NaN);
  if (!col) return out;
  // bucketKeys' quantile key: the number of thresholds ≤ x.
  for (let i = 0; i < col.length; i++) {
    const x = col[i];
    if (x !== x) continue;
    out[i] = upperBound(t, x);
  }
  return out;
}

/**
 * The values [lo, hi) a scalar bucket key stands for. `exact` keys stand for the
 * value as recorded: [x − p/2, x + p/2) with p the victim's precision of the field
 * (a point when p is 0 or unknown). Unbounded buckets use ±Infinity.
 */
export function bucketInterval(view: SchemeView, p: number, key: number, precision: number): [number, number] {
  const g = view.parts[p].generalizer;
  switch (g.kind) {
    case "exact":
      return precision > 0 ? [key - precision / 2, key + precision / 2] : [key, key];
    case "round":
      return [(key - 0.5) * g.width, (key + 0.5) * g.width];
    case "floor":
      return [key * g.width, (key + 1) * g.width];
    case "sig": {
      if (key === 0) return [0, 0];
      // Values that round to `key` at D digits: ± half a unit in the last kept digit; on the
      // side below a power of ten the digits are ten times finer (1000 at 2 digits: [995, 1050)).
      const m = Math.abs(key);
      const mag = Math.floor(Math.log10(m));
      const half = 0.5 * 10 ** (mag - g.digits + 1);
      const inner = Number(`1e${mag}`) === m ? half / 10 : half;
      return key > 0 ? [key - inner, key + half] : [key - half, key + inner];
    }
    case "log": {
      if (key === logZeroKey(g.percent)) return [-Infinity, Number.MIN_VALUE];
      const b = logBase(g.percent);
      return [Math.exp(key * b), Math.exp((key + 1) * b)];
    }
    case "quantile": {
      const t = view.thresholds[p]!;
      return [key === 0 ? -Infinity : t[key - 1], key >= t.length ? Infinity : t[key]];
    }
    case "ladder": {
      const t = g.thresholds;
      return [key < 0 ? -Infinity : t[key], key + 1 >= t.length ? Infinity : t[key + 1]];
    }
    default:
      throw new Error(`${g.kind} has no value interval`);
  }
}

/** Generalizers whose buckets are value intervals (`bucketInterval`); others are matched by key. */
export const INTERVAL_KINDS: ReadonlySet<string> = new Set(["exact", "round", "floor", "sig", "log", "quantile", "ladder"]);
