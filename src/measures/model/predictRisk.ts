/**
 * Predicted risk of a scheme on a catalog from a fitted density and the occupancy model
 * (occupancy.ts), to overlay theory on the measured metrics:
 *
 *   predictRisk(catalog, parseScheme("duration=round(1min)"))  // { unique_fraction, kappa }
 *
 * The fitted model, attribute by attribute (a product of marginals):
 * - a continuous scalar attribute (more than `discreteMaxDistinct` distinct values) gets a
 *   Gaussian KDE (smoothedDensity.ts); a bucket's mass is the KDE's mass over the values the
 *   bucket holds *at the catalog's precision*: with durations recorded in whole seconds,
 *   round(1ms) buckets hold one whole-second value each, so they weigh a full second of
 *   density, not a millisecond. `exact` is the bucket of one precision step (no step known,
 *   e.g. derived bitrates: a point, mass 0, so every row is predicted unique);
 * - a discrete attribute (resolution always; a scalar with few distinct values such as fps)
 *   uses the empirical frequency of each bucket key;
 * - a missing value is its own bucket, with the missing share as mass.
 * Row i's bucket mass is the product of its parts' masses, and U, κ are the row averages
 * of (1 − p_i)^(N−1) and E[1/f] (occupancyFromRows).
 *
 * Where it deviates from measurement (see test/occupancy.test.ts for numbers):
 * - dependence: bitrate depends on resolution (encoding ladders), so the product of
 *   marginals spreads mass over (resolution, bitrate) pairs that do not occur and predicts
 *   more uniqueness than measured;
 * - near-duplicates: releases of one title share a runtime ± seconds, so rows are not
 *   i.i.d.; at fine widths they collide more than an i.i.d. model expects;
 * - the KDE smooths heaps (common runtimes, ladder bitrates) and spills mass past hard
 *   edges, which the row average reads at the data points.
 */
import type { Catalog, NumericField } from "../../catalog/catalog.js";
import { detectPrecision } from "../../catalog/precision.js";
import { UserError } from "../../base/errors.js";
import { bucketInterval, schemeView, viewKeys, type SchemeView } from "../../schemes/schemeView.js";
import { densify } from "../../base/densify.js";
import { assertSchemeFits } from "../../engine/partition.js";
import { formatGeneralizer } from "../../schemes/format.js";
import { SCALAR_FIELD, isScalarAttribute, type Scheme } from "../../schemes/types.js";
import { isRandomized } from "../../schemes/generalizers/registry.js";
import { occupancyFromRows } from "./occupancy.js";
import { fitSmoothedDensity, type SmoothedDensity } from "./smoothedDensity.js";

export interface PredictRiskOptions {
  /** Scales Silverman's bandwidth (default 1). */
  bandwidthFactor?: number;
  /** A scalar column with at most this many distinct values is modelled by its empirical frequencies (default 64). */
  discreteMaxDistinct?: number;
}

export interface PredictedRisk {
  unique_fraction: number;
  /** E[1/f]: kappa when titles are distinct, a lower bound with multi-release titles. */
  kappa: number;
}

const DEFAULT_DISCRETE_MAX = 64;

/** One fitted column: its KDE (continuous) or nothing (discrete), its precision and missing share. */
interface FittedColumn {
  density?: SmoothedDensity;
  precision: number;
  missingShare: number;
}

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
function fitColumn(catalog: Catalog, field: NumericField, options: PredictRiskOptions): FittedColumn {
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

/** First row of each dense code (codes count up from 0 by first appearance). */
function firstRows(codes: Int32Array, count: number): Int32Array {
  const first = new Int32Array(count);
  let seen = 0;
  for (let i = 0; i < codes.length && seen < count; i++) if (codes[i] === seen) first[seen++] = i;
  return first;
}

/** Empirical frequency of each row's key (NaN keys form one "not reported" bucket). */
function empiricalMass(keys: Float64Array): Float64Array {
  const { codes, count } = densify(keys);
  const counts = new Float64Array(count);
  for (let i = 0; i < codes.length; i++) counts[codes[i]]++;
  const out = new Float64Array(codes.length);
  const n = codes.length;
  for (let i = 0; i < n; i++) out[i] = counts[codes[i]] / n;
  return out;
}

/**
 * KDE mass of each row's bucket, at the column's precision q: the bucket [lo, hi) holds
 * the grid values k·q with lo ≤ k·q < hi, which stand for [(k_lo − ½)q, (k_hi + ½)q).
 * Computed once per distinct key (dense codes), then spread to the rows.
 */
function continuousMass(view: SchemeView, p: number, keys: Float64Array, col: Float64Array, fit: FittedColumn): Float64Array {
  const density = fit.density!;
  const q = fit.precision;
  const present = 1 - fit.missingShare;
  const { codes, count } = densify(keys);
  const first = firstRows(codes, count);
  const massOf = new Float64Array(count);
  for (let c = 0; c < count; c++) {
    const i = first[c];
    const key = keys[i];
    if (key !== key) {
      massOf[c] = fit.missingShare;
      continue;
    }
    let [lo, hi] = bucketInterval(view, p, key, q);
    if (q > 0) {
      const own = Math.round(col[i] / q);
      const kLo = Math.min(own, Math.ceil(lo / q - 1e-9));
      const kHi = Math.max(own, Math.ceil(hi / q - 1e-9) - 1);
      lo = (kLo - 0.5) * q;
      hi = (kHi + 0.5) * q;
    }
    massOf[c] = density.mass(lo, hi) * present;
  }
  const out = new Float64Array(codes.length);
  for (let i = 0; i < codes.length; i++) out[i] = massOf[codes[i]];
  return out;
}

/** Predicted unique_fraction and kappa of `scheme` on `catalog` (see the module comment). */
export function predictRisk(catalog: Catalog, scheme: Scheme, options: PredictRiskOptions = {}): PredictedRisk {
  for (const part of scheme.parts) {
    if (isRandomized(part.generalizer)) {
      throw new UserError(
        `the occupancy model cannot predict ${part.attribute}=${formatGeneralizer(part.attribute, part.generalizer)}: randomized buckets depend on noise draws, not on the density — measure them with evaluate or an attack instead`,
      );
    }
  }
  assertSchemeFits(catalog, scheme);
  const n = catalog.rows;
  const view = schemeView(scheme, catalog);
  const pRow = new Float64Array(n).fill(1);
  for (let p = 0; p < scheme.parts.length; p++) {
    const part = scheme.parts[p];
    const keys = viewKeys(view, p, catalog);
    let mass: Float64Array;
    if (!isScalarAttribute(part.attribute)) {
      // resolution pairs and text categories: no density, the empirical bucket shares
      mass = empiricalMass(keys);
    } else {
      const field = SCALAR_FIELD[part.attribute];
      const fit = fitColumn(catalog, field, options);
      mass = fit.density ? continuousMass(view, p, keys, catalog.numeric[field]!, fit) : empiricalMass(keys);
    }
    for (let i = 0; i < n; i++) pRow[i] *= mass[i];
  }
  // the scheme that observes nothing: one bucket of mass 1
  return occupancyFromRows(pRow, n);
}
