import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { classSizeCounts, fromPairs } from "../../../src/measures/population/histogram.js";
import { pitman } from "../../../src/measures/population/pitman.js";
import { zayatz } from "../../../src/measures/population/zayatz.js";
import { fitSnb, shlosserClasses, snb, snbSampleProbabilities } from "../../../src/measures/population/snb.js";
import { logGamma } from "../../../src/measures/population/special.js";

/** P(f = 1), P(f = 2) by summing over population class sizes F = 1 + Y, Y ~ NegBin(α, β), f ~ Bin(F, π). */
function bruteProbabilities(alpha: number, beta: number, pi: number): [number, number] {
  let p1 = 0, p2 = 0;
  for (let y = 0; y < 20000; y++) {
    const py = Math.exp(logGamma(alpha + y) - logGamma(alpha) - logGamma(y + 1) + alpha * Math.log(beta) + y * Math.log1p(-beta));
    const F = 1 + y;
    p1 += py * F * pi * Math.pow(1 - pi, F - 1);
    if (F >= 2) p2 += py * ((F * (F - 1)) / 2) * pi * pi * Math.pow(1 - pi, F - 2);
  }
  return [p1, p2];
}

describe("SNB", () => {
  it("the closed forms of P(f = 1) and P(f = 2) equal the summed mixture", () => {
    fc.assert(
      fc.property(fc.double({ min: 0.05, max: 20, noNaN: true }), fc.double({ min: 0.05, max: 0.95, noNaN: true }), fc.double({ min: 0.01, max: 1, noNaN: true }), (alpha, beta, pi) => {
        const [c1, c2] = snbSampleProbabilities(alpha, beta, pi);
        const [b1, b2] = bruteProbabilities(alpha, beta, pi);
        expect(c1).toBeCloseTo(b1, 9);
        expect(c2).toBeCloseTo(b2, 9);
      }),
      { numRuns: 30 },
    );
  });

  it("Shlosser's K̂ is u for a census and at least u otherwise", () => {
    const h = fromPairs([[1, 50], [2, 10], [3, 2]]);
    expect(shlosserClasses(h, 1)).toBe(62);
    expect(shlosserClasses(h, 0.1)).toBeGreaterThan(62);
  });

  it("the returned (α, β) solves both equations K̂·P(f = i) = c_i", () => {
    const h = fromPairs([[1, 50], [2, 10], [3, 2]]);
    const fit = fitSnb(h, 0.1);
    if ("status" in fit) throw new Error(fit.reason);
    const [p1, p2] = bruteProbabilities(fit.alpha, fit.beta, 0.1);
    expect((fit.K * p1) / 50).toBeCloseTo(1, 9);
    expect((fit.K * p2) / 10).toBeCloseTo(1, 9);
    const e = snb(h, { n: 76, N: 760 });
    expect(e.status).toBe("ok");
    expect(e.value).toBeCloseTo((fit.K * Math.pow(fit.beta, fit.alpha)) / 760, 12);
  });

  it("no classes of size 2: outside the parameter space, value NaN", () => {
    const e = snb(fromPairs([[1, 20], [3, 4]]), { n: 32, N: 320 });
    expect(e.status).toBe("outside_parameter_space");
    expect(e.value).toBeNaN();
  });
});

describe("every estimator on random histograms", () => {
  it("returns a value in [0, 1] with status ok/no_uniques, or NaN with a failure status", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 30 }), { minLength: 1, maxLength: 60 }), fc.double({ min: 0.001, max: 1, noNaN: true }), (sizes, pi) => {
        const h = classSizeCounts(Int32Array.from(sizes));
        const size = { n: h.records, N: h.records / pi };
        for (const e of [zayatz(h, size), pitman(h, size), snb(h, size)]) {
          if (e.status === "ok" || e.status === "no_uniques") {
            expect(e.value).toBeGreaterThanOrEqual(0);
            expect(e.value).toBeLessThanOrEqual(1);
          } else {
            expect(e.value).toBeNaN();
          }
        }
      }),
      { numRuns: 60 },
    );
  });
});
