import { describe, expect, it } from "vitest";
import { detectPrecision } from "../../src/catalog/precision.js";

describe("precision detection", () => {
  it("minutes, seconds, milliseconds, finer", () => {
    expect(detectPrecision("duration_ms", Float64Array.from([60_000, 5_400_000, NaN]))).toBe(60_000);
    expect(detectPrecision("duration_ms", Float64Array.from([1000, 61_000]))).toBe(1000);
    expect(detectPrecision("duration_ms", Float64Array.from([212_700, 248_000]))).toBe(100);
    expect(detectPrecision("duration_ms", Float64Array.from([1071, 60_000]))).toBe(1);
    expect(detectPrecision("duration_ms", Float64Array.from([0.5]))).toBe(0);
    expect(detectPrecision("duration_ms", Float64Array.from([NaN]))).toBeNaN();
  });
});
