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
import { formatScheme } from "../../schemes/format.js";
import { parseScheme } from "../../schemes/parse.js";
import { paperCatalogs, paperServers } from "./catalogs.js";
import { pct } from "./text.js";
import type { Artifact, ArtifactMaker, ReproduceConfig } from "./types.js";

const canonical = (s: string) => formatScheme(parseScheme(s));

export const F5_SIZES_FULL = [1e3, 3e3, 1e4, 3e4, 1e5, 3e5, 1e6];
export const F5_SIZES_QUICK = [1e3, 1e4, 1e5];
/** With bitrate (fine, then Plex-like coarse) and the duration alone, for comparison with the real catalogs. */
export const F5_SYNTHETIC_SCHEMES = [
  "duration=round(1s),bitrate=round(100kbps),resolution=class",
  "duration=round(1min),bitrate=round(1Mbps),resolution=class",
  "duration=round(1s)",
].map(canonical);
/** The schemes whose servers are attacked with p plays. */
export const F5_SERVER_SCHEMES = F5_SYNTHETIC_SCHEMES.slice(0, 2);
export const F5_PLAYS = 4;

/** Real catalogs: registry name → duration-only schemes that mean something at its precision. */
export const F5_REAL_SCHEMES: Record<string, string[]> = {
  "imdb-ggplot2movies": ["duration=round(1min)"].map(canonical),
  "chinook-tracks": ["duration=round(1s)", "duration=round(1min)"].map(canonical),
  "spotify-popularity-2024": ["duration=round(1s)", "duration=round(1min)"].map(canonical),
};

/** Series (line style) names, from the metric and whether it is measured or modelled. */
export const F5_SERIES = {
  title_unique: "one play names the title (title_unique_fraction)",
  unique: "file unique (unique_fraction)",
  model: "occupancy model of unique_fraction",
  servers: `${F5_PLAYS} plays single out the server`,
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

export interface F5Row {
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

export interface F5Settings {
  /** Catalog sizes N (files). */
  sizes: number[];
  /** Server populations M of the server panel. */
  servers: number[];
  targets: number;
}

export const F5_SERVERS_FULL = [1e3, 3e3, 1e4, 3e4, 1e5];
export const F5_SERVERS_QUICK = [1e3, 3e3, 1e4];

export function f5Settings(config: ReproduceConfig): F5Settings {
  return config.quick ? { sizes: F5_SIZES_QUICK, servers: F5_SERVERS_QUICK, targets: 300 } : { sizes: F5_SIZES_FULL, servers: F5_SERVERS_FULL, targets: 1000 };
}

/** Powers of ten from `min` to 1: the log axis's ticks. */
export function decades(min: number): number[] {
  const out: number[] = [];
  for (let e = Math.round(Math.log10(min)); e <= 0; e++) out.push(10 ** e);
  return out;
}

export const SYNTHETIC_ITEMS_PANEL = "Synthetic releases: one play";

async function makeF5(config: ReproduceConfig): Promise<Artifact> {
  const { sizes, servers, targets } = f5Settings(config);
  const serverPanel = `Synthetic servers: ${F5_PLAYS} plays (x = servers M)`;
  // F5_REAL_SCHEMES's order: the panel order (IMDb, the largest, beside the synthetic ones)
  const loaded = await paperCatalogs(config);
  const real = Object.keys(F5_REAL_SCHEMES).flatMap((source) => loaded.filter((c) => c.source === source));
  const steps = sizes.length + servers.length + real.length;
  let step = 0;
  const synthetic: F5Row[] = [];
  const serverRows: F5Row[] = [];
  for (const n of sizes) {
    const catalog = generateVideoLibrary({ rows: n, seed: config.seed });
    const source = `synthetic:video-library?rows=${n}&seed=${config.seed}`;
    synthetic.push(...itemRows(SYNTHETIC_ITEMS_PANEL, source, catalog, F5_SYNTHETIC_SCHEMES));
    config.onProgress?.("F5", ++step, steps);
  }
  // Multi-play unicity against the population: the study's release catalog fixed, the
  // number of servers M growing (a server hides only among other servers).
  const { source: serverSource, catalog: serverCatalog } = await paperServers(config);
  for (const m of servers) {
    const libraries = drawLibraries(serverCatalog, { count: m, seed: config.seed });
    for (const scheme of F5_SERVER_SCHEMES) {
      const [r] = libraryUniqueness(serverCatalog, libraries, parseScheme(scheme), { plays: [F5_PLAYS], targets, seed: config.seed });
      serverRows.push({ panel: serverPanel, source: serverSource, catalog_rows: m, scheme, metric: "server_unique_fraction", kind: "measured", value: r.unique_fraction, series: F5_SERIES.servers });
    }
    config.onProgress?.("F5", ++step, steps);
  }
  const realRows: F5Row[] = [];
  for (const { label, source, catalog } of real) {
    for (const n of sizesUpTo(catalog.rows, sizes)) realRows.push(...itemRows(label, source, subsample(catalog, n, config.seed), F5_REAL_SCHEMES[source]));
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
  const [fine, coarse, durationOnly] = F5_SYNTHETIC_SCHEMES;
  const nMin = sizes[0];
  const nMax = sizes[sizes.length - 1];
  const mMin = servers[0];
  const mMax = servers[servers.length - 1];
  const size = (n: number) => n.toLocaleString("en-US");
  const imdb = real.find((c) => c.source === "imdb-ggplot2movies");
  const imdbText = imdb
    ? ` On IMDb runtimes (whole minutes), one play names the title for ${pct(at(imdb.label, F5_REAL_SCHEMES[imdb.source][0], nMin, "title_unique_fraction"))} of ${size(nMin)} films and ${pct(at(imdb.label, F5_REAL_SCHEMES[imdb.source][0], imdb.catalog.rows, "title_unique_fraction"))} of all ${size(imdb.catalog.rows)}.`
    : "";
  const text =
    `On synthetic release catalogs, one play under ${fine} names the title for ${pct(at(SYNTHETIC_ITEMS_PANEL, fine, nMin, "title_unique_fraction"))} of ${size(nMin)} files and ${pct(at(SYNTHETIC_ITEMS_PANEL, fine, nMax, "title_unique_fraction"))} of ${size(nMax)} ` +
    `(${durationOnly} alone: ${pct(at(SYNTHETIC_ITEMS_PANEL, durationOnly, nMin, "title_unique_fraction"))} → ${pct(at(SYNTHETIC_ITEMS_PANEL, durationOnly, nMax, "title_unique_fraction"))}; ${coarse}: ${pct(at(SYNTHETIC_ITEMS_PANEL, coarse, nMin, "title_unique_fraction"))} → ${pct(at(SYNTHETIC_ITEMS_PANEL, coarse, nMax, "title_unique_fraction"))}). ` +
    `Four plays single out ${pct(at(serverPanel, fine, mMin, "server_unique_fraction"))} of ${size(mMin)} servers and ${pct(at(serverPanel, fine, mMax, "server_unique_fraction"))} of ${size(mMax)} under the first scheme ` +
    `(${pct(at(serverPanel, coarse, mMin, "server_unique_fraction"))} → ${pct(at(serverPanel, coarse, mMax, "server_unique_fraction"))} under the second): a ${Math.round(mMax / mMin)}-fold population hides a server much less than a larger catalog hides one play.` +
    imdbText;

  const drawn = rows.filter((r) => r.series !== "");
  // The log axis starts at the decade below the smallest positive value; zeros cannot be drawn on it.
  const positive = drawn.filter((r) => r.value > 0).map((r) => r.value);
  const yMin = 10 ** Math.floor(Math.log10(Math.min(...positive, 0.1)));
  const zeros = drawn.length - positive.length;
  return {
    id: "F5",
    name: "f5-uniqueness-vs-catalog-size",
    title: "Uniqueness vs catalog size",
    caption:
      `Data: synthetic release catalogs of exactly N rows (N = ${sizes.map(size).join(", ")}; generator seed ${config.seed}) and seeded subsamples (seed ${config.seed}) of ` +
      `${real.map((c) => `${c.source} (${size(c.catalog.rows)} rows)`).join(", ")} up to their size. ` +
      `Schemes: ${F5_SYNTHETIC_SCHEMES.join("; ")} on the synthetic catalogs; duration only on the real ones (${[...new Set(Object.values(F5_REAL_SCHEMES).flat())].join(", ")}; IMDb only the minute). ` +
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
        x: { field: "catalog_rows", title: "size: files N (servers M in the server panel)", log: true, format: "~s", values: [1e3, 1e4, 1e5, 1e6].filter((v) => v <= Math.max(nMax, mMax) * 1.0001) },
        y: { field: "value", title: "share singled out (log)", percent: true, log: true, min: yMin, format: ".2~%", values: decades(yMin) },
        color: { field: "scheme", title: "scheme" },
        dash: {
          field: "series",
          title: "measure",
          sort: [F5_SERIES.title_unique, F5_SERIES.unique, F5_SERIES.model, F5_SERIES.servers],
          // measured solid/dotted, the model dashed; the server panel's one series solid
          patterns: [[1, 0], [1, 2], [6, 3], [1, 0]],
        },
        column: { field: "panel", wrap: 3 },
        width: 220,
        height: 170,
      },
    ),
    text,
  };
}

export const f5: ArtifactMaker = { id: "F5", name: "f5-uniqueness-vs-catalog-size", describe: "uniqueness vs catalog size (single play, 4 plays)", make: makeF5 };
