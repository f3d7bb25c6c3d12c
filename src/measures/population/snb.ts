/**
 * SNB, the "slide negative binomial" model of Chen & Keller-McNulty (1998).
 *
 * The population has K non-empty classes whose sizes are F = 1 + Y with
 * Y ~ NegBin(α, β), P(Y = y) = Γ(α + y)/(Γ(α) y!) · β^α (1 − β)^y (α > 0, 0 < β < 1), and the
 * sample keeps each record with probability π, so a class's sample size is f | F ~ Bin(F, π).
 * Summing the negative-binomial series (write q = (1 − π)(1 − β), D = 1 − q) gives
 *
 *   P(f = 1) = π (β/D)^α · (1 + αq/D)
 *   P(f = 2) = (π²/2) · α (1 − β) β^α · D^−(α+2) · (2 − (1 − α) q)
 *
 * (the second from Σ_y y(y+1) g_y q^(y−1) = α D^−(α+2) (2 − (1 − α) q) with g_y the
 * negative-binomial coefficients). Matching expectations to the sample,
 *
 *   K̂ · P(f = 1) = c_1,   K̂ · P(f = 2) = c_2,
 *
 * determines (α, β), and the population holds K̂ · P(F = 1) = K̂ β^α uniques, a fraction
 * K̂ β^α / N. K̂ is Shlosser's estimator of the number of population classes in the
 * third-order form of Haas, Naughton, Seshadri & Stokes (1995):
 *
 *   K̂ = u + c_1 · [Σ_i i π² (1 − π²)^(i−1) c_i / Σ_i ((1 − π²)^i − (1 − π)^i) c_i]
 *              · [Σ_i (1 − π)^i c_i / Σ_i i π (1 − π)^(i−1) c_i]²
 *
 * (K̂ = u when π = 1).
 *
 * Solver: the equations are solved in logs, ln(K̂·P(f = i)/c_i) = 0, over (ln α, logit β) so
 * every iterate is inside α > 0, 0 < β < 1. A 49 × 49 grid over α in [1e−3, 1e3] and logit β
 * in [−18, 18] picks the five points with the smallest residuals; damped Newton (backtracking
 * until the residual norm falls) runs from each in turn until the norm is below 1e−12.
 * P(f = 1) is not monotone in β (a class of size F yields a sample unique with probability
 * Fπ(1 − π)^(F−1), largest near F = 1/π), so a bracketing solver has no safe bracket here.
 * Statuses: `outside_parameter_space` when c_2 = 0 (only the boundary can match),
 * `not_converged` when no start converges — the failure ARX reports as 0.
 *
 * Worked example: π = 0.1, sample {1×50, 2×10, 3×2} gives K̂ and a root (α, β) checked in
 * test/measures/population/snb.test.ts by substituting back into both equations.
 *
 * Assumptions: Bernoulli sampling, a single negative-binomial law for every class's size.
 */
import { classesOfSize, type ClassSizeCounts } from "./histogram.js";
import { clampFraction, noUniques, type PopulationEstimate, type SampleSize } from "./estimate.js";

/** Shlosser's third-order estimate of the number of non-empty population classes. */
export function shlosserClasses(h: ClassSizeCounts, pi: number): number {
  if (pi >= 1) return h.classes;
  const c1 = classesOfSize(h, 1);
  let v1 = 0;
  let v2 = 0;
  let v3 = 0;
  let v4 = 0;
  const pi2 = pi * pi;
  for (let j = 0; j < h.sizes.length; j++) {
    const i = h.sizes[j];
    const c = h.counts[j];
    const a = Math.pow(1 - pi, i);
    const b = Math.pow(1 - pi2, i);
    v1 += i * pi2 * Math.pow(1 - pi2, i - 1) * c;
    v2 += (b - a) * c;
    v3 += a * c;
    v4 += i * pi * Math.pow(1 - pi, i - 1) * c;
  }
  if (!(v2 > 0 && v4 > 0)) return h.classes;
  return h.classes + c1 * (v1 / v2) * (v3 / v4) * (v3 / v4);
}

/** P(f = 1) and P(f = 2) under the SNB model. */
export function snbSampleProbabilities(alpha: number, beta: number, pi: number): [number, number] {
  const q = (1 - pi) * (1 - beta);
  const D = 1 - q;
  const p1 = pi * Math.pow(beta / D, alpha) * (1 + (alpha * q) / D);
  const p2 = ((pi * pi) / 2) * alpha * (1 - beta) * Math.pow(beta, alpha) * Math.pow(D, -(alpha + 2)) * (2 - (1 - alpha) * q);
  return [p1, p2];
}

const logistic = (x: number) => 1 / (1 + Math.exp(-x));
/** Grid of (ln α, logit β) the solver starts from: α in [1e−3, 1e3], β in (0, 1). */
const LOG_ALPHA = Array.from({ length: 49 }, (_, k) => Math.log(1e-3) + (k * Math.log(1e6)) / 48);
const LOGIT_BETA = Array.from({ length: 49 }, (_, k) => -18 + (k * 36) / 48);
/** Newton starts tried, best grid points first. */
const STARTS = 5;
const MAX_NEWTON = 100;

export interface SnbFit {
  K: number;
  alpha: number;
  beta: number;
  iterations: number;
}

/** Residuals ln(K̂·P(f = 1)/c_1), ln(K̂·P(f = 2)/c_2) at (ln α, logit β). */
function residuals(x: number, y: number, K: number, pi: number, c1: number, c2: number): [number, number] {
  const [p1, p2] = snbSampleProbabilities(Math.exp(x), logistic(y), pi);
  return [Math.log((K * p1) / c1), Math.log((K * p2) / c2)];
}

/** Damped Newton on the residuals (forward-difference Jacobian), from (x, y). */
function newton(x: number, y: number, K: number, pi: number, c1: number, c2: number): { x: number; y: number; iterations: number } | undefined {
  let r = residuals(x, y, K, pi, c1, c2);
  let norm = Math.hypot(r[0], r[1]);
  for (let iter = 1; iter <= MAX_NEWTON; iter++) {
    if (norm < 1e-12) return { x, y, iterations: iter - 1 };
    const h = 1e-7;
    const rx = residuals(x + h, y, K, pi, c1, c2);
    const ry = residuals(x, y + h, K, pi, c1, c2);
    const a = (rx[0] - r[0]) / h, b = (ry[0] - r[0]) / h, c = (rx[1] - r[1]) / h, d = (ry[1] - r[1]) / h;
    const det = a * d - b * c;
    if (!(Math.abs(det) > 0) || !Number.isFinite(det)) return undefined;
    const dx = (d * r[0] - b * r[1]) / det;
    const dy = (a * r[1] - c * r[0]) / det;
    let step = 1;
    let accepted = false;
    for (let halvings = 0; halvings < 40; halvings++, step /= 2) {
      const nx = x - step * dx;
      const ny = y - step * dy;
      const nr = residuals(nx, ny, K, pi, c1, c2);
      const nn = Math.hypot(nr[0], nr[1]);
      if (nn < norm) {
        x = nx;
        y = ny;
        r = nr;
        norm = nn;
        accepted = true;
        break;
      }
    }
    if (!accepted) return norm < 1e-9 ? { x, y, iterations: iter } : undefined;
  }
  return undefined;
}

export function fitSnb(h: ClassSizeCounts, pi: number): SnbFit | { status: "outside_parameter_space" | "not_converged"; reason: string; iterations: number; K: number } {
  const c1 = classesOfSize(h, 1);
  const c2 = classesOfSize(h, 2);
  const K = shlosserClasses(h, pi);
  if (c2 === 0) return { status: "outside_parameter_space", reason: "no sample classes of size 2: the equations hold only on the boundary", iterations: 0, K };
  // Start Newton from the grid points with the smallest residuals.
  const scored: Array<[number, number, number]> = [];
  for (const x of LOG_ALPHA) {
    for (const y of LOGIT_BETA) {
      const r = residuals(x, y, K, pi, c1, c2);
      const norm = Math.hypot(r[0], r[1]);
      if (Number.isFinite(norm)) scored.push([norm, x, y]);
    }
  }
  scored.sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2]);
  let iterations = 0;
  for (const [, x, y] of scored.slice(0, STARTS)) {
    const r = newton(x, y, K, pi, c1, c2);
    if (r) return { K, alpha: Math.exp(r.x), beta: logistic(r.y), iterations: iterations + r.iterations };
    iterations += MAX_NEWTON;
  }
  return { status: "not_converged", reason: `no root of the SNB equations from the ${STARTS} best of ${scored.length} grid starts`, iterations, K };
}

export function snb(h: ClassSizeCounts, size: SampleSize): PopulationEstimate {
  if (classesOfSize(h, 1) === 0) return noUniques();
  const pi = size.n / size.N;
  const fit = fitSnb(h, pi);
  if ("status" in fit) return { value: NaN, status: fit.status, iterations: fit.iterations, detail: { reason: fit.reason, K: fit.K } };
  return {
    value: clampFraction((fit.K * Math.pow(fit.beta, fit.alpha)) / size.N),
    status: "ok",
    iterations: fit.iterations,
    detail: { K: fit.K, alpha: fit.alpha, beta: fit.beta },
  };
}
