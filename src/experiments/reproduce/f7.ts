/**
 * F7 — population uniqueness estimated from a sample, against the truth.
 *
 * A seeded synthetic population of N releases (1M; 100k in quick runs) is the ground
 * truth: its unique_fraction under each scheme is the fraction every estimator tries to
 * recover. From it, seeded samples at π = 0.1 %, 1 %, 5 %, 10 %, 50 % are drawn without
 * replacement, and each estimator (Zayatz, Pitman, SNB, the Dankar rule, the copula model,
 * and the naive sample uniqueness for reference) is given the sample and N. The real
 * catalogs play the same game with the whole catalog as the population (Chinook, Spotify,
 * IMDb; duration-only schemes, since they have no bitrate or resolution).
 *
 * Failed fits (status other than ok/no_uniques) are kept in the data with their status
 * and not drawn; the text counts them.
 */
import type { Catalog } from "../../catalog/catalog.js";
import { partition } from "../../engine/partition.js";
import { lineChartSpec } from "../../figures/lineChart.js";
import { populationRisk } from "../../measures/population/populationRisk.js";
import { renderMarkdownTable, type Table } from "../../output/tabular.js";
import { parseScheme } from "../../schemes/parse.js";
import { generateVideoLibrary } from "../../sources/synthetic/synthetic.js";
import { paperCatalogs, paramsOf } from "./catalogs.js";
import { decades, schemesAtPrecision, subsample } from "./f5.js";
import { pct, shortLabel } from "./text.js";
import type { Artifact, ArtifactMaker, ReproduceConfig } from "./types.js";

/** Estimators drawn, and the naive sample uniqueness they should beat. */
export const F7_ESTIMATORS = ["zayatz", "pitman", "snb", "dankar", "copula", "sample"] as const;
export type F7Estimator = (typeof F7_ESTIMATORS)[number];
/** Samples smaller than this are not drawn by default (an estimate from a handful of rows says nothing). */
export const F7_MIN_SAMPLE = 50;

export interface F7Row {
  panel: string;
  source: string;
  scheme: string;
  population: number;
  pi: number;
  sample_rows: number;
  estimator: F7Estimator;
  value: number;
  status: string;
  truth: number;
}

/** unique_fraction of a partition's rows. */
function uniqueShare(classSize: Int32Array, rows: number): number {
  let u = 0;
  for (let c = 0; c < classSize.length; c++) if (classSize[c] === 1) u++;
  return rows > 0 ? u / rows : 0;
}

/**
 * Every estimator against the truth on one population: per scheme and sampling fraction,
 * one row per estimator. Samples are seeded (`seed`), one per fraction, shared by the schemes.
 */
export function populationValidation(panel: string, source: string, population: Catalog, schemes: string[], fractions: number[], seed: number, minSample = F7_MIN_SAMPLE): F7Row[] {
  const N = population.rows;
  const rows: F7Row[] = [];
  const samples = fractions.map((pi) => ({ pi, n: Math.round(pi * N) })).filter((s) => s.n >= minSample);
  const drawn = samples.map((s) => ({ ...s, catalog: subsample(population, s.n, seed) }));
  for (const scheme of schemes) {
    const parsed = parseScheme(scheme);
    const truth = uniqueShare(partition(population, parsed).classSize, N);
    for (const { pi, n, catalog } of drawn) {
      const part = partition(catalog, parsed);
      const risk = populationRisk(catalog, parsed, part, { population: N });
      const base = { panel, source, scheme, population: N, pi, sample_rows: n, truth };
      for (const name of ["zayatz", "pitman", "snb", "dankar", "copula"] as const) {
        const e = risk.population.estimates[name]!;
        rows.push({ ...base, estimator: name, value: e.value, status: e.status });
      }
      rows.push({ ...base, estimator: "sample", value: uniqueShare(part.classSize, n), status: "ok" });
    }
  }
  return rows;
}

const valid = (r: F7Row) => r.status === "ok" || r.status === "no_uniques";

/** Median of |estimate − truth| over valid rows, and how many rows had no estimate. */
export function estimatorSummary(rows: F7Row[], estimator: F7Estimator): { medianError: number; maxError: number; failed: number; total: number } {
  const mine = rows.filter((r) => r.estimator === estimator);
  const errors = mine.filter(valid).map((r) => Math.abs(r.value - r.truth)).sort((a, b) => a - b);
  const median = errors.length ? errors[Math.floor((errors.length - 1) / 2)] : NaN;
  return { medianError: median, maxError: errors.length ? errors[errors.length - 1] : NaN, failed: mine.length - errors.length, total: mine.length };
}

function findingText(rows: F7Row[], smallestPi: number): string {
  const at = rows.filter((r) => r.pi === smallestPi);
  const ratio = (name: F7Estimator) => {
    const rs = at.filter((r) => r.estimator === name && valid(r) && r.truth > 0).map((r) => r.value / r.truth).sort((a, b) => a - b);
    return rs.length ? rs[Math.floor((rs.length - 1) / 2)] : NaN;
  };
  const s = Object.fromEntries(F7_ESTIMATORS.map((e) => [e, estimatorSummary(rows, e)])) as Record<F7Estimator, ReturnType<typeof estimatorSummary>>;
  const ranked = F7_ESTIMATORS.filter((e) => !Number.isNaN(s[e].medianError)).sort((a, b) => s[a].medianError - s[b].medianError);
  const fmtRatio = (x: number) => (Number.isNaN(x) ? "—" : `${Number(x.toPrecision(3))}×`);
  return (
    `Across ${new Set(rows.map((r) => `${r.panel}|${r.scheme}`)).size} population/scheme pairs and sampling fractions from ${pct(Math.min(...rows.map((r) => r.pi)))} to ${pct(Math.max(...rows.map((r) => r.pi)))}, ` +
    `the estimators rank by median absolute error (percentage points of population records): ${ranked.map((e) => `${e} ${Number((100 * s[e].medianError).toPrecision(2))} pp`).join(", ")}. ` +
    `At π = ${pct(smallestPi)} the naive sample uniqueness is ${fmtRatio(ratio("sample"))} the truth (median over schemes), Zayatz ${fmtRatio(ratio("zayatz"))}, the copula model ${fmtRatio(ratio("copula"))}. ` +
    `Pitman had no estimate in ${s.pitman.failed} of ${s.pitman.total} cases and SNB in ${s.snb.failed} of ${s.snb.total} (reported with their status, never as 0); ` +
    `the copula model's largest error anywhere was ${Number((100 * s.copula.maxError).toPrecision(2))} pp.`
  );
}

function errorTable(rows: F7Row[]): string {
  const keys = [...new Set(rows.map((r) => `${r.panel}|${r.scheme}|${r.pi}`))];
  const table: Table = {
    columns: ["population", "scheme", "π", "truth", ...F7_ESTIMATORS],
    rows: keys.map((k) => {
      const group = rows.filter((r) => `${r.panel}|${r.scheme}|${r.pi}` === k);
      const first = group[0];
      return [
        first.panel,
        first.scheme,
        pct(first.pi),
        pct(first.truth),
        ...F7_ESTIMATORS.map((e) => {
          const r = group.find((g) => g.estimator === e)!;
          return valid(r) ? pct(r.value) : r.status;
        }),
      ];
    }),
  };
  return renderMarkdownTable(table);
}

async function makeF7(config: ReproduceConfig): Promise<Artifact> {
  const p = paramsOf(config, "F7");
  const { population: N, fractions: F7_FRACTIONS, minSample } = p;
  const syntheticSource = `synthetic:video-library?rows=${N}&seed=${config.seed}`;
  // each catalog under the first candidate scheme that means something at its duration precision
  const real = (await paperCatalogs(config, p.catalogs)).flatMap((c) => {
    const [scheme] = schemesAtPrecision(c.catalog, p.realSchemes);
    return scheme ? [{ ...c, scheme }] : [];
  });
  const steps = 1 + real.length;
  const rows: F7Row[] = [];
  const population = generateVideoLibrary({ rows: N, seed: config.seed });
  rows.push(...populationValidation(`Synthetic (N = ${N.toLocaleString("en-US")})`, syntheticSource, population, p.syntheticSchemes, F7_FRACTIONS, config.seed, minSample));
  config.onProgress?.("F7", 1, steps);
  for (const [k, c] of real.entries()) {
    rows.push(...populationValidation(`${shortLabel(c.label)} (N = ${c.catalog.rows.toLocaleString("en-US")}, the whole catalog)`, c.source, c.catalog, [c.scheme], F7_FRACTIONS, config.seed, minSample));
    config.onProgress?.("F7", 2 + k, steps);
  }
  const data: Table = {
    columns: ["panel", "source", "scheme", "population", "pi", "sample_rows", "estimator", "value", "status", "truth"],
    rows: rows.map((r) => [r.panel, r.source, r.scheme, r.population, r.pi, r.sample_rows, r.estimator, r.value, r.status, r.truth]),
  };
  const panelOf = (r: F7Row) => `${r.panel}: ${r.scheme.replace(/(duration|bitrate|resolution)=/g, "")}`;
  const drawn = rows.filter((r) => valid(r) && r.value > 0).map((r) => ({ panel: panelOf(r), pi: r.pi, series: r.estimator, value: r.value }));
  const truths = [...new Map(rows.map((r) => [`${panelOf(r)}|${r.pi}`, r])).values()].map((r) => ({ panel: panelOf(r), pi: r.pi, series: "truth", value: r.truth }));
  const all = [...drawn, ...truths.filter((t) => t.value > 0)];
  const yMin = 10 ** Math.floor(Math.log10(Math.min(...all.map((r) => r.value), 0.1)));
  const notDrawn = rows.filter((r) => !valid(r)).length;
  return {
    id: "F7",
    name: "f7-population-estimators-vs-truth",
    title: f7.title,
    caption:
      `Data: a synthetic population of ${N.toLocaleString("en-US")} releases (generator seed ${config.seed}) under ${p.syntheticSchemes.join("; ")}${real.length ? `, and ${real.map((c) => `${c.source} (${c.catalog.rows.toLocaleString("en-US")} rows) under ${c.scheme}`).join(", ")}, each whole catalog taken as the population` : ""}. ` +
      `Samples: without replacement at π = ${F7_FRACTIONS.map((f) => pct(f)).join(", ")} (seed ${config.seed}; samples under ${minSample} rows skipped). ` +
      `Truth: the population's unique_fraction (records, not titles). Estimators: Zayatz (1991), Pitman (1996) maximum likelihood, SNB (Chen & Keller-McNulty 1998), the Dankar et al. (2012) rule, the Gaussian-copula model (Rocher, Hendrickx & de Montjoye 2019), and the sample's own uniqueness. ` +
      `${notDrawn} estimates without a value (status not ok) are not drawn; see the status column of the data.`,
    data,
    spec: lineChartSpec(all, {
      title: "Estimating population uniqueness from a sample",
      subtitle: [`Seeded samples (seed ${config.seed}); "truth" is the population's own unique share`],
      x: { field: "pi", title: "sampling fraction π (log)", log: true, format: ".1~%", values: F7_FRACTIONS },
      y: { field: "value", title: "population records unique (log)", percent: true, log: true, min: yMin, format: ".4~%", values: decades(yMin) },
      color: { field: "series", title: "estimator" },
      column: { field: "panel", wrap: 3 },
      // panel titles are long (the schemes): space panels by plot width, titles fit within it
      flushPanels: true,
      width: 380,
      height: 170,
    }),
    text: findingText(rows, F7_FRACTIONS.find((f) => rows.some((r) => r.pi === f))!),
    markdown: errorTable(rows),
  };
}

export const f7: ArtifactMaker = { id: "F7", name: "f7-population-estimators-vs-truth", title: "Population uniqueness estimated from a sample vs the truth", describe: "population uniqueness estimators vs the truth over the sampling fraction", make: makeF7 };
