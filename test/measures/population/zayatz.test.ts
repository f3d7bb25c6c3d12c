import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { classSizeCounts, fromPairs } from "../../../src/measures/population/histogram.js";
import { zayatz, zayatzUniqueGivenSampleUnique } from "../../../src/measures/population/zayatz.js";

/** A random class-size histogram: 1–30 classes of sizes 1–20, at least one unique. */
const histograms = fc
  .array(fc.integer({ min: 1, max: 20 }), { minLength: 1, maxLength: 30 })
  .map((sizes) => classSizeCounts(Int32Array.from([1, ...sizes])));

describe("Zayatz", () => {
  it("N = 10, n = 5, classes {1,1,1,2}: P(F=1|f=1) = 27/37, fraction 81/185 (by hand)", () => {
    // H(1) = C(9,4)/C(10,5) = 1/2; H(2) = 2·C(8,4)/C(10,5) = 5/9; cond = 1.5/(1.5 + 5/9)
    const h = fromPairs([[1, 3], [2, 1]]);
    const e = zayatz(h, { n: 5, N: 10 });
    expect(e.status).toBe("ok");
    expect(zayatzUniqueGivenSampleUnique(h, { n: 5, N: 10 })).toBeCloseTo(27 / 37, 12);
    expect(e.value).toBeCloseTo(81 / 185, 12);
  });

  it("a census (N = n) returns the sample's own unique share", () => {
    const h = fromPairs([[1, 4], [2, 3], [7, 1]]);
    expect(zayatz(h, { n: 17, N: 17 }).value).toBeCloseTo(4 / 17, 12);
  });

  it("no sample uniques: an explicit no_uniques 0, not a silent one", () => {
    expect(zayatz(fromPairs([[2, 5]]), { n: 10, N: 1000 })).toEqual({ value: 0, status: "no_uniques" });
  });

  it("estimates lie in [0, 1] and fall as the population grows (fixed sample)", () => {
    fc.assert(
      fc.property(histograms, fc.double({ min: 1, max: 1000, noNaN: true }), (h, growth) => {
        const small = zayatz(h, { n: h.records, N: h.records * 2 });
        const large = zayatz(h, { n: h.records, N: h.records * 2 * growth });
        expect(small.value).toBeGreaterThanOrEqual(0);
        expect(small.value).toBeLessThanOrEqual(1);
        expect(large.value).toBeLessThanOrEqual(small.value + 1e-12);
      }),
    );
  });
});
