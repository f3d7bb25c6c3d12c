import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { makeCatalog, type Catalog, type NumericField } from "../../src/catalog/catalog.js";
import { UserError } from "../../src/base/errors.js";
import {
  ALLOWED_GENERALIZERS,
  ATTRIBUTES,
  SchemeError,
  bucketKeys,
  bucketLabel,
  explainNesting,
  fitQuantileThresholds,
  formatScheme,
  logZeroKey,
  nests,
  parseGeneralizer,
  parseScheme,
  requiredFields,
  resolutionClass,
  roundSignificant,
  type Attribute,
  type Generalizer,
  type ScalarAttribute,
  type Scheme,
  type SchemePart,
} from "../../src/schemes/index.js";

function catalogOf(columns: Partial<Record<NumericField, number[]>>): Catalog {
  const rows = Object.values(columns)[0]?.length ?? 0;
  const numeric: Partial<Record<NumericField, Float64Array>> = {};
  for (const [k, v] of Object.entries(columns)) numeric[k as NumericField] = Float64Array.from(v);
  return makeCatalog({ source: "test", rows, titleCodes: new Int32Array(rows), titleNames: ["t"], numeric });
}

function keys(attribute: Attribute, g: Generalizer, values: number[]): number[] {
  const field = { duration: "duration_ms", bitrate: "bitrate_kbps", fps: "fps", size: "size_bytes" }[attribute as ScalarAttribute] as NumericField;
  return Array.from(bucketKeys({ attribute, generalizer: g }, catalogOf({ [field]: values })));
}

function resKeys(g: Generalizer, pairs: [number, number][]): number[] {
  const cat = catalogOf({ width: pairs.map((p) => p[0]), height: pairs.map((p) => p[1]) });
  return Array.from(bucketKeys({ attribute: "resolution", generalizer: g }, cat));
}

/** The SchemeError thrown by parsing `text`, with the caret position read back from the message. */
function schemeError(text: string): { reason: string; caret: number; message: string } {
  try {
    parseScheme(text);
  } catch (e) {
    expect(e).toBeInstanceOf(SchemeError);
    expect(e).toBeInstanceOf(UserError);
    const message = (e as Error).message;
    const lines = message.split("\n");
    expect(lines).toHaveLength(3);
    expect(lines[0]).toBe(`scheme "${text}": ${(e as SchemeError).reason}`);
    expect(lines[1]).toBe(`         ${text}`);
    const caret = lines[2].indexOf("^") - 9;
    expect(caret).toBe((e as SchemeError).index);
    return { reason: (e as SchemeError).reason, caret, message };
  }
  throw new Error(`expected "${text}" to be rejected`);
}

describe("parseScheme", () => {
  it("parses the design example into internal units, in canonical order", () => {
    expect(parseScheme("resolution=class, bitrate=log(10%), duration=round(60s)")).toEqual({
      parts: [
        { attribute: "duration", generalizer: { kind: "round", width: 60_000 } },
        { attribute: "bitrate", generalizer: { kind: "log", percent: 10 } },
        { attribute: "resolution", generalizer: { kind: "class" } },
      ],
    });
  });

  it("tolerates whitespace and case", () => {
    expect(parseScheme("  Duration = Round( 60 s ) ,bitrate = floor(1 Mbps)  ")).toEqual(
      parseScheme("duration=round(60s),bitrate=floor(1Mbps)"),
    );
  });

  it("reads every generalizer", () => {
    const g = (s: string) => parseScheme(s).parts[0].generalizer;
    expect(g("duration=exact")).toEqual({ kind: "exact" });
    expect(g("duration=floor(10s)")).toEqual({ kind: "floor", width: 10_000 });
    expect(g("duration=sig(3)")).toEqual({ kind: "sig", digits: 3 });
    expect(g("bitrate=log(12.5%)")).toEqual({ kind: "log", percent: 12.5 });
    expect(g("size=quantile(10)")).toEqual({ kind: "quantile", k: 10 });
    expect(g("bitrate=ladder(1,3,6Mbps)")).toEqual({ kind: "ladder", thresholds: [1000, 3000, 6000] });
    expect(g("bitrate=ladder(500kbps,1,3Mbps)")).toEqual({ kind: "ladder", thresholds: [500, 1000, 3000] });
    expect(g("fps=ladder(24,30,60)")).toEqual({ kind: "ladder", thresholds: [24, 30, 60] });
    expect(g("resolution=height")).toEqual({ kind: "height" });
    expect(g("resolution=round(16px)")).toEqual({ kind: "round", width: 16 });
    expect(g("fps=round(1)")).toEqual({ kind: "round", width: 1 });
    expect(g("size=floor(1.5GiB)")).toEqual({ kind: "floor", width: 1_610_612_736 });
    expect(g("bitrate=round(500bps)")).toEqual({ kind: "round", width: 0.5 });
  });

  it("accepts unit spellings from the unit parser", () => {
    expect(parseScheme("duration=round(1 minute)")).toEqual(parseScheme("duration=round(60000ms)"));
    expect(parseScheme("bitrate=round(1 Mb/s)")).toEqual(parseScheme("bitrate=round(1000kbps)"));
  });

  it("treats drop as not naming the attribute, and none as the empty scheme", () => {
    expect(parseScheme("duration=round(1min),bitrate=drop")).toEqual(parseScheme("duration=round(1min)"));
    expect(parseScheme("none")).toEqual({ parts: [] });
    expect(parseScheme(" NONE ")).toEqual({ parts: [] });
    expect(parseScheme("bitrate=drop")).toEqual({ parts: [] });
  });

  it("parseGeneralizer reads one attribute's generalizer", () => {
    expect(parseGeneralizer("duration", "round(1min)")).toEqual({ kind: "round", width: 60_000 });
    expect(parseGeneralizer("duration", "drop")).toBeNull();
  });
});

describe("scheme errors", () => {
  it("missing unit: the example from the design brief, caret under the number", () => {
    const e = schemeError("duration=round(60)");
    expect(e.message).toBe(
      'scheme "duration=round(60)": missing unit in round(60) — write e.g. round(60s)\n' +
        "         duration=round(60)\n" +
        "                        ^",
    );
  });

  it.each([
    // [scheme, message fragment, caret index]
    ["bitrate=ladder(1,3,6)", "missing unit in ladder(1,3,6) — write e.g. ladder(1,3,6Mbps)", 19],
    ["resolution=floor(16)", "missing unit in floor(16) — write e.g. floor(16px)", 17],
    ["duration=round(5parsec)", 'unknown unit "parsec" in round(5parsec) — duration takes ms, s, min, h', 16],
    ["bitrate=round(5Mbs)", "bitrate takes bps, kbps, Mbps, Gbps", 15],
    ["size=round(1Mb)", "size takes B, KB, MB, GB, TB, KiB, MiB, GiB, TiB", 12],
    ["resolution=round(16p)", 'unknown unit "p" in round(16p) — resolution takes px', 19],
    ["fps=round(1s)", 'fps values take no unit, not "s"', 11],
    ["durration=exact", 'unknown attribute "durration" (did you mean duration?) — expected one of duration, bitrate, resolution, fps, size', 0],
    // codec became an attribute (text, keyed as categories); an unknown one is still refused
    ["duration=exact,audio=exact", 'unknown attribute "audio"', 15],
    ["duration=exact,codec=round(1s)", "round does not apply to codec — codec takes exact", 21],
    ["duration=rund(1s)", 'unknown generalizer "rund" (did you mean round?) — duration takes exact, round(W), floor(W), sig(D), log(P%), quantile(K), ladder(a,b,…), geom(W,scale=S,seed=N), rround(W,seed=N), drop', 9],
    ["bitrate=class", "class does not apply to bitrate (class is only for resolution) — bitrate takes exact, round(W)", 8],
    ["resolution=log(10%)", "log does not apply to resolution — resolution takes exact, round(W), floor(W), class, height, drop", 11],
    ["duration=exact, duration=round(1s)", "duration is named twice", 16],
    ["duration=round(0s)", "width must be positive in round(0s)", 15],
    ["duration=floor(-5s)", "width must be positive in floor(-5s)", 15],
    ["resolution=round(1.5px)", "resolution widths are whole pixels", 17],
    ["bitrate=log(10)", "log takes a percent — write log(10%)", 14],
    ["bitrate=log(10s)", 'log takes a percent, not "s"', 14],
    ["bitrate=log(0%)", "percent must be positive in log(0%)", 12],
    ["bitrate=log(-5%)", "percent must be positive", 12],
    ["bitrate=round(10%)", '"%" only fits log(P%)', 16],
    ["duration round(1s)", 'missing "=" after duration, found "r"', 9],
    ["duration", 'missing "=" after duration, found the end', 8],
    ["duration=round(1s", 'unbalanced "(" in round(1s — missing ")"', 14],
    ["duration=round(1s))", 'unbalanced ")"', 18],
    ["duration=round(1s) bitrate=exact", 'expected "," between parts, found "b"', 19],
    ["duration=round(1s 2s)", 'unexpected "2"', 18],
    ["duration=exact,", "empty part", 15],
    ["duration=", 'expected a generalizer after "duration=", found the end', 9],
    ["bitrate=ladder(1,3,2Mbps)", "ladder thresholds must increase strictly, but 2Mbps follows 3Mbps in ladder(1,3,2Mbps)", 19],
    ["bitrate=ladder(3Mbps,3000kbps)", "but 3Mbps follows 3Mbps", 21],
    ["duration=round()", "round needs a width, e.g. round(60s)", 15],
    ["duration=round", "round needs a width", 14],
    ["duration=round(1s,2s)", "round takes one argument, not 2", 18],
    ["duration=exact(3)", "exact takes no arguments — write exact", 14],
    ["duration=sig(2.5)", "sig takes a whole number of significant digits from 1 to 15", 13],
    ["duration=sig(16)", "from 1 to 15", 13],
    ["duration=quantile(0)", "quantile takes a positive whole number of buckets", 18],
    ["duration=quantile(4s)", "(no unit)", 19],
    ["none,duration=exact", '"none" must stand alone', 0],
    ["", 'empty scheme — write "none"', 0],
  ])("%s", (text, fragment, caret) => {
    const e = schemeError(text);
    expect(e.reason).toContain(fragment);
    expect(e.caret).toBe(caret);
  });
});

describe("formatScheme", () => {
  it.each([
    ["duration=round(60000ms)", "duration=round(1min)"],
    ["duration=round(60s)", "duration=round(1min)"],
    ["duration=round(1min)", "duration=round(1min)"],
    ["duration=round(1500ms)", "duration=round(1500ms)"],
    ["duration=round(1.5s)", "duration=round(1500ms)"],
    ["duration=floor(2h)", "duration=floor(2h)"],
    ["duration=floor(7200s)", "duration=floor(2h)"],
    ["duration=round(0.5ms)", "duration=round(0.5ms)"],
    ["bitrate=round(100kbps)", "bitrate=round(100kbps)"],
    ["bitrate=round(2000kbps)", "bitrate=round(2Mbps)"],
    ["bitrate=round(0.5kbps)", "bitrate=round(500bps)"],
    ["bitrate=round(1000Mbps)", "bitrate=round(1Gbps)"],
    ["size=floor(1073741824B)", "size=floor(1GiB)"],
    ["size=floor(1000MB)", "size=floor(1GB)"],
    ["bitrate=log(10%)", "bitrate=log(10%)"],
    ["bitrate = ladder(500, 1000kbps, 3000 kbps)", "bitrate=ladder(500kbps,1Mbps,3Mbps)"],
    ["fps=round(0.001)", "fps=round(0.001)"],
    ["resolution=floor(16px)", "resolution=floor(16px)"],
    ["size=exact,fps=sig(2),resolution=class,bitrate=quantile(10),duration=exact", "duration=exact,bitrate=quantile(10),resolution=class,fps=sig(2),size=exact"],
    ["resolution=height,duration=drop", "resolution=height"],
    ["duration=drop", "none"],
    ["none", "none"],
  ])("%s → %s", (input, canonical) => {
    expect(formatScheme(parseScheme(input))).toBe(canonical);
  });

  it("prints parts in canonical order even when given out of order", () => {
    const s: Scheme = {
      parts: [
        { attribute: "size", generalizer: { kind: "exact" } },
        { attribute: "duration", generalizer: { kind: "exact" } },
      ],
    };
    expect(formatScheme(s)).toBe("duration=exact,size=exact");
  });

  it("parseScheme(formatScheme(s)) gives back s", () => {
    fc.assert(
      fc.property(arbScheme, (s) => {
        expect(parseScheme(formatScheme(s))).toEqual(s);
      }),
      { numRuns: 500 },
    );
  });
});

// ---- generators ----

const UNIT_FACTORS: Record<Attribute, number[]> = {
  duration: [1, 1000, 60_000, 3_600_000],
  bitrate: [0.001, 1, 1000, 1e6],
  size: [1, 1000, 1024, 1e6, 1024 ** 2, 1e9, 1024 ** 3],
  resolution: [1],
  fps: [1],
  codec: [],
  container: [],
};

function arbWidth(attribute: Attribute): fc.Arbitrary<number> {
  if (attribute === "resolution") return fc.integer({ min: 1, max: 4096 });
  return fc.oneof(
    fc.double({ min: 1e-3, max: 1e9, noNaN: true }),
    fc.tuple(fc.integer({ min: 1, max: 5000 }), fc.constantFrom(...UNIT_FACTORS[attribute])).map(([n, f]) => n * f),
  );
}

function arbGeneralizer(attribute: Attribute): fc.Arbitrary<Generalizer> {
  const options: fc.Arbitrary<Generalizer>[] = [];
  for (const kind of ALLOWED_GENERALIZERS[attribute]) {
    switch (kind) {
      case "exact":
      case "class":
      case "height":
        options.push(fc.constant({ kind }));
        break;
      case "round":
      case "floor":
        options.push(arbWidth(attribute).map((width) => ({ kind, width })));
        break;
      case "sig":
        options.push(fc.integer({ min: 1, max: 15 }).map((digits) => ({ kind, digits })));
        break;
      case "log":
        options.push(fc.double({ min: 0.01, max: 1000, noNaN: true }).map((percent) => ({ kind, percent })));
        break;
      case "quantile":
        options.push(fc.integer({ min: 1, max: 1000 }).map((k) => ({ kind, k })));
        break;
      case "ladder":
        options.push(
          fc
            .uniqueArray(fc.oneof(fc.double({ min: -1e6, max: 1e9, noNaN: true }), arbWidth(attribute)), { minLength: 1, maxLength: 6 })
            .map((t) => ({ kind, thresholds: [...new Set(t.map((v) => (v === 0 ? 0 : v)))].sort((a, b) => a - b) })),
        );
        break;
      case "geom":
        options.push(
          fc
            .tuple(arbWidth(attribute), fc.double({ min: 1e-3, max: 1e6, noNaN: true }), fc.maxSafeNat(), fc.constantFrom("memo" as const, "fresh" as const))
            .map(([width, scale, seed, mode]) => ({ kind, width, scale, seed, mode })),
        );
        break;
      case "rround":
        options.push(
          fc
            .tuple(arbWidth(attribute), fc.maxSafeNat(), fc.constantFrom("memo" as const, "fresh" as const))
            .map(([width, seed, mode]) => ({ kind, width, seed, mode })),
        );
        break;
    }
  }
  return fc.oneof(...options);
}

const arbScheme: fc.Arbitrary<Scheme> = fc
  .tuple(...ATTRIBUTES.map((a) => fc.option(arbGeneralizer(a), { nil: undefined })))
  .map((gs) => ({
    parts: gs.flatMap((g, i): SchemePart[] => (g ? [{ attribute: ATTRIBUTES[i], generalizer: g }] : [])),
  }));

describe("bucketKeys", () => {
  it("exact passes the values through", () => {
    expect(keys("duration", { kind: "exact" }, [5_525_000, NaN, 0])).toEqual([5_525_000, NaN, 0]);
  });

  it("round gives the bucket index, ties going up", () => {
    expect(keys("duration", { kind: "round", width: 10 }, [14, 15, 16, 25, -5, -6, 0, NaN])).toEqual([1, 2, 2, 3, 0, -1, 0, NaN]);
    // round(1min) of 1:32:29 and 1:32:30
    expect(keys("duration", { kind: "round", width: 60_000 }, [5_549_000, 5_550_000])).toEqual([92, 93]);
  });

  it("floor gives the bucket index", () => {
    expect(keys("duration", { kind: "floor", width: 10 }, [0, 9, 10, 19.999, -1, NaN])).toEqual([0, 0, 1, 1, -1, NaN]);
  });

  it("keeps tiny negatives below zero and never emits −0", () => {
    // −3e-323 / 20 underflows to −0, but the value is still below 0
    expect(keys("duration", { kind: "floor", width: 20 }, [-3e-323])).toEqual([-1]);
    for (const g of [{ kind: "exact" }, { kind: "floor", width: 1 }, { kind: "sig", digits: 2 }] as Generalizer[]) {
      expect(Object.is(keys("duration", g, [-0])[0], 0), JSON.stringify(g)).toBe(true);
    }
  });

  it("snaps decimals sitting on a boundary onto it", () => {
    // 0.3 / 0.1 is 2.9999999999999996 in floating point
    expect(keys("fps", { kind: "floor", width: 0.1 }, [0.3, 0.7, 23.976])).toEqual([3, 7, 239]);
    expect(keys("fps", { kind: "round", width: 0.1 }, [0.25, 0.35])).toEqual([3, 4]);
  });

  it("sig rounds half up on the magnitude", () => {
    expect(keys("bitrate", { kind: "sig", digits: 2 }, [8549, 8550, -8550, 0.0125, 99.5, 0, NaN])).toEqual([8500, 8600, -8600, 0.013, 100, 0, NaN]);
    expect(keys("duration", { kind: "sig", digits: 1 }, [1000, 999, 0.285])).toEqual([1000, 1000, 0.3]);
    expect(keys("duration", { kind: "sig", digits: 2 }, [0.285])).toEqual([0.29]);
  });

  it("sig keeps D significant digits, within half a unit of the last digit, and is idempotent", () => {
    // Media quantities (ms, kbps, fps, bytes) are never below 1e-9; far below that
    // 10^p stops being exact and idempotence can be off by one ulp.
    const media = fc.double({ min: -1e12, max: 1e12, noNaN: true }).filter((x) => x === 0 || Math.abs(x) >= 1e-9);
    fc.assert(
      fc.property(media, fc.integer({ min: 1, max: 6 }), (x, d) => {
        const v = roundSignificant(x, d);
        expect(roundSignificant(v, d)).toBe(v);
        if (x !== 0) {
          const unit = 10 ** (Math.floor(Math.log10(Math.abs(x))) - d + 1);
          expect(Math.abs(v - x)).toBeLessThanOrEqual(unit * (0.5 + 1e-9));
        }
      }),
    );
  });

  it("log gives floor(ln x / ln(1 + P/100)), with x ≤ 0 in a bucket of its own", () => {
    const zero = logZeroKey(10);
    expect(keys("bitrate", { kind: "log", percent: 10 }, [1, 1.09, 1.1, 1.21, 10, 0.5, 0, -3, NaN])).toEqual([0, 0, 1, 2, 24, -8, zero, zero, NaN]);
    // the x ≤ 0 bucket sits below every real bucket, even the smallest positive double's
    expect(keys("bitrate", { kind: "log", percent: 10 }, [Number.MIN_VALUE])[0]).toBeGreaterThan(zero);
  });

  it("quantile fits equal-frequency buckets on the catalog", () => {
    expect(keys("size", { kind: "quantile", k: 2 }, [10, 9, 8, 7, 6, 5, 4, 3, 2, 1])).toEqual([1, 1, 1, 1, 1, 0, 0, 0, 0, 0]);
    expect(keys("size", { kind: "quantile", k: 4 }, [1, 2, 3, 4, 5, 6, 7, 8, NaN])).toEqual([0, 0, 1, 1, 2, 2, 3, 3, NaN]);
  });

  it("quantile never splits equal values across buckets", () => {
    expect(keys("size", { kind: "quantile", k: 2 }, [1, 1, 1, 1, 2])).toEqual([0, 0, 0, 0, 1]);
    expect(keys("size", { kind: "quantile", k: 3 }, [5, 5, 5, 5, 5, 5])).toEqual([0, 0, 0, 0, 0, 0]);
    // ideal cut at index 4 falls inside the run of 2s: cutting after it (6 | 2) beats before it (1 | 7)
    expect(Array.from(fitQuantileThresholds(Float64Array.from([1, 2, 2, 2, 2, 2, 3, 4]), 2))).toEqual([3]);
  });

  it("ladder floors to the thresholds, −1 below the first", () => {
    const g = parseScheme("bitrate=ladder(1,3,6Mbps)").parts[0].generalizer;
    expect(keys("bitrate", g, [500, 1000, 2999, 3000, 5999.5, 6000, 50_000, NaN])).toEqual([-1, 0, 0, 1, 1, 2, 2, NaN]);
  });

  it("a column the catalog lacks is not reported", () => {
    const cat = catalogOf({ duration_ms: [1, 2] });
    expect(Array.from(bucketKeys({ attribute: "bitrate", generalizer: { kind: "exact" } }, cat))).toEqual([NaN, NaN]);
  });

  it("resolution exact packs width·65536 + height, a missing width as −1", () => {
    expect(resKeys({ kind: "exact" }, [[1920, 1080], [1920, 800], [NaN, 1080], [NaN, NaN]])).toEqual([
      1920 * 65536 + 1080,
      1920 * 65536 + 800,
      -65536 + 1080,
      NaN,
    ]);
  });

  it("resolution round/floor bucket both dimensions", () => {
    expect(resKeys({ kind: "round", width: 16 }, [[1920, 800], [1912, 808], [NaN, 1080]])).toEqual([120 * 65536 + 50, 120 * 65536 + 51, -65536 + 68]);
    expect(resKeys({ kind: "floor", width: 16 }, [[1920, 800], [1935, 815], [1936, 799]])).toEqual([120 * 65536 + 50, 120 * 65536 + 50, 121 * 65536 + 49]);
  });

  it("resolution height keeps the height only", () => {
    expect(resKeys({ kind: "height" }, [[1920, 800], [1280, 800], [NaN, 720], [1920, NaN]])).toEqual([800, 800, 720, NaN]);
  });

  it("resolution class is robust to letterbox and pillarbox crops", () => {
    const cases: [number, number, string][] = [
      [1920, 1080, "1080p"],
      [1920, 800, "1080p"], // 2.40:1 letterbox
      [1920, 1038, "1080p"],
      [1904, 1072, "1080p"], // mod-16 crop
      [1440, 1080, "1080p"], // 4:3 pillarbox
      [2048, 858, "1080p"], // DCI 2K scope
      [1080, 1920, "1080p"], // portrait
      [1280, 720, "720p"],
      [1280, 536, "720p"],
      [960, 720, "720p"],
      [1280, 800, "720p"],
      [2560, 1440, "1440p"],
      [3840, 2160, "4K"],
      [3840, 1600, "4K"],
      [4096, 2160, "4K"],
      [7680, 4320, "8K"],
      [720, 576, "SD"],
      [720, 480, "SD"],
      [960, 540, "SD"],
      [NaN, 1080, "1080p"], // "1080p" strings: height only
      [NaN, 480, "SD"],
    ];
    for (const [w, h, name] of cases) {
      const key = resKeys({ kind: "class" }, [[w, h]])[0];
      expect(bucketLabel({ attribute: "resolution", generalizer: { kind: "class" } }, key), `${w}×${h}`).toBe(name);
    }
    expect(resolutionClass(NaN, NaN)).toBeNaN();
  });

  it("keys are integers for every generalizer but exact and sig", () => {
    const values = [0.3, 1, 7.5, 1234.567, 5_525_000, 0, -2];
    for (const g of [
      { kind: "round", width: 0.7 },
      { kind: "floor", width: 3 },
      { kind: "log", percent: 7 },
      { kind: "quantile", k: 3 },
      { kind: "ladder", thresholds: [0, 10, 1000] },
    ] as Generalizer[]) {
      for (const k of keys("duration", g, values)) expect(Number.isInteger(k), JSON.stringify(g)).toBe(true);
    }
  });
});

describe("bucketLabel", () => {
  const part = (s: string): SchemePart => parseScheme(s).parts[0];
  it.each([
    ["duration=round(1min)", 92, "1:32:00"],
    ["duration=floor(1min)", 92, "1:32:00–1:33:00"],
    ["duration=exact", 5_525_120, "1:32:05.120"],
    ["bitrate=round(100kbps)", 56, "5.6 Mbps"],
    ["bitrate=ladder(1,3,6Mbps)", -1, "< 1 Mbps"],
    ["bitrate=ladder(1,3,6Mbps)", 1, "3 Mbps–6 Mbps"],
    ["bitrate=ladder(1,3,6Mbps)", 2, "≥ 6 Mbps"],
    ["bitrate=log(100%)", 3, "8 kbps–16 kbps"],
    ["size=quantile(10)", 2, "Q3/10"],
    ["size=round(1GB)", 2, "2 GB"],
    ["fps=exact", 24000 / 1001, "23.976023976 fps"],
    ["fps=round(0.001)", 23976, "23.976 fps"],
    ["bitrate=round(1bps)", 8500123, "8.500123 Mbps"],
    ["fps=floor(0.1)", 3, "0.3 fps–0.4 fps"],
    ["bitrate=exact", 8500.123, "8.500123 Mbps"],
    ["bitrate=sig(2)", 8500, "8.5 Mbps"],
    ["resolution=class", 2, "1080p"],
    ["resolution=height", 800, "800p"],
    ["resolution=exact", 1920 * 65536 + 800, "1920×800"],
    ["resolution=exact", -65536 + 1080, "?×1080"],
    ["resolution=exact", 1920 * 65536 - 1, "1920×?"],
    ["resolution=round(16px)", 120 * 65536 + 50, "1920×800"],
    ["resolution=floor(16px)", 120 * 65536 + 50, "1920–1935×800–815"],
    ["duration=exact", NaN, "not reported"],
  ])("%s key %d → %s", (scheme, key, label) => {
    expect(bucketLabel(part(scheme), key)).toBe(label);
  });

  it("labels the x ≤ 0 log bucket", () => {
    expect(bucketLabel(part("bitrate=log(10%)"), logZeroKey(10))).toBe("≤ 0");
  });
});

describe("requiredFields", () => {
  it("lists the catalog fields a scheme reads", () => {
    expect(requiredFields(parseScheme("duration=exact,resolution=class,size=exact"))).toEqual(["duration_ms", "width", "height", "size_bytes"]);
    expect(requiredFields(parseScheme("resolution=height"))).toEqual(["height"]);
    expect(requiredFields(parseScheme("none"))).toEqual([]);
  });
});

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
