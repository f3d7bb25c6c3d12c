/**
 * The tune frontier chart: risk (y, symmetric log so that 0 shows) against retained
 * information (x) for every evaluated scheme, the Pareto frontier as a line, the target
 * as a rule, the recommendation and reference schemes (Plex-like promises) labelled.
 * Plain data in, a vega-lite spec out; `frontierPage.ts` draws the same points as an
 * interactive page.
 */
import type { TopLevelSpec } from "vega-lite";
import { FIGURE_FONT_FAMILY, OKABE_ITO } from "./palette.js";

export interface FrontierChartPoint {
  scheme: string;
  /** Information kept (the tune objective), x. */
  objective: number;
  /** The charted target's metric, worst catalog, y. */
  risk: number;
  /** "evaluated" | "frontier" | "recommended" | "reference". */
  role: "evaluated" | "frontier" | "recommended" | "reference";
  meets: boolean;
  /** Short label for labelled points (recommendation, references). */
  label?: string;
}

export interface FrontierChartOptions {
  title: string;
  subtitle?: string | string[];
  /** The y axis title, e.g. "title_unique_fraction (worst catalog)". */
  riskTitle: string;
  objectiveTitle: string;
  /** The target threshold drawn as a rule. */
  threshold: number;
  thresholdLabel: string;
  /** Plot size in px (default 560 × 340). */
  width?: number;
  height?: number;
}

/** The linear region of the symlog axis: risks below this look linear, above it logarithmic. */
export const SYMLOG_CONSTANT = 1e-4;

export function frontierChartSpec(points: FrontierChartPoint[], o: FrontierChartOptions): TopLevelSpec {
  const x = { field: "objective", type: "quantitative", title: o.objectiveTitle, scale: { zero: false } };
  const y = { field: "risk", type: "quantitative", title: o.riskTitle, scale: { type: "symlog", constant: SYMLOG_CONSTANT }, axis: { values: [0, 0.0001, 0.001, 0.01, 0.1, 1], format: ".2~%" } };
  const roles = ["evaluated", "frontier", "recommended", "reference"];
  const colors = ["#bbbbbb", OKABE_ITO[0], OKABE_ITO[3], OKABE_ITO[7]];
  const shape = { field: "role", type: "nominal", scale: { domain: roles, range: ["circle", "circle", "diamond", "triangle-up"] }, legend: { title: null } };
  const color = { field: "role", type: "nominal", scale: { domain: roles, range: colors }, legend: { title: null } };
  const frontier = points.filter((p) => p.role === "frontier" || p.role === "recommended").sort((a, b) => a.objective - b.objective);
  const width = o.width ?? 560;
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: { text: o.title, subtitle: o.subtitle, anchor: "start" },
    width,
    height: o.height ?? 340,
    layer: [
      { data: { values: frontier }, mark: { type: "line", color: OKABE_ITO[0], strokeWidth: 1.5, interpolate: "step-after" }, encoding: { x, y } },
      { data: { values: points }, mark: { type: "point", filled: true, size: 40, opacity: 0.9 }, encoding: { x, y, color, shape } },
      { data: { values: [{ threshold: o.threshold, label: o.thresholdLabel }] }, mark: { type: "rule", color: "#555", strokeDash: [4, 3] }, encoding: { y: { field: "threshold", type: "quantitative" } } },
      // Labels sit in the right margin, at their point's height, with a dotted leader from the
      // point: inside the plot the frontier's staircase would run through them. The target's
      // dashed rule is named in the subtitle (a label beside it would collide with these).
      {
        data: { values: points.filter((p) => p.label) },
        mark: { type: "rule", color: "#999", strokeDash: [1, 2] },
        encoding: { x, y, x2: { value: width } },
      },
      {
        data: { values: points.filter((p) => p.label) },
        mark: { type: "text", align: "left", baseline: "middle", x: width, dx: 6, fontSize: 10, color: "#222", limit: 260 },
        encoding: { y, text: { field: "label" } },
      },
    ],
    config: { font: FIGURE_FONT_FAMILY, legend: { orient: "bottom" } },
  } as unknown as TopLevelSpec;
}
