import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { evaluate } from "../../../src/measures/evaluate.js";
import { occupancyFromRows, occupancyKappa, occupancyUniqueFraction } from "../../../src/measures/model/occupancy.js";
import { uniformCatalog } from "./uniformCatalog.js";

describe("occupancy on exact bins", () => {
  it("two equal bins, two rows: U = 1/2 and E[1/f] = 3/4 (enumerated by hand)", () => {
    // both rows in one bin w.p. ½ (f = 2), else apart (f = 1): P(unique) = ½, E[1/f] = ½·½ + ½·1
    const p = Float64Array.of(0.5, 0.5);
    expect(occupancyUniqueFraction(p, 2)).toBeCloseTo(0.5, 15);
    expect(occupancyKappa(p, 2)).toBeCloseTo(0.75, 15);
  });

  it("uniform data over R values at width w: U = (1 − w/R)^(N−1), κ = (R/w)(1 − (1 − w/R)^N)/N", () => {
    for (const [n, r, w] of [
      [2000, 200_000, 100],
      [100_000, 1e7, 10],
      [10, 100, 50],
    ]) {
      const bins = new Float64Array(r / w).fill(w / r);
      const closedU = Math.exp((n - 1) * Math.log1p(-w / r));
      const closedK = ((r / w) * -Math.expm1(n * Math.log1p(-w / r))) / n;
      expect(occupancyUniqueFraction(bins, n)).toBeCloseTo(closedU, 10);
      expect(occupancyKappa(bins, n) / closedK).toBeCloseTo(1, 10);
    }
  });

  it("stays accurate for tiny bins and huge N (log1p / expm1)", () => {
    // p = 1e−12, N = 1e6: E[1/f] = (1 − (1 − p)^N)/(Np) = 1 − Np/2 + p/2 + (Np)²/6 + O(p·Np, (Np)³);
    // computing (1 − p)^N as a plain power loses everything past the 4th digit of 1 − (1 − p)^N
    const rows = Float64Array.of(1e-12);
    expect(occupancyFromRows(rows, 1e6).kappa).toBeCloseTo(1 - 0.5e-6 + 0.5e-12 + 1e-12 / 6, 15);
    // (1 − p)^(N−1) = 1 − (N−1)p + ((N−1)p)²/2 + O(p²N, (Np)³)
    expect(occupancyFromRows(rows, 1e6).unique_fraction).toBeCloseTo(1 - 1e-6 + 1e-12 + 0.5e-12, 15);
  });

  it("merging two bins never raises U (property)", () => {
    const arb = fc.tuple(fc.array(fc.double({ min: 0.001, max: 1, noNaN: true }), { minLength: 2, maxLength: 30 }), fc.integer({ min: 2, max: 10_000 }), fc.nat());
    fc.assert(
      fc.property(arb, ([weights, n, pick]) => {
        const total = weights.reduce((a, b) => a + b, 0);
        const p = Float64Array.from(weights, (x) => x / total);
        const i = pick % (p.length - 1);
        const merged = Float64Array.from([...p.slice(0, i), p[i] + p[i + 1], ...p.slice(i + 2)]);
        expect(occupancyUniqueFraction(merged, n)).toBeLessThanOrEqual(occupancyUniqueFraction(p, n) + 1e-12);
        expect(occupancyKappa(merged, n)).toBeLessThanOrEqual(occupancyKappa(p, n) + 1e-12);
      }),
    );
  });

  it("matches seeded simulations within 4 standard errors of the replicate mean", () => {
    // N = 2000 uniform on 0..199 999 at floor(100ms): p = 1/2000 per bin
    const n = 2000;
    const r = 200_000;
    const w = 100;
    const reps = 40;
    const u: number[] = [];
    const k: number[] = [];
    for (let s = 0; s < reps; s++) {
      const m = evaluate(uniformCatalog(n, r, 100 + s), [`duration=floor(${w}ms)`]).results[0].metrics;
      u.push(m.unique_fraction);
      k.push(m.kappa); // titles are distinct, so kappa = E[1/f]
    }
    const bins = new Float64Array(r / w).fill(w / r);
    for (const [sample, expected] of [
      [u, occupancyUniqueFraction(bins, n)],
      [k, occupancyKappa(bins, n)],
    ] as const) {
      const mean = sample.reduce((a, b) => a + b, 0) / reps;
      const sd = Math.sqrt(sample.reduce((a, b) => a + (b - mean) ** 2, 0) / (reps - 1));
      expect(sd).toBeGreaterThan(0);
      expect(Math.abs(mean - expected)).toBeLessThan((4 * sd) / Math.sqrt(reps));
    }
  });
});
