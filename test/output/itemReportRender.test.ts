import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { buildItemReport, streamItemReport } from "../../src/measures/itemReport.js";
import { itemReportLines, renderItemReport } from "../../src/output/itemReportRender.js";
import { catalogOf } from "../helpers.js";

/*
 * The hand-checked library of test/measures/itemReport.test.ts, under duration=round(1s),bitrate=round(10kbps):
 * A alone, B with C (two titles), D twice (one title), E alone → A, D, D, E title-unique; B and C confused with each other.
 */
const SCHEME = "duration=round(1s),bitrate=round(10kbps)";
const lib = (titles = ["A", "B", "C", "D", "D", "E"]) =>
  catalogOf(titles, {
    duration_ms: [1000, 1000, 1000, 5000, 5000, 9000],
    bitrate_kbps: [100, 200, 200, 300, 300, 100],
  });

describe("renderItemReport", () => {
  const report = buildItemReport(lib(), SCHEME);

  it("CSV: one row per item, most identifying first, with class, chance and what hides it", () => {
    const rows: Record<string, string>[] = parse(renderItemReport(report, "csv"), { columns: true });
    expect(Object.keys(rows[0])).toEqual(["rank", "title", "source", "duration", "bitrate", "class_size", "class_titles", "chance_named", "title_unique", "hidden_by", "confused_with"]);
    expect(rows.map((r) => r.rank)).toEqual(["1", "2", "3", "4", "5", "6"]);
    expect(rows.filter((r) => r.title_unique === "yes").map((r) => r.title).sort()).toEqual(["A", "D", "D", "E"]);
    const b = rows.find((r) => r.title === "B")!;
    expect(b).toMatchObject({ class_size: "2", class_titles: "2", chance_named: "0.5", title_unique: "no", hidden_by: "", confused_with: "C" });
    // a title-unique item says what would hide it; D's two releases are confused with no other title
    const d = rows.find((r) => r.title === "D")!;
    expect(d.hidden_by).not.toBe("");
    expect(d.confused_with).toBe("D");
  });

  it("JSON: the report's summary and every item", () => {
    const doc = JSON.parse(renderItemReport(report, "json"));
    expect(doc.scheme).toBe(report.scheme);
    expect(doc.summary).toEqual(JSON.parse(JSON.stringify(report.summary)));
    expect(doc.items).toHaveLength(6);
    expect(doc.items.map((i: { title: string }) => i.title)).toEqual(report.items.map((i) => i.title));
    expect(doc.omitted).toBe(0);
  });

  it("table: the summary, then the items, ranked", () => {
    const text = renderItemReport(report, "table");
    expect(text).toMatch(/6 items, 5 titles, under duration=round\(1s\),bitrate=round\(10kbps\)/);
    expect(text).toContain("Items, most identifying first");
    expect(text.split("\n").some((l) => /^\s*1\s+A\s/.test(l))).toBe(true);
  });

  it("HTML: one self-contained page, every text escaped, the left-out items counted", () => {
    const hostile = buildItemReport(lib(["<script>alert(1)</script>", "B", "C", "D & D", "D & D", 'E "quoted"']), SCHEME, { limit: 3 });
    const html = renderItemReport(hostile, "html");
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).not.toContain("<script");
    expect(html).toContain("&#60;script&#62;alert(1)&#60;/script&#62;");
    expect(html).toContain("D &#38; D");
    expect(html).toContain("E &#34;quoted&#34;");
    expect(html).not.toMatch(/https?:|<link|<img|<iframe|src=|url\(|@import/i);
    expect(html).toContain("3 more items are left out of this page");
    expect(html.trimEnd()).toMatch(/<\/body><\/html>$/);
  });

  it("a streamed report renders to the same bytes as the built one, in every format", () => {
    for (const format of ["table", "csv", "json", "html"] as const) {
      const streamed = Array.from(itemReportLines(streamItemReport(lib(), SCHEME), format)).join("");
      expect(streamed, format).toBe(renderItemReport(report, format));
    }
  });
});
