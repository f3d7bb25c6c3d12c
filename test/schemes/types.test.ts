import { describe, expect, it } from "vitest";
import { NUMERIC_FIELDS, TEXT_FIELDS } from "../../src/catalog/catalog.js";
import { ATTRIBUTES, ATTRIBUTE_FIELDS, ATTRIBUTE_SHAPE, SCALAR_FIELD, TEXT_FIELD, isScalarAttribute, isTextAttribute } from "../../src/schemes/types.js";

describe("attributes", () => {
  it("keep their canonical order (the index is a noise stream: new ones go at the end)", () => {
    expect(ATTRIBUTES).toEqual(["duration", "bitrate", "resolution", "fps", "size", "codec", "container"]);
  });

  it("have one shape each: four scalars, the resolution pair, two texts", () => {
    expect(ATTRIBUTES.filter(isScalarAttribute)).toEqual(["duration", "bitrate", "fps", "size"]);
    expect(ATTRIBUTES.filter(isTextAttribute)).toEqual(["codec", "container"]);
    expect(ATTRIBUTES.filter((a) => ATTRIBUTE_SHAPE[a] === "pair")).toEqual(["resolution"]);
    expect(Object.keys(ATTRIBUTE_SHAPE).sort()).toEqual([...ATTRIBUTES].sort());
  });

  it("read the catalog columns behind them", () => {
    expect(SCALAR_FIELD).toEqual({ duration: "duration_ms", bitrate: "bitrate_kbps", fps: "fps", size: "size_bytes" });
    expect(TEXT_FIELD).toEqual({ codec: "codec", container: "container" });
    expect(ATTRIBUTE_FIELDS.resolution).toEqual(["width", "height"]);
    for (const a of ATTRIBUTES) {
      const want = isScalarAttribute(a) ? [SCALAR_FIELD[a]] : isTextAttribute(a) ? [TEXT_FIELD[a]] : ["width", "height"];
      expect(ATTRIBUTE_FIELDS[a]).toEqual(want);
      for (const f of ATTRIBUTE_FIELDS[a]) expect((isTextAttribute(a) ? (TEXT_FIELDS as readonly string[]) : (NUMERIC_FIELDS as readonly string[])).includes(f)).toBe(true);
    }
  });
});
