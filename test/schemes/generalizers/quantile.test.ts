import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { fitQuantileThresholds, quantile } from "../../../src/schemes/generalizers/quantile.js";
import { bucketLabel, explainNesting, nests, parseScheme } from "../../../src/schemes/index.js";
import { bucketInterval, schemeView, viewKeys } from "../../../src/schemes/schemeView.js";
import { catalogWith, keys, part } from "./helpers.js";

describe("quantile(K)", () => {
  it("fits equal-frequency buckets and never splits equal values", () => {
    expect(keys("size", { kind: "quantile", k: 4 }, [1, 2, 3, 4, 5, 6, 7, 8, NaN])).toEqual([0, 0, 1, 1, 2, 2, 3, 3, NaN]);
    expect(keys("size", { kind: "quantile", k: 2 }, [1, 1, 1, 1, 2])).toEqual([0, 0, 0, 0, 1]);
    // ideal cut at index 4 falls inside the run of 2s: cutting after it (6 | 2) beats before it (1 | 7)
    expect(Array.from(fitQuantileThresholds(Float64Array.from([1, 2, 2, 2, 2, 2, 3, 4]), 2))).toEqual([3]);
    expect(bucketLabel(part("size", { kind: "quantile", k: 10 }), 2)).toBe("Q3/10");
    expect(quantile.rowLocal).toBe(false);
  });

  it("keys are monotone, equal values share a key, and the interval holds the value (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 50 }), { minLength: 1, maxLength: 100 }), fc.integer({ min: 1, max: 12 }), (values, k) => {
        const ks = keys("size", { kind: "quantile", k }, values);
        const t = fitQuantileThresholds(Float64Array.from(values), k);
        expect(t.length).toBeLessThan(k);
        for (let i = 0; i < values.length; i++) {
          // brute force: the number of thresholds ≤ x
          expect(ks[i]).toBe(Array.from(t).filter((v) => v <= values[i]).length);
          const [lo, hi] = quantile.interval!({ kind: "quantile", k }, ks[i], { precision: 0, fitted: t });
          expect(lo <= values[i] && values[i] < hi).toBe(true);
          for (let j = 0; j < values.length; j++) if (values[i] <= values[j]) expect(ks[i]).toBeLessThanOrEqual(ks[j]);
        }
      }),
      { numRuns: 500 },
    );
  });

  it("an attacker keys its own catalog with the victim's thresholds", () => {
    const victim = catalogWith({ size_bytes: [1, 2, 3, 4, 5, 6, 7, 8] });
    const attacker = catalogWith({ size_bytes: [2.5, 4.5, 100] });
    const view = schemeView(parseScheme("size=quantile(4)"), victim);
    expect(Array.from(view.thresholds[0]!)).toEqual([3, 5, 7]);
    expect(Array.from(viewKeys(view, 0, attacker))).toEqual([0, 1, 3]);
    expect(bucketInterval(view, 0, 3, 0)).toEqual([7, Infinity]);
  });

  it("nests only with itself", () => {
    expect(nests(parseScheme("size=quantile(10)"), parseScheme("size=quantile(10)"))).toBe(true);
    expect(explainNesting(parseScheme("size=quantile(10)"), parseScheme("size=quantile(5)"))).toContain("only nest with themselves");
    expect(explainNesting(parseScheme("size=round(1MB)"), parseScheme("size=quantile(5)"))).toContain("only nest with themselves");
  });

  it("compiles to SQL only with its fitted thresholds: the number of thresholds ≤ x", () => {
    expect(() => quantile.sql({ kind: "quantile", k: 4 }, "size", (f) => f)).toThrow("quantile(4) needs its thresholds fitted on the data");
    const text = quantile.sql({ kind: "quantile", k: 4 }, "size", (f) => f, Float64Array.of(3, 5, 7));
    expect(text).toBe(
      "(CASE WHEN size_bytes IS NULL THEN NULL WHEN size_bytes >= CAST('7' AS DOUBLE) THEN 3 WHEN size_bytes >= CAST('5' AS DOUBLE) THEN 2 WHEN size_bytes >= CAST('3' AS DOUBLE) THEN 1 ELSE 0 END)",
    );
  });
});
