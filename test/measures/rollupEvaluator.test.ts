import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { evaluateScheme } from "../../src/measures/evaluate.js";
import { catalogAttributes, innerAttribute, prefixCount, RollupEvaluator } from "../../src/measures/rollupEvaluator.js";
import { parseScheme } from "../../src/schemes/parse.js";
import { catalogOf } from "../helpers.js";

const SCHEMES = [
  "none",
  "duration=exact",
  "duration=round(1min)",
  "duration=floor(10s),bitrate=round(500kbps)",
  "bitrate=log(20%)",
  "duration=sig(1),resolution=class",
  "resolution=height",
  "duration=quantile(3)",
  "duration=geom(1s,scale=2,seed=3)",
].map(parseScheme);

describe("prefixCount", () => {
  it("counts the schemes' parts but the inner attribute's, as written", () => {
    const schemes = ["duration=round(1s),bitrate=round(10kbps)", "duration=round(5s),bitrate=round(10kbps)", "duration=round(9s),bitrate=round(1Mbps)", "duration=round(9s)", "bitrate=round(10kbps),duration=round(2s)"].map((s) => parseScheme(s));
    const inner = innerAttribute(schemes.flatMap((s) => s.parts));
    expect(inner).toBe("duration");
    // Prefixes: bitrate=round(10kbps) (three schemes, whatever the part order), bitrate=round(1Mbps), none.
    expect(prefixCount(schemes, inner)).toBe(3);
    // Without an inner attribute every scheme is its own prefix here.
    expect(prefixCount(schemes, null)).toBe(5);
  });
});

describe("RollupEvaluator", () => {
  it("gives evaluateScheme's metrics and histogram to the bit, rolled up or not", () => {
    let compared = 0;
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 9 }), fc.integer({ min: 1, max: 400 }), fc.integer({ min: 1, max: 50 }), fc.constantFrom(480, 720, 1080)), { minLength: 1, maxLength: 60 }),
        fc.constantFrom(0, undefined),
        (rows, perRowAbove) => {
          const c = catalogOf(
            rows.map((r) => `t${r[0]}`),
            { duration_ms: rows.map((r) => r[1] * 1000), bitrate_kbps: rows.map((r) => r[2] * 100), width: rows.map((r) => (r[3] * 16) / 9), height: rows.map((r) => r[3]) },
          );
          // perRowAbove 0: bitrate's and resolution's tables by row, as for a large catalog.
          const ev = new RollupEvaluator(c, ["duration", "bitrate", "resolution"], { perRowAbove });
          for (const s of SCHEMES) {
            const direct = evaluateScheme(c, s);
            expect(ev.evaluate(s)).toEqual({ metrics: direct.metrics, histogram: direct.histogram });
            compared++;
          }
        },
      ),
    );
    expect(compared).toBeGreaterThanOrEqual(100 * SCHEMES.length);
  });

  it("reuses the leading parts' codes only for schemes that share them (any order of schemes)", () => {
    // Runs of schemes with the same leading parts, a change of lead, and a return to an earlier lead.
    const texts = [
      "duration=round(1min),bitrate=round(500kbps)",
      "duration=round(1min),bitrate=round(500kbps),resolution=class",
      "duration=round(1min),bitrate=round(500kbps),resolution=height",
      "duration=round(1min),resolution=class",
      "duration=exact,bitrate=round(500kbps),resolution=class",
      "duration=round(1min),bitrate=round(500kbps),resolution=exact",
      "duration=round(1min),bitrate=exact,resolution=class",
      "resolution=class",
    ];
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 9 }), fc.integer({ min: 1, max: 400 }), fc.integer({ min: 1, max: 50 }), fc.constantFrom(480, 720, 1080)), { minLength: 1, maxLength: 60 }),
        fc.shuffledSubarray(texts, { minLength: 1 }),
        (rows, order) => {
          const c = catalogOf(
            rows.map((r) => `t${r[0]}`),
            { duration_ms: rows.map((r) => r[1] * 1000), bitrate_kbps: rows.map((r) => r[2] * 100), width: rows.map((r) => (r[3] * 16) / 9), height: rows.map((r) => r[3]) },
          );
          const ev = new RollupEvaluator(c, ["duration", "bitrate", "resolution"]);
          for (const t of [...order, ...order]) {
            const s = parseScheme(t);
            expect(ev.evaluate(s).metrics).toEqual(evaluateScheme(c, s).metrics);
          }
        },
      ),
    );
  });

  it("knows which attributes a catalog can observe", () => {
    expect([...catalogAttributes(catalogOf(["a"], { duration_ms: [1], height: [720] }))]).toEqual(["duration", "resolution"]);
  });
});
