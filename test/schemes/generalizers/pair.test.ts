import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { PAIR_BASE, packPair, pairLabel, sqlPackPair, unpackPair } from "../../../src/schemes/generalizers/pair.js";

describe("packPair", () => {
  it("is width · 65536 + height, a missing side as −1, NaN when both are missing", () => {
    expect(packPair(1920, 800)).toBe(125829920);
    expect(packPair(0, 0)).toBe(0);
    expect(packPair(NaN, 1080)).toBe(-65536 + 1080);
    expect(packPair(1920, NaN)).toBe(1920 * 65536 - 1);
    expect(packPair(NaN, NaN)).toBeNaN();
    expect(Object.is(packPair(0, -0), 0)).toBe(true); // never −0
  });

  it("unpackPair inverts it, a missing side coming back as NaN", () => {
    expect(unpackPair(125829920)).toEqual([1920, 800]);
    expect(unpackPair(-65536 + 1080)).toEqual([NaN, 1080]);
    expect(unpackPair(1920 * 65536 - 1)).toEqual([1920, NaN]);
    expect(unpackPair(0 * 65536 - 1)).toEqual([0, NaN]);
    expect(unpackPair(-65536 - 1)).toEqual([NaN, NaN]);
  });

  it("round-trips every pair of indexes below 65535 (either side possibly missing) and keeps distinct pairs distinct", () => {
    const side = fc.oneof(fc.integer({ min: 0, max: PAIR_BASE - 2 }), fc.constant(NaN));
    fc.assert(
      fc.property(side, side, side, side, (a, b, c, d) => {
        fc.pre(a === a || b === b);
        expect(unpackPair(packPair(a, b))).toEqual([a, b]);
        if (c === c || d === d) {
          const same = Object.is(a, c) && Object.is(b, d);
          expect(packPair(a, b) === packPair(c, d)).toBe(same);
        }
      }),
    );
  });
});

describe("pairLabel", () => {
  it("prints w×h with ? for a missing side", () => {
    expect(pairLabel(1920, 800)).toBe("1920×800");
    expect(pairLabel(NaN, 1080)).toBe("?×1080");
    expect(pairLabel(1280, NaN)).toBe("1280×?");
  });
});

describe("sqlPackPair", () => {
  it("writes the same packing in SQL, NULL for two NULLs", () => {
    expect(sqlPackPair("w", "h")).toBe("(CASE WHEN w IS NULL AND h IS NULL THEN NULL ELSE coalesce(w, -1) * 65536 + coalesce(h, -1) END)");
  });
});
