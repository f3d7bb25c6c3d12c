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
 * Solver: for each α the first equation is solved for β by Brent's method on logit β (it
 * has a root when K̂π > c_1: P(f = 1) runs from 0 at β → 0 to π at β → 1); the second
 * equation's residual along that curve is scanned on a log grid of α in [1e−4, 1e4] and the
 * first sign change refined by Brent's method. Statuses: `outside_parameter_space` when
 * K̂π ≤ c_1 or c_2 = 0 (no α > 0, 0 < β < 1 can match), `not_converged` when the scan finds no
 * sign change — the failure ARX reports as 0.
 *
 * Worked example: π = 0.1, sample {1×50, 2×10, 3×2} gives K̂ and a root (α, β) checked in
 * test/measures/population/snb.test.ts by substituting back into both equations.
 *
 * Assumptions: Bernoulli sampling, a single negative-binomial law for every class's size.
 */
import { classesOfSize, type ClassSizeCounts } from "./histogram.js";
import { clampFraction, noUniques, type PopulationEstimate, type SampleSize } from "./estimate.js";
import { brent } from "./rootFind.js";

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
const ALPHA_GRID = Array.from({ length: 33 }, (_, k) => 10 ** (-4 + k / 4));

export interface SnbFit {
  K: number;
  alpha: number;
  beta: number;
  iterations: number;
}

export function fitSnb(h: ClassSizeCounts, pi: number): SnbFit | { status: "outside_parameter_space" | "not_converged"; reason: string; iterations: number; K: number } {
  const c1 = classesOfSize(h, 1);
  const c2 = classesOfSize(h, 2);
  const K = shlosserClasses(h, pi);
  if (c2 === 0) return { status: "outside_parameter_space", reason: "no sample classes of size 2: the equations hold only on the boundary", iterations: 0, K };
  if (!(K * pi > c1)) return { status: "outside_parameter_space", reason: "K*pi <= c1: no beta matches the sample uniques", iterations: 0, K };
  let iterations = 0;
  const betaFor = (alpha: number): number => {
    const r1 = (x: number) => K * snbSampleProbabilities(alpha, logistic(x), pi)[0] - c1;
    const lo = -40;
    const hi = 40;
    if (!(r1(lo) < 0 && r1(hi) > 0)) return NaN;
    const r = brent(r1, lo, hi, 1e-14);
    iterations += r.iterations;
    return r.converged ? logistic(r.x) : NaN;
  };
  const r2 = (logAlpha: number): number => {
    const alpha = Math.exp(logAlpha);
    const beta = betaFor(alpha);
    return beta === beta ? K * snbSampleProbabilities(alpha, beta, pi)[1] - c2 : NaN;
  };
  const grid = ALPHA_GRID.map((a) => Math.log(a));
  let prev = r2(grid[0]);
  for (let k = 1; k < grid.length; k++) {
    const cur = r2(grid[k]);
    if (prev === prev && cur === cur && (prev > 0) !== (cur > 0)) {
      const r = brent(r2, grid[k - 1], grid[k], 1e-13);
      iterations += r.iterations;
      const alpha = Math.exp(r.x);
      const beta = betaFor(alpha);
      if (r.converged && beta === beta) return { K, alpha, beta, iterations };
    }
    prev = cur;
  }
  return { status: "not_converged", reason: "no root of the second equation for alpha in [1e-4, 1e4]", iterations, K };
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
