import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { height } from "../../../src/schemes/generalizers/height.js";
import { bucketLabel, nests, parseScheme, requiredFields } from "../../../src/schemes/index.js";
import { part, refinesOn, resKeys } from "./helpers.js";

describe("resolution=height", () => {
  it("keeps the height only", () => {
    expect(resKeys({ kind: "height" }, [[1920, 800], [1280, 800], [NaN, 720], [1920, NaN]])).toEqual([800, 800, 720, NaN]);
    expect(bucketLabel(part("resolution", { kind: "height" }), 800)).toBe("800p");
    expect(requiredFields(parseScheme("resolution=height"))).toEqual(["height"]);
    expect(height.sql({ kind: "height" }, "resolution", (f) => `"${f}"`)).toBe('"height"');
  });

  it("keys equal the height, and exact refines it on random frames (property)", () => {
    const dim = fc.oneof(fc.integer({ min: 1, max: 8000 }), fc.constant(NaN));
    fc.assert(
      fc.property(fc.array(fc.tuple(dim, dim), { minLength: 1, maxLength: 100 }), (pairs) => {
        const hk = resKeys({ kind: "height" }, pairs);
        pairs.forEach(([, h], i) => expect(Object.is(hk[i], h + 0)).toBe(true));
        expect(refinesOn(resKeys({ kind: "exact" }, pairs), hk)).toBe(true);
      }),
      { numRuns: 300 },
    );
    expect(nests(parseScheme("resolution=exact"), parseScheme("resolution=height"))).toBe(true);
    expect(nests(parseScheme("resolution=round(16px)"), parseScheme("resolution=height"))).toBe(false);
  });
});
