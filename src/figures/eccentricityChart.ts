/**
 * The open-world match-threshold figure (F4): per scheme a row of two panels —
 * left, how the attacker's confidence (Scoreboard-RH eccentricity) is distributed
 * for targets in and out of its set; right, precision and recall of "match when
 * eccentricity ≥ φ" over φ, with the chosen φ and the base rate marked.
 */
import type { TopLevelSpec } from "vega-lite";
import { FIGURE_FONT_FAMILY, OKABE_ITO } from "./palette.js";

/** One tidy row: a histogram bin (part "distribution") or a threshold (part "precision_recall"). */
export interface EccentricityRow {
  scheme: string;
  part: "distribution" | "precision_recall";
  /** Distribution: membership group; precision/recall: "precision" or "recall". */
  series: string;
  /** Bin edges, or the threshold φ twice. */
  eccentricity_from: number;
  eccentricity_to: number;
  value: number;
  /** Distribution: targets in the group; precision/recall: targets answered at φ. */
  targets: number;
}

export interface EccentricityChartOptions {
  title: string;
  subtitle?: string | string[];
  /** Row order. */
  schemes: string[];
  /** Group labels of the distribution, in legend order. */
  groups: [string, string];
  /** Series labels of the right panel, in legend order. */
  curves: [string, string];
  /** The threshold to mark. */
  phi: number;
  /** Share of targets in the attacker's set (precision's floor when answering everything). */
  baseRate: number;
  /** Precision is drawn only where at least this many targets were answered (it is a ratio of few otherwise). */
  minAnswered?: number;
  /** Right end of both x axes. */
  maxEccentricity: number;
  width?: number;
  height?: number;
}

export function eccentricityChartSpec(rows: EccentricityRow[], o: EccentricityChartOptions): TopLevelSpec {
  const width = o.width ?? 300;
  const height = o.height ?? 190;
  const xScale = { domain: [0, o.maxEccentricity], nice: false };
  const phiRule = {
    data: { values: [{ phi: o.phi, label: `φ = ${o.phi}` }] },
    layer: [
      { mark: { type: "rule", color: "#555", strokeDash: [4, 3] }, encoding: { x: { field: "phi", type: "quantitative", scale: xScale } } },
      {
        mark: { type: "text", align: "left", baseline: "top", dx: 3, dy: 2, y: 0, fontSize: 9, color: "#333" },
        encoding: { x: { field: "phi", type: "quantitative", scale: xScale }, text: { field: "label" } },
      },
    ],
  };
  const row = (scheme: string) => {
    const of = (part: EccentricityRow["part"]) => ({ filter: `datum.scheme == ${JSON.stringify(scheme)} && datum.part == '${part}'` });
    const distribution = {
      title: { text: "how sure is the best match?", fontSize: 11, fontWeight: "normal" },
      width,
      height,
      layer: [
        {
          // own field names per panel: vega-lite merges legends of channels that share a field.
          // The two groups side by side in each bin (left half, right half), never overlapping,
          // so every colour drawn is one the legend shows.
          transform: [
            of("distribution"),
            { calculate: "datum.series", as: "target" },
            { calculate: `datum.series == ${JSON.stringify(o.groups[0])} ? 0 : 1`, as: "half" },
            { calculate: "datum.eccentricity_from + datum.half * (datum.eccentricity_to - datum.eccentricity_from) / 2", as: "bar_from" },
            { calculate: "datum.bar_from + (datum.eccentricity_to - datum.eccentricity_from) / 2", as: "bar_to" },
          ],
          mark: { type: "rect" },
          encoding: {
            x: { field: "bar_from", type: "quantitative", scale: xScale, axis: { title: "eccentricity e = (best − second) / σ" } },
            x2: { field: "bar_to" },
            // sqrt: the pile at e = 0 (tied best scores) would flatten everything else
            y: { field: "value", type: "quantitative", scale: { type: "sqrt", domain: [0, 1] }, axis: { title: "share of group (√ scale)", format: "%", values: [0, 0.01, 0.05, 0.1, 0.25, 0.5, 1] } },
            y2: { datum: 0 },
            fill: { field: "target", type: "nominal", sort: o.groups, scale: { domain: o.groups, range: OKABE_ITO.slice(0, 2) }, legend: { title: "target", orient: "bottom", direction: "vertical" } },
          },
        },
        phiRule,
      ],
    };
    const baseRule = {
      data: { values: [{ base: o.baseRate, label: `base rate π = ${Number((100 * o.baseRate).toPrecision(3))} % in the set` }] },
      layer: [
        { mark: { type: "rule", color: "#000", strokeDash: [1, 2] }, encoding: { y: { field: "base", type: "quantitative" } } },
        {
          mark: { type: "text", align: "right", baseline: "bottom", dy: -2, x: width, fontSize: 9, color: "#000" },
          encoding: { y: { field: "base", type: "quantitative" }, text: { field: "label" } },
        },
      ],
    };
    const curves = {
      title: { text: `answer "match" when e ≥ φ`, fontSize: 11, fontWeight: "normal" },
      width,
      height,
      layer: [
        {
          transform: [
            of("precision_recall"),
            { filter: `datum.series != ${JSON.stringify(o.curves[0])} || datum.targets >= ${o.minAnswered ?? 1}` },
            { calculate: "datum.series", as: "curve" },
          ],
          mark: { type: "line", strokeWidth: 1.8, interpolate: "step-after" },
          encoding: {
            x: { field: "eccentricity_from", type: "quantitative", scale: xScale, axis: { title: "threshold φ" } },
            y: { field: "value", type: "quantitative", scale: { domain: [0, 1] }, axis: { title: "share", format: "%" } },
            stroke: { field: "curve", type: "nominal", sort: o.curves, scale: { domain: o.curves, range: [OKABE_ITO[2], OKABE_ITO[3]] }, legend: { title: "curve", orient: "bottom", direction: "vertical", symbolType: "stroke", symbolStrokeWidth: 3 } },
            strokeDash: { field: "curve", type: "nominal", sort: o.curves, scale: { domain: o.curves, range: [[1, 0], [6, 3]] } },
          },
        },
        baseRule,
        phiRule,
      ],
    };
    return { title: { text: `scheme: ${scheme}`, fontSize: 11, anchor: "start" }, hconcat: [distribution, curves], spacing: 40 };
  };
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: { text: o.title, subtitle: o.subtitle, anchor: "start" },
    data: { values: rows },
    vconcat: o.schemes.map(row),
    spacing: 24,
    config: { font: FIGURE_FONT_FAMILY, legend: { labelLimit: 600 } },
  } as unknown as TopLevelSpec;
}
