import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { clampFraction, noUniques } from "../../../src/measures/population/estimate.js";

describe("noUniques", () => {
  it("is a real 0 with its status", () => {
    expect(noUniques()).toEqual({ value: 0, status: "no_uniques" });
  });
});

describe("clampFraction", () => {
  it("keeps [0, 1] as is and clamps rounding spill-over", () => {
    expect(clampFraction(0.25)).toBe(0.25);
    expect(clampFraction(-1e-17)).toBe(0);
    expect(clampFraction(1 + 1e-15)).toBe(1);
    expect(clampFraction(NaN)).toBeNaN();
    fc.assert(
      fc.property(fc.double({ noNaN: true }), (x) => {
        const c = clampFraction(x);
        expect(c >= 0 && c <= 1).toBe(true);
        if (x >= 0 && x <= 1) expect(c).toBe(x);
        else expect(c).toBe(x < 0 ? 0 : 1);
      }),
    );
  });
});
