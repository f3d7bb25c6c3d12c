import { describe, expect, it } from "vitest";
import { evaluate } from "../../src/measures/evaluate.js";
import { renderCsv, renderTextTable, formatNumber } from "../../src/output/tabular.js";
import { renderResults, schemeColumns } from "../../src/output/results.js";
import { parseScheme } from "../../src/schemes/parse.js";
import { catalogOf } from "../helpers.js";

describe("tabular output", () => {
  it("CSV quotes what needs quoting and keeps full precision", () => {
    expect(renderCsv({ columns: ["a", "b"], rows: [['x,"y"', 1 / 3], [null, NaN]] })).toBe('a,b\n"x,""y""",0.3333333333333333\n,\n');
  });
  it("text table aligns numbers right", () => {
    expect(renderTextTable({ columns: ["s", "n"], rows: [["a", 1], ["bb", 0.12345]] })).toBe("s        n\n--  ------\na        1\nbb  0.1235\n");
    expect(formatNumber(0.00001234)).toBe("1.23e-5");
  });
  it("scheme columns give each attribute's generalizer in canonical text, — when not observed", () => {
    expect(schemeColumns(parseScheme("bitrate=ladder(1000kbps,3Mbps), duration=round(1000ms)"))).toEqual({ duration: "round(1s)", bitrate: "ladder(1Mbps,3Mbps)", resolution: "—", fps: "—", size: "—" });
  });
});

describe("renderResults", () => {
  it("prints every scheme in its canonical text: JSON, CSV and the terminal table", () => {
    const cat = catalogOf(["A", "B"], { duration_ms: [60_000, 61_000], bitrate_kbps: [1000, 3000] });
    const result = evaluate(cat, ["bitrate=ladder(2000kbps,3Mbps), duration=round(60000ms)"]);
    expect(typeof result.results[0].scheme).toBe("object");
    const canonical = "duration=round(1min),bitrate=ladder(2Mbps,3Mbps)";
    const json = JSON.parse(renderResults(result, "json"));
    expect(json.results[0].scheme).toBe(canonical);
    expect(Object.keys(json)).toEqual(["catalog", "results"]);
    expect(Object.keys(json.results[0])).toEqual(["scheme", "metrics", "histogram"]);
    const csv = renderResults(result, "csv").split("\n");
    expect(csv[0]).toMatch(/^source,scheme,duration,bitrate,resolution,fps,size,/);
    expect(csv[1]).toMatch(/^test,"duration=round\(1min\),bitrate=ladder\(2Mbps,3Mbps\)",round\(1min\),"ladder\(2Mbps,3Mbps\)",—,—,—,/);
    expect(renderResults(result, "table")).toContain(canonical);
  });
});
