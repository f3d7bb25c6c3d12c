import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { duckdbTrim } from "../../../src/sources/sqlTrim.js";
import { exact } from "../../../src/schemes/generalizers/exact.js";
import { ALLOWED_GENERALIZERS, bucketKeys, bucketLabel, nests, parseScheme, type Generalizer } from "../../../src/schemes/index.js";
import { arbValue, catalogWith, keys, part, refinesOn, resKeys } from "./helpers.js";

describe("exact", () => {
  it("passes numbers through (−0 as 0), packs resolution pairs, codes text", () => {
    expect(keys("duration", { kind: "exact" }, [5_525_000, NaN, 0])).toEqual([5_525_000, NaN, 0]);
    expect(Object.is(keys("duration", { kind: "exact" }, [-0])[0], 0)).toBe(true);
    expect(resKeys({ kind: "exact" }, [[1920, 1080], [NaN, 1080], [1920, NaN], [NaN, NaN]])).toEqual([1920 * 65536 + 1080, -65536 + 1080, 1920 * 65536 - 1, NaN]);
    const cat = catalogWith({}, { container: ["mkv", "mp4", "", "mkv"] });
    const k = Array.from(bucketKeys(part("container", { kind: "exact" }), cat));
    expect(k[0]).toBe(k[3]);
    expect(k[0]).not.toBe(k[1]);
    expect(k[2]).toBeNaN();
    expect(k.map((x) => bucketLabel(part("container", { kind: "exact" }), x))).toEqual(["mkv", "mp4", "not reported", "mkv"]);
  });

  it("labels the value; its interval is the recording precision around it", () => {
    expect(bucketLabel(part("duration", { kind: "exact" }), 5_525_120)).toBe("1:32:05.120");
    expect(bucketLabel(part("resolution", { kind: "exact" }), -65536 + 1080)).toBe("?×1080");
    expect(exact.interval!({ kind: "exact" }, 100, { precision: 10, fitted: undefined })).toEqual([95, 105]);
    expect(exact.interval!({ kind: "exact" }, 100, { precision: 0, fitted: undefined })).toEqual([100, 100]);
    expect(exact.keyWidth({ kind: "exact" })).toBe(1);
    expect(exact.chartWidth({ kind: "exact" }, 60_000)).toBe(60_000);
    expect(exact.chartWidth({ kind: "exact" }, 0)).toBe(1);
  });

  it("keys equal the values and text keys are equal exactly for equal names (property)", () => {
    fc.assert(
      fc.property(fc.array(arbValue, { minLength: 1, maxLength: 50 }), fc.array(fc.constantFrom("h264", "hevc", "H264", " ", "", "vp9"), { minLength: 1, maxLength: 50 }), (values, names) => {
        expect(keys("bitrate", { kind: "exact" }, values)).toEqual(values.map((v) => v + 0));
        const k = bucketKeys(part("codec", { kind: "exact" }), catalogWith({}, { codec: names }));
        for (let i = 0; i < names.length; i++) {
          expect(Number.isNaN(k[i])).toBe(names[i].trim() === "");
          for (let j = 0; j < names.length; j++) if (k[i] === k[i] && k[j] === k[j]) expect(k[i] === k[j]).toBe(names[i] === names[j]);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("refines every deterministic generalizer, on random catalogs too", () => {
    const gens: Generalizer[] = [
      { kind: "round", width: 7 },
      { kind: "floor", width: 0.3 },
      { kind: "sig", digits: 2 },
      { kind: "log", percent: 10 },
      { kind: "quantile", k: 4 },
      { kind: "ladder", thresholds: [0, 10, 1000] },
    ];
    for (const g of gens) expect(ALLOWED_GENERALIZERS.fps).toContain(g.kind);
    fc.assert(
      fc.property(fc.constantFrom(...gens), fc.array(arbValue, { minLength: 1, maxLength: 200 }), (g, values) => {
        expect(nests({ parts: [part("fps", { kind: "exact" })] }, { parts: [part("fps", g)] })).toBe(true);
        const cat = catalogWith({ fps: values });
        expect(refinesOn(bucketKeys(part("fps", { kind: "exact" }), cat), bucketKeys(part("fps", g), cat))).toBe(true);
      }),
      { numRuns: 300 },
    );
    expect(nests(parseScheme("resolution=exact"), parseScheme("resolution=class"))).toBe(true);
    expect(nests(parseScheme("duration=exact"), parseScheme("duration=geom(1s,scale=2,seed=1)"))).toBe(false);
  });

  it("compiles to SQL: the column, the packed pair, a blank name as NULL", () => {
    expect(exact.sql({ kind: "exact" }, "duration", (f) => f)).toBe("duration_ms");
    expect(exact.sql({ kind: "exact" }, "resolution", (f) => f)).toBe("(CASE WHEN width IS NULL AND height IS NULL THEN NULL ELSE coalesce(width, -1) * 65536 + coalesce(height, -1) END)");
    // without a dialect, DuckDB's spelling of JavaScript's trim
    expect(exact.sql({ kind: "exact" }, "codec", (f) => f)).toBe(`(CASE WHEN ${duckdbTrim("codec")} = '' THEN NULL ELSE codec END)`);
    // the dialect spells trim (ClickHouse 18.16 has none)
    expect(exact.sql({ kind: "exact" }, "codec", (f) => f, undefined, { trim: (x) => `T(${x})` })).toBe("(CASE WHEN T(codec) = '' THEN NULL ELSE codec END)");
  });
});
