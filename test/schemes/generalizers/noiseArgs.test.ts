import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatScheme } from "../../../src/schemes/format.js";
import { noiseRows, randomizedReason } from "../../../src/schemes/generalizers/noiseArgs.js";
import { parseScheme, SchemeError } from "../../../src/schemes/parse.js";
import { NoiseStream } from "../../../src/schemes/noise.js";

describe("grammar of randomized generalizers", () => {
  it("parses geom and rround with named options in any order, memo by default", () => {
    expect(parseScheme("duration=geom(1s, scale=5, seed=7)").parts[0].generalizer).toEqual({ kind: "geom", width: 1000, scale: 5, seed: 7, mode: "memo" });
    expect(parseScheme("bitrate=rround(100kbps, fresh, seed=3)").parts[0].generalizer).toEqual({
      kind: "rround",
      width: 100,
      seed: 3,
      mode: "fresh",
    });
    expect(parseScheme("duration=GEOM(1min,SEED=2,Fresh,scale=0.5)").parts[0].generalizer).toEqual({ kind: "geom", width: 60000, scale: 0.5, seed: 2, mode: "fresh" });
  });

  it("prints every parameter and the mode canonically", () => {
    expect(formatScheme(parseScheme("bitrate=rround(100kbps,seed=3), duration=geom(60000ms, seed=7, scale=5)"))).toBe(
      "duration=geom(1min,scale=5,seed=7,memo),bitrate=rround(100kbps,seed=3,memo)",
    );
    expect(formatScheme(parseScheme("fps=rround(0.5, seed=0, fresh)"))).toBe("fps=rround(0.5,seed=0,fresh)");
  });

  it("round-trips through the canonical form (property)", () => {
    const arb = fc.record({
      width: fc.integer({ min: 1, max: 10_000 }).map((n) => n * 1000),
      scale: fc.double({ min: 1e-3, max: 1e4, noNaN: true }),
      seed: fc.maxSafeNat(),
      mode: fc.constantFrom("memo" as const, "fresh" as const),
      geom: fc.boolean(),
    });
    fc.assert(
      fc.property(arb, ({ width, scale, seed, mode, geom: isGeom }) => {
        const g = isGeom ? { kind: "geom" as const, width, scale, seed, mode } : { kind: "rround" as const, width, seed, mode };
        const s = { parts: [{ attribute: "duration" as const, generalizer: g }] };
        expect(parseScheme(formatScheme(s))).toEqual(s);
      }),
    );
  });

  it.each([
    ["duration=geom(1s,scale=5)", "geom needs an explicit seed=N, e.g. geom(60s,scale=5,seed=1)", 24],
    ["duration=rround(1s)", "rround needs an explicit seed=N", 18],
    ["duration=geom(1s,seed=5)", "geom needs scale=S (noise in grid steps)", 23],
    ["duration=geom(seed=5,1s,scale=2)", "geom needs a width first", 19],
    ["duration=geom(1s,scale=5,seed=1,sead=2)", 'unknown option "sead" in geom(1s,scale=5,seed=1,sead=2) (did you mean seed?)', 32],
    ["duration=geom(1s,scale=5,seed=1,memo,fresh)", "says both memo and fresh — pick one", 37],
    ["duration=geom(1s,scale=5,seed=1,often)", 'unknown option "often"', 32],
    ["duration=rround(1s,seed=1,memo,memo)", "memo is given twice", 31],
    ["duration=geom(1s,scale=5s,seed=1)", "scale counts grid steps of the width and takes no unit", 24],
    ["duration=geom(1s,scale=0,seed=1)", "scale must be positive", 23],
    ["duration=geom(1s,scale=5,seed=1.5)", "seed must be a whole number from 0 to 2^53-1, not 1.5", 30],
    ["duration=geom(1s,scale=5,seed=-1)", "seed must be a whole number", 30],
    ["duration=geom(1,scale=5,seed=1)", "missing unit in geom(1,scale=5,seed=1) — write e.g. geom(1s,scale=5,seed=1)", 14],
    ["duration=rround(1s,scale=2,seed=1)", "rround has no scale", 19],
    ["duration=geom(1s,2s,scale=1,seed=1)", "geom takes one width", 17],
    ["resolution=geom(16px,scale=1,seed=1)", "geom does not apply to resolution", 11],
    ["duration=round(1s,seed=1)", 'expected a number in round(1s,…, found "s"', 18],
  ])("%s → %s", (scheme, message, caret) => {
    let err: unknown;
    try {
      parseScheme(scheme);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(SchemeError);
    expect((err as SchemeError).message).toContain(message);
    expect((err as SchemeError).index).toBe(caret);
  });
});

describe("noiseRows", () => {
  const ctx = (options: object) => ({ attribute: "bitrate" as const, options, fitted: undefined });

  it("memo draws every report as report 0; fresh uses the report index", () => {
    expect(noiseRows({ seed: 7, mode: "memo" }, 3, ctx({ reportIndex: 5 })).report).toBe(0);
    expect(noiseRows({ seed: 7, mode: "fresh" }, 3, ctx({ reportIndex: 5 })).report).toBe(5);
    expect(noiseRows({ seed: 7, mode: "fresh" }, 3, ctx({})).report).toBe(0);
  });

  it("rows are items firstItem + i unless item ids are given", () => {
    const r = noiseRows({ seed: 7, mode: "memo" }, 2, ctx({ firstItem: 10 }));
    expect(r.first).toBe(10);
    expect(r.ids).toBeUndefined();
    const ids = Float64Array.of(4, 9);
    expect(noiseRows({ seed: 7, mode: "memo" }, 2, ctx({ itemIds: ids })).ids).toBe(ids);
  });

  it("draws from the stream of (seed, index of the attribute in ATTRIBUTES)", () => {
    const { stream } = noiseRows({ seed: 7, mode: "memo" }, 1, ctx({}));
    expect(stream.word(3, 0, 0)).toBe(new NoiseStream(7, 1).word(3, 0, 0)); // bitrate is attribute 1
    expect(stream.word(3, 0, 0)).not.toBe(new NoiseStream(7, 0).word(3, 0, 0));
  });

  it("refuses a report index outside 0..2^31−1 and item ids of the wrong length", () => {
    expect(() => noiseRows({ seed: 1, mode: "fresh" }, 1, ctx({ reportIndex: -1 }))).toThrow(/reportIndex must be a whole number/);
    expect(() => noiseRows({ seed: 1, mode: "fresh" }, 1, ctx({ reportIndex: 1.5 }))).toThrow(/reportIndex/);
    expect(() => noiseRows({ seed: 1, mode: "fresh" }, 1, ctx({ reportIndex: 2 ** 31 }))).toThrow(/reportIndex/);
    expect(() => noiseRows({ seed: 1, mode: "memo" }, 3, ctx({ itemIds: [1, 2] }))).toThrow("itemIds has 2 entries for 3 rows");
  });
});

describe("randomizedReason", () => {
  it("says randomized generalizers nest only with themselves", () => {
    expect(randomizedReason({ finer: "geom(1s,scale=2,seed=1,memo)", coarser: "round(1min)" })).toBe(
      "geom(1s,scale=2,seed=1,memo) does not refine round(1min): randomized generalizers nest only with themselves (noise moves items across bucket edges independently)",
    );
  });
});
