import { beforeAll, describe, expect, it } from "vitest";
import { paperCatalogs } from "../../../src/experiments/reproduce/catalogs.js";
import { f1 } from "../../../src/experiments/reproduce/f1.js";
import type { Artifact } from "../../../src/experiments/reproduce/types.js";
import { pct } from "../../../src/experiments/reproduce/text.js";
import { evaluateScheme } from "../../../src/measures/evaluate.js";
import { renderCsv } from "../../../src/output/tabular.js";
import { parseScheme } from "../../../src/schemes/parse.js";
import { dataDir, tableRecords } from "../../helpers.js";

process.env.FPRISK_DATA_DIR ??= dataDir;
const config = { quick: true, seed: 1 };

describe("F1: single-observation risk vs duration rounding width", () => {
  let a: Artifact;
  beforeAll(async () => {
    a = await f1.make(config);
  }, 300_000);

  it("has measured and model rows for every panel, the quick widths, values in [0, 1]", async () => {
    const rows = tableRecords(a.data);
    expect(a.data.columns).toEqual(["panel", "duration_width_s", "bitrate", "resolution", "metric", "value", "kind"]);
    const panels = (await paperCatalogs(config)).map((c) => c.label);
    expect([...new Set(rows.map((r) => r.panel))]).toEqual(panels);
    expect(new Set(rows.map((r) => r.kind))).toEqual(new Set(["measured", "occupancy model"]));
    for (const r of rows) {
      expect(r.value as number).toBeGreaterThanOrEqual(0);
      expect(r.value as number).toBeLessThanOrEqual(1);
    }
    // Chinook's panel: the quick widths 1 ms … 10 min, in seconds
    const chinookWidths = [...new Set(rows.filter((r) => r.panel === panels[0]).map((r) => r.duration_width_s))].sort((x, y) => (x as number) - (y as number));
    expect(chinookWidths).toEqual([0.001, 0.1, 1, 10, 60, 600]);
  });

  it("each measured point is the metric of its scheme evaluated directly", async () => {
    const catalogs = await paperCatalogs(config);
    const rows = tableRecords(a.data).filter((r) => r.kind === "measured" && r.metric === "title_unique_fraction" && r.duration_width_s === 1);
    const chinook = catalogs[0];
    const at = (bitrate: string) => rows.find((r) => r.panel === chinook.label && r.bitrate === bitrate && r.resolution === "not reported")!.value;
    expect(at("not reported")).toBe(evaluateScheme(chinook.catalog, parseScheme("duration=round(1s)")).metrics.title_unique_fraction);
    expect(at("round(100kbps)")).toBe(evaluateScheme(chinook.catalog, parseScheme("duration=round(1s),bitrate=round(100kbps)")).metrics.title_unique_fraction);
    // and the page's sentence quotes it
    expect(a.text).toContain(`Chinook (iTunes files) (3,503 items): rounding durations to 1 s leaves ${pct(at("not reported") as number)} of items named outright`);
  });

  it("keeps the measured unique_fraction the model is compared with, and names the largest gap", () => {
    const rows = tableRecords(a.data);
    expect(rows.some((r) => r.metric === "unique_fraction" && r.kind === "measured")).toBe(true);
    expect(a.text).toMatch(/The occupancy model's unique_fraction differs from the measured one by at most .* the largest gap is on /);
    expect(a.caption).toContain("Seed 1");
    expect(JSON.stringify(a.spec)).toContain("Sweeney 2000: 87 %");
  });

  it("is deterministic", async () => {
    const b = await f1.make(config);
    expect(renderCsv(b.data)).toBe(renderCsv(a.data));
    expect(b.text).toBe(a.text);
  }, 300_000);
});
