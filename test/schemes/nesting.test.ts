import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  bucketKeys,
  explainNesting,
  nests,
  parseScheme,
  type Generalizer,
  type Scheme,
} from "../../src/schemes/index.js";
import { catalogOf, keys, resKeys, arbGeneralizer } from "./schemeFixtures.js";

describe("nesting", () => {
  const s = parseScheme;
  it.each([
    ["duration=exact", "duration=round(1min)", true],
    ["duration=floor(1min)", "duration=floor(5min)", true],
    ["duration=floor(2min)", "duration=floor(3min)", false],
    ["duration=round(1min)", "duration=round(3min)", true],
    ["duration=round(1min)", "duration=round(2min)", false],
    ["duration=round(1s)", "duration=round(1min)", false], // ratio 60 is even
    ["duration=floor(1s)", "duration=round(2s)", true],
    ["duration=floor(1s)", "duration=round(3s)", false],
    ["duration=round(1s)", "duration=floor(3s)", false],
    ["fps=floor(0.1)", "fps=floor(0.3)", true],
    ["bitrate=floor(500kbps)", "bitrate=ladder(1,3,6Mbps)", true],
    ["bitrate=floor(2Mbps)", "bitrate=ladder(1,3,6Mbps)", false],
    ["bitrate=round(1Mbps)", "bitrate=ladder(0.5,2.5Mbps)", true],
    ["bitrate=ladder(0.5,1,3,6Mbps)", "bitrate=ladder(1,6Mbps)", true],
    ["bitrate=ladder(1,6Mbps)", "bitrate=ladder(1,3,6Mbps)", false],
    ["bitrate=log(10%)", "bitrate=log(21%)", true],
    ["bitrate=log(10%)", "bitrate=log(33.1%)", true],
    ["bitrate=log(10%)", "bitrate=log(20%)", false],
    ["bitrate=sig(3)", "bitrate=sig(3)", true],
    ["bitrate=sig(3)", "bitrate=sig(2)", false],
    ["size=quantile(10)", "size=quantile(10)", true],
    ["size=quantile(10)", "size=quantile(5)", false],
    ["resolution=exact", "resolution=class", true],
    ["resolution=exact", "resolution=height", true],
    ["resolution=class", "resolution=class", true],
    ["resolution=height", "resolution=height", true],
    ["resolution=height", "resolution=class", false],
    ["resolution=class", "resolution=height", false],
    ["resolution=floor(8px)", "resolution=floor(16px)", true],
    ["resolution=floor(8px)", "resolution=class", false],
    ["duration=round(1min),bitrate=exact", "duration=round(3min)", true],
    ["duration=round(1min)", "duration=round(3min),bitrate=exact", false],
    ["none", "none", true],
    ["duration=exact", "none", true],
    ["none", "duration=exact", false],
  ])("%s ⊑ %s is %s", (finer, coarser, expected) => {
    expect(nests(s(finer), s(coarser))).toBe(expected);
    expect(explainNesting(s(finer), s(coarser)) === null).toBe(expected);
  });

  it("explains why a scheme does not nest", () => {
    expect(explainNesting(s("duration=round(1min)"), s("duration=round(2min)"))).toBe(
      "duration: round(1min) does not refine round(2min): the width ratio 2 is even, so a 1min bucket straddles two 2min buckets (round nests only for odd ratios)",
    );
    expect(explainNesting(s("duration=floor(2min)"), s("duration=floor(3min)"))).toContain("3min is not a whole multiple of 2min");
    expect(explainNesting(s("resolution=height"), s("resolution=class"))).toContain("1920×800 and 1280×800 share a height but not a class");
    expect(explainNesting(s("none"), s("bitrate=exact"))).toBe("bitrate: observed by the coarser scheme (exact) but not by the finer one");
    expect(explainNesting(s("bitrate=floor(2Mbps)"), s("bitrate=ladder(1,3,6Mbps)"))).toContain("threshold 1Mbps is not a bucket edge of floor(2Mbps)");
  });

  it("the claims that something does not nest have real counterexamples", () => {
    // round(10): 6 and 14 share bucket 1; round(20) puts them in 0 and 1
    expect(keys("duration", { kind: "round", width: 10 }, [6, 14])).toEqual([1, 1]);
    expect(keys("duration", { kind: "round", width: 20 }, [6, 14])).toEqual([0, 1]);
    // height 800 is one bucket; class splits it by width
    expect(resKeys({ kind: "height" }, [[1920, 800], [1280, 800]])).toEqual([800, 800]);
    expect(resKeys({ kind: "class" }, [[1920, 800], [1280, 800]])).toEqual([2, 1]);
  });

  /** Equal finer keys must imply equal coarser keys. */
  function refines(finerKeys: Float64Array, coarserKeys: Float64Array): boolean {
    const seen = new Map<string, number>();
    for (let i = 0; i < finerKeys.length; i++) {
      const a = String(finerKeys[i]);
      const prev = seen.get(a);
      if (prev === undefined) seen.set(a, coarserKeys[i]);
      else if (!Object.is(prev, coarserKeys[i])) return false;
    }
    return true;
  }

  const niceWidth = fc.constantFrom(0.1, 0.25, 0.3, 0.5, 1, 2, 3, 5, 7, 10, 15, 16, 60, 1000, 60_000);
  const odd = fc.integer({ min: 0, max: 4 }).map((k) => 2 * k + 1);
  const whole = fc.integer({ min: 1, max: 8 });
  const percent = fc.constantFrom(1, 5, 10, 12.5, 21, 33.1, 100);

  /** Pairs built to nest (so the property is exercised), plus arbitrary pairs. */
  const arbPair: fc.Arbitrary<[Generalizer, Generalizer]> = fc.oneof(
    fc.tuple(niceWidth, whole).map(([a, m]): [Generalizer, Generalizer] => [{ kind: "floor", width: a }, { kind: "floor", width: a * m }]),
    fc.tuple(niceWidth, odd).map(([a, m]): [Generalizer, Generalizer] => [{ kind: "round", width: a }, { kind: "round", width: a * m }]),
    fc.tuple(niceWidth, whole).map(([a, m]): [Generalizer, Generalizer] => [{ kind: "floor", width: a }, { kind: "round", width: a * 2 * m }]),
    fc.tuple(percent, whole).map(([p, m]): [Generalizer, Generalizer] => [{ kind: "log", percent: p }, { kind: "log", percent: ((1 + p / 100) ** m - 1) * 100 }]),
    fc
      .tuple(niceWidth, fc.uniqueArray(fc.integer({ min: -50, max: 200 }), { minLength: 1, maxLength: 5 }), fc.boolean())
      .map(([a, ks, half]): [Generalizer, Generalizer] => [
        { kind: half ? "round" : "floor", width: a },
        { kind: "ladder", thresholds: ks.sort((x, y) => x - y).map((k) => (half ? (k + 0.5) * a : k * a)) },
      ]),
    fc
      .uniqueArray(fc.integer({ min: -100, max: 1000 }).map((k) => k / 10), { minLength: 2, maxLength: 8 })
      .chain((t) => {
        const sorted = [...t].sort((x, y) => x - y);
        return fc.subarray(sorted, { minLength: 1 }).map((sub): [Generalizer, Generalizer] => [
          { kind: "ladder", thresholds: sorted },
          { kind: "ladder", thresholds: sub },
        ]);
      }),
    fc.tuple(arbGeneralizer("fps"), arbGeneralizer("fps")),
    arbGeneralizer("fps").map((g): [Generalizer, Generalizer] => [{ kind: "exact" }, g]),
  );

  const arbValue = fc.oneof(
    fc.integer({ min: -1000, max: 100_000 }),
    fc.integer({ min: -10_000, max: 1_000_000 }).map((k) => k / 10),
    fc.integer({ min: -10_000, max: 1_000_000 }).map((k) => k / 100),
    fc.double({ min: -1e6, max: 1e7, noNaN: true }),
    fc.constantFrom(0, NaN, 0.3, 1.21, 1.331, 60_000, 90_000),
  );

  it("whenever nests(a, b), equal a-keys imply equal b-keys on random data", () => {
    let nested = 0;
    fc.assert(
      fc.property(arbPair, fc.array(arbValue, { minLength: 1, maxLength: 300 }), ([a, b], values) => {
        const A = { parts: [{ attribute: "fps" as const, generalizer: a }] };
        const B = { parts: [{ attribute: "fps" as const, generalizer: b }] };
        if (!nests(A, B)) return;
        nested++;
        const cat = catalogOf({ fps: values });
        expect(refines(bucketKeys(A.parts[0], cat), bucketKeys(B.parts[0], cat))).toBe(true);
      }),
      { numRuns: 2000 },
    );
    expect(nested).toBeGreaterThan(1000);
  });

  it("the same holds for resolution generalizers and whole schemes", () => {
    const dim = fc.oneof(fc.integer({ min: 1, max: 8000 }), fc.constantFrom(NaN, 480, 720, 800, 1080, 1280, 1920, 2160, 3840));
    const resGen = fc.oneof(
      fc.constantFrom<Generalizer>({ kind: "exact" }, { kind: "class" }, { kind: "height" }),
      fc.tuple(fc.constantFrom("round" as const, "floor" as const), fc.integer({ min: 1, max: 64 })).map(([kind, width]) => ({ kind, width })),
    );
    const resPair = fc.oneof(
      fc.tuple(resGen, resGen),
      fc.tuple(fc.integer({ min: 1, max: 32 }), odd).map(([a, m]): [Generalizer, Generalizer] => [{ kind: "round", width: a }, { kind: "round", width: a * m }]),
      fc.tuple(fc.integer({ min: 1, max: 32 }), whole).map(([a, m]): [Generalizer, Generalizer] => [{ kind: "floor", width: a }, { kind: "floor", width: a * m }]),
    );
    fc.assert(
      fc.property(
        resPair,
        arbPair,
        fc.array(fc.tuple(dim, dim, arbValue), { minLength: 1, maxLength: 200 }),
        fc.boolean(),
        ([ra, rb], [da, db], rows, dropDuration) => {
          const finer: Scheme = { parts: [{ attribute: "duration", generalizer: da }, { attribute: "resolution", generalizer: ra }] };
          const coarser: Scheme = { parts: [...(dropDuration ? [] : [{ attribute: "duration" as const, generalizer: db }]), { attribute: "resolution", generalizer: rb }] };
          if (!nests(finer, coarser)) return;
          const cat = catalogOf({ width: rows.map((r) => r[0]), height: rows.map((r) => r[1]), duration_ms: rows.map((r) => r[2]) });
          const fk = finer.parts.map((p) => bucketKeys(p, cat));
          const ck = coarser.parts.map((p) => bucketKeys(p, cat));
          const seen = new Map<string, string>();
          for (let i = 0; i < rows.length; i++) {
            const a = fk.map((k) => String(k[i])).join("|");
            const b = ck.map((k) => String(k[i])).join("|");
            const prev = seen.get(a);
            if (prev === undefined) seen.set(a, b);
            else expect(prev).toBe(b);
          }
        },
      ),
      { numRuns: 1000 },
    );
  });
});
