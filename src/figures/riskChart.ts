/**
 * The F1-style chart: single-observation risk against the duration rounding width.
 * x = duration width (log axis), y = title_unique_fraction and kappa (one column
 * each), colour = what the scheme does with bitrate (and fps/size), line style =
 * resolution scheme and measured vs occupancy model, one row of panels per catalog.
 * `fprisk sweep --plot`, `fprisk evaluate --plot` and the paper's F1 all draw it.
 */
import type { TopLevelSpec } from "vega-lite";
import type { EvaluationResult } from "../measures/evaluate.js";
import { formatGeneralizer } from "../schemes/format.js";
import { parseScheme } from "../schemes/parse.js";
import type { Generalizer } from "../schemes/types.js";
import { generalizerOf } from "../schemes/generalizers/registry.js";
import { FIGURE_FONT_FAMILY, OKABE_ITO } from "./palette.js";

export const RISK_METRICS = ["title_unique_fraction", "kappa"] as const;
export type RiskMetric = (typeof RISK_METRICS)[number];

/** One tidy row of the chart's data. */
export interface RiskPoint {
  /** Panel row: usually the catalog. */
  panel: string;
  /** Duration rounding width in seconds (the x axis). */
  duration_width_s: number;
  /** What the scheme does with bitrate (and fps/size when observed). */
  bitrate: string;
  resolution: string;
  metric: RiskMetric;
  value: number;
  kind: "measured" | "occupancy model";
}

const METRIC_TITLES: Record<RiskMetric, string> = {
  title_unique_fraction: "named outright by one play (title_unique_fraction)",
  kappa: "named by a random pick among look-alikes (kappa)",
};

/**
 * The duration width of a generalizer, in seconds: round/floor widths, and for
 * `exact` the precision the catalog records durations with. Other generalizers
 * (log, sig, quantile, …) have no single width and are left out of the chart.
 */
export function durationWidthSeconds(g: Generalizer | undefined, exactPrecisionMs: number): number | null {
  if (!g) return null;
  const widthMs = generalizerOf(g).chartWidth(g, exactPrecisionMs);
  return widthMs === null ? null : widthMs / 1000;
}

export interface RiskPointOptions {
  panel?: string;
  /** Precision of the catalog's durations (ms), where `exact` sits on the x axis. Default 1 ms. */
  exactPrecisionMs?: number;
}

/** Chart rows for every result whose scheme has a duration width; `skipped` counts the others. */
export function riskPoints(result: EvaluationResult, options: RiskPointOptions = {}): { points: RiskPoint[]; skipped: number } {
  const points: RiskPoint[] = [];
  let skipped = 0;
  for (const r of result.results) {
    const parts = parseScheme(r.scheme).parts;
    const of = (a: string) => parts.find((p) => p.attribute === a);
    const width = durationWidthSeconds(of("duration")?.generalizer, options.exactPrecisionMs ?? 1);
    if (width === null) {
      skipped++;
      continue;
    }
    const label = (a: string) => {
      const p = of(a);
      return p ? formatGeneralizer(p.attribute, p.generalizer) : "not reported";
    };
    const extras = parts.filter((p) => p.attribute === "fps" || p.attribute === "size").map((p) => `${p.attribute}=${formatGeneralizer(p.attribute, p.generalizer)}`);
    const bitrate = [label("bitrate"), ...extras].join(", ");
    const point = (metric: RiskMetric, value: number, kind: RiskPoint["kind"]): RiskPoint => ({
      panel: options.panel ?? result.catalog.source,
      duration_width_s: width,
      bitrate,
      resolution: label("resolution"),
      metric,
      value,
      kind,
    });
    for (const metric of RISK_METRICS) points.push(point(metric, r.metrics[metric], "measured"));
    // The occupancy model (addModelMetrics) predicts unique_fraction and E[1/f]: drawn,
    // dashed, in the panels of the measured quantities they approximate.
    if (r.metrics.model_unique_fraction !== undefined) {
      points.push(point("title_unique_fraction", r.metrics.model_unique_fraction, "occupancy model"), point("kappa", r.metrics.model_kappa, "occupancy model"));
    }
  }
  return { points, skipped };
}

/** A horizontal reference line with its label, drawn in the title_unique_fraction column. */
export interface ReferenceLine {
  value: number;
  label: string;
}

export interface RiskChartOptions {
  title: string;
  subtitle?: string | string[];
  references?: ReferenceLine[];
}

export function riskChartSpec(points: RiskPoint[], options: RiskChartOptions): TopLevelSpec {
  const panels = [...new Set(points.map((p) => p.panel))];
  const bitrates = [...new Set(points.map((p) => p.bitrate))];
  // line style carries resolution and measured-vs-model together: solid/dotted measured, dashed model
  const oneResolution = new Set(points.map((p) => p.resolution)).size === 1;
  const styled = points.map((p) => ({ ...p, line: oneResolution ? p.kind : `${p.kind}, resolution ${p.resolution}` }));
  const lines = [...new Set(styled.map((p) => p.line))].sort((a, b) => Number(a.startsWith("occupancy")) - Number(b.startsWith("occupancy")) || a.localeCompare(b));
  const dashes = lines.map(lineDash);
  // Facets need one data source: reference lines ride along, told apart by `layer`.
  const references = (options.references ?? []).flatMap((r) => panels.map((panel) => ({ ...r, panel, metric: "title_unique_fraction", layer: "reference" })));
  const values = [...styled.map((p) => ({ ...p, layer: "risk" })), ...references];
  const only = (layer: string) => ({ filter: `datum.layer == '${layer}'` });
  const widths = points.map((p) => p.duration_width_s);
  const x = {
    field: "duration_width_s",
    type: "quantitative",
    scale: { type: "log", domain: [Math.min(0.001, ...widths), Math.max(600, ...widths)] },
    axis: { values: [0.001, 0.01, 0.1, 1, 10, 60, 600, 3600].filter((v) => v <= Math.max(600, ...widths)), labelExpr: WIDTH_LABEL, title: "duration rounding width (log scale)" },
  };
  const y = { field: "value", type: "quantitative", scale: { domain: [0, 1] }, axis: { format: "%", title: null } };
  const color = { field: "bitrate", type: "nominal", sort: bitrates, scale: { range: OKABE_ITO }, legend: { title: "bitrate scheme", symbolType: "stroke", symbolStrokeWidth: 3 } };
  // Lines and points are separate layers: points drawn by the line mark would turn the
  // line-style legend into dots.
  const layers: object[] = [
    {
      transform: [only("risk")],
      mark: { type: "line", strokeWidth: 1.6, clip: true },
      encoding: {
        x,
        y,
        color,
        strokeDash: {
          field: "line",
          type: "nominal",
          sort: lines,
          scale: { domain: lines, range: dashes },
          legend: { title: "line", labelLimit: 320, symbolType: "stroke", symbolStrokeWidth: 2, symbolSize: 500, symbolStrokeColor: "#333" },
        },
      },
    },
    { transform: [only("risk"), { filter: "datum.kind == 'measured'" }], mark: { type: "point", filled: true, size: 16, clip: true }, encoding: { x, y, color } },
  ];
  if (references.length > 0) {
    layers.push(
      { transform: [only("reference")], mark: { type: "rule", color: "#555", strokeDash: [1, 3] }, encoding: { y: { field: "value", type: "quantitative" } } },
      {
        transform: [only("reference")],
        mark: { type: "text", align: "left", baseline: "bottom", dx: 3, dy: -1, fontSize: 9, color: "#333", limit: 290 },
        encoding: { x: { datum: 0.0012 }, y: { field: "value", type: "quantitative" }, text: { field: "label" } },
      },
    );
  }
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: { text: options.title, subtitle: options.subtitle, anchor: "start" },
    data: { values },
    facet: {
      row: { field: "panel", type: "nominal", sort: panels, title: null, header: { labelAngle: 0, labelAlign: "left", labelFontWeight: "bold" } },
      column: { field: "metric", type: "nominal", sort: [...RISK_METRICS], title: null, header: { labelExpr: METRIC_LABEL } },
    },
    spec: { width: 300, height: 170, layer: layers },
    resolve: { scale: { x: "shared", y: "shared" } },
    config: { font: FIGURE_FONT_FAMILY, legend: { orient: "right" } },
  } as unknown as TopLevelSpec;
}

/**
 * Measured lines are solid, except resolution classes (dotted) next to exact
 * resolutions; the occupancy model is dashed.
 */
function lineDash(line: string): number[] {
  if (line.startsWith("occupancy")) return line.endsWith("class") ? [8, 3, 2, 3] : [8, 4];
  return line.endsWith("class") ? [2, 2] : [1, 0];
}

/** Tick labels in the unit a person would use: 1 ms, 10 ms, 100 ms, 1 s, 10 s, 1 min, 10 min. */
const WIDTH_LABEL =
  "datum.value < 1 ? format(datum.value * 1000, '.0f') + ' ms' : datum.value < 60 ? format(datum.value, '.0f') + ' s' : datum.value < 3600 ? format(datum.value / 60, '.0f') + ' min' : format(datum.value / 3600, '.0f') + ' h'";

const METRIC_LABEL = `datum.value == 'kappa' ? '${METRIC_TITLES.kappa}' : '${METRIC_TITLES.title_unique_fraction}'`;
