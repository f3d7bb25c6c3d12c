/**
 * A small-multiples line chart spec over tidy rows, with optional published
 * reference points (drawn as black diamonds with their label). F2, F3 and F5 use it.
 */
import type { TopLevelSpec } from "vega-lite";
import { FIGURE_FONT_FAMILY, OKABE_ITO } from "./palette.js";

const SERIES_DASHES = [[1, 0], [7, 3], [2, 2], [9, 3, 2, 3], [4, 4], [1, 3], [12, 4], [3, 1]];

export interface ReferencePoint {
  x: number;
  y: number;
  label: string;
  /** Panel (column field value) it belongs to; all panels when absent. */
  panel?: string;
  /**
   * Where the label goes: right of the point (default), below-left of it (near a panel's
   * right edge), or in the right margin at the point's height, joined to it by a dotted
   * leader (where every spot beside the point is crossed by a curve).
   */
  labelSide?: "left" | "right" | "margin";
}

export interface LineChartOptions {
  title: string;
  subtitle?: string | string[];
  /** `format`: a d3 format for tick labels ("~s" → 1k, 10k, 1M); `values`: the ticks drawn. */
  /**
   * `independent`: each panel's x axis spans its own data (no panel left mostly blank when
   * one reaches 1M and another 4k); ticks then chosen per panel.
   */
  x: { field: string; title: string; log?: boolean; integer?: boolean; format?: string; values?: number[]; independent?: boolean };
  /** `log`: a log axis from `min` (values ≤ 0 are not drawn); `format`/`values` as for x. */
  y: { field: string; title: string; percent?: boolean; log?: boolean; min?: number; format?: string; values?: number[] };
  color: { field: string; title: string };
  /** A second series field drawn as line style (e.g. measured vs model). */
  dash?: {
    field: string;
    title: string;
    /** Order of the styles (first solid); default vega-lite's sorted order. */
    sort?: string[];
    /** Dash patterns in `sort` order (e.g. [[1, 0], [2, 2]]: solid, dotted); default vega-lite's. */
    patterns?: number[][];
  };
  /** Panels side by side; with `wrap`, at most that many per row. */
  column?: { field: string; title?: string | null; wrap?: number };
  references?: ReferencePoint[];
  /** Fields of a confidence interval drawn as a light band around each line. */
  band?: { low: string; high: string };
  /**
   * Space panels by their plot width only (vega's `bounds: "flush"`), so reference
   * labels inside a panel do not widen every gap; labels must then stay inside their panel.
   */
  flushPanels?: boolean;
  width?: number;
  height?: number;
  /** Legends right of the panels (default) or below them, for wide grids of panels. */
  legend?: "right" | "bottom";
}

const REFERENCE_LAYER = { right: "reference", left: "reference-left", margin: "reference-margin" } as const;

export function lineChartSpec(rows: Record<string, string | number>[], o: LineChartOptions): TopLevelSpec {
  const colorDomain = [...new Set(rows.map((r) => String(r[o.color.field])))];
  const panels: (string | undefined)[] = o.column ? [...new Set(rows.map((r) => String(r[o.column!.field])))] : [undefined];
  // Facets need one data source: reference points ride along, told apart by `layer`.
  const refs = (o.references ?? []).flatMap((r) =>
    panels.filter((p) => r.panel === undefined || p === r.panel).map((p) => ({ layer: REFERENCE_LAYER[r.labelSide ?? "right"], [o.x.field]: r.x, [o.y.field]: r.y, label: r.label, ...(o.column ? { [o.column.field]: p } : {}) })),
  );
  const values = [...rows.map((r) => ({ ...r, layer: "data" })), ...refs];
  const only = (layer: string) => ({ filter: `datum.layer == '${layer}'` });
  const x = {
    field: o.x.field,
    type: "quantitative",
    scale: { ...(o.x.log ? { type: "log" } : { zero: false }), ...(o.x.independent ? { nice: false } : {}) },
    axis: {
      title: o.x.title,
      ...(o.x.independent ? { tickCount: 4, labelOverlap: "greedy" } : {}),
      ...(o.x.integer ? { tickMinStep: 1, format: "d" } : {}),
      ...(o.x.format ? { format: o.x.format } : {}),
      ...(o.x.values ? { values: o.x.values } : {}),
    },
  };
  const y = {
    field: o.y.field,
    type: "quantitative",
    scale: o.y.log
      ? { type: "log", ...(o.y.min !== undefined ? { domainMin: o.y.min } : {}), ...(o.y.percent ? { domainMax: 1 } : {}) }
      : o.y.percent
        ? { domain: [0, 1] }
        : {},
    axis: {
      title: o.y.title,
      ...(o.y.percent ? { format: "%" } : {}),
      ...(o.y.format ? { format: o.y.format } : {}),
      ...(o.y.values ? { values: o.y.values } : {}),
    },
  };
  const layers: object[] = [];
  if (o.band) {
    layers.push({
      transform: [only("data"), { calculate: `datum[${JSON.stringify(o.color.field)}]`, as: "band_series" }],
      mark: { type: "area", opacity: 0.15 },
      encoding: {
        x,
        y: { field: o.band.low, type: "quantitative", scale: y.scale },
        y2: { field: o.band.high },
        // fill on a copy of the colour field: a legend of its own (hidden), so the colour legend keeps line symbols
        fill: { field: "band_series", type: "nominal", sort: colorDomain, scale: { range: OKABE_ITO }, legend: null },
        // one band per line when a dash field splits a colour into several lines
        ...(o.dash ? { detail: { field: o.dash.field, type: "nominal" } } : {}),
      },
    });
  }
  layers.push(
    {
      transform: [only("data")],
      mark: { type: "line", strokeWidth: 1.8 },
      encoding: {
        x,
        y,
        color: { field: o.color.field, type: "nominal", sort: colorDomain, scale: { range: OKABE_ITO }, legend: { title: o.color.title, symbolType: "stroke", symbolStrokeWidth: 3, labelLimit: 600 } },
        // without a dash field, series also differ in dash pattern, so coinciding lines stay
        // visible; on the same field, vega-lite merges both into the colour legend
        strokeDash: o.dash
          ? { field: o.dash.field, type: "nominal", ...(o.dash.sort ? { sort: o.dash.sort } : {}), ...(o.dash.patterns ? { scale: { range: o.dash.patterns } } : {}), legend: { title: o.dash.title, symbolType: "stroke", symbolStrokeColor: "#333", symbolSize: 500, symbolStrokeWidth: 2 } }
          : { field: o.color.field, type: "nominal", sort: colorDomain, scale: { range: SERIES_DASHES } },
      },
    },
    {
      transform: [only("data")],
      mark: { type: "point", filled: true, size: 18 },
      encoding: { x, y, color: { field: o.color.field, type: "nominal", sort: colorDomain } },
    },
  );
  if (refs.length > 0) {
    const hasLeft = refs.some((r) => r.layer === "reference-left");
    const hasRight = refs.some((r) => r.layer === "reference");
    const hasMargin = refs.some((r) => r.layer === "reference-margin");
    if (hasMargin) {
      layers.push(
        { transform: [only("reference-margin")], mark: { type: "rule", color: "#777", strokeDash: [1, 2] }, encoding: { x, x2: { value: "width" }, y } },
        { transform: [only("reference-margin")], mark: { type: "text", align: "left", baseline: "middle", dx: 4, fontSize: 9, color: "#000" }, encoding: { x: { value: "width" }, y, text: { field: "label" } } },
      );
    }
    layers.push({
      transform: [{ filter: "indexof(datum.layer, 'reference') == 0" }],
      mark: { type: "point", shape: "diamond", filled: true, size: 70, color: "#000" },
      encoding: { x, y },
    });
    if (hasRight) layers.push({ transform: [only("reference")], mark: { type: "text", align: "left", baseline: "middle", dx: 7, fontSize: 9, color: "#000", limit: 260 }, encoding: { x, y, text: { field: "label" } } });
    if (hasLeft) layers.push({ transform: [only("reference-left")], mark: { type: "text", align: "right", baseline: "top", dx: 4, dy: 7, fontSize: 9, color: "#000" }, encoding: { x, y, text: { field: "label" } } });
  }
  const inner = { width: o.width ?? 260, height: o.height ?? 200, layer: layers };
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: { text: o.title, subtitle: o.subtitle, anchor: "start" },
    data: { values },
    ...(o.column ? facetOf(o.column, panels, inner) : inner),
    ...(o.flushPanels ? { bounds: "flush" } : {}),
    ...(o.x.independent ? { resolve: { scale: { x: "independent" } } } : {}),
    config: { font: FIGURE_FONT_FAMILY, legend: { labelLimit: 600, ...(o.legend === "bottom" ? { orient: "bottom", direction: "vertical" } : {}) } },
  } as unknown as TopLevelSpec;
}

/** Panels in one row (`facet.column`), or wrapped into rows of `wrap` (vega-lite's wrapped facet). */
function facetOf(column: NonNullable<LineChartOptions["column"]>, panels: (string | undefined)[], inner: object): object {
  const field = { field: column.field, type: "nominal", sort: panels, title: column.title ?? null };
  return column.wrap ? { facet: field, columns: column.wrap, spec: inner } : { facet: { column: field }, spec: inner };
}
