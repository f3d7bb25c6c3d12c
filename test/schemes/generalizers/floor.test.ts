import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { floor } from "../../../src/schemes/generalizers/floor.js";
import { bucketKeys, bucketLabel, explainNesting, nests, parseScheme } from "../../../src/schemes/index.js";
import { arbValue, catalogWith, keys, part, refinesOn, resKeys } from "./helpers.js";

describe("floor(W)", () => {
  it("keys the multiple at or below the value", () => {
    expect(keys("duration", { kind: "floor", width: 10 }, [0, 9, 10, 19.999, -1, NaN])).toEqual([0, 0, 1, 1, -1, NaN]);
    // 0.3 / 0.1 = 2.9999999999999996: snapped onto the boundary
    expect(keys("fps", { kind: "floor", width: 0.1 }, [0.3, 0.7, 23.976])).toEqual([3, 7, 239]);
    // a subnormal negative is still below 0, and no key is −0
    expect(keys("duration", { kind: "floor", width: 20 }, [-3e-323])).toEqual([-1]);
    expect(Object.is(keys("duration", { kind: "floor", width: 1 }, [-0])[0], 0)).toBe(true);
    expect(resKeys({ kind: "floor", width: 16 }, [[1920, 800], [1935, 815], [1936, 799]])).toEqual([120 * 65536 + 50, 120 * 65536 + 50, 121 * 65536 + 49]);
  });

  it("labels a range, intervals are [kW, (k + 1)W)", () => {
    expect(bucketLabel(part("duration", { kind: "floor", width: 60_000 }), 92)).toBe("1:32:00–1:33:00");
    expect(bucketLabel(part("fps", { kind: "floor", width: 0.1 }), 3)).toBe("0.3 fps–0.4 fps");
    expect(bucketLabel(part("resolution", { kind: "floor", width: 16 }), 120 * 65536 + 50)).toBe("1920–1935×800–815");
    expect(floor.interval!({ kind: "floor", width: 10 }, -1, { precision: 0, fitted: undefined })).toEqual([-10, 0]);
  });

  it("keys equal the brute-force floor and the interval holds the value (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: -100_000, max: 100_000 }), fc.integer({ min: 1, max: 5000 }), (x, w) => {
        const [k] = keys("size", { kind: "floor", width: w }, [x]);
        let brute = 0;
        while (brute * w > x) brute--;
        while ((brute + 1) * w <= x) brute++;
        expect(k).toBe(brute);
        const [lo, hi] = floor.interval!({ kind: "floor", width: w }, k, { precision: 0, fitted: undefined });
        expect(lo <= x && x < hi).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it("nests in floor of a whole multiple and in round of an even one, and the claims hold on random catalogs", () => {
    expect(nests(parseScheme("duration=floor(1min)"), parseScheme("duration=floor(5min)"))).toBe(true);
    expect(explainNesting(parseScheme("duration=floor(2min)"), parseScheme("duration=floor(3min)"))).toContain("3min is not a whole multiple of 2min");
    expect(nests(parseScheme("duration=floor(1s)"), parseScheme("duration=round(2s)"))).toBe(true);
    expect(nests(parseScheme("duration=floor(1s)"), parseScheme("duration=round(3s)"))).toBe(false);
    fc.assert(
      fc.property(fc.constantFrom(0.1, 0.25, 1, 3, 16, 1000), fc.integer({ min: 1, max: 8 }), fc.boolean(), fc.array(arbValue, { minLength: 1, maxLength: 200 }), (a, m, toRound, values) => {
        const f = part("fps", { kind: "floor", width: a });
        const c = part("fps", toRound ? { kind: "round", width: a * 2 * m } : { kind: "floor", width: a * m });
        expect(nests({ parts: [f] }, { parts: [c] })).toBe(true);
        const cat = catalogWith({ fps: values });
        expect(refinesOn(bucketKeys(f, cat), bucketKeys(c, cat))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it("compiles to SQL", () => {
    expect(floor.sql({ kind: "floor", width: 16 }, "resolution", (f) => f)).toBe(
      "(CASE WHEN floor((width / CAST('16' AS DOUBLE)) + CAST('1e-13' AS DOUBLE) * abs((width / CAST('16' AS DOUBLE)))) IS NULL AND floor((height / CAST('16' AS DOUBLE)) + CAST('1e-13' AS DOUBLE) * abs((height / CAST('16' AS DOUBLE)))) IS NULL THEN NULL ELSE coalesce(floor((width / CAST('16' AS DOUBLE)) + CAST('1e-13' AS DOUBLE) * abs((width / CAST('16' AS DOUBLE)))), -1) * 65536 + coalesce(floor((height / CAST('16' AS DOUBLE)) + CAST('1e-13' AS DOUBLE) * abs((height / CAST('16' AS DOUBLE)))), -1) END)",
    );
  });
});
