/**
 * F2 — library uniqueness against the number of plays p: plays from one server are
 * linkable, so how many servers do p generalized plays single out?
 */
import { libraryUniqueness } from "../../attacks/linkage.js";
import { DEFAULT_MEAN_LIBRARY_SIZE, DEFAULT_ZIPF_EXPONENT } from "../../attacks/libraries.js";
import { lineChartSpec } from "../../figures/lineChart.js";
import type { Table } from "../../output/tabular.js";
import { parseScheme } from "../../schemes/parse.js";
import { paperServers, paramsOf } from "./catalogs.js";
import { requireAttributes } from "./notBuilt.js";
import { numberWord, pct, schemeProse } from "./text.js";
import type { Artifact, ArtifactMaker, ReproduceConfig } from "./types.js";

async function makeF2(config: ReproduceConfig): Promise<Artifact> {
  const p = paramsOf(config, "F2");
  const { source, label, catalog, libraries, count } = await paperServers(config);
  requireAttributes("F2", label, catalog, p.schemes);
  const targets = p.targets;
  const rows: Record<string, string | number>[] = [];
  for (const [i, scheme] of p.schemes.entries()) {
    for (const r of libraryUniqueness(catalog, libraries, parseScheme(scheme), { plays: p.plays, targets, seed: config.seed })) {
      rows.push({ scheme, plays: r.plays, unique_fraction: r.unique_fraction, mean_candidates: r.mean_candidates, targets: r.targets });
    }
    config.onProgress?.("F2", i + 1, p.schemes.length);
  }
  const at = (scheme: string, p: number) => rows.find((r) => r.scheme === scheme && r.plays === p)?.unique_fraction as number | undefined;
  const data: Table = { columns: ["scheme", "plays", "unique_fraction", "mean_candidates", "targets"], rows: rows.map((r) => [r.scheme, r.plays, r.unique_fraction, r.mean_candidates, r.targets]) };
  // the text quotes the finest scheme, the middle one and the second coarsest (the paper's ladder: 1st, 3rd, 4th of 5;
  // of fewer than 4, the middle and the coarsest)
  const n = p.schemes.length;
  const middle = p.schemes[n >= 3 ? Math.floor((n - 1) / 2) : n - 1];
  const coarse = p.schemes[n >= 4 ? n - 2 : n - 1];
  const finest = p.schemes[0];
  const k = p.plays.includes(4) ? 4 : p.plays[Math.min(3, p.plays.length - 1)];
  const lastP = p.plays[p.plays.length - 1];
  const firstP = (scheme: string, share: number) => p.plays.find((q) => (at(scheme, q) ?? 0) >= share);
  const prose = schemeProse(finest);
  return {
    id: "F2",
    name: "f2-library-uniqueness-vs-plays",
    title: f2.title,
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
      `${numberWord(k, true)} play${k === 1 ? "" : "s"} single out ${pct(at(finest, k))} of servers ${prose ? `when ${prose}` : `under ${finest}`}, ` +
      `and ${pct(at(middle, k))} under ${middle}; ${coarse} needs ${firstP(coarse, 0.5) ?? `more than ${lastP}`} plays to single out half of them ` +
      `(${pct(at(coarse, lastP))} at ${lastP} plays).`,
  };
}

export const f2: ArtifactMaker = { id: "F2", name: "f2-library-uniqueness-vs-plays", title: "Library uniqueness vs number of plays", describe: "library uniqueness vs number of plays", make: makeF2 };
