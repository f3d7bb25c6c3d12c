import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dialectOf } from "../../../src/engine/sql/dialect.js";
import { DuckDbRunner } from "../../../src/engine/sql/duckdbRunner.js";
import { METRIC_KEYS } from "../../../src/measures/metrics.js";
import { largestAtRiskSize, METRIC_SQL, metricsSql } from "../../../src/measures/sql/metricSql.js";

let duck: DuckDbRunner;
beforeAll(async () => {
  duck = await DuckDbRunner.open({ threads: 1 });
});
afterAll(() => duck.close());

describe("metric SQL", () => {
  it("has an expression for every metric the in-memory engine reports", () => {
    expect(Object.keys(METRIC_SQL).sort()).toEqual([...METRIC_KEYS].sort());
  });

  it("decides 'at risk' as 1/f > τ does in floating point", () => {
    expect(largestAtRiskSize(0.2)).toBe(4); // 1/5 = 0.2 is not > 0.2
    expect(largestAtRiskSize(0.1)).toBe(9);
    expect(largestAtRiskSize(1)).toBe(0);
    expect(largestAtRiskSize(0.3)).toBe(3);
  });

  it("finishes the worked example's metrics from its class-size totals", async () => {
    const sizes = "(SELECT * FROM (VALUES (1, 1, 1, 1, 1), (3, 1, 0, 2, 5)) AS v(class_size, classes, single_title_classes, title_sum, square_sum))";
    const [row] = await duck.query(metricsSql(METRIC_KEYS, sizes, { d: dialectOf("duckdb"), n: "4", titles: "3", exposedTitles: "1" }));
    const m = Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Number(v)]));
    expect(m).toMatchObject({ rows: 4, titles: 3, classes: 2, unique_fraction: 0.25, title_unique_fraction: 0.25, k_min: 1, prosecutor_avg: 0.5, prosecutor_max: 1, at_risk_0_2: 1, mean_class_titles: 1.75 });
    expect(m.kappa).toBeCloseTo(2 / 3, 15);
    expect(m.title_exposed_fraction).toBeCloseTo(1 / 3, 15);
    expect(m.entropy_bits).toBeCloseTo(-(0.75 * Math.log2(0.75) + 0.25 * Math.log2(0.25)), 15);
  });
});
