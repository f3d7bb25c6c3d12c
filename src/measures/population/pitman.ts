/**
 * Pitman (1996) two-parameter model of the population's class sizes, fitted to the
 * sample by maximum likelihood (Hoshino 2001 introduced it for population uniqueness).
 *
 * The model: records join classes by the two-parameter Chinese restaurant process. With
 * m records seated in k classes, the next record opens a new class with probability
 * (θ + kα)/(θ + m) and joins a class of size s with probability (s − α)/(θ + m). A sample
 * of n records in u classes of sizes n_1 … n_u then has probability (the exchangeable
 * partition probability function)
 *
 *   p = Π_{i=1}^{u−1} (θ + iα) / Π_{i=1}^{n−1} (θ + i) · Π_k Π_{j=1}^{n_k−1} (j − α),
 *
 * so with c_k classes of size k the log-likelihood and its score equations are
 *
 *   ℓ(θ, α) = Σ_{i=1}^{u−1} ln(θ + iα) − Σ_{i=1}^{n−1} ln(θ + i) + Σ_k c_k Σ_{j=1}^{k−1} ln(j − α)
 *   ∂ℓ/∂θ  = Σ_{i=1}^{u−1} 1/(θ + iα) − Σ_{i=1}^{n−1} 1/(θ + i)                      = 0
 *   ∂ℓ/∂α  = Σ_{i=1}^{u−1} i/(θ + iα) − Σ_k c_k Σ_{j=1}^{k−1} 1/(j − α)             = 0.
 *
 * Parameter space: Pitman's process is defined for 0 ≤ α < 1, θ > −α (and for α < 0 only
 * on the lattice θ = m|α|). The solver stays inside 0 ≤ α < 1, θ > −α, where every term of ℓ
 * is a logarithm of a positive number (θ + iα ≥ θ + α > 0), so ℓ is finite everywhere it looks.
 *
 * Population uniques: a record stays alone while N − 1 others arrive with probability
 * Π_{m=1}^{N−1} (1 − (1 − α)/(θ + m)) = (θ + α)_{N−1} / (θ + 1)_{N−1} (rising factorials),
 * so the expected fraction of unique population records is
 *
 *   U = Γ(θ + α + N − 1) Γ(θ + 1) / (Γ(θ + α) Γ(θ + N)),
 *
 * exact at finite N; for large N it is the familiar Γ(θ + 1)/Γ(θ + α) · N^(α − 1).
 *
 * Solver (why it cannot wander off like a bare 2-D Newton iteration): for each α the
 * θ-equation has a root bracketed between θ → −α (where 1/(θ + α) → +∞) and θ → ∞ (where the
 * score is ≈ (u − n)/θ < 0), found by Brent's method on ln(θ + α). The α-score along that
 * profile is the derivative of the profile likelihood; it is scanned on a grid of α in [0, 1),
 * each + → − sign change (a local maximum) is refined by Brent's method, and the root with the
 * largest ℓ is kept after checking ℓ is finite there. Statuses:
 * - `ok`: an interior maximum (0 < α < 1, θ > −α) — both score equations hold there;
 * - `outside_parameter_space`: the profile likelihood is largest at α = 0 and still rising
 *   toward α < 0 (the sample is less skewed than any Pitman population: typical after coarse
 *   rounding, whose finitely many buckets fit a finite-class model), still rising toward α → 1,
 *   or every record is unique (ℓ grows without bound as θ → ∞). No estimate is reported:
 *   α < 0 is not a Pitman process for general θ, the α = 0 boundary point does not solve the
 *   α-equation, and the α < 0 maximum (reachable by passing `fitPitman` a grid with negative α,
 *   where the sums stay valid for θ > (u − 1)|α|) underestimated the truth on the synthetic
 *   validation (docs/population.md);
 * - `no_uniques`: c_1 = 0.
 *
 * Worked example (test/measures/population/pitman.test.ts): sample classes of sizes
 * {1×60, 2×15, 3×6, 5×3, 10×2, 40×1, 100×1} (n = 283, u = 88) fit at θ ≈ 2.19, α ≈ 0.687,
 * where both scores vanish; the lighter-tailed {1×6, 2×2, 3×1, 5×1} is outside_parameter_space.
 *
 * Assumptions: exchangeable records (simple random sampling), and a population partition
 * that follows the two-parameter model — heavy-tailed class sizes, unbounded class count.
 */
import { classesOfSize, type ClassSizeCounts } from "./histogram.js";
import { clampFraction, noUniques, type PopulationEstimate, type SampleSize } from "./estimate.js";
import { brent } from "./rootFind.js";
import { logGamma, recipSum } from "./special.js";

/** Below this ε·m (ε = α/θ) the sums over i use their Taylor series in ε (no cancellation). */
const SERIES_BELOW = 1e-4;

/** Power sums P_k = Σ_{i=1}^m i^k, k = 0..4. */
function powerSums(m: number): number[] {
  const m1 = m + 1;
  const p1 = (m * m1) / 2;
  return [m, p1, (m * m1 * (2 * m + 1)) / 6, p1 * p1, (m * m1 * (2 * m + 1) * (3 * m * m + 3 * m - 1)) / 30];
}

/** Σ_{i=1}^m 1/(θ + iα) and Σ_{i=1}^m i/(θ + iα), for α ≥ 0 and θ + α > 0. */
export function linearSums(theta: number, alpha: number, m: number): { inv: number; weighted: number } {
  if (m <= 0) return { inv: 0, weighted: 0 };
  if (alpha === 0) return { inv: m / theta, weighted: (m * (m + 1)) / (2 * theta) };
  if (theta > 0 && Math.abs(alpha / theta) * m < SERIES_BELOW) {
    const e = alpha / theta;
    const p = powerSums(m);
    const inv = (p[0] - e * p[1] + e * e * p[2] - e * e * e * p[3] + e * e * e * e * p[4]) / theta;
    const weighted = (p[1] - e * p[2] + e * e * p[3] - e * e * e * p[4]) / theta;
    return { inv, weighted };
  }
  // α < 0: θ + iα = |α|(K − i) with K = θ/|α| > m, so Σ = (1/|α|) Σ_{j=K−m}^{K−1} 1/j.
  const inv = alpha > 0 ? recipSum(theta / alpha + 1, m) / alpha : recipSum(theta / -alpha - m, m) / -alpha;
  return { inv, weighted: (m - theta * inv) / alpha };
}

/** Σ_k c_k Σ_{j=1}^{k−1} 1/(j − α). */
function classTermScore(h: ClassSizeCounts, alpha: number): number {
  let s = 0;
  for (let j = 0; j < h.sizes.length; j++) if (h.sizes[j] > 1) s += h.counts[j] * recipSum(1 - alpha, h.sizes[j] - 1);
  return s;
}

/** The two score equations (∂ℓ/∂θ, ∂ℓ/∂α) at (θ, α). */
export function pitmanScores(h: ClassSizeCounts, theta: number, alpha: number): [number, number] {
  const { inv, weighted } = linearSums(theta, alpha, h.classes - 1);
  return [inv - recipSum(theta + 1, h.records - 1), weighted - classTermScore(h, alpha)];
}

/** ℓ(θ, α); −Infinity or NaN outside the region where it is defined. */
export function pitmanLogLikelihood(h: ClassSizeCounts, theta: number, alpha: number): number {
  const u = h.classes;
  const n = h.records;
  if (!(alpha < 1 && theta + alpha > 0 && theta + (u - 1) * alpha > 0 && theta > -1)) return -Infinity;
  let first: number;
  if (alpha === 0) first = (u - 1) * Math.log(theta);
  else if (theta > 0 && Math.abs(alpha / theta) * (u - 1) < SERIES_BELOW) {
    const e = alpha / theta;
    const p = powerSums(u - 1);
    first = (u - 1) * Math.log(theta) + e * p[1] - (e * e * p[2]) / 2 + (e * e * e * p[3]) / 3;
  } else if (alpha > 0) first = (u - 1) * Math.log(alpha) + logGamma(theta / alpha + u) - logGamma(theta / alpha + 1);
  else first = (u - 1) * Math.log(-alpha) + logGamma(theta / -alpha) - logGamma(theta / -alpha - u + 1);
  let classes = 0;
  for (let j = 0; j < h.sizes.length; j++) {
    if (h.sizes[j] > 1) classes += h.counts[j] * (logGamma(h.sizes[j] - alpha) - logGamma(1 - alpha));
  }
  return first - (logGamma(theta + n) - logGamma(theta + 1)) + classes;
}

/** Expected fraction of unique records in a Pitman population of N records. */
export function pitmanUniqueFraction(theta: number, alpha: number, N: number): number {
  if (N <= 1) return 1;
  return clampFraction(Math.exp(logGamma(theta + alpha + N - 1) - logGamma(theta + alpha) - logGamma(theta + N) + logGamma(theta + 1)));
}

interface ProfilePoint {
  theta: number;
  iterations: number;
}

/** θ solving ∂ℓ/∂θ = 0 at fixed α (bracketed on t = ln(θ + α)). */
function profileTheta(h: ClassSizeCounts, alpha: number): ProfilePoint | undefined {
  // θ ranges over (θ_min, ∞): θ > −α, and θ > (u − 1)|α| when α < 0.
  const thetaMin = alpha >= 0 ? -alpha : -(h.classes - 1) * alpha;
  const g = (t: number) => pitmanScores(h, Math.exp(t) + thetaMin, alpha)[0];
  let lo = Math.log(1e-12);
  let glo = g(lo);
  while (!(glo > 0) && lo > -700) glo = g((lo -= 20));
  let hi = 0;
  let ghi = g(hi);
  while (!(ghi < 0) && hi < 700) ghi = g((hi += 5));
  if (!(glo > 0 && ghi < 0)) return undefined;
  const r = brent(g, lo, hi, 1e-15);
  return r.converged ? { theta: Math.exp(r.x) + thetaMin, iterations: r.iterations } : undefined;
}

/** α grid scanned for sign changes of the profile α-score; dense near 1 where classes of size ≥ 2 push it to −∞. */
const ALPHA_GRID = [0, 0.02, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 0.99, 0.999, 0.9999, 1 - 1e-6, 1 - 1e-9];

export interface PitmanFit {
  theta: number;
  alpha: number;
  logLikelihood: number;
  iterations: number;
}

/** The interior maximum-likelihood (θ, α), or the reason there is none. */
export function fitPitman(h: ClassSizeCounts, grid: readonly number[] = ALPHA_GRID): PitmanFit | { status: "outside_parameter_space" | "not_converged"; reason: string; iterations: number } {
  const u = h.classes;
  const n = h.records;
  if (u === n) return { status: "outside_parameter_space", reason: "every record is unique: the likelihood grows without bound as theta -> infinity", iterations: 0 };
  if (u < 2) return { status: "outside_parameter_space", reason: "one class: the likelihood is largest at theta -> -alpha", iterations: 0 };
  let iterations = 0;
  const profile = new Map<number, number>();
  const score = (alpha: number): number => {
    const p = profileTheta(h, alpha);
    if (!p) return NaN;
    iterations += p.iterations;
    profile.set(alpha, p.theta);
    return pitmanScores(h, p.theta, alpha)[1];
  };
  const values = grid.map(score);
  const candidates: PitmanFit[] = [];
  let outer = 0;
  for (let k = 0; k + 1 < grid.length; k++) {
    if (values[k] > 0 && values[k + 1] < 0) {
      const r = brent(score, grid[k], grid[k + 1], 0);
      outer += r.iterations;
      const alpha = r.x;
      const theta = profile.get(alpha) ?? profileTheta(h, alpha)?.theta;
      if (!r.converged || theta === undefined) continue;
      const logLikelihood = pitmanLogLikelihood(h, theta, alpha);
      if (Number.isFinite(logLikelihood)) candidates.push({ theta, alpha, logLikelihood, iterations: 0 });
    }
  }
  const total = outer + iterations;
  if (values.some((v) => Number.isNaN(v)) && candidates.length === 0) {
    return { status: "not_converged", reason: "no bracket for theta at some alpha", iterations: total };
  }
  // The α = 0 boundary is a maximum of the constrained problem when the score is negative there.
  const theta0 = profile.get(0);
  const boundary = values[0] <= 0 && theta0 !== undefined ? pitmanLogLikelihood(h, theta0, 0) : -Infinity;
  const best = candidates.reduce<PitmanFit | undefined>((b, c) => (b === undefined || c.logLikelihood > b.logLikelihood ? c : b), undefined);
  if (best === undefined && values[0] > 0) {
    return { status: "outside_parameter_space", reason: "the likelihood still rises toward alpha -> 1", iterations: total };
  }
  if (best === undefined || boundary > best.logLikelihood) {
    return {
      status: "outside_parameter_space",
      reason: "the likelihood is largest at alpha = 0 and still rising toward alpha < 0",
      iterations: total,
    };
  }
  return { ...best, iterations: total };
}

export function pitman(h: ClassSizeCounts, size: SampleSize): PopulationEstimate {
  if (classesOfSize(h, 1) === 0) return noUniques();
  const fit = fitPitman(h);
  if ("status" in fit) return { value: NaN, status: fit.status, iterations: fit.iterations, detail: { reason: fit.reason } };
  return {
    value: pitmanUniqueFraction(fit.theta, fit.alpha, size.N),
    status: "ok",
    iterations: fit.iterations,
    detail: { theta: fit.theta, alpha: fit.alpha, log_likelihood: fit.logLikelihood },
  };
}
