import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ladderOnGrid, onGrid, wholeNumber } from "../../../src/schemes/generalizers/wholeRatio.js";

describe("wholeNumber", () => {
  it("accepts ratios that are whole up to floating-point noise", () => {
    expect(wholeNumber(0.3 / 0.1)).toBe(3);
    expect(wholeNumber(Math.log(1.21) / Math.log(1.1))).toBe(2);
    expect(wholeNumber(4)).toBe(4);
  });

  it("refuses ratios that really differ, and ratios below ½", () => {
    expect(wholeNumber(2.5)).toBeUndefined();
    expect(wholeNumber(3 + 1e-12)).toBeUndefined();
    expect(wholeNumber(0.4)).toBeUndefined();
    expect(wholeNumber(0)).toBeUndefined();
    expect(wholeNumber(-2)).toBeUndefined();
  });

  it("k = (k·a)/a for decimal widths a", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10000 }), fc.integer({ min: 1, max: 1000 }), (k, tenths) => {
        const a = tenths / 10;
        expect(wholeNumber((k * a) / a)).toBe(k);
      }),
    );
  });
});

describe("onGrid", () => {
  it("t is an edge of the grid (k + offset)·a", () => {
    expect(onGrid(0.3, 0.1, 0)).toBe(true);
    expect(onGrid(0.35, 0.1, 0)).toBe(false);
    expect(onGrid(0.35, 0.1, -0.5)).toBe(true); // round's edges are odd multiples of a/2
    expect(onGrid(0.3, 0.1, -0.5)).toBe(false);
    expect(onGrid(0, 60000, 0)).toBe(true);
    expect(onGrid(1e-20, 60000, 0)).toBe(false); // near 0 only 0 itself is a multiple
  });
});

describe("ladderOnGrid", () => {
  const ctx = { no: "floor(1min) does not refine ladder", finer: "floor(1min)", quantity: (v: number) => `${v / 60000}min` };

  it("null when every threshold is a bucket edge", () => {
    expect(ladderOnGrid([60000, 300000], 60000, false, ctx)).toBeNull();
    expect(ladderOnGrid([30000, 90000], 60000, true, ctx)).toBeNull();
  });

  it("names the first threshold that is not an edge, and the edges there are", () => {
    expect(ladderOnGrid([60000, 90000, 100000], 60000, false, ctx)).toBe(
      "floor(1min) does not refine ladder: threshold 1.5min is not a bucket edge of floor(1min) (its edges are multiples of 1min)",
    );
    expect(ladderOnGrid([60000], 60000, true, ctx)).toBe(
      "floor(1min) does not refine ladder: threshold 1min is not a bucket edge of floor(1min) (its edges are odd multiples of 0.5min)",
    );
  });
});
