import { describe, expect, it } from "vitest";
import { paramsOf } from "../../../src/experiments/reproduce/catalogs.js";
import { f3, F3_MEASURES, f3PlaysFor } from "../../../src/experiments/reproduce/f3.js";
import { renderCsv } from "../../../src/output/tabular.js";

const config = { quick: true, seed: 1 };
const { panels: F3_PANELS, schemes: F3_SCHEMES } = paramsOf(config, "F3");
const col = (columns: string[], name: string) => columns.indexOf(name);

describe("F3: Scoreboard-RH success vs known plays", () => {
  it("has one success and one no-match row per panel × scheme × plays, rates in [0, 1] with the value inside its CI", async () => {
    const a = await f3.make(config);
    const { columns, rows } = a.data;
    const expected = F3_PANELS.reduce((n, p) => n + f3PlaysFor(p, paramsOf(config, "F3")).length, 0) * F3_SCHEMES.length * 2;
    expect(rows).toHaveLength(expected);
    for (const r of rows) {
      const [v, lo, hi] = ["value", "ci_low", "ci_high"].map((c) => r[col(columns, c)] as number);
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThanOrEqual(1);
      expect(lo).toBeLessThanOrEqual(v);
      expect(hi).toBeGreaterThanOrEqual(v);
      // with w wrong plays, at least one play must be the target's own
      expect(r[col(columns, "plays")] as number).toBeGreaterThan(r[col(columns, "wrong_plays")] as number);
    }
    // success + no match never exceed all targets, per point
    const key = (r: (typeof rows)[number]) => [r[0], r[3], r[4]].join("|");
    const sums = new Map<string, number>();
    for (const r of rows) sums.set(key(r), (sums.get(key(r)) ?? 0) + (r[col(columns, "value")] as number));
    for (const s of sums.values()) expect(s).toBeLessThanOrEqual(1 + 1e-12);
    // Scoreboard-RH with one exact play never matches: every holder of the item ties
    const one = rows.filter((r) => r[col(columns, "plays")] === 1 && r[col(columns, "measure")] === F3_MEASURES.success);
    expect(one.length).toBe(F3_SCHEMES.length);
    for (const r of one) expect(r[col(columns, "value")]).toBe(0);
    // exact plays under the finest scheme: more plays name more servers, from 1 to the last k
    const finest = rows
      .filter((r) => r[col(columns, "panel")] === F3_PANELS[0].label && r[col(columns, "scheme")] === F3_SCHEMES[0] && r[col(columns, "measure")] === F3_MEASURES.success)
      .map((r) => r[col(columns, "value")] as number);
    expect(finest.at(-1)!).toBeGreaterThan(finest[0] + 0.3);
    expect(a.text).toMatch(/%/);
    expect(a.caption).toContain("seed 1");
  });

  it("is deterministic: same seed, same CSV and spec", async () => {
    const [a, b] = [await f3.make(config), await f3.make(config)];
    expect(renderCsv(a.data)).toBe(renderCsv(b.data));
    expect(JSON.stringify(a.spec)).toBe(JSON.stringify(b.spec));
    expect(a.text).toBe(b.text);
  });
});
