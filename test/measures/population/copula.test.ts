import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { catalogOf } from "../../helpers.js";
import { Rng } from "../../../src/base/random.js";
import { partition } from "../../../src/engine/partition.js";
import { parseScheme } from "../../../src/schemes/parse.js";
import { copulaAverages, correctMatch, fitCopula, normalScores, uniqueInPopulation } from "../../../src/measures/population/copula.js";
import { RectangleIntegrator } from "../../../src/measures/population/rectangle.js";
import { normalCdf, normalPdf, normalQuantileRefined } from "../../../src/measures/population/special.js";

/** P(a ≤ Z ≤ b) for a bivariate normal with correlation ρ, by a 400-point Gauss–Legendre-free brute force: midpoint rule in z1 on the exact conditional. */
function bruteBivariate(a: number[], b: number[], rho: number): number {
  const lo = Math.max(a[0], -9);
  const hi = Math.min(b[0], 9);
  const steps = 20000;
  const h = (hi - lo) / steps;
  const s = Math.sqrt(1 - rho * rho);
  let p = 0;
  for (let i = 0; i < steps; i++) {
    const z = lo + (i + 0.5) * h;
    p += normalPdf(z) * (normalCdf((b[1] - rho * z) / s) - normalCdf((a[1] - rho * z) / s)) * h;
  }
  return p;
}

function rectangle(R: number[], d: number, a: number[], b: number[]): number {
  const integ = new RectangleIntegrator(Float64Array.from(R), d);
  const lower = a.map((x) => normalCdf(x));
  const mass = a.map((x, j) => normalCdf(b[j]) - normalCdf(x));
  return integ.probability(lower, mass);
}

describe("rectangle probabilities", () => {
  it("one dimension is the marginal mass itself", () => {
    expect(new RectangleIntegrator(Float64Array.of(1), 1).probability([0.2], [0.3])).toBe(0.3);
  });

  it("independent dimensions multiply (any rule is exact when R = I)", () => {
    const p = new RectangleIntegrator(Float64Array.of(1, 0, 0, 0, 1, 0, 0, 0, 1), 3).probability([0.1, 0.5, 0], [0.1, 0.2, 0.6]);
    expect(p).toBeCloseTo(0.1 * 0.2 * 0.6, 14);
  });

  it("two correlated dimensions match a brute-force integral to 1e−4 relative", () => {
    fc.assert(
      fc.property(
        fc.double({ min: -0.9, max: 0.9, noNaN: true }),
        fc.tuple(fc.double({ min: -3, max: 2.5, noNaN: true }), fc.double({ min: 0.01, max: 3, noNaN: true })),
        fc.tuple(fc.double({ min: -3, max: 2.5, noNaN: true }), fc.double({ min: 0.01, max: 3, noNaN: true })),
        (rho, [a0, w0], [a1, w1]) => {
          const a = [a0, a1];
          const b = [a0 + w0, a1 + w1];
          const exact = bruteBivariate(a, b, rho);
          const got = rectangle([1, rho, rho, 1], 2, a, b);
          // relative 1e-4, with an absolute floor for far-tail cells (≈1e-13) where the
          // brute-force grid's own error (~1e-8) dominates
          expect(Math.abs(got - exact)).toBeLessThanOrEqual(1e-4 * exact + 2e-8);
        },
      ),
      { numRuns: 40, seed: 7 },
    );
  });

  it("three correlated dimensions match a seeded Monte-Carlo estimate within its error", () => {
    const R = [1, 0.6, 0.3, 0.6, 1, 0.5, 0.3, 0.5, 1];
    const a = [-0.5, -1, 0];
    const b = [1, 0.5, 1.5];
    const rng = new Rng(3);
    let hit = 0;
    const draws = 400_000;
    for (let k = 0; k < draws; k++) {
      const y0 = rng.normal(), y1 = rng.normal(), y2 = rng.normal();
      const z0 = y0;
      const z1 = 0.6 * y0 + 0.8 * y1;
      const l21 = (0.5 - 0.3 * 0.6) / 0.8;
      const z2 = 0.3 * y0 + l21 * y1 + Math.sqrt(1 - 0.09 - l21 * l21) * y2;
      if (z0 >= a[0] && z0 <= b[0] && z1 >= a[1] && z1 <= b[1] && z2 >= a[2] && z2 <= b[2]) hit++;
    }
    const mc = hit / draws;
    const se = Math.sqrt((mc * (1 - mc)) / draws);
    expect(Math.abs(rectangle(R, 3, a, b) - mc)).toBeLessThan(4 * se);
  });

  it("a tiny cell is density × volume (the midpoint regime)", () => {
    const rho = 0.7;
    const z = [0.3, -0.2];
    const w = 1e-4;
    const density = Math.exp(-(z[0] ** 2 - 2 * rho * z[0] * z[1] + z[1] ** 2) / (2 * (1 - rho * rho))) / (2 * Math.PI * Math.sqrt(1 - rho * rho));
    const got = rectangle([1, rho, rho, 1], 2, [z[0] - w / 2, z[1] - w / 2], [z[0] + w / 2, z[1] + w / 2]);
    expect(got / (density * w * w)).toBeCloseTo(1, 4);
  });
});

describe("copula model", () => {
  it("worked example: p = 0.02, N = 100 gives ξ = 0.98^99 and κ = (1 − 0.98^100)/2", () => {
    expect(uniqueInPopulation(0.02, 100)).toBeCloseTo(0.98 ** 99, 12);
    expect(correctMatch(0.02, 100)).toBeCloseTo((1 - 0.98 ** 100) / 2, 12);
  });

  it("normal scores use mid-ranks: ties share a score, the middle value scores 0", () => {
    const s = normalScores(Float64Array.of(5, 1, 5, 3, NaN));
    expect(s[0]).toBe(s[2]);
    expect(s[0]).toBeCloseTo(normalQuantileRefined(3.5 / 5), 12);
    expect(s[3]).toBeCloseTo(normalQuantileRefined(2 / 5), 12);
    expect(s[4]).toBeNaN();
  });

  it("discrete independent attributes: p_x is the product of the bucket shares, deterministic", () => {
    // fps and duration each take 2 values, independently (every combination once per block of 4)
    const fps = [], dur = [];
    for (let i = 0; i < 400; i++) {
      fps.push(i % 2 ? 25 : 24);
      dur.push(Math.floor(i / 2) % 2 ? 60_000 : 120_000);
    }
    const cat = catalogOf(fps.map((_, i) => `t${i}`), { fps, duration_ms: dur });
    const scheme = parseScheme("duration=exact,fps=exact");
    const part = partition(cat, scheme);
    const fit = fitCopula(cat, scheme, part);
    expect(fit.correlation[1]).toBeCloseTo(0, 12);
    for (const p of fit.classProbability) expect(p).toBeCloseTo(0.25, 12);
    expect(copulaAverages(fit, part, 1000).unique).toBeCloseTo(0.75 ** 999, 12);
    expect(Array.from(fitCopula(cat, scheme, part).classProbability)).toEqual(Array.from(fit.classProbability));
  });

  it("perfectly dependent attributes: p_x is the shared bucket's share, not the product", () => {
    const v = Array.from({ length: 300 }, (_, i) => (i % 3) * 10 + 20);
    const cat = catalogOf(v.map((_, i) => `t${i}`), { fps: v, duration_ms: v.map((x) => x * 1000) });
    const scheme = parseScheme("duration=exact,fps=exact");
    const fit = fitCopula(cat, scheme, partition(cat, scheme));
    // ρ ≈ 1 (shrunk just enough to stay positive definite): p near 1/3, far from the product 1/9
    for (const p of fit.classProbability) expect(p).toBeGreaterThan(0.25);
  });
});
