import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { roundSignificant, sig } from "../../../src/schemes/generalizers/sig.js";
import { bucketLabel, explainNesting, nests, parseScheme } from "../../../src/schemes/index.js";
import { keys, part } from "./helpers.js";

describe("sig(D)", () => {
  it("rounds half up on the magnitude to D significant digits", () => {
    expect(keys("bitrate", { kind: "sig", digits: 2 }, [8523, 1250, 1249, -1250, 0.012345, NaN])).toEqual([8500, 1300, 1200, -1300, 0.012, NaN]);
    expect(roundSignificant(999.5, 3)).toBe(1000);
    expect(bucketLabel(part("bitrate", { kind: "sig", digits: 2 }), 8500)).toBe("8.5 Mbps");
  });

  it("intervals are ± half a unit in the last digit, finer below a power of ten", () => {
    const at = (key: number, digits: number) => sig.interval!({ kind: "sig", digits }, key, { precision: 0, fitted: undefined });
    expect(at(1000, 2)).toEqual([995, 1050]);
    expect(at(8500, 2)).toEqual([8450, 8550]);
    expect(at(0, 2)).toEqual([0, 0]);
  });

  it("keeps D digits, stays within half a unit, is idempotent, and its interval holds the value (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000_000 }), fc.integer({ min: 1, max: 6 }), (x, d) => {
        const [k] = keys("size", { kind: "sig", digits: d }, [x]);
        const unit = 10 ** (Math.floor(Math.log10(x)) - d + 1);
        expect(Math.abs(k - x)).toBeLessThanOrEqual(unit / 2 + 1e-9 * x);
        expect(roundSignificant(k, d)).toBe(k);
        const [lo, hi] = sig.interval!({ kind: "sig", digits: d }, k, { precision: 0, fitted: undefined });
        expect(lo - 1e-9 * x <= x && x < hi + 1e-9 * x).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it("nests only with itself: 1249 and 1250 share sig(3) but not sig(2)", () => {
    expect(keys("bitrate", { kind: "sig", digits: 3 }, [1249, 1250])).toEqual([1250, 1250]);
    expect(keys("bitrate", { kind: "sig", digits: 2 }, [1249, 1250])).toEqual([1200, 1300]);
    expect(nests(parseScheme("bitrate=sig(3)"), parseScheme("bitrate=sig(3)"))).toBe(true);
    expect(explainNesting(parseScheme("bitrate=sig(3)"), parseScheme("bitrate=sig(2)"))).toContain("sig only nests with itself");
    expect(nests(parseScheme("bitrate=round(1kbps)"), parseScheme("bitrate=sig(2)"))).toBe(false);
  });

  it("has an SQL form over the attribute's column (checked against the keys in sql.test.ts)", () => {
    const text = sig.sql({ kind: "sig", digits: 2 }, "bitrate", (f) => `t.${f}`);
    expect(text).toContain("log10(abs(t.bitrate_kbps))");
    expect(text).not.toContain("duration_ms");
  });
});
