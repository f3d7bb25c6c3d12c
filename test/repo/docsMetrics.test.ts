// The worked examples of docs/metrics.md, computed by the code they describe (the metric
// table's own example is a hand-computed case of test/measures/metrics.test.ts).
import { describe, expect, it } from "vitest";
import { partition } from "../../src/engine/partition.js";
import { occupancyFromRows } from "../../src/measures/model/occupancy.js";
import { parseScheme } from "../../src/schemes/parse.js";
import { catalogOf } from "../helpers.js";

/** Rows grouped by class, as lists of the rows' values. */
function buckets(values: number[], scheme: string): number[][] {
  const cat = catalogOf(values.map((_, i) => `t${i}`), { duration_ms: values });
  const { classOf, classCount } = partition(cat, parseScheme(scheme));
  const out: number[][] = Array.from({ length: classCount }, () => []);
  values.forEach((v, i) => out[classOf[i]].push(v));
  return out;
}

describe("docs/metrics.md", () => {
  it("quantile(4) of 10, 20, 20, 20, 20, 30, 40, 50 cuts at 20, 30 and 40; equal values stay together", () => {
    expect(buckets([10, 20, 20, 20, 20, 30, 40, 50], "duration=quantile(4)")).toEqual([[10], [20, 20, 20, 20], [30], [40, 50]]);
  });

  it("quantile(3) of four equal values leaves one bucket", () => {
    expect(buckets([5, 5, 5, 5], "duration=quantile(3)")).toEqual([[5, 5, 5, 5]]);
  });

  it("the --model example: masses 3/4, 3/4, 3/4, 1/4 among N = 4", () => {
    const r = occupancyFromRows(Float64Array.of(0.75, 0.75, 0.75, 0.25), 4);
    expect(r.unique_fraction).toBeCloseTo(30 / 256, 14);
    expect(r.kappa).toBeCloseTo((3 * (1 - 0.25 ** 4) / 3 + (1 - 0.75 ** 4) / 1) / 4, 14);
    expect(r.kappa).toBeCloseTo(0.4199, 4);
  });
});
