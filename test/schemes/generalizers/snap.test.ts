import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SNAP, floorIndex, roundIndex, sqlGridIndex, sqlNumber } from "../../../src/schemes/generalizers/snap.js";

describe("floorIndex", () => {
  it("lands decimal inputs where they are written: 0.3 under width 0.1 is bucket 3", () => {
    expect(0.3 / 0.1).toBeLessThan(3);
    expect(floorIndex(0.3, 0.1)).toBe(3);
    expect(floorIndex(0.7, 0.1)).toBe(7);
    expect(floorIndex(119_999, 60_000)).toBe(1);
    expect(floorIndex(120_000, 60_000)).toBe(2);
  });

  it("snaps only within 1e−13 relative below a boundary", () => {
    const w = 10;
    expect(floorIndex(20 * (1 - 0.5 * SNAP), w)).toBe(2);
    expect(floorIndex(20 * (1 - 1e-11), w)).toBe(1);
  });

  it("negative values, −0 and subnormals: bucket −1 just below 0, never a −0 key", () => {
    expect(floorIndex(-1, 10)).toBe(-1);
    expect(floorIndex(-5e-324, 10)).toBe(-1);
    expect(Object.is(floorIndex(-0, 10), 0)).toBe(true);
    expect(Object.is(floorIndex(3, 10), 0)).toBe(true);
    expect(floorIndex(NaN, 10)).toBeNaN();
  });

  it("is floor(x / w) away from boundaries (brute force on integers)", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e6, max: 1e6 }), fc.integer({ min: 1, max: 1000 }), (x, w) => {
        expect(floorIndex(x, w)).toBe(Math.floor(x / w) + 0);
        // the bucket holds x: k·w ≤ x < (k + 1)·w
        const k = floorIndex(x, w);
        expect(k * w <= x && x < (k + 1) * w).toBe(true);
      }),
    );
  });
});

describe("roundIndex", () => {
  it("rounds ties up and snaps: 0.25 under width 0.1 is bucket 3 (2.5 → 3), 0.15 is bucket 2", () => {
    expect(roundIndex(0.25, 0.1)).toBe(3);
    expect(roundIndex(0.15, 0.1)).toBe(2);
    expect(roundIndex(-25, 10)).toBe(-2);
    expect(roundIndex(24, 10)).toBe(2);
    expect(roundIndex(NaN, 10)).toBeNaN();
  });

  it("is the nearest multiple, ties up (brute force on integers)", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e6, max: 1e6 }), fc.integer({ min: 1, max: 1000 }), (x, w) => {
        const k = roundIndex(x, w);
        expect(Math.abs(x - k * w)).toBeLessThanOrEqual(w / 2);
        if (Math.abs(x - k * w) === w / 2) expect(k * w).toBeGreaterThan(x);
      }),
    );
  });
});

describe("SQL forms", () => {
  it("sqlNumber casts the shortest decimal of the double and refuses non-finite numbers", () => {
    expect(sqlNumber(0.1)).toBe("CAST('0.1' AS DOUBLE)");
    expect(sqlNumber(1e-13)).toBe("CAST('1e-13' AS DOUBLE)");
    expect(() => sqlNumber(Infinity)).toThrow(/no SQL literal/);
    expect(() => sqlNumber(NaN)).toThrow(/no SQL literal/);
  });

  it("sqlGridIndex writes floor and round with the same snap", () => {
    expect(sqlGridIndex("x", 60000, 0)).toBe("floor((x / CAST('60000' AS DOUBLE)) + CAST('1e-13' AS DOUBLE) * abs((x / CAST('60000' AS DOUBLE))))");
    expect(sqlGridIndex("x", 10, 0.5)).toBe(
      "floor((x / CAST('10' AS DOUBLE)) + CAST('0.5' AS DOUBLE) + CAST('1e-13' AS DOUBLE) * abs((x / CAST('10' AS DOUBLE))))",
    );
  });
});
