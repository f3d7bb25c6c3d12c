/**
 * F3 — Scoreboard-RH success against the number of known plays k: the Netflix-Prize
 * figure of Narayanan & Shmatikov (IEEE S&P 2008, §5), with servers as the sparse
 * records and generalized plays as the auxiliary items. Panels mirror their grid of
 * (wrong ratings, date error ±3/±14 days) as (wrong plays, duration error ±3/±14 s).
 */
import type { TopLevelSpec } from "vega-lite";
import { evaluateAttack } from "../../attacks/evaluation.js";
import { DEFAULT_PHI, runLibraryAttack } from "../../attacks/libraryAttack.js";
import { lineChartSpec, type ReferencePoint } from "../../figures/lineChart.js";
import type { Table } from "../../output/tabular.js";
import { parseScheme } from "../../schemes/parse.js";
import { paperServers } from "./catalogs.js";
import { LINKAGE_SCHEMES } from "./f2.js";
import { pct } from "./text.js";
import type { Artifact, ArtifactMaker, ReproduceConfig } from "./types.js";

export const F3_PLAYS_FULL = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
export const F3_PLAYS_QUICK = [1, 2, 3, 4, 6, 8, 10];

/** The finest scheme, the 1 min one and the 5 min one of F2's ladder. */
export const F3_SCHEMES = [LINKAGE_SCHEMES[0], LINKAGE_SCHEMES[2], LINKAGE_SCHEMES[3]];

export interface F3Panel {
  label: string;
  wrongPlays: number;
  durationErrorMs: number;
}

export const F3_PANELS: F3Panel[] = [
  { label: "exact aux: 0 wrong plays, ±0 s", wrongPlays: 0, durationErrorMs: 0 },
  { label: "2 wrong plays, durations ±3 s", wrongPlays: 2, durationErrorMs: 3000 },
  { label: "2 wrong plays, durations ±14 s", wrongPlays: 2, durationErrorMs: 14_000 },
];

export const F3_MEASURES = { success: "re-identified", noMatch: "no match" } as const;

/**
 * Published anchors (Narayanan & Shmatikov): 8 ratings with 2 wrong and dates
 * within ±14 days → 99 % (final version, as quoted by Wired 2007), and the earlier
 * arXiv version's 8 ratings with 2 wrong and ±3 days → 96 % (quoted in course notes).
 * Not drawn: "2 ratings + dates (±3 days) → 68 %" and "6 of 8 rare movies without dates
 * → 84 %", both left out because we could not check them
 * against the papers themselves.
 */
export const F3_REFERENCES: ReferencePoint[] = [
  { x: 8, y: 0.99, label: "N&S (8, 2 wrong, ±14 d): 99 %", panel: F3_PANELS[2].label, labelSide: "left" },
  { x: 8, y: 0.96, label: "N&S (8, 2 wrong, ±3 d): 96 %", panel: F3_PANELS[1].label, labelSide: "left" },
];

/** Bootstrap replicates of the success and no-match intervals. */
const F3_BOOTSTRAP = 1000;

/** Plays of a panel: with w wrong plays, k must exceed w for any play to be the target's. */
export function f3PlaysFor(panel: F3Panel, quick: boolean): number[] {
  return (quick ? F3_PLAYS_QUICK : F3_PLAYS_FULL).filter((k) => k > panel.wrongPlays);
}

async function makeF3(config: ReproduceConfig): Promise<Artifact> {
  const { source, catalog, libraries, count } = await paperServers(config);
  const targets = config.quick ? 150 : 1000;
  const rows: Record<string, string | number>[] = [];
  const total = F3_SCHEMES.length * F3_PANELS.length;
  let step = 0;
  for (const panel of F3_PANELS) {
    for (const scheme of F3_SCHEMES) {
      const parsed = parseScheme(scheme);
      for (const plays of f3PlaysFor(panel, config.quick)) {
        const outcomes = runLibraryAttack(catalog, libraries, {
          method: "scoreboard",
          scheme: parsed,
          plays,
          targets,
          seed: config.seed,
          wrongPlays: panel.wrongPlays,
          durationErrorMs: panel.durationErrorMs,
          phi: DEFAULT_PHI,
        });
        const ev = evaluateAttack(outcomes, { bootstrap: F3_BOOTSTRAP, seed: config.seed });
        const base = { panel: panel.label, wrong_plays: panel.wrongPlays, duration_error_s: panel.durationErrorMs / 1000, scheme, plays };
        rows.push({ ...base, measure: F3_MEASURES.success, ...ev.success_at_1, targets: ev.targets });
        rows.push({ ...base, measure: F3_MEASURES.noMatch, ...ev.no_match, targets: ev.targets });
      }
      config.onProgress?.("F3", ++step, total);
    }
  }
  const columns = ["panel", "wrong_plays", "duration_error_s", "scheme", "plays", "measure", "value", "ci_low", "ci_high", "targets"];
  const data: Table = { columns, rows: rows.map((r) => columns.map((c) => r[c])) };

  const at = (panel: F3Panel, scheme: string, plays: number) =>
    rows.find((r) => r.panel === panel.label && r.scheme === scheme && r.plays === plays && r.measure === F3_MEASURES.success)?.value as number | undefined;
  const [finest, middle] = F3_SCHEMES;
  const [exact, , loose] = F3_PANELS;
  const lastK = f3PlaysFor(exact, config.quick).at(-1)!;
  const firstK = (panel: F3Panel, scheme: string, share: number) => f3PlaysFor(panel, config.quick).find((k) => (at(panel, scheme, k) ?? 0) >= share);
  const halfK = firstK(exact, finest, 0.5);
  return {
    id: "F3",
    name: "f3-scoreboard-vs-plays",
    title: "Scoreboard-RH success vs known plays",
    caption:
      `Data: ${count.toLocaleString("en-US")} synthetic servers drawn from ${source}, ${targets} target servers per point, seed ${config.seed}. ` +
      `Attacker: Scoreboard-RH (Narayanan & Shmatikov 2008) in best-guess mode, φ = ${DEFAULT_PHI}, holding every server's library (closed world); ` +
      `it knows k plays of the target, the last w of them from other servers, durations off by up to ±E before generalization; panels (w, E) mirror N&S's ` +
      `(wrong ratings, ±3/±14-day dates); with w = 2, k starts at 3. Schemes: ${F3_SCHEMES.join("; ")}. ` +
      `Solid: share of targets whose top answer is their own server (success@1); dashed: share answered "no match" (eccentricity below φ); ` +
      `bands: 95 % percentile-bootstrap intervals (${F3_BOOTSTRAP} resamples of the targets). ` +
      `Diamonds: N&S's Netflix results (days there, seconds here).`,
    data,
    spec: legendBelow(lineChartSpec(rows, {
      title: "How many known plays does Scoreboard-RH need?",
      subtitle: `${count.toLocaleString("en-US")} synthetic servers; best guess at φ = ${DEFAULT_PHI}, else "no match"; seed ${config.seed}`,
      x: { field: "plays", title: "plays known to the attacker (k)", integer: true },
      y: { field: "value", title: "share of target servers", percent: true },
      color: { field: "scheme", title: "scheme" },
      dash: { field: "measure", title: "outcome", sort: [F3_MEASURES.success, F3_MEASURES.noMatch] },
      column: { field: "panel" },
      band: { low: "ci_low", high: "ci_high" },
      flushPanels: true,
      references: F3_REFERENCES,
      width: 230,
      height: 220,
    })),
    text:
      `With exact plays, Scoreboard-RH names ${pct(at(exact, finest, 4))} of servers from 4 plays and ${pct(at(exact, finest, lastK))} from ${lastK} ` +
      `under the finest scheme (${halfK === undefined ? `under half even at ${lastK} plays` : `at least half from k = ${halfK}`}); ` +
      `with 8 plays of which 2 are wrong and durations off by ±14 s it names ${pct(at(loose, finest, 8))} (N&S: 99 % of Netflix records with 8 ratings, 2 wrong, ±14 days). ` +
      `Under ${middle} it names ${pct(at(exact, middle, lastK))} from ${lastK} exact plays.`,
  };
}

/**
 * Legends under the panels: vega sizes text by an estimate (0.8 × font size per
 * character, no canvas in node) that makes the long scheme names look twice their
 * width, which beside the panels leaves a wide blank margin.
 */
function legendBelow(spec: TopLevelSpec): TopLevelSpec {
  const config = (spec.config ?? {}) as Record<string, unknown>;
  return { ...spec, config: { ...config, legend: { ...(config.legend as object), orient: "bottom", direction: "vertical" } } } as TopLevelSpec;
}

export const f3: ArtifactMaker = { id: "F3", name: "f3-scoreboard-vs-plays", describe: "Scoreboard-RH success vs known plays", make: makeF3 };
