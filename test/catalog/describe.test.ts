import { describe, expect, it } from "vitest";
import { describeCatalog, itemColumns, itemSource, itemValues, precisionText } from "../../src/catalog/describe.js";
import { catalogOf } from "../helpers.js";

describe("precisionText", () => {
  it("durations in h, min, s or ms; other fields in their unit", () => {
    expect(precisionText("duration_ms", 3_600_000)).toBe("1 h");
    expect(precisionText("duration_ms", 60_000)).toBe("1 min (minute resolution)");
    expect(precisionText("duration_ms", 1000)).toBe("1 s");
    expect(precisionText("duration_ms", 10)).toBe("10 ms");
    expect(precisionText("bitrate_kbps", 100)).toBe("100 kbps");
    expect(precisionText("height", 8)).toBe("8 px");
  });

  it("unknown, no values, finer than any step", () => {
    expect(precisionText("duration_ms", undefined)).toBe("—");
    expect(precisionText("duration_ms", NaN)).toBe("—");
    expect(precisionText("duration_ms", 0)).toBe("finer than 1 ms");
    expect(precisionText("bitrate_kbps", 0)).toBe("finer than 0.001 kbps");
  });
});

describe("describeCatalog", () => {
  // 3 titles, 4 rows; one duration missing; bitrates known for all
  const cat = catalogOf(["A", "A", "B", "C"], { duration_ms: [60_000, null, 180_000, 120_000], bitrate_kbps: [900, 1200, 1500, 600] });
  cat.precision = { duration_ms: 60_000, bitrate_kbps: 100 };
  cat.provenance = { duration_ms: "runtime (min)" };
  cat.rejected = { "no title": 1 };
  cat.notes = ["1 empty duration read as missing"];
  const d = describeCatalog(cat);

  it("counts rows, titles and items per title", () => {
    expect(d.source).toBe("test");
    expect(d.rows).toBe(4);
    expect(d.titles).toBe(3);
    expect(d.items_per_title).toBe(4 / 3);
    expect(d.rejected).toEqual({ "no title": 1 });
    expect(d.notes).toEqual(["1 empty duration read as missing"]);
  });

  it("per field: provenance, precision, coverage, min, lower median, max (in NUMERIC_FIELDS order)", () => {
    expect(d.fields).toEqual([
      { field: "duration_ms", from: "runtime (min)", precision: 60_000, precision_text: "1 min (minute resolution)", present: 3, missing: 1, min: 60_000, median: 120_000, max: 180_000 },
      // four values 600 900 1200 1500: the lower of the two middle values
      { field: "bitrate_kbps", from: "", precision: 100, precision_text: "100 kbps", present: 4, missing: 0, min: 600, median: 900, max: 1500 },
    ]);
  });

  it("a column with no values has null statistics; an empty catalog has 0 items per title", () => {
    const empty = catalogOf(["A"], { fps: [null] });
    expect(describeCatalog(empty).fields[0]).toMatchObject({ field: "fps", present: 0, missing: 1, min: null, median: null, max: null, precision: null, precision_text: "—" });
    expect(describeCatalog(catalogOf([])).items_per_title).toBe(0);
  });
});

describe("items", () => {
  const cat = catalogOf(["A", "B"], { duration_ms: [1000, null], height: [720, 1080] });
  cat.text.codec = ["h264", ""];

  it("columns: title, present numeric fields, present text fields, source", () => {
    expect(itemColumns(cat)).toEqual(["title", "duration_ms", "height", "codec", "source"]);
  });

  it("values: missing numbers and empty text become null", () => {
    const cols = itemColumns(cat);
    expect(itemValues(cat, 0, cols)).toEqual(["A", 1000, 720, "h264", "test"]);
    expect(itemValues(cat, 1, cols)).toEqual(["B", null, 1080, null, "test"]);
  });

  it("source: file:line for table rows, the file alone for media files, else the catalog's source", () => {
    expect(itemSource(cat, 0)).toBe("test");
    cat.origin = { files: ["a.csv", "movie.mkv"], file: Int32Array.of(0, 1), line: Int32Array.of(2, 0) };
    expect(itemSource(cat, 0)).toBe("a.csv:2");
    expect(itemSource(cat, 1)).toBe("movie.mkv");
  });
});
