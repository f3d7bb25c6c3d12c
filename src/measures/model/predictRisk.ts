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
 * Where it deviates from measurement (see test/measures/model/occupancy.test.ts for numbers):
 * - dependence: bitrate depends on resolution (encoding ladders), so the product of
 *   marginals spreads mass over (resolution, bitrate) pairs that do not occur and predicts
 *   more uniqueness than measured;
 * - near-duplicates: releases of one title share a runtime ± seconds, so rows are not
 *   i.i.d.; at fine widths they collide more than an i.i.d. model expects;
 * - the KDE smooths heaps (common runtimes, ladder bitrates) and spills mass past hard
 *   edges, which the row average reads at the data points.
 */
import type { Catalog } from "../../catalog/catalog.js";
import { UserError } from "../../base/errors.js";
import { schemeView, viewKeys, type SchemeView } from "../../schemes/schemeView.js";
import { densify } from "../../base/densify.js";
import { assertSchemeFits } from "../../engine/partition.js";
import { formatGeneralizer } from "../../schemes/format.js";
import { SCALAR_FIELD, isScalarAttribute, type Scheme } from "../../schemes/types.js";
import { isRandomized } from "../../schemes/generalizers/registry.js";
import { occupancyFromRows } from "./occupancy.js";
import { bucketBounds, fitColumn, type FittedColumn, type MarginalOptions } from "./marginals.js";

/** How the marginals are fitted (marginals.ts). */
export type PredictRiskOptions = MarginalOptions;

export interface PredictedRisk {
  unique_fraction: number;
  /** E[1/f]: kappa when titles are distinct, a lower bound with multi-release titles. */
  kappa: number;
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
    const [lo, hi] = bucketBounds(view, p, key, col[i], q);
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
