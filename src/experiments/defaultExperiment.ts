/**
 * The experiment `npm start` runs: how much do Plex-style roundings of duration and
 * bitrate reduce the chance that one play names the title? On the built-in synthetic
 * release library by default, so it runs offline.
 */
import type { Catalog } from "../catalog/catalog.js";
import { evaluate, type EvaluationResult } from "../measures/evaluate.js";
import { sweepSchemes } from "./sweep.js";
import { riskChartSpec, riskPoints } from "../figures/riskChart.js";
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
const FIGURE_DURATIONS = ["1ms", "1s", "10s", "30s", "1min", "2min", "5min", "10min"];
const FIGURE_BITRATES = ["exact", "round(100kbps)", "round(1Mbps)", "log(10%)", "drop"];

export interface DefaultExperiment {
  table: EvaluationResult;
  grid: EvaluationResult;
  figure: TopLevelSpec;
}

export function runDefaultExperiment(catalog: Catalog, onProgress?: (done: number, total: number) => void): DefaultExperiment {
  const table = evaluate(catalog, PLEX_STYLE_SCHEMES);
  const gridSchemes = sweepSchemes({ duration: FIGURE_DURATIONS, bitrate: FIGURE_BITRATES, resolution: ["class"] });
  const grid = evaluate(catalog, gridSchemes, { onProgress });
  // F1's chart: title_unique_fraction and kappa against the duration width, one line per bitrate scheme
  const { points } = riskPoints(grid, { exactPrecisionMs: catalog.precision.duration_ms });
  const figure = riskChartSpec(points, {
    title: "Does rounding playback telemetry hide the title?",
    subtitle: `${grid.catalog.source}: ${grid.catalog.rows} items, ${grid.catalog.titles} titles; resolution reported as a class`,
  });
  return { table, grid, figure };
}
