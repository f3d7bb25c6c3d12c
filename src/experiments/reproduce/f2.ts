/**
 * F2 — library uniqueness against the number of plays p: plays from one server are
 * linkable, so how many servers do p generalized plays single out?
 */
import { libraryUniqueness } from "../../attacks/linkage.js";
import { DEFAULT_MEAN_LIBRARY_SIZE, DEFAULT_ZIPF_EXPONENT } from "../../attacks/libraries.js";
import { lineChartSpec } from "../../figures/lineChart.js";
import type { Table } from "../../output/tabular.js";
import { formatScheme } from "../../schemes/format.js";
import { parseScheme } from "../../schemes/parse.js";
import { paperServers } from "./catalogs.js";
import { pct } from "./text.js";
import type { Artifact, ArtifactMaker, ReproduceConfig } from "./types.js";

/** From what telemetry sends raw to what a coarse Plex-like promise might round to. */
export const LINKAGE_SCHEMES = [
  "duration=round(1s),bitrate=round(10kbps),resolution=exact",
  "duration=round(1s),bitrate=round(100kbps),resolution=class",
  "duration=round(1min),bitrate=round(1Mbps),resolution=class",
  "duration=round(5min),bitrate=round(2Mbps),resolution=class",
  "duration=round(10min),resolution=class",
].map((s) => formatScheme(parseScheme(s)));

const F2_PLAYS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

async function makeF2(config: ReproduceConfig): Promise<Artifact> {
  const { source, catalog, libraries, count } = await paperServers(config);
  const targets = config.quick ? 300 : 2000;
  const rows: Record<string, string | number>[] = [];
  for (const [i, scheme] of LINKAGE_SCHEMES.entries()) {
    for (const r of libraryUniqueness(catalog, libraries, parseScheme(scheme), { plays: F2_PLAYS, targets, seed: config.seed })) {
      rows.push({ scheme, plays: r.plays, unique_fraction: r.unique_fraction, mean_candidates: r.mean_candidates, targets: r.targets });
    }
    config.onProgress?.("F2", i + 1, LINKAGE_SCHEMES.length);
  }
  const at = (scheme: string, p: number) => rows.find((r) => r.scheme === scheme && r.plays === p)?.unique_fraction as number | undefined;
  const data: Table = { columns: ["scheme", "plays", "unique_fraction", "mean_candidates", "targets"], rows: rows.map((r) => [r.scheme, r.plays, r.unique_fraction, r.mean_candidates, r.targets]) };
  const [finest, , middle, coarse] = LINKAGE_SCHEMES;
  const firstP = (scheme: string, share: number) => F2_PLAYS.find((p) => (at(scheme, p) ?? 0) >= share);
  return {
    id: "F2",
    name: "f2-library-uniqueness-vs-plays",
    title: "Library uniqueness vs number of plays",
    caption:
      `Data: ${count.toLocaleString("en-US")} synthetic servers drawn from ${source} (Zipf popularity, exponent ${DEFAULT_ZIPF_EXPONENT}; log-normal sizes, mean ${DEFAULT_MEAN_LIBRARY_SIZE} items), ` +
      `${targets} target servers, seed ${config.seed}. Attacker: sees p plays of one server under the scheme and holds every server's library (multi-play linkage, closed world). ` +
      `Reference: de Montjoye et al. 2013, 4 spatio-temporal points single out 95 % of people, 2 points over 50 %.`,
    data,
    spec: lineChartSpec(rows, {
      title: "How many plays single out a server?",
      subtitle: `${count.toLocaleString("en-US")} synthetic servers; attacker links p plays to the one library holding all of them`,
      x: { field: "plays", title: "plays observed from one server (p)", integer: true },
      y: { field: "unique_fraction", title: "servers singled out", percent: true },
      color: { field: "scheme", title: "scheme" },
      references: [
        // in the margin: the steepest curves pass right of both points at their height
        { x: 4, y: 0.95, label: "de Montjoye 2013: 4 points → 95 %", labelSide: "margin" },
        { x: 2, y: 0.5, label: "2 points → over 50 %", labelSide: "margin" },
      ],
      width: 420,
      height: 260,
      // below the plot: the reference labels take the right margin
      legend: "bottom",
    }),
    text:
      `Four plays single out ${pct(at(finest, 4))} of servers when durations are rounded to 1 s and bitrate to 10 kbps, ` +
      `and ${pct(at(middle, 4))} under ${middle}; ${coarse} needs ${firstP(coarse, 0.5) ?? "more than 10"} plays to single out half of them ` +
      `(${pct(at(coarse, 10))} at 10 plays).`,
  };
}

export const f2: ArtifactMaker = { id: "F2", name: "f2-library-uniqueness-vs-plays", describe: "library uniqueness vs number of plays", make: makeF2 };
