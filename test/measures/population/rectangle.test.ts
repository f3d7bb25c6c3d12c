import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { RectangleIntegrator, choleskyLower } from "../../../src/measures/population/rectangle.js";
import { normalCdf } from "../../../src/measures/population/special.js";

const identity = (d: number) => Float64Array.from({ length: d * d }, (_, k) => (k % (d + 1) === 0 ? 1 : 0));

describe("choleskyLower", () => {
  it("factors a 2×2 correlation matrix as [[1, 0], [ρ, √(1 − ρ²)]]", () => {
    const L = choleskyLower(Float64Array.of(1, 0.6, 0.6, 1), 2)!;
    expect([...L]).toEqual([1, 0, 0.6, 0.8]);
  });

  it("refuses a matrix that is not positive definite", () => {
    expect(choleskyLower(Float64Array.of(1, 1, 1, 1), 2)).toBeUndefined();
    expect(choleskyLower(Float64Array.of(1, 2, 2, 1), 2)).toBeUndefined();
    expect(() => new RectangleIntegrator(Float64Array.of(1, 1, 1, 1), 2)).toThrow(/not positive definite/);
  });

  it("L Lᵀ = R for random correlation matrices built as normalized Gram matrices", () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 9, maxLength: 9 }), (v) => {
        const d = 3;
        // rows of A plus the identity keep R = D^−½ (A Aᵀ + I) D^−½ positive definite
        const G = new Float64Array(9);
        for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) {
          let s = i === j ? 1 : 0;
          for (let k = 0; k < d; k++) s += v[i * d + k] * v[j * d + k];
          G[i * d + j] = s;
        }
        const R = G.map((g, k) => g / Math.sqrt(G[Math.floor(k / d) * (d + 1)] * G[(k % d) * (d + 1)]));
        const L = choleskyLower(R, d)!;
        for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) {
          let s = 0;
          for (let k = 0; k < d; k++) s += L[i * d + k] * L[j * d + k];
          expect(s).toBeCloseTo(R[i * d + j], 12);
        }
      }),
    );
  });
});

describe("RectangleIntegrator", () => {
  it("one dimension: the marginal mass itself", () => {
    expect(new RectangleIntegrator(Float64Array.of(1), 1).probability([0.2], [0.3])).toBe(0.3);
  });

  it("independent normals: the product of the marginal masses", () => {
    expect(new RectangleIntegrator(identity(2), 2).probability([0, 0.5], [0.5, 0.5])).toBeCloseTo(0.25, 12);
    expect(new RectangleIntegrator(identity(3), 3).probability([0.1, 0.5, 0], [0.1, 0.2, 0.6])).toBeCloseTo(0.1 * 0.2 * 0.6, 12);
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 5 }),
        fc.array(fc.tuple(fc.double({ min: 0, max: 0.9, noNaN: true }), fc.double({ min: 1e-6, max: 0.1, noNaN: true })), { minLength: 5, maxLength: 5 }),
        (d, cells) => {
          const lower = cells.slice(0, d).map((c) => c[0]);
          const mass = cells.slice(0, d).map((c) => c[1]);
          const want = mass.reduce((a, b) => a * b, 1);
          expect(Math.abs(new RectangleIntegrator(identity(d), d).probability(lower, mass) - want)).toBeLessThanOrEqual(1e-9 * want);
        },
      ),
    );
  });

  it("a zero-mass dimension gives 0; the whole space gives 1", () => {
    expect(new RectangleIntegrator(identity(2), 2).probability([0.3, 0.3], [0, 0.5])).toBe(0);
    expect(new RectangleIntegrator(Float64Array.of(1, 0.5, 0.5, 1), 2).probability([0, 0], [1, 1])).toBeCloseTo(1, 12);
  });

  it("the positive quadrant of a correlated pair: Sheppard's ¼ + arcsin(ρ)/(2π)", () => {
    for (const rho of [-0.7, -0.3, 0.2, 0.5, 0.9]) {
      const p = new RectangleIntegrator(Float64Array.of(1, rho, rho, 1), 2).probability([0.5, 0.5], [0.5, 0.5]);
      // a half-line cell is far from narrow: 8-point Gauss–Legendre gets it to about 1e−4
      expect(Math.abs(p - (0.25 + Math.asin(rho) / (2 * Math.PI)))).toBeLessThan(2e-4);
    }
  });

  it("a correlated 2-D cell matches brute-force integration of φ(z) · P(Z₂ ∈ [a₂, b₂] | z)", () => {
    const rho = 0.6;
    const a = [-0.5, 0.2];
    const b = [0.7, 1.5];
    const s = Math.sqrt(1 - rho * rho);
    let want = 0;
    const steps = 20000;
    const h = (b[0] - a[0]) / steps;
    for (let t = 0; t < steps; t++) {
      const z = a[0] + (t + 0.5) * h;
      want += (Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI)) * (normalCdf((b[1] - rho * z) / s) - normalCdf((a[1] - rho * z) / s)) * h;
    }
    const lower = a.map((x) => normalCdf(x));
    const mass = a.map((x, j) => normalCdf(b[j]) - normalCdf(x));
    expect(new RectangleIntegrator(Float64Array.of(1, rho, rho, 1), 2).probability(lower, mass)).toBeCloseTo(want, 7);
  });
});
