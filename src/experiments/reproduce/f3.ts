/**
 * F3 — Scoreboard-RH success against the number of known plays k: the Netflix-Prize
 * figure of Narayanan & Shmatikov (IEEE S&P 2008, §5), with servers as the sparse
 * records and generalized plays as the auxiliary items. Panels mirror their grid of
 * (wrong ratings, date error ±3/±14 days) as (wrong plays, duration error ±3/±14 s).
 */
import { evaluateAttack } from "../../attacks/evaluation.js";
import { DEFAULT_PHI, runLibraryAttack } from "../../attacks/libraryAttack.js";
import { lineChartSpec, type ReferencePoint } from "../../figures/lineChart.js";
import type { Table } from "../../output/tabular.js";
import { parseScheme } from "../../schemes/parse.js";
import type { F3Panel, F3Params } from "../study/types.js";
import { paperServers, paramsOf } from "./catalogs.js";
import { requireAttributes } from "./notBuilt.js";
import { pct } from "./text.js";
import type { Artifact, ArtifactMaker, ReproduceConfig } from "./types.js";

export type { F3Panel };

export const F3_MEASURES = { success: "re-identified", noMatch: "no match" } as const;

/**
 * Published anchors (Narayanan & Shmatikov), drawn on the panel with the same (wrong
 * plays, error) when the study has one: 8 ratings with 2 wrong and dates
 * within ±14 days → 99 % (final version, as quoted by Wired 2007), and the earlier
 * arXiv version's 8 ratings with 2 wrong and ±3 days → 96 % (quoted in course notes).
 * Not drawn: "2 ratings + dates (±3 days) → 68 %" and "6 of 8 rare movies without dates
 * → 84 %", both left out because we could not check them
 * against the papers themselves.
 */
const NS_ANCHORS = [
  { wrongPlays: 2, durationErrorS: 14, x: 8, y: 0.99, label: "N&S (8, 2 wrong, ±14 d): 99 %" },
  { wrongPlays: 2, durationErrorS: 3, x: 8, y: 0.96, label: "N&S (8, 2 wrong, ±3 d): 96 %" },
];

function references(panels: F3Panel[]): ReferencePoint[] {
  return NS_ANCHORS.flatMap(({ wrongPlays, durationErrorS, ...point }) => {
    const panel = panels.find((p) => p.wrongPlays === wrongPlays && p.durationErrorS === durationErrorS);
    return panel ? [{ ...point, panel: panel.label, labelSide: "left" as const }] : [];
  });
}

/** Plays of a panel: with w wrong plays, k must exceed w for any play to be the target's. */
export function f3PlaysFor(panel: F3Panel, p: Pick<F3Params, "plays">): number[] {
  return p.plays.filter((k) => k > panel.wrongPlays);
}

async function makeF3(config: ReproduceConfig): Promise<Artifact> {
  const p = paramsOf(config, "F3");
  const { source, label: serverLabel, catalog, libraries, count } = await paperServers(config);
  requireAttributes("F3", serverLabel, catalog, p.schemes);
  const targets = p.targets;
  const F3_SCHEMES = p.schemes;
  const F3_PANELS = p.panels;
  const F3_BOOTSTRAP = p.bootstrap;
  const rows: Record<string, string | number>[] = [];
  const total = F3_SCHEMES.length * F3_PANELS.length;
  let step = 0;
  for (const panel of F3_PANELS) {
    for (const scheme of F3_SCHEMES) {
      const parsed = parseScheme(scheme);
      for (const plays of f3PlaysFor(panel, p)) {
        const outcomes = runLibraryAttack(catalog, libraries, {
          method: "scoreboard",
          scheme: parsed,
          plays,
          targets,
          seed: config.seed,
          wrongPlays: panel.wrongPlays,
          durationErrorMs: panel.durationErrorS * 1000,
          phi: DEFAULT_PHI,
        });
        const ev = evaluateAttack(outcomes, { bootstrap: F3_BOOTSTRAP, seed: config.seed });
        const base = { panel: panel.label, wrong_plays: panel.wrongPlays, duration_error_s: panel.durationErrorS, scheme, plays };
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
  const [finest, middle = finest] = F3_SCHEMES;
  // the text: the first panel (the paper's exact plays) and the last (its loosest)
  const exact = F3_PANELS[0];
  const loose = F3_PANELS[F3_PANELS.length - 1];
  const lastK = f3PlaysFor(exact, p).at(-1)!;
  const firstK = (panel: F3Panel, scheme: string, share: number) => f3PlaysFor(panel, p).find((k) => (at(panel, scheme, k) ?? 0) >= share);
  const looseK = f3PlaysFor(loose, p).includes(8) ? 8 : f3PlaysFor(loose, p).at(-1)!;
  const nsLoose = loose.wrongPlays === 2 && loose.durationErrorS === 14 && looseK === 8 ? " (N&S: 99 % of Netflix records with 8 ratings, 2 wrong, ±14 days)" : "";
  const isExact = exact.wrongPlays === 0 && exact.durationErrorS === 0;
  const exactWords = isExact ? "With exact plays" : `With ${exact.wrongPlays} wrong plays and durations off by ±${exact.durationErrorS} s`;
  const fromK = f3PlaysFor(exact, p).includes(4) ? 4 : f3PlaysFor(exact, p)[0];
  const startsAt = [...new Set(F3_PANELS.map((x) => x.wrongPlays).filter((w) => w > 0))].map((w) => `with w = ${w}, k starts at ${p.plays.find((k) => k > w)}`);
  const refs = references(F3_PANELS);
  const halfK = firstK(exact, finest, 0.5);
  return {
    id: "F3",
    name: "f3-scoreboard-vs-plays",
    title: f3.title,
    caption:
      `Data: ${count.toLocaleString("en-US")} synthetic servers drawn from ${source}, ${targets} target servers per point, seed ${config.seed}. ` +
      `Attacker: Scoreboard-RH (Narayanan & Shmatikov 2008) in best-guess mode, φ = ${DEFAULT_PHI}, holding every server's library (closed world); ` +
      `it knows k plays of the target, the last w of them from other servers, durations off by up to ±E before generalization; panels (w, E) mirror N&S's ` +
      `(wrong ratings, ±3/±14-day dates)${startsAt.length ? `; ${startsAt.join("; ")}` : ""}. Schemes: ${F3_SCHEMES.join("; ")}. ` +
      `Solid: share of targets whose top answer is their own server (success@1); dashed: share answered "no match" (eccentricity below φ); ` +
      `bands: 95 % percentile-bootstrap intervals (${F3_BOOTSTRAP} resamples of the targets).` +
      (refs.length ? ` Diamonds: N&S's Netflix results (days there, seconds here).` : ""),
    data,
    spec: lineChartSpec(rows, {
      title: "How many known plays does Scoreboard-RH need?",
      subtitle: `${count.toLocaleString("en-US")} synthetic servers; best guess at φ = ${DEFAULT_PHI}, else "no match"; seed ${config.seed}`,
      x: { field: "plays", title: "plays known to the attacker (k)", integer: true },
      y: { field: "value", title: "share of target servers", percent: true },
      color: { field: "scheme", title: "scheme" },
      dash: { field: "measure", title: "outcome", sort: [F3_MEASURES.success, F3_MEASURES.noMatch] },
      column: { field: "panel" },
      band: { low: "ci_low", high: "ci_high" },
      flushPanels: true,
      references: refs,
      width: 230,
      height: 220,
      legend: "bottom",
    }),
    text:
      `${exactWords}, Scoreboard-RH names ${pct(at(exact, finest, fromK))} of servers from ${fromK} plays and ${pct(at(exact, finest, lastK))} from ${lastK} ` +
      `under the finest scheme (${halfK === undefined ? `under half even at ${lastK} plays` : `at least half from k = ${halfK}`}); ` +
      `with ${looseK} plays of which ${loose.wrongPlays} ${loose.wrongPlays === 1 ? "is" : "are"} wrong and durations off by ±${loose.durationErrorS} s it names ${pct(at(loose, finest, looseK))}${nsLoose}. ` +
      `Under ${middle} it names ${pct(at(exact, middle, lastK))} from ${lastK} ${exact.wrongPlays === 0 && exact.durationErrorS === 0 ? "exact " : ""}plays.`,
  };
}

export const f3: ArtifactMaker = { id: "F3", name: "f3-scoreboard-vs-plays", title: "Scoreboard-RH success vs known plays", describe: "Scoreboard-RH success vs known plays", make: makeF3 };
