/**
 * The Gaussian-copula model of Rocher, Hendrickx & de Montjoye (2019): a generative model
 * of the population fitted to the catalog, giving each item's cell probability p_x — the
 * chance a random population record falls in the item's generalized tuple — and from it
 *
 *   ξ_x = (1 − p_x)^(N−1)               the item is unique in a population of N,
 *   κ_x = (1 − (1 − p_x)^N) / (N p_x)   a match on its tuple is correct
 *                                       (E[1/(1 + K)], K ~ Bin(N − 1, p_x): the attacker picks
 *                                       one of the records sharing the tuple at random).
 *
 * The model, attribute by attribute (one per scheme part):
 * - marginals (model/marginals.ts): a continuous scalar gets a Gaussian KDE, and its bucket
 *   the KDE's mass over the values the bucket holds at the catalog's precision; a discrete
 *   one (resolution, or few distinct values) the empirical frequencies of the bucket keys,
 *   ordered by key; a missing value is one more bucket above all others. Each item's bucket
 *   is then an interval [u, u + m] of the marginal's probability scale;
 * - dependence: a Gaussian copula whose correlation matrix is the Pearson correlation of the
 *   van der Waerden normal scores Φ⁻¹(r/(n + 1)) of the raw values (r the mid-rank; resolution
 *   ranks by pixel count), over the rows where both attributes are present — the correlation
 *   of the latent values, not of the buckets, so it does not depend on the scheme's widths;
 * - p_x = P(Φ⁻¹(u_j) ≤ Z_j ≤ Φ⁻¹(u_j + m_j) for every j), Z ~ N(0, R): rectangle.ts (exact in
 *   one dimension, Gauss–Legendre/midpoint rules beyond; deterministic).
 *
 * p_x depends only on the item's class (all its rows share the tuple), so it is computed
 * once per class: the cost is one sort per attribute plus one rectangle per class.
 *
 * Worked example (independent attributes, R = I): two attributes whose buckets hold 10 % and
 * 20 % of the mass give p_x = 0.02; with N = 100, ξ_x = 0.98^99 ≈ 0.135 and
 * κ_x = (1 − 0.98^100)/(100 · 0.02) ≈ 0.434.
 *
 * Assumptions: population records are i.i.d. draws from the fitted model (the catalog is a
 * random sample of the population); the copula's dependence is Gaussian. Records, not
 * titles: releases of one title are separate records, so ξ and κ are record-level.
 */
import type { Catalog } from "../../catalog/catalog.js";
import { densify } from "../../base/densify.js";
import { lowerBound, upperBound } from "../../base/bisect.js";
import type { Partition } from "../../engine/partition.js";
import { hasInterval, scalarColumn, scalarField, schemeView, viewKeys } from "../../schemes/schemeView.js";
import type { Scheme, SchemePart } from "../../schemes/types.js";
import { isScalarAttribute, isTextAttribute } from "../../schemes/types.js";
import { UserError } from "../../base/errors.js";
import { bucketBounds, fitColumn, type MarginalOptions } from "../model/marginals.js";
import { expectedInverseClassSize, survival } from "../model/occupancy.js";
import { choleskyLower, RectangleIntegrator } from "./rectangle.js";
import { normalQuantileRefined } from "./special.js";

export type CopulaOptions = MarginalOptions;

export interface CopulaFit {
  /** Correlation matrix of the normal scores, row-major d×d (after any shrinkage to make it positive definite). */
  correlation: Float64Array;
  /** Attributes in the order of the matrix. */
  attributes: string[];
  /** p_x per class of the partition. */
  classProbability: Float64Array;
}

/** The latent value a part's copula margin ranks by: the raw column, or pixel count for resolution. */
function latentColumn(part: SchemePart, catalog: Catalog): Float64Array {
  if (isTextAttribute(part.attribute)) throw new UserError(`the copula model ranks numeric values; ${part.attribute} is text — leave it out of the scheme for population estimates`);
  if (part.attribute !== "resolution") return scalarColumn(part, catalog)!;
  const { width, height } = catalog.numeric;
  if (width && height) return Float64Array.from(width, (w, i) => w * height[i]);
  return (width ?? height)!;
}

const scoreCache = new WeakMap<Catalog, Map<string, Float64Array>>();

/** The normal scores of a part's latent column, cached per catalog (every scheme of a sweep reuses them). */
function latentScores(part: SchemePart, catalog: Catalog): Float64Array {
  let perCatalog = scoreCache.get(catalog);
  if (!perCatalog) scoreCache.set(catalog, (perCatalog = new Map()));
  let scores = perCatalog.get(part.attribute);
  if (!scores) perCatalog.set(part.attribute, (scores = normalScores(latentColumn(part, catalog))));
  return scores;
}

/** van der Waerden scores Φ⁻¹(r/(m + 1)), r the mid-rank among the m present values; NaN stays NaN. */
export function normalScores(values: Float64Array): Float64Array {
  let m = 0;
  for (let i = 0; i < values.length; i++) if (values[i] === values[i]) m++;
  const sorted = new Float64Array(m);
  for (let i = 0, j = 0; i < values.length; i++) if (values[i] === values[i]) sorted[j++] = values[i];
  sorted.sort();
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const x = values[i];
    if (x !== x) {
      out[i] = NaN;
      continue;
    }
    const lo = lowerBound(sorted, x);
    const hi = upperBound(sorted, x);
    out[i] = normalQuantileRefined((lo + 1 + hi) / 2 / (m + 1));
  }
  return out;
}

/** Pearson correlation over the rows where both scores are present (0 when undefined). */
function correlation(x: Float64Array, y: Float64Array): number {
  let n = 0, sx = 0, sy = 0;
  for (let i = 0; i < x.length; i++) if (x[i] === x[i] && y[i] === y[i]) { n++; sx += x[i]; sy += y[i]; }
  if (n < 3) return 0;
  const mx = sx / n;
  const my = sy / n;
  let sxy = 0, sxx = 0, syy = 0;
  for (let i = 0; i < x.length; i++) {
    if (x[i] === x[i] && y[i] === y[i]) {
      const dx = x[i] - mx;
      const dy = y[i] - my;
      sxy += dx * dy;
      sxx += dx * dx;
      syy += dy * dy;
    }
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : 0;
}

/** The normal-score correlation matrix of the scheme's attributes, shrunk toward I until positive definite. */
export function scoreCorrelation(scores: Float64Array[]): Float64Array {
  const d = scores.length;
  const R = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    R[i * d + i] = 1;
    for (let j = 0; j < i; j++) R[i * d + j] = R[j * d + i] = correlation(scores[i], scores[j]);
  }
  for (let shrink = 0; shrink < 1000 && !choleskyLower(R, d); shrink++) {
    for (let i = 0; i < d * d; i++) if (i % (d + 1) !== 0) R[i] *= 0.995;
  }
  return R;
}

/** First row of each class. */
function firstRowOfClass(part: Partition): Int32Array {
  const first = new Int32Array(part.classCount).fill(-1);
  for (let i = 0; i < part.classOf.length; i++) if (first[part.classOf[i]] < 0) first[part.classOf[i]] = i;
  return first;
}

/**
 * Each class's marginal interval for part p: lower end u and mass m, on the marginal's
 * probability scale (see the module comment).
 */
function marginalIntervals(catalog: Catalog, scheme: Scheme, p: number, first: Int32Array, options: CopulaOptions): { lower: Float64Array; mass: Float64Array } {
  const view = schemeView(scheme, catalog);
  const part = scheme.parts[p];
  const keys = viewKeys(view, p, catalog);
  const k = first.length;
  const lower = new Float64Array(k);
  const mass = new Float64Array(k);
  const field = isScalarAttribute(part.attribute) ? scalarField(part) : undefined;
  const fit = field ? fitColumn(catalog, field, options) : undefined;
  if (fit?.density && hasInterval(part.generalizer)) {
    const col = catalog.numeric[field!]!;
    const present = 1 - fit.missingShare;
    for (let c = 0; c < k; c++) {
      const i = first[c];
      const key = keys[i];
      if (key !== key) {
        lower[c] = present;
        mass[c] = fit.missingShare;
        continue;
      }
      const [lo, hi] = bucketBounds(view, p, key, col[i], fit.precision);
      lower[c] = fit.density.mass(-Infinity, lo) * present;
      mass[c] = fit.density.mass(lo, hi) * present;
    }
    return { lower, mass };
  }
  // Empirical: keys in ascending order (NaN last), each bucket's share of the rows.
  const { codes, count } = densify(keys);
  const counts = new Float64Array(count);
  const keyOf = new Float64Array(count);
  for (let i = 0; i < codes.length; i++) {
    counts[codes[i]]++;
    keyOf[codes[i]] = keys[i];
  }
  const order = Array.from({ length: count }, (_, c) => c).sort((a, b) => {
    const x = keyOf[a], y = keyOf[b];
    if (x !== x) return y !== y ? 0 : 1;
    if (y !== y) return -1;
    return x - y;
  });
  const below = new Float64Array(count);
  let acc = 0;
  for (const c of order) {
    below[c] = acc;
    acc += counts[c];
  }
  const n = codes.length;
  for (let c = 0; c < k; c++) {
    const code = codes[first[c]];
    lower[c] = below[code] / n;
    mass[c] = counts[code] / n;
  }
  return { lower, mass };
}

/** Fit the copula to the catalog and compute p_x for every class of the scheme's partition. */
export function fitCopula(catalog: Catalog, scheme: Scheme, part: Partition, options: CopulaOptions = {}): CopulaFit {
  const d = scheme.parts.length;
  const classProbability = new Float64Array(part.classCount);
  if (d === 0) return { correlation: new Float64Array(0), attributes: [], classProbability: classProbability.fill(1) };
  const first = firstRowOfClass(part);
  const intervals = scheme.parts.map((_, p) => marginalIntervals(catalog, scheme, p, first, options));
  const R = scoreCorrelation(scheme.parts.map((sp) => latentScores(sp, catalog)));
  const integrator = new RectangleIntegrator(R, d);
  const lower = new Float64Array(d);
  const mass = new Float64Array(d);
  for (let c = 0; c < part.classCount; c++) {
    for (let j = 0; j < d; j++) {
      lower[j] = intervals[j].lower[c];
      mass[j] = intervals[j].mass[c];
    }
    classProbability[c] = integrator.probability(lower, mass);
  }
  return { correlation: R, attributes: scheme.parts.map((sp) => sp.attribute), classProbability };
}

/** ξ_x: the chance a record of cell probability p is unique among N. */
export function uniqueInPopulation(p: number, N: number): number {
  return survival(p, N - 1);
}

/** κ_x: the chance a match on a tuple of cell probability p, among N records, is correct. */
export function correctMatch(p: number, N: number): number {
  return expectedInverseClassSize(p, N);
}

/** Row averages of ξ_x and κ_x (the metrics pop_unique_copula and pop_kappa_copula). */
export function copulaAverages(fit: CopulaFit, part: Partition, N: number): { unique: number; kappa: number } {
  let u = 0;
  let k = 0;
  let rows = 0;
  for (let c = 0; c < part.classCount; c++) {
    const f = part.classSize[c];
    const p = fit.classProbability[c];
    u += f * uniqueInPopulation(p, N);
    k += f * correctMatch(p, N);
    rows += f;
  }
  return rows > 0 ? { unique: u / rows, kappa: k / rows } : { unique: 0, kappa: 0 };
}
