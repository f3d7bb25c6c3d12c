import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { round } from "../../../src/schemes/generalizers/round.js";
import { bucketLabel, explainNesting, nests, parseScheme } from "../../../src/schemes/index.js";
import { arbValue, catalogWith, keys, part, refinesOn, resKeys } from "./helpers.js";
import { bucketKeys } from "../../../src/schemes/index.js";

describe("round(W)", () => {
  it("keys the nearest multiple, ties going up", () => {
    expect(keys("duration", { kind: "round", width: 10 }, [14, 15, 16, 25, -5, -6, 0, NaN])).toEqual([1, 2, 2, 3, 0, -1, 0, NaN]);
    expect(keys("duration", { kind: "round", width: 60_000 }, [5_549_000, 5_550_000])).toEqual([92, 93]);
    expect(keys("fps", { kind: "round", width: 0.1 }, [0.25, 0.35])).toEqual([3, 4]);
    expect(resKeys({ kind: "round", width: 16 }, [[1920, 800], [1912, 808], [NaN, 1080]])).toEqual([120 * 65536 + 50, 120 * 65536 + 51, -65536 + 68]);
  });

  it("labels the grid point, intervals are [(k − ½)W, (k + ½)W)", () => {
    expect(bucketLabel(part("duration", { kind: "round", width: 60_000 }), 92)).toBe("1:32:00");
    expect(bucketLabel(part("resolution", { kind: "round", width: 16 }), 120 * 65536 + 50)).toBe("1920×800");
    expect(round.interval!({ kind: "round", width: 10 }, 3, { precision: 0, fitted: undefined })).toEqual([25, 35]);
    expect(round.keyWidth({ kind: "round", width: 1000 })).toBe(1000);
    expect(round.chartWidth({ kind: "round", width: 1000 }, 1)).toBe(1000);
  });

  it("keys equal floor(x/W + ½) and the key's interval holds the value (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: -100_000, max: 100_000 }), fc.integer({ min: 1, max: 5000 }), (x, w) => {
        const [k] = keys("duration", { kind: "round", width: w }, [x]);
        // brute force on integers: the multiple of w nearest x, ties up
        let best = Math.floor(x / w);
        if (Math.abs((best + 1) * w - x) <= Math.abs(best * w - x)) best++;
        expect(k).toBe(best);
        const [lo, hi] = round.interval!({ kind: "round", width: w }, k, { precision: 0, fitted: undefined });
        expect(lo <= x && x < hi).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it("an even width ratio does not nest: 29.5 s and 30.4 s share round(1s) but not round(1min)", () => {
    expect(keys("duration", { kind: "round", width: 1000 }, [29_500, 30_400])).toEqual([30, 30]);
    expect(keys("duration", { kind: "round", width: 60_000 }, [29_500, 30_400])).toEqual([0, 1]);
    expect(nests(parseScheme("duration=round(1s)"), parseScheme("duration=round(1min)"))).toBe(false);
    expect(explainNesting(parseScheme("duration=round(1s)"), parseScheme("duration=round(1min)"))).toContain("the width ratio 60 is even");
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), fc.integer({ min: 1, max: 50 }), (a, half) => {
        const f = { kind: "round" as const, width: a };
        const c = { kind: "round" as const, width: a * 2 * half };
        expect(nests({ parts: [part("duration", f)] }, { parts: [part("duration", c)] })).toBe(false);
        // a counter-example: round(c) has an edge at c/2 = a·half, the centre of a round(a) bucket
        const edge = a * half;
        const xs = [edge - a / 4, edge + a / 4];
        const fk = keys("duration", f, xs);
        const ck = keys("duration", c, xs);
        expect(fk[0] === fk[1] && ck[0] !== ck[1]).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it("an odd ratio nests, and the claim holds on random catalogs", () => {
    fc.assert(
      fc.property(fc.constantFrom(0.1, 0.3, 1, 7, 16, 1000), fc.integer({ min: 0, max: 6 }), fc.array(arbValue, { minLength: 1, maxLength: 200 }), (a, k, values) => {
        const f = part("fps", { kind: "round", width: a });
        const c = part("fps", { kind: "round", width: a * (2 * k + 1) });
        expect(nests({ parts: [f] }, { parts: [c] })).toBe(true);
        const cat = catalogWith({ fps: values });
        expect(refinesOn(bucketKeys(f, cat), bucketKeys(c, cat))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it("compiles to SQL with the same snapping", () => {
    expect(round.sql({ kind: "round", width: 1000 }, "duration", (f) => f)).toBe(
      "floor((duration_ms / CAST('1000' AS DOUBLE)) + CAST('0.5' AS DOUBLE) + CAST('1e-13' AS DOUBLE) * abs((duration_ms / CAST('1000' AS DOUBLE))))",
    );
  });
});
