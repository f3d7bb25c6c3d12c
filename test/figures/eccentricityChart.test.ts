import { describe, expect, it } from "vitest";
import { eccentricityChartSpec, type EccentricityRow } from "../../src/figures/eccentricityChart.js";
import { renderVegaLite } from "../../src/figures/figure.js";
import { FIGURE_FONT_FAMILY } from "../../src/figures/palette.js";

const row = (scheme: string, part: EccentricityRow["part"], series: string, from: number, to: number, value: number, targets: number): EccentricityRow => ({
  scheme,
  part,
  series,
  eccentricity_from: from,
  eccentricity_to: to,
  value,
  targets,
});

const rows: EccentricityRow[] = ["s1", "s2"].flatMap((s) => [
  row(s, "distribution", "in set", 0, 0.5, 0.75, 4),
  row(s, "distribution", "in set", 0.5, 1, 0.25, 4),
  row(s, "distribution", "not in set", 0, 0.5, 1, 4),
  row(s, "precision_recall", "precision", 0, 0, 0.5, 8),
  row(s, "precision_recall", "precision", 0.5, 0.5, 1, 1),
  row(s, "precision_recall", "recall", 0, 0, 1, 8),
  row(s, "precision_recall", "recall", 0.5, 0.5, 0.25, 1),
]);

const options = { title: "F4", schemes: ["s1", "s2"], groups: ["in set", "not in set"] as [string, string], curves: ["precision", "recall"] as [string, string], phi: 0.5, baseRate: 0.5, minAnswered: 2, maxEccentricity: 1 };

type Panel = { title: { text: string }; layer: { data?: { values: { label: string }[] }; layer?: unknown[]; transform?: { filter?: string }[] }[] };
type Spec = { vconcat: { title: { text: string }; hconcat: [Panel, Panel] }[]; config: { font: string }; data: { values: unknown[] } };

describe("eccentricityChartSpec", () => {
  it("one row per scheme in the given order: the distribution left, precision and recall right", () => {
    const spec = eccentricityChartSpec(rows, options) as unknown as Spec;
    expect(spec.config.font).toBe(FIGURE_FONT_FAMILY);
    expect(spec.data.values).toBe(rows);
    expect(spec.vconcat.map((r) => r.title.text)).toEqual(["scheme: s1", "scheme: s2"]);
    const [left, right] = spec.vconcat[1].hconcat;
    expect(left.title.text).toBe("how sure is the best match?");
    expect(left.layer[0].transform![0].filter).toBe(`datum.scheme == "s2" && datum.part == 'distribution'`);
    // precision is drawn only where at least minAnswered targets were answered
    expect(right.layer[0].transform![1].filter).toBe(`datum.series != "precision" || datum.targets >= 2`);
  });

  it("marks φ and the base rate with their labels", () => {
    const spec = eccentricityChartSpec(rows, { ...options, baseRate: 0.0123 }) as unknown as Spec;
    const [left, right] = spec.vconcat[0].hconcat;
    expect(left.layer[1].data!.values[0].label).toBe("φ = 0.5");
    // 100 · 0.0123 to three significant digits
    expect(right.layer[1].data!.values[0].label).toBe("base rate π = 1.23 % in the set");
  });

  it("renders to SVG with every scheme's title", async () => {
    const { svg } = await renderVegaLite(eccentricityChartSpec(rows, options));
    expect(svg).toMatch(/^<svg/);
    expect(svg).toContain("scheme: s1");
    expect(svg).toContain("scheme: s2");
    expect(svg).toContain("base rate π = 50 % in the set");
  });
});
