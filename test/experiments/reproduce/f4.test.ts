import { describe, expect, it } from "vitest";
import { paramsOf } from "../../../src/experiments/reproduce/catalogs.js";
import { eccentricityHistogram, f4, F4_GROUPS } from "../../../src/experiments/reproduce/f4.js";
import { renderCsv } from "../../../src/output/tabular.js";

const config = { quick: true, seed: 1 };
const F4_SCHEMES = paramsOf(config, "F4").schemes;
const col = (columns: string[], name: string) => columns.indexOf(name);

describe("F4: eccentricity in and out of the attacker's set", () => {
  it("histograms each group to 1 and keeps precision/recall in [0, 1], recall non-increasing in φ", async () => {
    const a = await f4.make(config);
    const { columns, rows } = a.data;
    const get = (r: (typeof rows)[number], c: string) => r[col(columns, c)];
    for (const scheme of F4_SCHEMES) {
      for (const g of F4_GROUPS) {
        const bins = rows.filter((r) => get(r, "scheme") === scheme && get(r, "part") === "distribution" && get(r, "series") === g);
        expect(bins.length).toBeGreaterThan(0);
        const total = bins.reduce((s, r) => s + (get(r, "value") as number), 0);
        expect(total).toBeCloseTo(1, 12);
        // half of the 300 targets are out of the set
        expect(get(bins[0], "targets")).toBe(150);
      }
      const recall = rows.filter((r) => get(r, "scheme") === scheme && get(r, "series") === "recall").map((r) => get(r, "value") as number);
      expect(recall.length).toBeGreaterThan(1);
      for (let i = 1; i < recall.length; i++) expect(recall[i]).toBeLessThanOrEqual(recall[i - 1]);
      for (const r of rows.filter((r) => get(r, "part") === "precision_recall")) {
        expect(get(r, "value") as number).toBeGreaterThanOrEqual(0);
        expect(get(r, "value") as number).toBeLessThanOrEqual(1);
      }
    }
    expect(a.text).toMatch(/%/);
  });

  it("is deterministic: same seed, same CSV and spec", async () => {
    const [a, b] = [await f4.make(config), await f4.make(config)];
    expect(renderCsv(a.data)).toBe(renderCsv(b.data));
    expect(JSON.stringify(a.spec)).toBe(JSON.stringify(b.spec));
  });

  it("bins eccentricities by width 0.5 and folds larger values into the last bin", () => {
    // 0 and 0.49 → bin 0; 0.5 → bin 1; 7 → beyond 4 bins → bin 3
    expect(Array.from(eccentricityHistogram([0, 0.49, 0.5, 7], 4))).toEqual([0.5, 0.25, 0, 0.25]);
    expect(Array.from(eccentricityHistogram([], 3))).toEqual([0, 0, 0]);
  });
});
