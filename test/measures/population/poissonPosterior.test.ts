import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { posteriorInverseSize, posteriorUnique } from "../../../src/measures/population/poissonPosterior.js";

/** E[1/F | f = 1] by summing the Poisson series of F − 1 ~ Pois((1 − π)λ) term by term. */
function bruteInverse(lambda: number, pi: number): number {
  const mu = (1 - pi) * lambda;
  let term = Math.exp(-mu);
  let s = 0;
  for (let k = 0; k < 2000; k++) {
    s += term / (1 + k);
    term *= mu / (k + 1);
  }
  return s;
}

describe("Skinner–Holmes Poisson posterior", () => {
  it("π = 0.5, λ = 2: P(F=1|f=1) = e^−1 and E[1/F|f=1] = 1 − e^−1 (by hand)", () => {
    expect(posteriorUnique(2, 0.5)).toBeCloseTo(Math.exp(-1), 15);
    expect(posteriorInverseSize(2, 0.5)).toBeCloseTo(1 - Math.exp(-1), 15);
  });

  it("a census (π = 1) leaves nothing unseen: both are 1", () => {
    expect(posteriorUnique(50, 1)).toBe(1);
    expect(posteriorInverseSize(50, 1)).toBe(1);
  });

  it("E[1/F|f=1] equals the Poisson series; both lie in [0, 1] and rise with π", () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 200, noNaN: true }), fc.double({ min: 0.001, max: 0.999, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (lambda, pi, t) => {
        const inv = posteriorInverseSize(lambda, pi);
        expect(inv).toBeCloseTo(bruteInverse(lambda, pi), 10);
        expect(inv).toBeGreaterThanOrEqual(0);
        expect(inv).toBeLessThanOrEqual(1);
        const pi2 = pi + t * (1 - pi);
        expect(posteriorUnique(lambda, pi2)).toBeGreaterThanOrEqual(posteriorUnique(lambda, pi));
        expect(posteriorInverseSize(lambda, pi2)).toBeGreaterThanOrEqual(inv - 1e-15);
      }),
    );
  });
});
