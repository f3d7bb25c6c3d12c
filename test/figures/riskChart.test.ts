/** F1's chart rows, read straight from the Scheme objects the results carry. */
import { describe, expect, it } from "vitest";
import { evaluate } from "../../src/measures/evaluate.js";
import { addModelMetrics } from "../../src/measures/model/overlay.js";
import { riskChartSpec, riskPoints } from "../../src/figures/riskChart.js";
import { catalogOf } from "../helpers.js";

const cat = catalogOf(["A", "B", "C", "D"], { duration_ms: [60_000, 61_000, 125_000, 240_000], bitrate_kbps: [1000, 1000, 2500, 4000], fps: [24, 24, 25, 30] });

describe("riskPoints", () => {
  it("puts each scheme at its duration width and labels what it does with bitrate and resolution", () => {
    const result = evaluate(cat, ["duration=round(1min)", "duration=floor(10s),bitrate=round(1Mbps),fps=exact", "duration=exact", "duration=log(10%)", "bitrate=exact"]);
    const { points, skipped } = riskPoints(result, { panel: "P", exactPrecisionMs: 1000 });
    // log(10%) has no single width, and a scheme without duration has none at all
    expect(skipped).toBe(2);
    const measured = points.filter((p) => p.metric === "title_unique_fraction");
    expect(measured.map((p) => [p.duration_width_s, p.bitrate, p.resolution])).toEqual([
      [60, "not reported", "not reported"],
      [10, "round(1Mbps), fps=exact", "not reported"],
      [1, "not reported", "not reported"], // exact sits at the catalog's precision, 1 s
    ]);
    expect(points.every((p) => p.panel === "P" && p.kind === "measured")).toBe(true);
    // round(1min): 60 s and 61 s share a bucket (1 min), 125 s and 240 s are alone → 2 of 4 named
    expect(measured[0].value).toBe(result.results[0].metrics.title_unique_fraction);
    expect(measured[0].value).toBe(0.5);
    expect(points.filter((p) => p.metric === "kappa")[0].value).toBe(result.results[0].metrics.kappa);
  });

  it("adds the occupancy model, dashed, beside the measured values it predicts", () => {
    const result = addModelMetrics(cat, evaluate(cat, ["duration=round(1min)"]));
    const { points } = riskPoints(result);
    expect(points.map((p) => [p.metric, p.kind])).toEqual([
      ["title_unique_fraction", "measured"],
      ["kappa", "measured"],
      ["title_unique_fraction", "occupancy model"],
      ["kappa", "occupancy model"],
    ]);
    expect(points[2].value).toBe(result.results[0].metrics.model_unique_fraction);
    expect(points[0].panel).toBe("test"); // the catalog's source when no panel is named
  });
});

describe("riskChartSpec", () => {
  it("draws measured lines solid and the model dashed, one row of panels per catalog", () => {
    const result = addModelMetrics(cat, evaluate(cat, ["duration=round(1s)", "duration=round(1min)"]));
    const a = riskPoints(result, { panel: "first" }).points;
    const b = riskPoints(result, { panel: "second" }).points;
    const spec = riskChartSpec([...a, ...b], { title: "t" }) as unknown as {
      facet: { row: { sort: string[] } };
      spec: { layer: { encoding: { strokeDash?: { scale: { domain: string[]; range: number[][] } } } }[] };
    };
    expect(spec.facet.row.sort).toEqual(["first", "second"]);
    const dash = spec.spec.layer[0].encoding.strokeDash!.scale;
    expect(dash.domain).toEqual(["measured", "occupancy model"]);
    expect(dash.range[0]).toEqual([1, 0]);
    expect(dash.range[1]).not.toEqual([1, 0]);
  });
});
