/**
 * Per-attribute marginal models fitted to a catalog, shared by the occupancy prediction
 * (predictRisk.ts) and the copula model (population/copula.ts):
 *
 * - a continuous scalar column (more than `discreteMaxDistinct` distinct values) gets a
 *   Gaussian KDE (smoothedDensity.ts);
 * - a discrete one gets no density: callers use the empirical frequency of each bucket key;
 * - the column's recording precision and its missing share ride along.
 *
 * `bucketBounds` turns a row's bucket into the value interval it covers *at the catalog's
 * precision*: with durations recorded in whole seconds, a round(1ms) bucket holds one
 * whole-second value, so it stands for [(k − ½)q, (k + ½)q), a full second of density.
 *
 *   const fit = fitColumn(catalog, "duration_ms", {});
 *   const [lo, hi] = bucketBounds(view, 0, key, catalog.numeric.duration_ms![i], fit.precision);
 *   fit.density!.mass(lo, hi);  // the bucket's modelled probability (times 1 − missing share)
 */
import type { Catalog, NumericField } from "../../catalog/catalog.js";
import { detectPrecision } from "../../catalog/precision.js";
import { bucketInterval, type SchemeView } from "../../schemes/schemeView.js";
import { fitSmoothedDensity, type SmoothedDensity } from "./smoothedDensity.js";

export interface MarginalOptions {
  /** Scales Silverman's bandwidth (default 1). */
  bandwidthFactor?: number;
  /** A scalar column with at most this many distinct values is modelled by its empirical frequencies (default 64). */
  discreteMaxDistinct?: number;
}

/** One fitted column: its KDE (continuous) or nothing (discrete), its precision and missing share. */
export interface FittedColumn {
  density?: SmoothedDensity;
  precision: number;
  missingShare: number;
}

const DEFAULT_DISCRETE_MAX = 64;

const fits = new WeakMap<Catalog, Map<string, FittedColumn>>();

function distinctAtMost(col: Float64Array, limit: number): boolean {
  const seen = new Set<number>();
  for (let i = 0; i < col.length; i++) {
    const x = col[i];
    if (x === x && !seen.has(x)) {
      seen.add(x);
      if (seen.size > limit) return false;
    }
  }
  return true;
}

/** The fitted model of one column, cached per catalog (sweeps reuse it for every scheme). */
export function fitColumn(catalog: Catalog, field: NumericField, options: MarginalOptions): FittedColumn {
  const factor = options.bandwidthFactor ?? 1;
  const discreteMax = options.discreteMaxDistinct ?? DEFAULT_DISCRETE_MAX;
  const cacheKey = `${field}|${factor}|${discreteMax}`;
  let perCatalog = fits.get(catalog);
  if (!perCatalog) fits.set(catalog, (perCatalog = new Map()));
  const cached = perCatalog.get(cacheKey);
  if (cached) return cached;
  const col = catalog.numeric[field]!;
  let missing = 0;
  for (let i = 0; i < col.length; i++) if (col[i] !== col[i]) missing++;
  const precision = catalog.precision[field] ?? detectPrecision(field, col);
  const fit: FittedColumn = {
    density: distinctAtMost(col, discreteMax) ? undefined : fitSmoothedDensity(col, factor),
    precision: precision > 0 ? precision : 0,
    missingShare: col.length ? missing / col.length : 0,
  };
  perCatalog.set(cacheKey, fit);
  return fit;
}

/**
 * The value interval [lo, hi) of the bucket `key` of part p that holds `value`, widened to
 * whole precision steps q: the bucket holds the grid values k·q with lo ≤ k·q < hi (and at
 * least the row's own), which stand for [(k_lo − ½)q, (k_hi + ½)q).
 */
export function bucketBounds(view: SchemeView, p: number, key: number, value: number, q: number): [number, number] {
  let [lo, hi] = bucketInterval(view, p, key, q);
  if (q > 0) {
    const own = Math.round(value / q);
    const kLo = Math.min(own, Math.ceil(lo / q - 1e-9));
    const kHi = Math.max(own, Math.ceil(hi / q - 1e-9) - 1);
    lo = (kLo - 0.5) * q;
    hi = (kHi + 0.5) * q;
  }
  return [lo, hi];
}
