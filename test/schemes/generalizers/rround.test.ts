import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { rround, type RRoundGeneralizer } from "../../../src/schemes/generalizers/rround.js";
import { bucketLabel, nests, parseScheme, randomizedKeys } from "../../../src/schemes/index.js";
import { part } from "./helpers.js";

const g = (width: number, seed: number, mode: "memo" | "fresh" = "fresh"): RRoundGeneralizer => ({ kind: "rround", width, seed, mode });

describe("rround(W, seed=N)", () => {
  it("parses, prints, and refuses a scale", () => {
    expect(parseScheme("duration=rround(10s,seed=7,fresh)").parts[0].generalizer).toEqual(g(10_000, 7));
    expect(rround.format(g(10_000, 7, "memo"), "duration")).toBe("rround(10s,seed=7,memo)");
    expect(() => parseScheme("duration=rround(10s,seed=7,scale=2)")).toThrow("rround has no scale");
  });

  it("reports the grid point below or above, values on the grid as they are (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -100_000, max: 100_000 }), { minLength: 1, maxLength: 50 }), fc.integer({ min: 1, max: 1000 }), fc.nat(1000), (values, w, seed) => {
        const ks = randomizedKeys(g(w, seed), "duration", Float64Array.from(values));
        values.forEach((x, i) => {
          const below = Math.floor(x / w);
          if (x % w === 0) expect(ks[i]).toBe(below);
          else expect([below, below + 1]).toContain(ks[i]);
        });
      }),
      { numRuns: 500 },
    );
    expect(Array.from(randomizedKeys(g(10, 1), "duration", Float64Array.of(NaN)))).toEqual([NaN]);
    expect(bucketLabel(part("duration", g(60_000, 1)), 92)).toBe("1:32:00");
  });

  it("is unbiased: the mean over many items of x = 0.3 W reports tends to 0.3 W", () => {
    const n = 20_000;
    const ks = randomizedKeys(g(10, 3), "duration", new Float64Array(n).fill(3));
    const mean = ks.reduce((a, b) => a + b, 0) / n;
    // Binomial(n, 0.3) / n: sd = sqrt(0.21 / n) ≈ 0.0032; 5 sd
    expect(Math.abs(mean - 0.3)).toBeLessThan(0.017);
  });

  it("nests only with itself, has no interval and no SQL form", () => {
    const s = parseScheme("duration=rround(1s,seed=1)");
    expect(nests(s, s)).toBe(true);
    expect(nests(s, parseScheme("duration=rround(3s,seed=1)"))).toBe(false);
    expect(rround.interval).toBeNull();
    expect(rround.rowLocal).toBe(true);
    expect(() => rround.sql(g(10, 1), "duration", (f) => f)).toThrow(/rround noise .*: use --engine memory$/);
  });
});
