/**
 * F5 — uniqueness against catalog size N: does one play (or four) still name the
 * title / the server when the catalog grows from a thousand to a million files?
 *
 * - Synthetic release catalogs of exactly N rows (`generateVideoLibrary({rows: N})`,
 *   one catalog per N, same seed) under schemes with and without bitrate;
 * - seeded subsamples of the real catalogs, up to their own size, under
 *   duration-only schemes (they have no resolution; IMDb's runtimes are whole
 *   minutes, so only round(1min) means anything there);
 * - the occupancy model (predictRisk: Σ p_b(1 − p_b)^(N−1) on a density fitted to
 *   each catalog, docs/metrics.md) for unique_fraction, dashed;
 * - p = 4 plays from a fixed number of synthetic servers drawn from each synthetic
 *   catalog (libraryUniqueness): the share of servers the plays single out.
 *
 * The literature anchor (Farzanehfar et al. 2021, Patterns 2:100204, abstract:
 * 93 % of 60 M people unique with 4 location points, a slow convex decrease with
 * size) is named in the caption, not drawn: it is another kind of data at 60× our
 * largest N.
 */
import { libraryUniqueness } from "../../attacks/linkage.js";
import { selectRows } from "../../attacks/attacker.js";
import { sampleTargets } from "../../attacks/targets.js";
import type { Catalog } from "../../catalog/catalog.js";
import { drawLibraries, DEFAULT_MEAN_LIBRARY_SIZE, DEFAULT_ZIPF_EXPONENT } from "../../attacks/libraries.js";
import { Rng } from "../../base/random.js";
import { generateVideoLibrary } from "../../sources/synthetic/synthetic.js";
import { evaluate } from "../../measures/evaluate.js";
import { predictRisk } from "../../measures/model/predictRisk.js";
import { lineChartSpec } from "../../figures/lineChart.js";
import type { Table } from "../../output/tabular.js";
import { parseScheme } from "../../schemes/parse.js";
import { parseDurationMs } from "../../catalog/units.js";
import { paperCatalogs, paperServers, paramsOf } from "./catalogs.js";
import { requireAttributes } from "./notBuilt.js";
import { numberWord, pct, shortLabel } from "./text.js";
import type { Artifact, ArtifactMaker, ReproduceConfig } from "./types.js";

/** The duration width of a scheme in ms (NaN when it does not round the duration). */
export function durationWidthMs(scheme: string): number {
  const m = /(?:^|,)duration=round\(([^)]+)\)/.exec(scheme);
  return m ? parseDurationMs(m[1]) : NaN;
}

/**
 * The schemes that mean something at a catalog's duration precision: those rounding the
 * duration no finer than the catalog records it (IMDb's whole minutes: round(1min), not round(1s)).
 */
export function schemesAtPrecision(catalog: Catalog, schemes: readonly string[]): string[] {
  const precision = catalog.precision.duration_ms ?? 0;
  return schemes.filter((s) => !(durationWidthMs(s) < precision));
}

/** "the minute" for duration=round(1min) alone; the schemes joined otherwise. */
function schemesInWords(schemes: string[]): string {
  const units: Record<string, string> = { min: "minute", s: "second", h: "hour", ms: "millisecond" };
  const m = schemes.length === 1 ? /^duration=round\(1(min|s|h|ms)\)$/.exec(schemes[0]) : null;
  return m ? `the ${units[m[1]]}` : schemes.join(", ");
}

/** Series (line style) names, from the metric and whether it is measured or modelled. */
export const F5_SERIES = {
  title_unique: "one play names the title (title_unique_fraction)",
  unique: "file unique (unique_fraction)",
  model: "occupancy model of unique_fraction",
  servers: (plays: number) => `${plays} plays single out the server`,
} as const;

/** Rng sub-stream of the real-catalog subsamples (apart from the generators' and the attacks'). */
const SUBSAMPLE_STREAM = 51;

/** The sizes of `grid` below `rows`, then the whole catalog. */
export function sizesUpTo(rows: number, grid: number[]): number[] {
  return [...grid.filter((n) => n < rows), rows];
}

/** `n` rows of `catalog` drawn without replacement (the whole catalog when n ≥ rows). */
export function subsample(catalog: Catalog, n: number, seed: number): Catalog {
  if (n >= catalog.rows) return catalog;
  return selectRows(catalog, sampleTargets(catalog.rows, n, new Rng(seed, SUBSAMPLE_STREAM)));
}

interface F5Row {
  panel: string;
  source: string;
  catalog_rows: number;
  scheme: string;
  metric: "title_unique_fraction" | "unique_fraction" | "kappa" | "server_unique_fraction";
  kind: "measured" | "model";
  value: number;
  /** The series drawn (line style). */
  series: string;
}

/** Measured and modelled single-play metrics of `schemes` on one catalog. */
function itemRows(panel: string, source: string, catalog: Catalog, schemes: string[]): F5Row[] {
  const base = { panel, source, catalog_rows: catalog.rows };
  const out: F5Row[] = [];
  const grid = evaluate(catalog, schemes.map((s) => parseScheme(s)));
  for (const [i, scheme] of schemes.entries()) {
    const m = grid.results[i].metrics;
    const model = predictRisk(catalog, parseScheme(scheme));
    out.push(
      { ...base, scheme, metric: "title_unique_fraction", kind: "measured", value: m.title_unique_fraction, series: F5_SERIES.title_unique },
      { ...base, scheme, metric: "unique_fraction", kind: "measured", value: m.unique_fraction, series: F5_SERIES.unique },
      { ...base, scheme, metric: "unique_fraction", kind: "model", value: model.unique_fraction, series: F5_SERIES.model },
      // kappa is in the data for readers of the CSV, not drawn (it tracks title_unique here)
      { ...base, scheme, metric: "kappa", kind: "measured", value: m.kappa, series: "" },
      { ...base, scheme, metric: "kappa", kind: "model", value: model.kappa, series: "" },
    );
  }
  return out;
}

/** Powers of ten from `min` to 1: the log axis's ticks. */
export function decades(min: number): number[] {
  const out: number[] = [];
  for (let e = Math.round(Math.log10(min)); e <= 0; e++) out.push(10 ** e);
  return out;
}

/**
 * Which hides better when it grows by the same factor: the server population (4 plays) or
 * the catalog (one play)? The one whose share singled out falls to the smaller fraction of
 * where it started. E.g. servers 95.5 % → 40.9 % (×0.43) against one play 100 % → 93.9 %
 * (×0.94) over 100-fold growth: ": a 100-fold population hides a server more than a
 * 100-fold catalog hides one play (95.5 % → 40.9 % against 100 % → 93.9 %)". Empty when
 * a value is missing (the catalog grid has no size at that factor).
 */
export function growthComparison(factor: number, servers: (number | undefined)[], plays: (number | undefined)[]): string {
  const [s0, s1] = servers;
  const [p0, p1] = plays;
  if (s0 === undefined || s1 === undefined || p0 === undefined || p1 === undefined || s0 === 0 || p0 === 0) return ".";
  const serverRatio = s1 / s0;
  const playRatio = p1 / p0;
  const verdict = serverRatio < playRatio ? "more than" : serverRatio > playRatio ? "less than" : "as much as";
  return `: a ${factor}-fold population hides a server ${verdict} a ${factor}-fold catalog hides one play (${pct(s0)} → ${pct(s1)} against ${pct(p0)} → ${pct(p1)}).`;
}

export const SYNTHETIC_ITEMS_PANEL = "Synthetic releases: one play";

async function makeF5(config: ReproduceConfig): Promise<Artifact> {
  const p = paramsOf(config, "F5");
  const { sizes, servers, targets, plays: F5_PLAYS } = p;
  const serverPanel = `Synthetic servers: ${F5_PLAYS} plays (x = servers M)`;
  const serverSeries = F5_SERIES.servers(F5_PLAYS);
  // the study's order is the panel order (the paper: IMDb, the largest, beside the synthetic ones)
  const real = (await paperCatalogs(config, p.catalogs)).map((c) => ({ ...c, schemes: schemesAtPrecision(c.catalog, p.realSchemes) }));
  const { source: serverSource, label: serverLabel, catalog: serverCatalog } = await paperServers(config);
  requireAttributes("F5", serverLabel, serverCatalog, p.serverSchemes);
  const steps = sizes.length + servers.length + real.length;
  let step = 0;
  const synthetic: F5Row[] = [];
  const serverRows: F5Row[] = [];
  for (const n of sizes) {
    const catalog = generateVideoLibrary({ rows: n, seed: config.seed });
    const source = `synthetic:video-library?rows=${n}&seed=${config.seed}`;
    synthetic.push(...itemRows(SYNTHETIC_ITEMS_PANEL, source, catalog, p.syntheticSchemes));
    config.onProgress?.("F5", ++step, steps);
  }
  // Multi-play unicity against the population: the study's server catalog fixed, the
  // number of servers M growing (a server hides only among other servers).
  for (const m of servers) {
    const libraries = drawLibraries(serverCatalog, { count: m, seed: config.seed });
    for (const scheme of p.serverSchemes) {
      const [r] = libraryUniqueness(serverCatalog, libraries, parseScheme(scheme), { plays: [F5_PLAYS], targets, seed: config.seed });
      serverRows.push({ panel: serverPanel, source: serverSource, catalog_rows: m, scheme, metric: "server_unique_fraction", kind: "measured", value: r.unique_fraction, series: serverSeries });
    }
    config.onProgress?.("F5", ++step, steps);
  }
  const realRows: F5Row[] = [];
  for (const { label, source, catalog, schemes } of real) {
    if (schemes.length > 0) for (const n of sizesUpTo(catalog.rows, sizes)) realRows.push(...itemRows(label, source, subsample(catalog, n, config.seed), schemes));
    config.onProgress?.("F5", ++step, steps);
  }
  const rows = [...synthetic, ...serverRows, ...realRows];
  const data: Table = {
    // `size` is N files, or M servers in the server panel
    columns: ["panel", "source", "size", "size_unit", "scheme", "metric", "kind", "value"],
    rows: rows.map((r) => [r.panel, r.source, r.catalog_rows, r.metric === "server_unique_fraction" ? "servers" : "files", r.scheme, r.metric, r.kind, r.value]),
  };

  const at = (panel: string, scheme: string, n: number, metric: F5Row["metric"], kind: F5Row["kind"] = "measured") =>
    rows.find((r) => r.panel === panel && r.scheme === scheme && r.catalog_rows === n && r.metric === metric && r.kind === kind)?.value;
  const pick = (list: string[], i: number) => list[Math.min(i, list.length - 1)];
  const [fine, coarse] = [0, 1].map((i) => pick(p.syntheticSchemes, i));
  // the other synthetic schemes beside the first: duration-only ones first ("alone"), then the rest
  const durationOnly = (s: string) => /^duration=[^,]+$/.test(s);
  const others = [...p.syntheticSchemes.slice(1).filter(durationOnly), ...p.syntheticSchemes.slice(1).filter((s) => !durationOnly(s))];
  const span = (s: string) => `${pct(at(SYNTHETIC_ITEMS_PANEL, s, nMin, "title_unique_fraction"))} → ${pct(at(SYNTHETIC_ITEMS_PANEL, s, nMax, "title_unique_fraction"))}`;
  const [serverFine, serverCoarse] = [0, 1].map((i) => pick(p.serverSchemes, i));
  const nMin = sizes[0];
  const nMax = sizes[sizes.length - 1];
  const mMin = servers[0];
  const mMax = servers[servers.length - 1];
  const size = (n: number) => n.toLocaleString("en-US");
  // a runtime catalog in whole minutes (the paper: IMDb): how far the coarse clock alone hides a film
  const minutes = real.find((c) => (c.catalog.precision.duration_ms ?? 0) >= 60_000 && c.schemes.length > 0);
  const imdbText = minutes
    ? ` On ${shortLabel(minutes.label)} runtimes (whole minutes), one play names the title for ${pct(at(minutes.label, minutes.schemes[0], nMin, "title_unique_fraction"))} of ${size(nMin)} films and ${pct(at(minutes.label, minutes.schemes[0], minutes.catalog.rows, "title_unique_fraction"))} of all ${size(minutes.catalog.rows)}.`
    : "";
  const first = serverFine === fine ? "the first scheme" : serverFine;
  const second = serverCoarse === coarse ? "the second" : serverCoarse;
  const text =
    `On synthetic release catalogs, one play under ${fine} names the title for ${pct(at(SYNTHETIC_ITEMS_PANEL, fine, nMin, "title_unique_fraction"))} of ${size(nMin)} files and ${pct(at(SYNTHETIC_ITEMS_PANEL, fine, nMax, "title_unique_fraction"))} of ${size(nMax)}` +
    (others.length ? ` (${others.map((s) => `${s}${durationOnly(s) ? " alone" : ""}: ${span(s)}`).join("; ")})` : "") +
    ". " +
    `${numberWord(F5_PLAYS, true)} play${F5_PLAYS === 1 ? "" : "s"} single out ${pct(at(serverPanel, serverFine, mMin, "server_unique_fraction"))} of ${size(mMin)} servers and ${pct(at(serverPanel, serverFine, mMax, "server_unique_fraction"))} of ${size(mMax)} under ${first} ` +
    `(${pct(at(serverPanel, serverCoarse, mMin, "server_unique_fraction"))} → ${pct(at(serverPanel, serverCoarse, mMax, "server_unique_fraction"))} under ${second})` +
    growthComparison(Math.round(mMax / mMin), [at(serverPanel, serverFine, mMin, "server_unique_fraction"), at(serverPanel, serverFine, mMax, "server_unique_fraction")], [
      at(SYNTHETIC_ITEMS_PANEL, fine, nMin, "title_unique_fraction"),
      at(SYNTHETIC_ITEMS_PANEL, fine, nMin * Math.round(mMax / mMin), "title_unique_fraction"),
    ]) +
    imdbText;

  const drawn = rows.filter((r) => r.series !== "");
  // catalogs too coarse for some of the real schemes (or for all of them: no panel)
  const restricted = real.filter((c) => c.schemes.length < p.realSchemes.length);
  // The log axis starts at the decade below the smallest positive value; zeros cannot be drawn on it.
  const positive = drawn.filter((r) => r.value > 0).map((r) => r.value);
  const yMin = 10 ** Math.floor(Math.log10(Math.min(...positive, 0.1)));
  const zeros = drawn.length - positive.length;
  return {
    id: "F5",
    name: "f5-uniqueness-vs-catalog-size",
    title: f5.title,
    caption:
      `Data: synthetic release catalogs of exactly N rows (N = ${sizes.map(size).join(", ")}; generator seed ${config.seed}) and seeded subsamples (seed ${config.seed}) of ` +
      `${real.map((c) => `${c.source} (${size(c.catalog.rows)} rows)`).join(", ")} up to their size. ` +
      `Schemes: ${p.syntheticSchemes.join("; ")} on the synthetic catalogs; duration only on the real ones (${[...new Set(real.flatMap((c) => c.schemes))].join(", ")}${restricted.length ? `; ${restricted.map((c) => `${shortLabel(c.label)} only ${schemesInWords(c.schemes)}`).join("; ")}` : ""}). ` +
      `Attacker: holds the same catalog (single play); for the server panel, M = ${servers.map(size).join(", ")} servers drawn from ${serverSource} (Zipf popularity, exponent ${DEFAULT_ZIPF_EXPONENT}; mean ${DEFAULT_MEAN_LIBRARY_SIZE} items), ` +
      `${size(targets)} target servers, ${F5_PLAYS} plays each, the attacker holding every server's library. ` +
      `Dashed: the occupancy model Σ p_b(1 − p_b)^(N−1) fitted to each catalog (attributes independent). ` +
      `${zeros > 0 ? `${zeros} values of 0 % are not drawn on the log axis. ` : ""}For comparison, not drawn: Farzanehfar et al. 2021 find 93 % of 60 M people unique from 4 location points, decreasing slowly with population size.`,
    data,
    spec: lineChartSpec(
      drawn.map((r) => ({ panel: r.panel, catalog_rows: r.catalog_rows, scheme: r.scheme, series: r.series, value: r.value })),
      {
        title: "Does a bigger catalog hide a play?",
        subtitle: [`Attacker holds the same catalog; synthetic catalogs and subsamples: seed ${config.seed}`],
        x: { field: "catalog_rows", title: "size: files N (servers M in the server panel)", log: true, format: "~s", independent: true },
        y: { field: "value", title: "share singled out (log)", percent: true, log: true, min: yMin, format: ".2~%", values: decades(yMin) },
        color: { field: "scheme", title: "scheme" },
        dash: {
          field: "series",
          title: "measure",
          sort: [F5_SERIES.title_unique, F5_SERIES.unique, F5_SERIES.model, serverSeries],
          // measured solid/dotted, the model dashed, the server panel's series dash-dot: four looks for four entries
          patterns: [[1, 0], [1, 2], [6, 3], [10, 3, 2, 3]],
        },
        column: { field: "panel", wrap: 3 },
        legend: "bottom",
        width: 220,
        height: 170,
      },
    ),
    text,
  };
}

export const f5: ArtifactMaker = { id: "F5", name: "f5-uniqueness-vs-catalog-size", title: "Uniqueness vs catalog size", describe: "uniqueness vs catalog size (single play, 4 plays)", make: makeF5 };
