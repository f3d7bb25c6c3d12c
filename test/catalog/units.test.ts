import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  applyScale,
  decimalValue,
  formatBitrate,
  formatDuration,
  formatFps,
  formatSize,
  isMissing,
  isPlainNumber,
  makeNumberParser,
  parseBitrateKbps,
  parseDurationMs,
  parseFps,
  parseResolution,
  parseSizeBytes,
  unitFactor,
} from "../../src/catalog/units.js";
import { UserError } from "../../src/base/errors.js";

function userError(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(UserError);
    return (e as Error).message;
  }
  throw new Error("expected a UserError");
}

describe("parseDurationMs", () => {
  it.each([
    ["5525000", "ms", 5_525_000],
    ["5525", "s", 5_525_000],
    ["92", "min", 5_520_000],
    ["1.5", "h", 5_400_000],
    ["5525", "sec", 5_525_000],
    ["92", "minutes", 5_520_000],
    [" 5525000 ", "ms", 5_525_000],
  ])("bare %s with declared unit %s", (text, unit, ms) => {
    expect(parseDurationMs(text, unit)).toBe(ms);
  });

  it.each([
    ["5525s", 5_525_000],
    ["5525 s", 5_525_000],
    ["92 min", 5_520_000],
    ["92min", 5_520_000],
    ["92 MIN", 5_520_000],
    ["1.5h", 5_400_000],
    ["5525000ms", 5_525_000],
    ["1h 32m 5s", 5_525_000],
    ["1h32m5s", 5_525_000],
    ["1:32:05", 5_525_000],
    ["01:32:05.120", 5_525_120],
    ["32:05", 1_925_000],
    ["92:05", 5_525_000],
    ["00:01:02,500", 62_500],
    ["PT1H32M5S", 5_525_000],
    ["PT5525.12S", 5_525_120],
    ["P1DT1H", 90_000_000],
    ["00:00:03.007000000", 3007],
  ])("%s", (text, ms) => {
    expect(parseDurationMs(text)).toBe(ms);
  });

  it("shifts decimals exactly instead of multiplying in binary floating point", () => {
    // 1.001 * 1000 is 1000.9999999999999 in floating point
    expect(parseDurationMs("1.001", "s")).toBe(1001);
    expect(parseDurationMs("1.001s")).toBe(1001);
    expect(parseDurationMs("5525.120000", "s")).toBe(5_525_120);
    expect(parseDurationMs("1.1 min")).toBe(66_000);
  });

  it("lets a unit written in the value win over the declared one", () => {
    expect(parseDurationMs("92 min", "s")).toBe(5_520_000);
    expect(parseDurationMs("1:00", "ms")).toBe(60_000);
  });

  it.each(["", "  ", "NA", "na", "N/A", "NaN", "null", "NULL"])("missing value %j is NaN", (text) => {
    expect(parseDurationMs(text, "s")).toBeNaN();
    expect(parseDurationMs(text)).toBeNaN();
  });

  it("refuses a bare number without a declared unit", () => {
    const msg = userError(() => parseDurationMs("5525"));
    expect(msg).toContain('duration "5525"');
    expect(msg).toContain("missing unit");
    expect(msg).toContain("5525s");
  });

  it("rejects hex, which Number() would accept", () => {
    expect(userError(() => parseDurationMs("0x1A", "s"))).toContain('duration "0x1A"');
  });

  it.each(["abc", "Infinity", "1:75", "1:60:00", "5,525", "PT", "1h 32"])("rejects %j", (text) => {
    const msg = userError(() => parseDurationMs(text, "s"));
    expect(msg).toBe(`duration "${text}" is not a number with a unit (expected e.g. 5525s, 92 min, 1:32:05)`);
  });

  it("names an unknown unit and the accepted ones", () => {
    const msg = userError(() => parseDurationMs("92 parsecs"));
    expect(msg).toContain('unknown unit "parsecs"');
    expect(msg).toContain("ms, s, min, h");
  });

  it("rejects an unknown declared unit up front", () => {
    expect(userError(() => makeNumberParser("duration", "fortnight"))).toContain('unknown unit "fortnight" for duration');
  });
});

describe("parseBitrateKbps", () => {
  it.each([
    ["8.5 Mbps", 8500],
    ["8.5 mbps", 8500],
    ["8.5 MBPS", 8500], // all caps is how UIs print megabits
    ["8500 kb/s", 8500],
    ["8500kbps", 8500],
    ["8500 Kbps", 8500],
    ["8500 kbit/s", 8500],
    ["8500000 bps", 8500],
    ["8500000 b/s", 8500],
    ["8500123 bps", 8500.123],
    ["1.2 Gbps", 1_200_000],
    ["1 MB/s", 8000],
    ["1 MBps", 8000],
    ["125 kB/s", 1000],
  ])("%s", (text, kbps) => {
    expect(parseBitrateKbps(text)).toBe(kbps);
  });

  it.each([
    ["8500", "kbps", 8500],
    ["8500000", "bps", 8500],
    ["8500000", "b/s", 8500],
    ["8.5", "Mbps", 8500],
    ["8500", "kb/s", 8500],
  ])("bare %s declared %s", (text, unit, kbps) => {
    expect(parseBitrateKbps(text, unit)).toBe(kbps);
  });

  it("errors", () => {
    expect(userError(() => parseBitrateKbps("8500"))).toContain("missing unit");
    expect(userError(() => parseBitrateKbps("fast"))).toBe(
      'bitrate "fast" is not a number with a unit (expected e.g. 8.5 Mbps, 8500 kb/s)',
    );
    const msg = userError(() => parseBitrateKbps("8500 kb"));
    expect(msg).toContain('unknown unit "kb"');
    expect(msg).toContain("kbps");
  });
});

describe("parseSizeBytes", () => {
  it.each([
    ["123 B", 123],
    ["123 bytes", 123],
    ["1.5 GB", 1_500_000_000],
    ["1.5 GiB", 1_610_612_736],
    ["700MB", 700_000_000],
    ["700 kB", 700_000],
    ["4 KiB", 4096],
    ["4 kiB", 4096],
    ["2 TiB", 2 * 1024 ** 4],
  ])("%s", (text, bytes) => {
    expect(parseSizeBytes(text)).toBe(bytes);
  });

  it("uses the declared unit for bare numbers", () => {
    expect(parseSizeBytes("1234", "B")).toBe(1234);
    expect(parseSizeBytes("1.5", "MiB")).toBe(1_572_864);
    expect(parseSizeBytes("1.1", "GB")).toBe(1_100_000_000);
  });

  it.each(["700Mb", "700mb", "700 Mbps", "700 kbit"])("refuses the bit unit in %j", (text) => {
    const msg = userError(() => parseSizeBytes(text));
    expect(msg).toContain("is a bit unit");
    expect(msg).toContain("B, KB, MB, GB");
  });

  it("refuses a bit unit declared for a size column", () => {
    expect(userError(() => parseSizeBytes("700", "Mb"))).toContain("bit unit");
  });
});

describe("parseResolution", () => {
  it.each([
    ["1920x1080", 1920, 1080],
    ["1920×1080", 1920, 1080],
    ["1920 x 1080", 1920, 1080],
    ["1920X800", 1920, 800],
    ["4K", 3840, 2160],
    ["uhd", 3840, 2160],
    ["8K", 7680, 4320],
  ])("%s", (text, width, height) => {
    expect(parseResolution(text)).toEqual({ width, height });
  });

  it.each([
    ["1080p", 1080],
    ["1080i", 1080],
    ["720p", 720],
    ["2160p", 2160],
    ["SD", 480],
  ])("%s gives a height and no width", (text, height) => {
    const r = parseResolution(text);
    expect(r.height).toBe(height);
    expect(r.width).toBeNaN();
  });

  it("treats missing values and ffprobe's 0x0 as missing", () => {
    for (const t of ["", "NA", "0x0"]) {
      const r = parseResolution(t);
      expect(r.width).toBeNaN();
      expect(r.height).toBeNaN();
    }
  });

  it("rejects garbage", () => {
    expect(userError(() => parseResolution("big"))).toBe(
      'resolution "big" is not WxH or a resolution class (expected e.g. 1920x1080, 1080p, 4K)',
    );
  });
});

describe("parseFps", () => {
  it.each([
    ["24000/1001", 24000 / 1001],
    ["30000/1001", 30000 / 1001],
    ["23.976", 23.976],
    ["25", 25],
    ["24p", 24],
    ["50 fps", 50],
  ])("%s", (text, fps) => {
    expect(parseFps(text)).toBe(fps);
  });

  it("reads a zero denominator and missing values as NaN", () => {
    expect(parseFps("0/0")).toBeNaN();
    expect(parseFps("N/A")).toBeNaN();
    expect(parseFps("")).toBeNaN();
  });

  it("rejects garbage", () => {
    expect(userError(() => parseFps("fast"))).toContain('fps "fast" is not a frame rate');
  });
});

describe("unitFactor", () => {
  it.each([
    ["duration", "ms", 1],
    ["duration", "s", 1000],
    ["duration", "min", 60_000],
    ["duration", "h", 3_600_000],
    ["bitrate", "bps", 0.001],
    ["bitrate", "b/s", 0.001],
    ["bitrate", "kbps", 1],
    ["bitrate", "kb/s", 1],
    ["bitrate", "Mbps", 1000],
    ["bitrate", "mbps", 1000],
    ["bitrate", "Gbps", 1_000_000],
    ["size", "B", 1],
    ["size", "KB", 1000],
    ["size", "KiB", 1024],
    ["size", "MB", 1e6],
    ["size", "MiB", 1024 ** 2],
    ["size", "GB", 1e9],
    ["size", "GiB", 1024 ** 3],
  ] as const)("%s %s", (kind, unit, factor) => {
    expect(unitFactor(kind, unit)).toBe(factor);
  });

  it("lists the accepted units when it does not know one", () => {
    expect(userError(() => unitFactor("duration", "fortnight"))).toBe(
      'unknown unit "fortnight" for duration (expected one of ms, s, min, h)',
    );
    expect(userError(() => unitFactor("size", "XB"))).toContain("B, KB, MB, GB, TB, KiB, MiB, GiB, TiB");
    expect(userError(() => unitFactor("bitrate", "MB"))).toContain("bps, kbps, Mbps, Gbps");
  });
});

describe("fast path helpers", () => {
  it("recognizes plain decimal numbers by char codes", () => {
    for (const t of ["0", "5525", " 5525 ", "-1", "+2.5", "1.", ".5", "1e3", "1.5E-3"]) expect(isPlainNumber(t), t).toBe(true);
    for (const t of ["", " ", ".", "-", "0x1A", "Infinity", "1e", "1.2.3", "5 s", "1:00"]) expect(isPlainNumber(t), t).toBe(false);
  });

  it("recognizes missing markers", () => {
    for (const t of ["", "  ", "NA", "n/a", "NaN", "null", " null "]) expect(isMissing(t), t).toBe(true);
    for (const t of ["0", "none", "nul", "NAN5"]) expect(isMissing(t), t).toBe(false);
  });

  it("makeNumberParser resolves the unit once and parses each cell", () => {
    const seconds = makeNumberParser("duration", "s");
    expect(["5525", "5525.12", "", "1:00", "2 min"].map(seconds)).toEqual([5_525_000, 5_525_120, NaN, 60_000, 120_000]);
    const ms = makeNumberParser("duration", "ms");
    expect(ms("5525000")).toBe(5_525_000);
    expect(() => ms("0x1A")).toThrow(UserError);
  });

  it("applyScale keeps exponent-form numbers exact", () => {
    expect(applyScale(1.5e-7, { mantissa: 1, exponent: 3 })).toBe(1.5e-4);
    expect(applyScale(8500, { mantissa: 1, exponent: -3 })).toBe(8.5);
  });
});

describe("formatters", () => {
  it("print durations as h:mm:ss", () => {
    expect(formatDuration(5_525_000)).toBe("1:32:05");
    expect(formatDuration(5_525_120)).toBe("1:32:05.120");
    expect(formatDuration(1_925_000)).toBe("0:32:05");
    expect(formatDuration(360_000_000)).toBe("100:00:00");
  });

  it("print bitrates, sizes and frame rates in readable units", () => {
    expect(formatBitrate(5600)).toBe("5.6 Mbps");
    expect(formatBitrate(850)).toBe("850 kbps");
    expect(formatBitrate(0.5)).toBe("500 bps");
    expect(formatBitrate(1_200_000)).toBe("1.2 Gbps");
    expect(formatSize(123)).toBe("123 B");
    expect(formatSize(1_500_000_000)).toBe("1.5 GB");
    expect(formatFps(24000 / 1001)).toBe("23.976 fps");
  });
});

describe("properties", () => {
  it("h:mm:ss of whole seconds parses back to the same duration", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), (s) => {
        expect(parseDurationMs(formatDuration(s * 1000))).toBe(s * 1000);
      }),
    );
  });

  it("h:mm:ss.mmm of whole milliseconds parses back to the same duration", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 40 }), (ms) => {
        expect(parseDurationMs(formatDuration(ms))).toBe(ms);
      }),
    );
  });

  it("seconds written with decimals (as ffprobe does) convert to the exact millisecond", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e12 }), (ms) => {
        expect(parseDurationMs((ms / 1000).toFixed(6), "s")).toBe(ms);
        expect(parseDurationMs(`${ms / 1000}s`)).toBe(ms);
      }),
    );
  });

  it("the digit-scanning fast path agrees with shifting the decimal point in the string", () => {
    const decimal = fc
      // ≤ 15 significant digits: what a double holds exactly
      .tuple(fc.boolean(), fc.stringMatching(/^[0-9]{1,9}$/), fc.option(fc.stringMatching(/^[0-9]{0,6}$/), { nil: undefined }))
      .map(([neg, int, frac]) => `${neg ? "-" : ""}${int}${frac === undefined ? "" : `.${frac}`}`);
    fc.assert(
      fc.property(decimal, fc.constantFrom("ms", "s", "min", "h"), (text, unit) => {
        const shift = { ms: 0, s: 3, min: 4, h: 5 }[unit];
        const mantissa = { ms: 1, s: 1, min: 6, h: 36 }[unit];
        expect(parseDurationMs(text, unit)).toBe(Number(`${text}e${shift}`) * mantissa);
      }),
    );
    expect(parseDurationMs("1.5e3", "ms")).toBe(1500); // exponent form takes the general path
    expect(parseDurationMs("12345678901234567", "ms")).toBe(12345678901234567);
  });

  it("the same bitrate written in different units parses to the same number", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e9 }), (bps) => {
        const kbps = parseBitrateKbps(`${bps} bps`);
        expect(parseBitrateKbps(`${bps / 1000} kbps`)).toBe(kbps);
        expect(parseBitrateKbps(`${bps / 1e6} Mbps`)).toBe(kbps);
      }),
    );
  });
});

describe("decimalValue", () => {
  it("is the double nearest ±mantissa·10^exp, as Number() reads the decimal; NaN beyond 10^±22", () => {
    expect(decimalValue(920715, -3, false)).toBe(920.715);
    expect(Object.is(decimalValue(0, 0, true), -0)).toBe(true);
    expect(decimalValue(5, 22, false)).toBe(5e22);
    expect(decimalValue(5, 23, false)).toBeNaN();
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999_999_999_999_999 }), fc.integer({ min: -22, max: 22 }), (m, e) => {
        expect(decimalValue(m, e, false)).toBe(Number(`${m}e${e}`));
      }),
      { numRuns: 2000 },
    );
  });
});
