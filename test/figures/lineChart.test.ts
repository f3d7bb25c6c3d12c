import { describe, expect, it } from "vitest";
import { renderVegaLite } from "../../src/figures/figure.js";
import { lineChartSpec } from "../../src/figures/lineChart.js";
import { FIGURE_FONT_FAMILY, OKABE_ITO } from "../../src/figures/palette.js";

const rows = [
  { scheme: "fine", plays: 1, share: 0.2, panel: "A" },
  { scheme: "fine", plays: 2, share: 0.6, panel: "A" },
  { scheme: "coarse", plays: 1, share: 0.1, panel: "A" },
  { scheme: "coarse", plays: 2, share: 0.3, panel: "B" },
];

type Layer = { transform?: { filter?: string }[]; mark: { type: string }; encoding: Record<string, { sort?: string[]; scale?: { range?: unknown[] } }> };
type Spec = { data: { values: Record<string, unknown>[] }; layer?: Layer[]; facet?: unknown; spec?: { layer: Layer[] }; config: { font: string }; resolve?: unknown };

describe("lineChartSpec", () => {
  it("one coloured, dashed line per series in first-seen order, with the palette and the figure font", () => {
    const spec = lineChartSpec(rows, { title: "t", x: { field: "plays", title: "p", integer: true }, y: { field: "share", title: "s", percent: true }, color: { field: "scheme", title: "scheme" } }) as unknown as Spec;
    expect(spec.config.font).toBe(FIGURE_FONT_FAMILY);
    expect(spec.data.values).toHaveLength(4);
    expect(spec.data.values.every((v) => v.layer === "data")).toBe(true);
    const [line, points] = spec.layer!;
    expect(line.mark.type).toBe("line");
    expect(points.mark.type).toBe("point");
    expect(line.encoding.color.sort).toEqual(["fine", "coarse"]);
    expect(line.encoding.color.scale!.range).toEqual(OKABE_ITO);
    // without a dash field, series also differ by dash pattern
    expect(line.encoding.strokeDash.sort).toEqual(["fine", "coarse"]);
    expect(line.encoding.y.scale).toEqual({ domain: [0, 1] });
  });

  it("copies a reference point into every panel unless it names one, with its label layer", () => {
    const spec = lineChartSpec(rows, {
      title: "t",
      x: { field: "plays", title: "p" },
      y: { field: "share", title: "s" },
      color: { field: "scheme", title: "scheme" },
      column: { field: "panel" },
      references: [
        { x: 4, y: 0.95, label: "everywhere" },
        { x: 2, y: 0.5, label: "only B", panel: "B", labelSide: "margin" },
      ],
    }) as unknown as Spec;
    const refs = spec.data.values.filter((v) => v.layer !== "data");
    expect(refs).toEqual([
      { layer: "reference", plays: 4, share: 0.95, label: "everywhere", panel: "A" },
      { layer: "reference", plays: 4, share: 0.95, label: "everywhere", panel: "B" },
      { layer: "reference-margin", plays: 2, share: 0.5, label: "only B", panel: "B" },
    ]);
    expect(spec.facet).toEqual({ column: { field: "panel", type: "nominal", sort: ["A", "B"], title: null } });
    const filters = spec.spec!.layer.map((l) => l.transform?.[0]?.filter);
    // margin rule and label, the diamonds, the right-hand labels; no left-hand labels
    expect(filters).toContain("datum.layer == 'reference-margin'");
    expect(filters).toContain("indexof(datum.layer, 'reference') == 0");
    expect(filters).toContain("datum.layer == 'reference'");
    expect(filters).not.toContain("datum.layer == 'reference-left'");
  });

  it("compiles and renders, the legend naming every series", async () => {
    const spec = lineChartSpec(rows, { title: "t", x: { field: "plays", title: "p" }, y: { field: "share", title: "s" }, color: { field: "scheme", title: "scheme" }, band: { low: "share", high: "share" } });
    const { svg } = await renderVegaLite(spec);
    expect(svg).toMatch(/^<svg/);
    expect(svg).toContain("fine");
    expect(svg).toContain("coarse");
  });
});
