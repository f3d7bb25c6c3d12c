import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { lowerBound, upperBound } from "../../src/base/bisect.js";

describe("lowerBound and upperBound", () => {
  const a = [1, 3, 3, 3, 7];

  it("hand-computed: first index ≥ v and first index > v", () => {
    expect([0, 1, 3, 4, 7, 8].map((v) => lowerBound(a, v))).toEqual([0, 0, 1, 4, 4, 5]);
    expect([0, 1, 3, 4, 7, 8].map((v) => upperBound(a, v))).toEqual([0, 1, 4, 4, 5, 5]);
    expect(lowerBound([], 1)).toBe(0);
    expect(upperBound(Float64Array.of(2), 2)).toBe(1);
  });

  it("search only inside [lo, hi)", () => {
    expect(lowerBound(a, 3, 2, 4)).toBe(2);
    expect(upperBound(a, 3, 0, 2)).toBe(2);
    expect(lowerBound(a, 100, 1, 3)).toBe(3);
  });

  it("agree with a linear scan (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -20, max: 20 })), fc.integer({ min: -25, max: 25 }), fc.nat(), fc.nat(), (xs, v, x, y) => {
        const sorted = Float64Array.from(xs).sort();
        const lo = sorted.length ? x % (sorted.length + 1) : 0;
        const hi = lo + (sorted.length - lo ? y % (sorted.length - lo + 1) : 0);
        let first = lo;
        while (first < hi && sorted[first] < v) first++;
        let past = lo;
        while (past < hi && sorted[past] <= v) past++;
        expect(lowerBound(sorted, v, lo, hi)).toBe(first);
        expect(upperBound(sorted, v, lo, hi)).toBe(past);
      }),
      { numRuns: 500 },
    );
  });
});
