import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { CompensatedSum } from "../../src/base/compensatedSum.js";

const sumOf = (xs: number[]) => {
  const s = new CompensatedSum();
  for (const x of xs) s.add(x);
  return s.value;
};

describe("CompensatedSum", () => {
  it("keeps what a plain sum loses", () => {
    expect(sumOf([1e16, 1, -1e16])).toBe(1);
    expect(sumOf([])).toBe(0);
    expect(sumOf(Array(10).fill(0.1))).toBe(1);
  });

  it("gives the exactly rounded sum of integers-over-powers-of-two, in any order (property)", () => {
    // k / 1024 with |k| < 2^40: every partial sum is exact in a double, so the exact sum is known
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -(2 ** 40), max: 2 ** 40 }), { maxLength: 200 }), (ks) => {
        const xs = ks.map((k) => k / 1024);
        const exact = ks.reduce((a, k) => a + k, 0) / 1024;
        expect(sumOf(xs)).toBe(exact);
        expect(sumOf([...xs].reverse())).toBe(exact);
      }),
    );
  });

  it("adds a million tenths to within an ulp of 100000 (a plain sum is off by ~1e-6)", () => {
    const s = new CompensatedSum();
    let plain = 0;
    for (let i = 0; i < 1e6; i++) {
      s.add(0.1);
      plain += 0.1;
    }
    expect(Math.abs(s.value - 1e5)).toBeLessThanOrEqual(2 ** -36);
    expect(Math.abs(plain - 1e5)).toBeGreaterThan(1e-7);
  });
});
