/**
 * The experiment `npm start` runs: how much do Plex-style roundings of duration and
 * bitrate reduce the chance that one play names the title? On the built-in synthetic
 * release library by default, so it runs offline.
 */
import type { Catalog } from "../catalog/catalog.js";
import { evaluate, type EvaluationResult } from "../measures/evaluate.js";
import { sweepSchemes } from "./sweep.js";
import { schemeColumns } from "../output/results.js";
import type { TopLevelSpec } from "vega-lite";

export const DEFAULT_CATALOG = "synthetic:video-library?titles=20000&seed=1";

/** Candidate "generalized" telemetry schemes, from what is sent raw to very coarse. */
export const PLEX_STYLE_SCHEMES = [
  "duration=exact,bitrate=exact,resolution=exact",
  "duration=round(1s),bitrate=round(10kbps),resolution=exact",
  "duration=round(1s),bitrate=round(100kbps),resolution=class",
  "duration=round(1min),bitrate=round(100kbps),resolution=class",
  "duration=round(1min),bitrate=round(1Mbps),resolution=class",
  "duration=round(5min),bitrate=round(1Mbps),resolution=class",
  "duration=floor(10min),bitrate=floor(2Mbps),resolution=class",
  "duration=round(1min),resolution=class",
  "duration=round(5min)",
];

/** The figure's grid: duration width × bitrate scheme, resolution as a class. */
export const FIGURE_DURATIONS = ["1ms", "1s", "10s", "30s", "1min", "2min", "5min", "10min"];
export const FIGURE_BITRATES = ["exact", "round(100kbps)", "round(1Mbps)", "log(10%)", "drop"];

export interface DefaultExperiment {
  table: EvaluationResult;
  grid: EvaluationResult;
  figure: TopLevelSpec;
}

export function runDefaultExperiment(catalog: Catalog, onProgress?: (done: number, total: number) => void): DefaultExperiment {
  const table = evaluate(catalog, PLEX_STYLE_SCHEMES);
  const gridSchemes = sweepSchemes({ duration: FIGURE_DURATIONS, bitrate: FIGURE_BITRATES, resolution: ["class"] });
  const grid = evaluate(catalog, gridSchemes, { onProgress });
  return { table, grid, figure: figureSpec(grid) };
}

const WIDTH_SECONDS: Record<string, number> = { "1ms": 0.001, "1s": 1, "10s": 10, "30s": 30, "1min": 60, "2min": 120, "5min": 300, "10min": 600 };

/** title_unique_fraction and kappa against duration rounding width, one line per bitrate scheme. */
export function figureSpec(grid: EvaluationResult): TopLevelSpec {
  const values = grid.results.flatMap((r) => {
    const cols = schemeColumns(r.scheme);
    const width = /^round\((.+)\)$/.exec(cols.duration)?.[1] ?? cols.duration;
    const seconds = WIDTH_SECONDS[width];
    const bitrate = cols.bitrate === "—" ? "not reported" : cols.bitrate;
    return [
      { metric: "title_unique_fraction", seconds, bitrate, value: r.metrics.title_unique_fraction },
      { metric: "kappa", seconds, bitrate, value: r.metrics.kappa },
    ];
  });
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: {
      text: "Does rounding playback telemetry hide the title?",
      subtitle: `${grid.catalog.source}: ${grid.catalog.rows} items, ${grid.catalog.titles} titles; resolution reported as a class`,
    },
    data: { values },
    facet: { column: { field: "metric", type: "nominal", title: null, sort: ["title_unique_fraction", "kappa"] } },
    spec: {
      width: 300,
      height: 220,
      mark: { type: "line", point: true },
      encoding: {
        x: { field: "seconds", type: "quantitative", scale: { type: "log" }, title: "duration rounding width (s)" },
        y: { field: "value", type: "quantitative", scale: { domain: [0, 1] }, title: null },
        color: { field: "bitrate", type: "nominal", title: "bitrate scheme" },
      },
    },
    config: { font: "DejaVu Sans" },
  } as TopLevelSpec;
}
