/** `--plot FILE` of sweep and evaluate: the F1-style chart of the results, as PNG or SVG. */
import { extname } from "node:path";
import type { Catalog } from "../catalog/catalog.js";
import type { EvaluationResult } from "../measures/evaluate.js";
import { UserError } from "../base/errors.js";
import { writeFileAtomic } from "../base/atomicWrite.js";
import { riskChartSpec, riskPoints } from "../figures/riskChart.js";
import type { TopLevelSpec } from "vega-lite";

export const PLOT_OPTION = {
  type: "string",
  describe: "also draw title_unique_fraction and kappa against the duration rounding width into this .png or .svg",
} as const;

/** Checked before any work is done, so a typo does not cost a whole sweep. */
export function assertPlotPath(file: string | undefined): void {
  if (file === undefined) return;
  const ext = extname(file).toLowerCase();
  if (ext !== ".png" && ext !== ".svg") throw new UserError(`--plot: give a .png or .svg file, not "${file}"`);
}

export async function writeRiskPlot(result: EvaluationResult, catalog: Catalog, file: string): Promise<void> {
  const { points, skipped } = riskPoints(result, { exactPrecisionMs: catalog.precision.duration_ms });
  if (points.length === 0) {
    throw new UserError("--plot: no scheme has a duration width to plot (use duration=exact, round(…) or floor(…))");
  }
  const spec = riskChartSpec(points, {
    title: "Single-observation risk vs duration rounding width",
    subtitle: `${catalog.source}: ${catalog.rows} items, ${catalog.titleNames.length} titles; attacker holds the same catalog`,
  });
  await writeSpec(spec, file, skipped ? ` (${skipped} schemes without a duration width left out)` : "");
}

/** Render a vega-lite spec into a .png or .svg file. */
export async function writeSpec(spec: TopLevelSpec, file: string, note = ""): Promise<void> {
  assertPlotPath(file);
  // vega and resvg load only here: every other run starts faster without them.
  const { renderVegaLite } = await import("../figures/figure.js");
  const figure = await renderVegaLite(spec);
  const png = extname(file).toLowerCase() === ".png";
  await writeFileAtomic(file, png ? figure.png : figure.svg);
  process.stderr.write(`fprisk: plot ${file}${note}\n`);
  if (!figure.fontFound && png) process.stderr.write("fprisk: DejaVu Sans not installed (apt fonts-dejavu-core): the PNG has no text\n");
}
