/**
 * F1 — single-observation risk against the duration rounding width, per catalog,
 * one line per bitrate scheme and resolution scheme, the occupancy model dashed.
 */
import type { Catalog } from "../../catalog/catalog.js";
import { evaluate } from "../../measures/evaluate.js";
import { addModelMetrics } from "../../measures/model/overlay.js";
import { riskChartSpec, riskPoints, type ReferenceLine, type RiskPoint } from "../../figures/riskChart.js";
import type { Table } from "../../output/tabular.js";
import { sweepSchemes } from "../sweep.js";
import { paperCatalogs, paramsOf } from "./catalogs.js";
import type { F1Params } from "../study/types.js";
import { isSynthetic, pct, secondsText, widthText } from "./text.js";
import type { Artifact, ArtifactMaker, ReproduceConfig } from "./types.js";

/**
 * Reference points in the same "share unique" coordinates, from the papers' own
 * abstracts/introductions: people by
 * {5-digit ZIP, sex, full birth date}. Golle's coarsened rows (month+year, year) are
 * not drawn: we could not check them against the paper itself.
 */
const F1_REFERENCES: ReferenceLine[] = [
  { value: 0.87, label: "Sweeney 2000: 87 %" },
  { value: 0.63, label: "Golle 2006: 63 %" },
];

/** The grid axes a catalog supports: bitrate and resolution only where it has them. */
function f1Axes(catalog: Catalog, p: F1Params) {
  const hasBitrate = catalog.numeric.bitrate_kbps !== undefined;
  return {
    duration: p.widths,
    bitrate: hasBitrate ? p.bitrates : ["drop"],
    resolution: hasResolution(catalog) ? p.resolutions : ["drop"],
  };
}

const hasResolution = (catalog: Catalog) => catalog.numeric.width !== undefined || catalog.numeric.height !== undefined;

function valueAt(points: RiskPoint[], panel: string, widthS: number, bitrate: string, resolution: string, metric: RiskPoint["metric"]): number | undefined {
  return points.find(
    (p) => p.kind === "measured" && p.panel === panel && p.duration_width_s === widthS && p.bitrate === bitrate && p.resolution === resolution && p.metric === metric,
  )?.value;
}

interface ModelGap {
  panel: string;
  /** |model − measured| unique_fraction, the largest in the panel. */
  gap: number;
  widthS: number;
  bitrate: string;
  model: number;
  measured: number;
}

/**
 * Per panel, the largest |occupancy model − measured unique_fraction| over F1's CSV: the
 * model rows (kind "occupancy model", drawn in the title_unique_fraction column, whose value
 * is the model's unique_fraction) against the measured unique_fraction rows with the same
 * panel, width, bitrate and resolution. Panels in the CSV's order.
 */
function modelGaps(data: Table): ModelGap[] {
  const col = (name: string) => data.columns.indexOf(name);
  const [panel, width, bitrate, resolution, metric, value, kind] = ["panel", "duration_width_s", "bitrate", "resolution", "metric", "value", "kind"].map(col);
  const key = (r: Table["rows"][number]) => [r[panel], r[width], r[bitrate], r[resolution]].join("|");
  const measured = new Map(data.rows.filter((r) => r[metric] === "unique_fraction" && r[kind] === "measured").map((r) => [key(r), r[value] as number]));
  const gaps = new Map<string, ModelGap>();
  for (const r of data.rows) {
    if (r[kind] !== "occupancy model" || r[metric] !== "title_unique_fraction") continue;
    const m = measured.get(key(r));
    if (m === undefined) continue;
    const g: ModelGap = { panel: r[panel] as string, gap: Math.abs((r[value] as number) - m), widthS: r[width] as number, bitrate: r[bitrate] as string, model: r[value] as number, measured: m };
    const best = gaps.get(g.panel);
    if (!best || g.gap > best.gap) gaps.set(g.panel, g);
  }
  return [...gaps.values()];
}

async function makeF1(config: ReproduceConfig): Promise<Artifact> {
  const p = paramsOf(config, "F1");
  const catalogs = await paperCatalogs(config, p.catalogs);
  const points: RiskPoint[] = [];
  /** Measured unique_fraction (not drawn): what the model's line predicts, kept in the CSV to compare. */
  const uniqueRows: Table["rows"] = [];
  let step = 0;
  for (const { label, catalog } of catalogs) {
    const grid = addModelMetrics(catalog, evaluate(catalog, sweepSchemes(f1Axes(catalog, p))));
    // The model is drawn once per bitrate scheme (resolution as a class, or not reported):
    // doubling it for exact resolutions would hide the measured lines it sits beside.
    const { points: all } = riskPoints(grid, { panel: label, exactPrecisionMs: catalog.precision.duration_ms });
    const drawn = all.filter((p) => p.kind === "measured" || p.resolution !== "exact");
    points.push(...drawn);
    for (const r of grid.results) {
      const [p] = riskPoints({ catalog: grid.catalog, results: [r] }, { panel: label, exactPrecisionMs: catalog.precision.duration_ms }).points;
      if (p && p.resolution !== "exact") uniqueRows.push([p.panel, p.duration_width_s, p.bitrate, p.resolution, "unique_fraction", r.metrics.unique_fraction, "measured"]);
    }
    config.onProgress?.("F1", ++step, catalogs.length);
  }
  const data: Table = {
    columns: ["panel", "duration_width_s", "bitrate", "resolution", "metric", "value", "kind"],
    rows: [...points.map((p) => [p.panel, p.duration_width_s, p.bitrate, p.resolution, p.metric, p.value, p.kind]), ...uniqueRows],
  };
  const gaps = modelGaps(data);
  const synthetic = catalogs.find((c) => isSynthetic(c.source));
  // the widths the sentences quote: 1 s and 1 min when the study has them, else its finest and coarsest
  const widthsS = [...new Set(points.map((x) => x.duration_width_s))].sort((a, b) => a - b);
  const near = widthsS.includes(1) ? 1 : widthsS[0];
  const far = widthsS.includes(60) ? 60 : widthsS[widthsS.length - 1];
  const shownResolution = p.resolutions.includes("class") ? "class" : p.resolutions[0];
  const sentences = catalogs.map(({ label, catalog }) => {
    const res = hasResolution(catalog) ? shownResolution : "not reported";
    const at = (w: number, b: string) => valueAt(points, label, w, b, res, "title_unique_fraction");
    const first = `${label} (${catalog.rows.toLocaleString("en-US")} items): rounding durations to ${secondsText(near)} leaves ${pct(at(near, "not reported"))} of items named outright when bitrate is not reported`;
    const br = at(near, "round(100kbps)") !== undefined ? `, ${pct(at(near, "round(100kbps)"))} with bitrate rounded to 100 kbps` : "";
    return `${first}${br}; at ${secondsText(far)}, ${pct(at(far, "not reported"))}.`;
  });
  const pp = (x: number) => `${Number((100 * x).toPrecision(2))}`;
  if (gaps.length > 0) {
    const worst = gaps.reduce((a, b) => (b.gap > a.gap ? b : a));
    sentences.push(
      `The occupancy model's unique_fraction differs from the measured one by at most ${gaps.map((g) => `${pp(g.gap)} percentage points on ${g.panel}`).join(", ")}; ` +
        `the largest gap is on ${worst.panel}, at a ${worst.widthS} s duration width with bitrate ${worst.bitrate} (model ${pct(worst.model)}, measured ${pct(worst.measured)}).`,
    );
  }
  const withResolution = catalogs.filter((c) => hasResolution(c.catalog));
  const resolutionClause =
    withResolution.length === 0
      ? ""
      : ` × resolution ${p.resolutions.join("/")} (${withResolution.every((c) => isSynthetic(c.source)) ? "synthetic only" : `only ${withResolution.map((c) => c.label).join(", ")}`})`;

  return {
    id: "F1",
    name: "f1-risk-vs-width",
    title: f1.title,
    caption:
      `Data: ${catalogs.map((c) => c.source).join(", ")}. Schemes: duration round(w) for w from ${widthText(p.widths[0])} to ${widthText(p.widths[p.widths.length - 1])} × the bitrate schemes shown ` +
      `(only where the catalog has bitrate)${resolutionClause}. Attacker: holds the same catalog (worst case). ` +
      `Seed ${config.seed}${synthetic ? " (synthetic catalog)" : ""}. Dashed: the occupancy model Σ p_b(1 − p_b)^(N−1) on bucket probabilities from densities fitted to each catalog (drawn for resolution class, or none) ` +
      `(attributes treated as independent); it predicts unique_fraction and E[1/f], drawn beside title_unique_fraction and kappa; the CSV also holds the measured unique_fraction it is compared with (metric unique_fraction, not drawn). ` +
      `Reference lines: Sweeney 2000 (87 %, 1990 census) and Golle 2006 (63 %, 2000 census): people unique on {ZIP, sex, birth date}.`,
    data,
    spec: riskChartSpec(points, {
      title: "How much does rounding the duration hide the title?",
      subtitle: [`Attacker holds the same catalog${synthetic ? `; ${synthetic.label.toLowerCase()}: seed ${config.seed}` : ""}`],
      references: F1_REFERENCES,
    }),
    text: sentences.join(" "),
  };
}

export const f1: ArtifactMaker = { id: "F1", name: "f1-risk-vs-width", title: "Single-observation risk vs duration rounding width", describe: "single-observation risk vs rounding width", make: makeF1 };
