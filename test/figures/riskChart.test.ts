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

  it("gives every legend entry its own line style when catalogs differ in resolution, and labels references outside the plot", () => {
    const withRes = catalogOf(["A", "B"], { duration_ms: [60_000, 61_000], width: [1920, 1280], height: [1080, 720] });
    const a = riskPoints(addModelMetrics(withRes, evaluate(withRes, ["duration=round(1s),resolution=exact", "duration=round(1s),resolution=class"])), { panel: "with resolution" }).points;
    const b = riskPoints(addModelMetrics(cat, evaluate(cat, ["duration=round(1s)"])), { panel: "without" }).points;
    const spec = riskChartSpec([...a, ...b], { title: "t", references: [{ value: 0.87, label: "Sweeney 2000: 87 %" }] }) as unknown as {
      spec: { layer: { mark: { type: string; align?: string; dx?: number }; encoding: { x?: { datum?: number }; strokeDash?: { scale: { domain: string[]; range: number[][] } } } }[] };
    };
    const { domain, range } = spec.spec.layer[0].encoding.strokeDash!.scale;
    expect(domain).toEqual([
      "measured, resolution exact or not reported",
      "measured, resolution class",
      "occupancy model, resolution exact or not reported",
      "occupancy model, resolution class",
    ]);
    expect(new Set(range.map((d) => d.join(","))).size).toBe(domain.length);
    const label = spec.spec.layer.find((l) => l.mark.type === "text")!;
    // at the right end of the x axis, drawn rightwards: outside the plot, where no curve goes
    expect(label.encoding.x!.datum).toBe(600);
    expect(label.mark.align).toBe("left");
    expect(label.mark.dx).toBeGreaterThan(0);
  });
});
