import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { brent } from "../../../src/measures/population/rootFind.js";

describe("brent", () => {
  it("finds √2 as the root of x² − 2 on [0, 2]", () => {
    const r = brent((x) => x * x - 2, 0, 2);
    expect(r.converged).toBe(true);
    expect(r.x).toBeCloseTo(Math.SQRT2, 15);
    expect(r.iterations).toBeGreaterThan(0);
  });

  it("finds cos x = x (the Dottie number) and ln x = 1 (e)", () => {
    expect(brent((x) => Math.cos(x) - x, 0, 1).x).toBeCloseTo(0.7390851332151607, 15);
    expect(brent((x) => Math.log(x) - 1, 1, 10).x).toBeCloseTo(Math.E, 14);
  });

  it("returns an end point that is a root without iterating, and either bracket orientation works", () => {
    expect(brent((x) => x - 3, 3, 5)).toEqual({ x: 3, iterations: 0, converged: true });
    expect(brent((x) => x - 5, 3, 5)).toEqual({ x: 5, iterations: 0, converged: true });
    expect(brent((x) => 1 - x, 0, 4).x).toBeCloseTo(1, 15);
  });

  it("refuses a bracket without a sign change", () => {
    expect(() => brent((x) => x * x + 1, -1, 1)).toThrow(/same sign/);
  });

  it("reports non-convergence when the iteration budget is too small", () => {
    const r = brent((x) => Math.exp(x) - 1e6, -50, 50, 0, 2);
    expect(r.converged).toBe(false);
    expect(r.iterations).toBe(2);
  });

  it("stays inside the bracket and stops within xtol of the true root (cubic with a known root)", () => {
    fc.assert(
      fc.property(fc.double({ min: -100, max: 100, noNaN: true }), fc.double({ min: 0.01, max: 50, noNaN: true }), fc.double({ min: 0.01, max: 50, noNaN: true }), (root, left, right) => {
        const f = (x: number) => (x - root) ** 3 + (x - root);
        const r = brent(f, root - left, root + right, 1e-9);
        expect(r.converged).toBe(true);
        expect(r.x).toBeGreaterThanOrEqual(root - left);
        expect(r.x).toBeLessThanOrEqual(root + right);
        expect(Math.abs(r.x - root)).toBeLessThanOrEqual(1e-9 + 4 * Number.EPSILON * Math.abs(root));
      }),
    );
  });
});
