import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { deriveBitrateFromSize, makeCatalog, NUMERIC_FIELDS, TEXT_FIELDS } from "../../src/catalog/catalog.js";

const base = (numeric: Parameters<typeof makeCatalog>[0]["numeric"], rows = 3) =>
  makeCatalog({ source: "test", rows, titleCodes: new Int32Array(rows), titleNames: ["T"], numeric });

describe("makeCatalog", () => {
  it("fills the optional parts empty", () => {
    const c = base({ duration_ms: Float64Array.of(1, 2, 3) });
    expect(c.text).toEqual({});
    expect(c.precision).toEqual({});
    expect(c.provenance).toEqual({});
    expect(c.rejected).toEqual({});
    expect(c.notes).toEqual([]);
    expect(c.origin).toBeUndefined();
  });

  it("keeps parts it is given", () => {
    const c = makeCatalog({ source: "s", rows: 1, titleCodes: Int32Array.of(0), titleNames: ["A"], numeric: {}, rejected: { "bad duration": 2 }, notes: ["n"] });
    expect(c.rejected).toEqual({ "bad duration": 2 });
    expect(c.notes).toEqual(["n"]);
  });

  it("field lists: numeric columns in internal units, text columns for display", () => {
    expect(NUMERIC_FIELDS).toEqual(["duration_ms", "bitrate_kbps", "width", "height", "size_bytes", "fps", "video_bitrate_kbps"]);
    expect(TEXT_FIELDS).toEqual(["codec", "container"]);
  });
});

describe("bitrate derived from size", () => {
  it("bitrate_kbps = 8 · bytes / duration_ms: 1.5 MB over 60 s is 200 kbps", () => {
    const c = base({ size_bytes: Float64Array.of(1_500_000, NaN, 1_000), duration_ms: Float64Array.of(60_000, 60_000, 0) });
    expect([...c.numeric.bitrate_kbps!]).toEqual([200, NaN, NaN]);
    expect(c.provenance.bitrate_kbps).toBe("derived: 8 · size_bytes / duration_ms");
  });

  it("a declared bitrate wins; only its missing rows are filled, and provenance stays the source's", () => {
    const c = base({ size_bytes: Float64Array.of(1_500_000, 1_500_000), duration_ms: Float64Array.of(60_000, 60_000), bitrate_kbps: Float64Array.of(999, NaN) }, 2);
    expect([...c.numeric.bitrate_kbps!]).toEqual([999, 200]);
    expect(c.provenance.bitrate_kbps).toBeUndefined();
  });

  it("nothing to derive: no size, no duration, or no row with both", () => {
    expect(base({ size_bytes: Float64Array.of(1, 2, 3) }).numeric.bitrate_kbps).toBeUndefined();
    expect(base({ duration_ms: Float64Array.of(1, 2, 3) }).numeric.bitrate_kbps).toBeUndefined();
    const c = base({ size_bytes: Float64Array.of(NaN, 5, 0), duration_ms: Float64Array.of(10, NaN, 10) });
    expect(c.numeric.bitrate_kbps).toBeUndefined();
    expect(c.provenance.bitrate_kbps).toBeUndefined();
  });

  it("fills exactly the rows with a missing bitrate and positive size and duration (property)", () => {
    const cell = fc.oneof(fc.constant(NaN), fc.constant(0), fc.integer({ min: 1, max: 10_000_000 }));
    fc.assert(
      fc.property(fc.array(fc.tuple(cell, cell, fc.oneof(fc.constant(NaN), fc.integer({ min: 1, max: 9000 }))), { minLength: 1, maxLength: 30 }), (rows) => {
        const size = Float64Array.from(rows, (r) => r[0]);
        const dur = Float64Array.from(rows, (r) => r[1]);
        const br = Float64Array.from(rows, (r) => r[2]);
        const c = { ...base({}, rows.length), numeric: { size_bytes: size, duration_ms: dur, bitrate_kbps: Float64Array.from(br) } };
        deriveBitrateFromSize(c);
        rows.forEach(([s, d, b], i) => {
          const want = !Number.isNaN(b) ? b : s > 0 && d > 0 ? (8 * s) / d : NaN;
          expect(c.numeric.bitrate_kbps![i]).toBe(want);
        });
      }),
    );
  });
});
