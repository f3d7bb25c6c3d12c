/**
 * Zayatz (1991): population uniques from the sample uniques, assuming the population's
 * class sizes are distributed like the sample's.
 *
 * A population class of size i contributes a sample unique when exactly one of its i
 * records is drawn. Drawing n of N records without replacement, that happens with the
 * hypergeometric probability
 *
 *   H(i) = i · C(N − i, n − 1) / C(N, n).
 *
 * If a share c_i/u of the population's classes had size i (the sample's shares stand in
 * for the unknown population's), a sample unique came from a population unique with
 * probability
 *
 *   P(F = 1 | f = 1) = c_1·H(1) / Σ_i c_i·H(i),
 *
 * and since each population unique is drawn with probability π = n/N, the population holds
 * N̂_1 = c_1 · P(F = 1 | f = 1) / π uniques, a fraction N̂_1 / N = (c_1 / n) · P(F = 1 | f = 1).
 *
 * Only ratios H(i)/H(1) = i · C(N − i, n − 1) / C(N − 1, n − 1) are needed, computed through
 * ln Γ (N may be any real ≥ n, e.g. n/π). Cost: one term per distinct class size.
 *
 * Worked example: N = 10, n = 5, sample classes {1, 1, 1, 2} (c_1 = 3, c_2 = 1):
 * H(1) = C(9,4)/C(10,5) = 1/2, H(2) = 2·C(8,4)/C(10,5) = 5/9, so
 * P(F = 1 | f = 1) = 1.5 / (1.5 + 5/9) = 27/37 and the fraction is (3/5)·(27/37) = 81/185 ≈ 0.438.
 *
 * Assumptions: simple random sampling without replacement; the population's class-size
 * distribution equals the sample's (which biases the estimate up at small π, where the
 * sample's classes are much smaller than the population's).
 */
import { classesOfSize, type ClassSizeCounts } from "./histogram.js";
import { clampFraction, noUniques, type PopulationEstimate, type SampleSize } from "./estimate.js";
import { logGamma } from "./special.js";

/** ln of C(N − i, n − 1) / C(N − 1, n − 1); −Infinity when N − i < n − 1 (no way to draw n − 1 others). */
function logDrawRatio(N: number, n: number, i: number): number {
  if (i === 1) return 0;
  const rest = N - i - n + 2; // Γ argument of (N − i − (n − 1))!
  if (!(rest > 0)) return -Infinity;
  return logGamma(N - i + 1) - logGamma(rest) - logGamma(N) + logGamma(N - n + 1);
}

/** P(F = 1 | f = 1) under Zayatz's assumption (used by the per-record report too). */
export function zayatzUniqueGivenSampleUnique(h: ClassSizeCounts, size: SampleSize): number {
  const { n, N } = size;
  const c1 = classesOfSize(h, 1);
  let denominator = 0;
  for (let j = 0; j < h.sizes.length; j++) {
    const i = h.sizes[j];
    denominator += h.counts[j] * i * Math.exp(logDrawRatio(N, n, i));
  }
  return denominator > 0 ? c1 / denominator : 0;
}

export function zayatz(h: ClassSizeCounts, size: SampleSize): PopulationEstimate {
  const c1 = classesOfSize(h, 1);
  if (c1 === 0) return noUniques();
  const cond = zayatzUniqueGivenSampleUnique(h, size);
  return { value: clampFraction((c1 / size.n) * cond), status: "ok", detail: { unique_given_sample_unique: cond } };
}
