import { describe, expect, it } from "vitest";
import { frontierChartSpec, type FrontierChartPoint } from "../../src/figures/frontierChart.js";

export const POINTS: FrontierChartPoint[] = [
  { scheme: "duration=round(1s)", objective: 12, risk: 0.05, role: "frontier", meets: false },
  { scheme: "duration=round(15s)", objective: 9, risk: 0.008, role: "recommended", meets: true, label: "recommended: duration=round(15s)" },
  { scheme: "duration=round(5s)", objective: 10, risk: 0.2, role: "evaluated", meets: false },
  { scheme: "duration=round(1min),bitrate=round(1Mbps),resolution=class", objective: 5, risk: 0.004, role: "reference", meets: true, label: "Plex-like" },
];
export const OPTIONS = { title: "t", riskTitle: "title_unique_fraction (worst catalog)", objectiveTitle: "entropy", threshold: 0.01, thresholdLabel: "target title_unique_fraction<=0.01" };

describe("frontierChartSpec", () => {
  const spec = frontierChartSpec(POINTS, OPTIONS) as unknown as { layer: { data: { values: Record<string, unknown>[] }; mark: { type: string } }[] };
  it("draws the frontier (recommendation included) in objective order as a line, every point, the target rule, and the labels in the margin with leaders", () => {
    expect(spec.layer.map((l) => l.mark.type)).toEqual(["line", "point", "rule", "rule", "text"]);
    expect(spec.layer[0].data.values.map((p) => p.scheme)).toEqual(["duration=round(15s)", "duration=round(1s)"]);
    expect(spec.layer[1].data.values).toHaveLength(4);
    expect(spec.layer[2].data.values[0].threshold).toBe(0.01);
    expect(spec.layer[4].data.values.map((p) => p.label)).toEqual(["recommended: duration=round(15s)", "Plex-like"]);
    // labels and their leaders reach the plot's right edge, never into it
    expect((spec.layer[4].mark as unknown as { x: unknown }).x).toBe(560);
    expect((spec.layer[3] as unknown as { encoding: { x2: unknown } }).encoding.x2).toEqual({ value: 560 });
  });
});
