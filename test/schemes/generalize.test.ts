import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  bucketKeys,
  bucketLabel,
  fitQuantileThresholds,
  logZeroKey,
  parseScheme,
  requiredFields,
  resolutionClass,
  roundSignificant,
  type Generalizer,
  type SchemePart,
} from "../../src/schemes/index.js";
import { catalogOf, keys, resKeys } from "./schemeFixtures.js";

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
