import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { fromPairs, type ClassSizeCounts } from "../../../src/measures/population/histogram.js";
import { fitPitman, linearSums, pitman, pitmanLogLikelihood, pitmanUniqueFraction } from "../../../src/measures/population/pitman.js";
import { recipSum } from "../../../src/measures/population/special.js";

/** The score equations summed term by term, straight from their definition. */
function bruteScores(h: ClassSizeCounts, theta: number, alpha: number): { scores: [number, number]; scale: [number, number] } {
  let a = 0, b = 0, c = 0, e = 0;
  for (let i = 1; i <= h.classes - 1; i++) {
    a += 1 / (theta + i * alpha);
    c += i / (theta + i * alpha);
  }
  for (let i = 1; i <= h.records - 1; i++) b += 1 / (theta + i);
  h.sizes.forEach((k, j) => {
    for (let i = 1; i <= k - 1; i++) e += h.counts[j] / (i - alpha);
  });
  return { scores: [a - b, c - e], scale: [a + b, c + e] };
}

/** A heavy-tailed sample (a few large classes, many uniques): its ML is interior. */
const HEAVY = fromPairs([[1, 60], [2, 15], [3, 6], [5, 3], [10, 2], [40, 1], [100, 1]]);
/** A light-tailed sample: the likelihood still rises toward α < 0. */
const LIGHT = fromPairs([[1, 6], [2, 2], [3, 1], [5, 1]]);

describe("Pitman", () => {
  it("both score equations vanish at the returned root (within 1e−9, summed term by term)", () => {
    for (const h of [HEAVY, fromPairs([[1, 30], [2, 5], [3, 2], [8, 1], [25, 1]])]) {
      const fit = fitPitman(h);
      if ("status" in fit) throw new Error(fit.reason);
      expect(fit.alpha).toBeGreaterThan(0);
      expect(fit.alpha).toBeLessThan(1);
      expect(fit.theta).toBeGreaterThan(-fit.alpha);
      const { scores } = bruteScores(h, fit.theta, fit.alpha);
      expect(Math.abs(scores[0])).toBeLessThan(1e-9);
      expect(Math.abs(scores[1])).toBeLessThan(1e-9);
      expect(Number.isFinite(fit.logLikelihood)).toBe(true);
      expect(fit.iterations).toBeGreaterThan(0);
      // a maximum: every nearby point has a lower likelihood
      for (const [dt, da] of [[1e-3, 0], [-1e-3, 0], [0, 1e-3], [0, -1e-3], [1e-3, 1e-3], [-1e-3, -1e-3]]) {
        expect(pitmanLogLikelihood(h, fit.theta + dt, fit.alpha + da)).toBeLessThan(fit.logLikelihood);
      }
    }
  });

  it("reports the estimate with status ok and its iterations", () => {
    const e = pitman(HEAVY, { n: HEAVY.records, N: 100_000 });
    expect(e.status).toBe("ok");
    expect(e.value).toBeGreaterThan(0);
    expect(e.value).toBeLessThan(1);
    expect(e.iterations).toBeGreaterThan(0);
  });

  it("a light-tailed sample is outside the parameter space: NaN, never a 0", () => {
    // the profile α-score at α = 0 is negative: the likelihood rises toward α < 0
    const fit = fitPitman(LIGHT);
    expect("status" in fit && fit.status).toBe("outside_parameter_space");
    const e = pitman(LIGHT, { n: 18, N: 1000 });
    expect(e.status).toBe("outside_parameter_space");
    expect(e.value).toBeNaN();
  });

  it("all records unique: outside (θ → ∞); no uniques: an explicit 0", () => {
    expect(pitman(fromPairs([[1, 50]]), { n: 50, N: 500 }).status).toBe("outside_parameter_space");
    expect(pitman(fromPairs([[2, 5], [3, 1]]), { n: 13, N: 500 })).toEqual({ value: 0, status: "no_uniques" });
  });

  it("the population unique fraction is the CRP product Π (1 − (1 − α)/(θ + m)), and falls with N", () => {
    let prod = 1;
    for (let m = 1; m < 50; m++) prod *= 1 - (1 - 0.4) / (2 + m);
    expect(pitmanUniqueFraction(2, 0.4, 50)).toBeCloseTo(prod, 12);
    fc.assert(
      fc.property(fc.double({ min: 0, max: 0.99, noNaN: true }), fc.double({ min: 0.01, max: 1000, noNaN: true }), fc.integer({ min: 2, max: 1e7 }), (alpha, t, N) => {
        const theta = t - alpha;
        const u1 = pitmanUniqueFraction(theta, alpha, N);
        const u2 = pitmanUniqueFraction(theta, alpha, N * 2);
        expect(u1).toBeGreaterThanOrEqual(0);
        expect(u1).toBeLessThanOrEqual(1);
        expect(u2).toBeLessThanOrEqual(u1 * (1 + 1e-9));
      }),
    );
  });

  it("the O(1) sums agree with term-by-term sums (α of either sign, series and digamma regimes)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3000 }), fc.double({ min: -2, max: 0.99, noNaN: true }), fc.double({ min: 1e-3, max: 1e9, noNaN: true }), (m, alpha, excess) => {
        const theta = alpha >= 0 ? excess - alpha : excess + m * -alpha;
        let inv = 0, weighted = 0;
        for (let i = 1; i <= m; i++) {
          inv += 1 / (theta + i * alpha);
          weighted += i / (theta + i * alpha);
        }
        const s = linearSums(theta, alpha, m);
        expect(Math.abs(s.inv - inv)).toBeLessThanOrEqual(1e-9 * Math.abs(inv) + 1e-300);
        expect(Math.abs(s.weighted - weighted)).toBeLessThanOrEqual(1e-8 * Math.abs(weighted) + 1e-300);
      }),
    );
    let direct = 0;
    for (let i = 0; i < 100_000; i++) direct += 1 / (0.3 + i);
    expect(recipSum(0.3, 100_000)).toBeCloseTo(direct, 11);
  });
});
