import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { geom, type GeomGeneralizer } from "../../../src/schemes/generalizers/geom.js";
import { bucketKeys, bucketLabel, explainNesting, nests, parseScheme, randomizedKeys } from "../../../src/schemes/index.js";
import { catalogWith, keys, part } from "./helpers.js";

const g = (scale: number, seed: number, mode: "memo" | "fresh" = "memo", width = 1000): GeomGeneralizer => ({ kind: "geom", width, scale, seed, mode });

describe("geom(W, scale=S, seed=N)", () => {
  it("parses with named options and prints every parameter", () => {
    expect(parseScheme("duration=geom(1s, seed=7, scale=5)").parts[0].generalizer).toEqual(g(5, 7));
    expect(geom.format(g(5, 7, "fresh"), "duration")).toBe("geom(1s,scale=5,seed=7,fresh)");
    expect(() => parseScheme("duration=geom(1s,seed=7)")).toThrow("geom needs scale=S");
    expect(() => parseScheme("resolution=geom(16px,scale=1,seed=1)")).toThrow("geom does not apply to resolution");
  });

  it("with negligible noise it is round(W); labels are the noisy grid point", () => {
    // scale 1e-3: α = e^−1000 = 0, so Z = 0 always
    expect(keys("duration", g(1e-3, 1), [14_000, 15_000, 16_499, NaN])).toEqual([14, 15, 16, NaN]);
    expect(bucketLabel(part("duration", g(5, 1)), 91)).toBe("0:01:31");
    expect(geom.interval).toBeNull();
    expect(geom.keyWidth(g(5, 1))).toBe(0);
  });

  it("keys are pure functions of (seed, attribute, item, report): chunks and reorders agree (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 10_000_000 }), { minLength: 2, maxLength: 60 }), fc.nat(1000), fc.nat(5), (values, seed, report) => {
        const gg = g(3, seed, "fresh");
        const col = Float64Array.from(values);
        const whole = randomizedKeys(gg, "duration", col, { reportIndex: report });
        const cut = Math.floor(values.length / 2);
        const tail = randomizedKeys(gg, "duration", col.subarray(cut), { reportIndex: report, firstItem: cut });
        expect(Array.from(tail)).toEqual(Array.from(whole.subarray(cut)));
        const reversed = randomizedKeys(gg, "duration", Float64Array.from(col).reverse(), { reportIndex: report, itemIds: values.map((_, i) => values.length - 1 - i) });
        expect(Array.from(reversed).reverse()).toEqual(Array.from(whole));
        // memo ignores the report
        const memo = g(3, seed, "memo");
        expect(Array.from(randomizedKeys(memo, "duration", col, { reportIndex: report }))).toEqual(Array.from(randomizedKeys(memo, "duration", col, { reportIndex: 0 })));
        // keys stay whole numbers (grid steps)
        for (const k of whole) expect(Number.isInteger(k)).toBe(true);
      }),
      { numRuns: 300 },
    );
    // another attribute draws other noise under the same seed
    const cat = catalogWith({ duration_ms: Array.from({ length: 200 }, () => 5000), bitrate_kbps: Array.from({ length: 200 }, () => 5000) });
    const d = bucketKeys(part("duration", g(3, 1)), cat);
    const b = bucketKeys(part("bitrate", g(3, 1)), cat);
    expect(Array.from(d)).not.toEqual(Array.from(b));
  });

  it("nests only with itself (same seed and mode)", () => {
    const s = parseScheme("duration=geom(1s,scale=2,seed=1)");
    expect(nests(s, s)).toBe(true);
    expect(nests(parseScheme("duration=exact"), s)).toBe(false);
    expect(nests(s, parseScheme("duration=geom(1s,scale=2,seed=2)"))).toBe(false);
    expect(explainNesting(s, parseScheme("duration=round(1min)"))).toContain("randomized generalizers nest only with themselves");
  });

  it("has no SQL form, and points to the in-memory engine", () => {
    expect(() => geom.sql(g(3, 1), "duration", (f) => f)).toThrow(/geom noise .*: use --engine memory$/);
  });
});
