import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { logGamma, normalCdf, normalMass, normalPdf, normalQuantileRefined, recipSum } from "../../../src/measures/population/special.js";

const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

describe("logGamma", () => {
  it("matches known values of ln Γ", () => {
    expect(Math.abs(logGamma(1))).toBeLessThan(1e-15);
    expect(Math.abs(logGamma(2))).toBeLessThan(1e-15);
    expect(rel(logGamma(0.5), 0.5 * Math.log(Math.PI))).toBeLessThan(1e-14); // Γ(½) = √π
    expect(rel(logGamma(5), Math.log(24))).toBeLessThan(1e-14);
    expect(rel(logGamma(11), Math.log(3628800))).toBeLessThan(1e-14);
    expect(rel(logGamma(0.1), 2.252712651734206)).toBeLessThan(1e-13); // ln Γ(0.1), reflection branch
    expect(rel(logGamma(100), 359.1342053695754)).toBeLessThan(1e-14); // ln 99!
  });

  it("obeys Γ(x + 1) = x Γ(x)", () => {
    fc.assert(
      fc.property(fc.double({ min: 0.01, max: 200, noNaN: true }), (x) => {
        expect(Math.abs(logGamma(x + 1) - logGamma(x) - Math.log(x))).toBeLessThan(1e-12 * Math.max(1, Math.abs(logGamma(x + 1))));
      }),
    );
  });
});

describe("recipSum", () => {
  it("is Σ 1/(z + i): 11/6 for (1, 3), 0 for m = 0", () => {
    expect(recipSum(1, 3)).toBeCloseTo(11 / 6, 15);
    expect(recipSum(2.5, 0)).toBe(0);
  });

  it("agrees with the direct sum on long sums (asymptotic branch)", () => {
    fc.assert(
      fc.property(fc.double({ min: 0.05, max: 50, noNaN: true }), fc.integer({ min: 0, max: 3000 }), (z, m) => {
        let direct = 0;
        for (let i = m - 1; i >= 0; i--) direct += 1 / (z + i);
        expect(Math.abs(recipSum(z, m) - direct)).toBeLessThanOrEqual(1e-13 * Math.max(1, direct));
      }),
    );
  });

  it("gives the harmonic number H_1000 = 7.485470860550345", () => {
    expect(rel(recipSum(1, 1000), 7.485470860550345)).toBeLessThan(1e-14);
  });
});

describe("normal distribution", () => {
  it("Φ at known points; the far lower tail is a small positive number with relative error below 1e−8", () => {
    expect(normalCdf(0)).toBe(0.5);
    expect(normalCdf(1.959963984540054)).toBeCloseTo(0.975, 15);
    expect(normalCdf(-1)).toBeCloseTo(0.15865525393145707, 15);
    // references to 17 digits from a 30-digit computation; Hart's rational and continued
    // fraction are accurate to about 1e−15 absolute, a few 1e−9 relative in the tail
    expect(rel(normalCdf(-7), 1.279812543885835e-12)).toBeLessThan(1e-8);
    expect(rel(normalCdf(-8), 6.220960574271784e-16)).toBeLessThan(1e-8);
    expect(rel(normalCdf(-10), 7.619853024160526e-24)).toBeLessThan(1e-8);
    expect(rel(normalCdf(-20), 2.7536241186062337e-89)).toBeLessThan(1e-8);
    expect(rel(normalCdf(-37), 5.725571222524577e-300)).toBeLessThan(1e-8);
    expect(normalCdf(-40)).toBe(0);
    expect(normalCdf(40)).toBe(1);
  });

  it("Φ(−z) + Φ(z) = 1 and Φ is nondecreasing", () => {
    fc.assert(
      fc.property(fc.double({ min: -10, max: 10, noNaN: true }), fc.double({ min: 0, max: 3, noNaN: true }), (z, dz) => {
        expect(Math.abs(normalCdf(-z) + normalCdf(z) - 1)).toBeLessThan(1e-15);
        expect(normalCdf(z + dz)).toBeGreaterThanOrEqual(normalCdf(z));
      }),
    );
  });

  it("φ is the standard normal density", () => {
    expect(normalPdf(0)).toBeCloseTo(1 / Math.sqrt(2 * Math.PI), 16);
    expect(normalPdf(1)).toBeCloseTo(Math.exp(-0.5) / Math.sqrt(2 * Math.PI), 16);
  });

  it("normalMass is Φ(b) − Φ(a), exact in either tail, 0 for an empty interval", () => {
    expect(normalMass(-1, 1)).toBeCloseTo(0.6826894921370859, 15);
    expect(normalMass(-Infinity, 0)).toBe(0.5);
    expect(normalMass(1, 1)).toBe(0);
    expect(normalMass(2, 1)).toBe(0);
    // far upper tail: 1 − Φ(a) would round to 0
    expect(rel(normalMass(10, Infinity), 7.619853024160526e-24)).toBeLessThan(1e-8);
    expect(normalMass(10, 11)).toBeGreaterThan(0);
    fc.assert(
      fc.property(fc.double({ min: -8, max: 8, noNaN: true }), fc.double({ min: 0, max: 8, noNaN: true }), (a, w) => {
        expect(Math.abs(normalMass(a, a + w) - (normalCdf(a + w) - normalCdf(a)))).toBeLessThan(1e-15);
      }),
    );
  });

  it("Φ⁻¹(0.975) = 1.959963984540054, ±Infinity at 0 and 1, and Φ(Φ⁻¹(p)) = p", () => {
    expect(normalQuantileRefined(0.975)).toBeCloseTo(1.959963984540054, 14);
    expect(normalQuantileRefined(0.5)).toBeCloseTo(0, 15);
    expect(normalQuantileRefined(0.025)).toBeCloseTo(-1.959963984540054, 14);
    // below Φ(−37) = 5.7e−300 Φ is flushed to 0: Acklam's value, finite even for subnormal p
    // (reference Φ⁻¹(1e−300) = −37.04709629936120 from a 40-digit root of Φ(x) = p)
    expect(rel(normalQuantileRefined(1e-300), -37.0470962993612)).toBeLessThan(1e-9);
    for (const p of [1e-305, 1e-310, 5e-324]) {
      expect(Number.isFinite(normalQuantileRefined(p))).toBe(true);
      expect(normalQuantileRefined(p)).toBeLessThan(normalQuantileRefined(1e-300));
    }
    expect(normalQuantileRefined(0)).toBe(-Infinity);
    expect(normalQuantileRefined(1)).toBe(Infinity);
    fc.assert(
      fc.property(fc.double({ min: 1e-250, max: 0.5, noNaN: true }), (p) => {
        expect(rel(normalCdf(normalQuantileRefined(p)), p)).toBeLessThan(1e-12);
      }),
    );
    fc.assert(
      fc.property(fc.double({ min: 1e-6, max: 0.5, noNaN: true }), (p) => {
        expect(Math.abs(normalQuantileRefined(p) + normalQuantileRefined(1 - p))).toBeLessThan(1e-9);
      }),
    );
  });
});
