import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { Rng } from "../../../src/base/random.js";
import { fitSmoothedDensity, silvermanBandwidth } from "../../../src/measures/model/smoothedDensity.js";

describe("smoothed density", () => {
  it("has total mass 1 and density × width on narrow intervals", () => {
    const rng = new Rng(5);
    const values = Float64Array.from({ length: 5000 }, () => rng.normal());
    const d = fitSmoothedDensity(values)!;
    expect(d.mass(-Infinity, Infinity)).toBeCloseTo(1, 12);
    // N(0, 1) has density 0.3989 at 0; the KDE (bandwidth ≈ 0.17) smooths it to ≈ 0.3989/√(1 + h²)
    const narrow = d.mass(0, 1e-6) / 1e-6;
    expect(narrow).toBeGreaterThan(0.36);
    expect(narrow).toBeLessThan(0.42);
    expect(d.mass(-1, 1)).toBeCloseTo(0.6827, 1);
    expect(d.mass(0, 0)).toBe(0);
  });
});

describe("silvermanBandwidth", () => {
  it("h = 0.9 · min(σ, IQR/1.34) · n^(−1/5), hand-computed for 1, 2, 3, 4", () => {
    // σ = √(5/3) ≈ 1.291; quartiles (linear interpolation) 1.75 and 3.25, IQR/1.34 = 1.5/1.34 ≈ 1.119
    expect(silvermanBandwidth(Float64Array.of(1, 2, 3, 4))).toBeCloseTo(0.9 * (1.5 / 1.34) * 4 ** -0.2, 14);
    // IQR 0 (a heap) falls back to σ: 0, 0, 0, 0, 10 has quartiles 0 and 0
    const sd = Math.sqrt((4 * 2 ** 2 + 8 ** 2) / 4);
    expect(silvermanBandwidth(Float64Array.of(0, 0, 0, 0, 10))).toBeCloseTo(0.9 * sd * 5 ** -0.2, 14);
  });

  it("one value or all equal: a tiny positive width (a point mass)", () => {
    expect(silvermanBandwidth(Float64Array.of(7))).toBe(1);
    expect(silvermanBandwidth(Float64Array.of(5000, 5000, 5000))).toBeCloseTo(5000e-9, 20);
    expect(silvermanBandwidth(Float64Array.of(0, 0))).toBe(1e-9);
  });
});

describe("fitSmoothedDensity", () => {
  it("no values: undefined; missing values are ignored", () => {
    expect(fitSmoothedDensity(Float64Array.of(NaN, NaN))).toBeUndefined();
    const d = fitSmoothedDensity(Float64Array.of(1, 2, NaN, 3, 4))!;
    expect(d.bandwidth).toBe(silvermanBandwidth(Float64Array.of(1, 2, 3, 4)));
  });

  it("bandwidthFactor scales the bandwidth", () => {
    const values = Float64Array.of(1, 2, 3, 4, 10);
    expect(fitSmoothedDensity(values, 3)!.bandwidth).toBeCloseTo(3 * fitSmoothedDensity(values)!.bandwidth, 14);
  });

  it("a constant column puts all mass within a few bandwidths of its value", () => {
    const d = fitSmoothedDensity(Float64Array.of(42, 42, 42))!;
    expect(d.mass(42 - 6 * d.bandwidth, 42 + 6 * d.bandwidth)).toBeCloseTo(1, 9);
    expect(d.mass(-Infinity, 41)).toBe(0);
  });

  it("is symmetric for symmetric data and puts half its mass below the centre", () => {
    const d = fitSmoothedDensity(Float64Array.of(-3, -1, 0, 1, 3))!;
    expect(d.mass(-Infinity, 0)).toBeCloseTo(0.5, 2);
    expect(d.mass(-2, -1)).toBeCloseTo(d.mass(1, 2), 2);
  });

  it("masses add over adjacent intervals and stay within [0, 1] (property)", () => {
    const rng = new Rng(8);
    const d = fitSmoothedDensity(Float64Array.from({ length: 400 }, () => 100 * rng.normal()))!;
    fc.assert(
      fc.property(fc.double({ min: -600, max: 600, noNaN: true }), fc.double({ min: -600, max: 600, noNaN: true }), fc.double({ min: -600, max: 600, noNaN: true }), (x, y, z) => {
        const [a, b, c] = [x, y, z].sort((p, q) => p - q);
        const ab = d.mass(a, b);
        const bc = d.mass(b, c);
        expect(ab).toBeGreaterThanOrEqual(0);
        expect(ab + bc).toBeCloseTo(d.mass(a, c), 12);
        expect(d.mass(a, c)).toBeLessThanOrEqual(1 + 1e-12);
        expect(d.mass(c, a)).toBe(c > a ? 0 : d.mass(c, a)); // an empty or reversed interval has no mass
      }),
      { numRuns: 300 },
    );
  });
});

