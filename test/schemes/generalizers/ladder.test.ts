import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { ladder } from "../../../src/schemes/generalizers/ladder.js";
import { bucketKeys, bucketLabel, explainNesting, nests, parseScheme } from "../../../src/schemes/index.js";
import { arbValue, catalogWith, keys, part, refinesOn } from "./helpers.js";

describe("ladder(a,b,…)", () => {
  const g = parseScheme("bitrate=ladder(1,3,6Mbps)").parts[0].generalizer;

  it("keys the last threshold at or below the value, −1 below the first", () => {
    expect(g).toEqual({ kind: "ladder", thresholds: [1000, 3000, 6000] });
    expect(keys("bitrate", g, [500, 1000, 2999, 3000, 5999.5, 6000, 50_000, NaN])).toEqual([-1, 0, 0, 1, 1, 2, 2, NaN]);
    expect(bucketLabel(part("bitrate", g), -1)).toBe("< 1 Mbps");
    expect(bucketLabel(part("bitrate", g), 1)).toBe("3 Mbps–6 Mbps");
    expect(bucketLabel(part("bitrate", g), 2)).toBe("≥ 6 Mbps");
    expect(ladder.interval!({ kind: "ladder", thresholds: [1000, 3000, 6000] }, -1, { precision: 0, fitted: undefined })).toEqual([-Infinity, 1000]);
    expect(ladder.interval!({ kind: "ladder", thresholds: [1000, 3000, 6000] }, 2, { precision: 0, fitted: undefined })).toEqual([6000, Infinity]);
  });

  it("keys count the thresholds ≤ x, minus one, and the interval holds the value (property)", () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: -100, max: 100 }), { minLength: 1, maxLength: 6 }), fc.array(fc.integer({ min: -150, max: 150 }), { minLength: 1, maxLength: 50 }), (t, values) => {
        const thresholds = [...t].sort((a, b) => a - b);
        const lg = { kind: "ladder" as const, thresholds };
        const ks = keys("fps", lg, values);
        values.forEach((x, i) => {
          expect(ks[i]).toBe(thresholds.filter((v) => v <= x).length - 1);
          const [lo, hi] = ladder.interval!(lg, ks[i], { precision: 0, fitted: undefined });
          expect(lo <= x && x < hi).toBe(true);
        });
      }),
      { numRuns: 500 },
    );
  });

  it("ladder(T) nests in ladder(U) when U ⊆ T, and the claim holds on random catalogs", () => {
    expect(nests(parseScheme("bitrate=ladder(0.5,1,3,6Mbps)"), parseScheme("bitrate=ladder(1,6Mbps)"))).toBe(true);
    expect(explainNesting(parseScheme("bitrate=ladder(1,6Mbps)"), parseScheme("bitrate=ladder(1,3,6Mbps)"))).toContain("threshold 3Mbps of the coarser ladder is not in the finer one");
    expect(explainNesting(parseScheme("bitrate=floor(2Mbps)"), parseScheme("bitrate=ladder(1,3,6Mbps)"))).toContain("threshold 1Mbps is not a bucket edge of floor(2Mbps)");
    expect(nests(parseScheme("bitrate=round(1Mbps)"), parseScheme("bitrate=ladder(0.5,2.5Mbps)"))).toBe(true);
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: -100, max: 1000 }).map((k) => k / 10), { minLength: 2, maxLength: 8 }).chain((t) => {
          const sorted = [...t].sort((x, y) => x - y);
          return fc.tuple(fc.constant(sorted), fc.subarray(sorted, { minLength: 1 }));
        }),
        fc.array(arbValue, { minLength: 1, maxLength: 200 }),
        ([fine, coarse], values) => {
          const f = part("fps", { kind: "ladder", thresholds: fine });
          const c = part("fps", { kind: "ladder", thresholds: coarse });
          expect(nests({ parts: [f] }, { parts: [c] })).toBe(true);
          const cat = catalogWith({ fps: values });
          expect(refinesOn(bucketKeys(f, cat), bucketKeys(c, cat))).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("compiles to SQL as a CASE from the top rung down", () => {
    expect(ladder.sql({ kind: "ladder", thresholds: [1000, 3000] }, "bitrate", (f) => f)).toBe(
      "CASE WHEN (bitrate_kbps) IS NULL THEN NULL WHEN (bitrate_kbps) + CAST('1e-13' AS DOUBLE) * abs(bitrate_kbps) >= CAST('3000' AS DOUBLE) THEN 1 WHEN (bitrate_kbps) + CAST('1e-13' AS DOUBLE) * abs(bitrate_kbps) >= CAST('1000' AS DOUBLE) THEN 0 ELSE -1 END",
    );
  });
});
