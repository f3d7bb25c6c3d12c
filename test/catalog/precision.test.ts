import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { detectCatalogPrecision, detectPrecision } from "../../src/catalog/precision.js";
import { catalogOf } from "../helpers.js";

describe("detectPrecision", () => {
  it("the coarsest round step every present value is a multiple of", () => {
    expect(detectPrecision("duration_ms", Float64Array.of(5_400_000, 6_000_000, NaN))).toBe(60_000); // 90 and 100 min
    expect(detectPrecision("duration_ms", Float64Array.of(7_200_000, 3_600_000))).toBe(3_600_000);
    expect(detectPrecision("duration_ms", Float64Array.of(61_000, 60_000))).toBe(1000);
    expect(detectPrecision("duration_ms", Float64Array.of(61_001))).toBe(1);
    expect(detectPrecision("bitrate_kbps", Float64Array.of(1500, 2500))).toBe(100);
    expect(detectPrecision("bitrate_kbps", Float64Array.of(128.5))).toBe(0.1);
    expect(detectPrecision("height", Float64Array.of(1080, 720))).toBe(8); // 1080 = 8·135, not a multiple of 16
    expect(detectPrecision("fps", Float64Array.of(23.976, 25))).toBe(0.001);
  });

  it("NaN for a column without values, 0 for values finer than every step (derived bitrates)", () => {
    expect(detectPrecision("duration_ms", Float64Array.of(NaN, NaN))).toBeNaN();
    expect(detectPrecision("duration_ms", new Float64Array(0))).toBeNaN();
    expect(detectPrecision("bitrate_kbps", Float64Array.of(1000, 8 / 3))).toBe(0);
    expect(detectPrecision("duration_ms", Float64Array.of(0.5))).toBe(0);
  });

  it("tolerates float error of decimal steps: 0.3 kbps is a multiple of 0.1", () => {
    expect(detectPrecision("bitrate_kbps", Float64Array.of(0.1 + 0.2, 1.7))).toBe(0.1);
  });

  it("whole seconds scaled by any whole number keep 1 s, or a coarser step when all are minutes (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 20_000 }), { minLength: 1, maxLength: 20 }), (seconds) => {
        const p = detectPrecision("duration_ms", Float64Array.from(seconds, (s) => s * 1000));
        const want = seconds.every((s) => s % 3600 === 0) ? 3_600_000 : seconds.every((s) => s % 60 === 0) ? 60_000 : 1000;
        expect(p).toBe(want);
      }),
    );
  });
});

describe("detectCatalogPrecision", () => {
  it("fills undeclared fields and keeps a declared one", () => {
    const c = catalogOf(["A", "B"], { duration_ms: [60_000, 120_000], bitrate_kbps: [1500, 2500] });
    c.precision.bitrate_kbps = 1; // declared by a registry entry
    detectCatalogPrecision(c);
    expect(c.precision).toEqual({ duration_ms: 60_000, bitrate_kbps: 1 });
  });

  it("detects a field when it is first read, once, and a value set replaces it", () => {
    const c = catalogOf(["A", "B"], { duration_ms: [60_000, 120_000], width: [1920, 1280] });
    detectCatalogPrecision(c);
    expect(Object.keys(c.precision)).toEqual(["duration_ms", "width"]);
    // Detected from the column as it is when read: a column changed before then is what counts.
    c.numeric.duration_ms![1] = 61_000;
    expect(c.precision.duration_ms).toBe(1000);
    c.numeric.duration_ms![1] = 61_500;
    expect(c.precision.duration_ms).toBe(1000); // kept, not detected again
    c.precision.width = 2;
    expect(c.precision).toEqual({ duration_ms: 1000, width: 2 });
    expect({ ...c.precision }).toEqual({ duration_ms: 1000, width: 2 });
  });
});

describe("precision detection (moved from the loaders' tests)", () => {
  it("minutes, seconds, milliseconds, finer", () => {
    expect(detectPrecision("duration_ms", Float64Array.from([60_000, 5_400_000, NaN]))).toBe(60_000);
    expect(detectPrecision("duration_ms", Float64Array.from([1000, 61_000]))).toBe(1000);
    expect(detectPrecision("duration_ms", Float64Array.from([212_700, 248_000]))).toBe(100);
    expect(detectPrecision("duration_ms", Float64Array.from([1071, 60_000]))).toBe(1);
    expect(detectPrecision("duration_ms", Float64Array.from([0.5]))).toBe(0);
    expect(detectPrecision("duration_ms", Float64Array.from([NaN]))).toBeNaN();
  });
});
