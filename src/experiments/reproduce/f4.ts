/**
 * F4 — the match threshold in an open world: Scoreboard-RH's eccentricity for targets
 * that are in the attacker's set and for targets that are not, and what a threshold φ
 * buys in precision and costs in recall (Narayanan & Shmatikov 2008, §4 best guess;
 * the open-world caution of Panchenko et al. 2016: precision depends on the base rate).
 */
import { evaluateAttack } from "../../attacks/evaluation.js";
import { DEFAULT_PHI, runLibraryAttack, type LibraryAttackOutcome } from "../../attacks/libraryAttack.js";
import { eccentricityChartSpec, type EccentricityRow } from "../../figures/eccentricityChart.js";
import type { Table } from "../../output/tabular.js";
import { parseScheme } from "../../schemes/parse.js";
import { paperServers, paramsOf } from "./catalogs.js";
import { requireAttributes } from "./notBuilt.js";
import { pct } from "./text.js";
import type { Artifact, ArtifactMaker, ReproduceConfig } from "./types.js";

export const F4_GROUPS: [string, string] = ["in the attacker's set", "not in the set"];
const F4_CURVES: [string, string] = ["precision", "recall"];
/** Precision is drawn where at least this many targets were answered (all rows stay in the CSV). */
const F4_MIN_ANSWERED = 10;
/** Histogram bin width and threshold step, in eccentricity units (σ). */
const BIN = 0.5;
const STEP = 0.25;
/** Eccentricities beyond this are counted in the last bin (and the axes stop here). */
const MAX_AXIS = 20;

interface F4SchemeSummary {
  scheme: string;
  /** In-set targets answered correctly with e ≥ φ, over in-set targets (recall at φ). */
  inMatched: number;
  /** Out-of-set targets answered (necessarily wrongly) with e ≥ φ, over out-of-set targets. */
  outMatched: number;
  /** Precision at φ at the sample's base rate, and at the study's low base rate. */
  precision: number | null;
  precisionLowBase: number | null;
}

/** Share of each group's targets per bin [i·BIN, (i+1)·BIN); the last bin also holds everything above. */
export function eccentricityHistogram(eccentricities: readonly number[], bins: number): Float64Array {
  const share = new Float64Array(bins);
  if (eccentricities.length === 0) return share;
  for (const e of eccentricities) share[Math.min(bins - 1, Math.floor(e / BIN))] += 1;
  for (let i = 0; i < bins; i++) share[i] /= eccentricities.length;
  return share;
}

/** `lowBaseRate`: a base rate nearer deployment than the sample's: few observed servers are in any one attacker's set. */
function summarize(scheme: string, outcomes: LibraryAttackOutcome[], lowBaseRate: number): F4SchemeSummary {
  let nIn = 0;
  let nOut = 0;
  let inHit = 0;
  let outHit = 0;
  for (const o of outcomes) {
    const matched = o.answer.ranked.length > 0 && o.answer.confidence >= DEFAULT_PHI;
    if (o.inCatalog) {
      nIn++;
      if (matched && o.answer.ranked[0].id === o.truth) inHit++;
    } else {
      nOut++;
      if (matched) outHit++;
    }
  }
  const at = (baseRate?: number) => evaluateAttack(outcomes, { threshold: DEFAULT_PHI, bootstrap: 0, thresholds: [DEFAULT_PHI], baseRate }).open_world.precision_at_base_rate;
  return { scheme, inMatched: nIn > 0 ? inHit / nIn : NaN, outMatched: nOut > 0 ? outHit / nOut : NaN, precision: at(), precisionLowBase: at(lowBaseRate) };
}

async function makeF4(config: ReproduceConfig): Promise<Artifact> {
  const p = paramsOf(config, "F4");
  const { source, label: serverLabel, catalog, libraries, count } = await paperServers(config);
  requireAttributes("F4", serverLabel, catalog, p.schemes);
  const { schemes: F4_SCHEMES, plays: F4_PLAYS, openWorldShare: F4_OPEN_WORLD_SHARE, lowBaseRate: F4_LOW_BASE_RATE, targets } = p;
  const runs = F4_SCHEMES.map((scheme, i) => {
    // φ = 0: every target with a scored library gets the top answer, so each has an eccentricity to threshold later.
    const outcomes = runLibraryAttack(catalog, libraries, {
      method: "scoreboard",
      scheme: parseScheme(scheme),
      plays: F4_PLAYS,
      targets,
      seed: config.seed,
      openWorldShare: F4_OPEN_WORLD_SHARE,
      phi: 0,
    });
    config.onProgress?.("F4", i + 1, F4_SCHEMES.length);
    return { scheme, outcomes };
  });
  const eccOf = (o: LibraryAttackOutcome) => o.eccentricity ?? 0;
  let maxE = 0;
  for (const { outcomes } of runs) for (const o of outcomes) maxE = Math.max(maxE, eccOf(o));
  const axisMax = Math.min(MAX_AXIS, Math.max(2 * DEFAULT_PHI, Math.ceil(maxE)));
  const bins = Math.round(axisMax / BIN);
  const thresholds = Array.from({ length: Math.round(axisMax / STEP) + 1 }, (_, i) => i * STEP);

  const rows: EccentricityRow[] = [];
  for (const { scheme, outcomes } of runs) {
    for (const [g, label] of F4_GROUPS.entries()) {
      const group = outcomes.filter((o) => o.inCatalog === (g === 0)).map(eccOf);
      const share = eccentricityHistogram(group, bins);
      for (let b = 0; b < bins; b++) {
        rows.push({ scheme, part: "distribution", series: label, eccentricity_from: b * BIN, eccentricity_to: (b + 1) * BIN, value: share[b], targets: group.length });
      }
    }
    // The evaluator's curve: precision = correct among answers with e ≥ φ, recall = correct ones among in-set targets.
    const curve = evaluateAttack(outcomes, { bootstrap: 0, thresholds }).precision_recall;
    for (const [c, label] of F4_CURVES.entries()) {
      for (const p of curve) {
        const value = c === 0 ? p.precision : p.recall;
        if (value === null) continue; // nothing answered at this φ: precision undefined
        rows.push({ scheme, part: "precision_recall", series: label, eccentricity_from: p.threshold, eccentricity_to: p.threshold, value, targets: p.answered });
      }
    }
  }
  const columns: (keyof EccentricityRow)[] = ["scheme", "part", "series", "eccentricity_from", "eccentricity_to", "value", "targets"];
  const data: Table = { columns, rows: rows.map((r) => columns.map((c) => r[c])) };
  const inSet = runs[0].outcomes.filter((o) => o.inCatalog).length;
  const baseRate = inSet / runs[0].outcomes.length;
  const summaries = runs.map(({ scheme, outcomes }) => summarize(scheme, outcomes, F4_LOW_BASE_RATE));
  const [fine, coarse] = summaries;
  return {
    id: "F4",
    name: "f4-eccentricity-open-world",
    title: f4.title,
    caption:
      `Data: ${count.toLocaleString("en-US")} synthetic servers drawn from ${source}; ${targets} target servers, of which ${pct(F4_OPEN_WORLD_SHARE)} ` +
      `are removed from the attacker's set (open world), seed ${config.seed}. Attacker: Scoreboard-RH best guess with ${F4_PLAYS} exact plays per target, ` +
      `run at φ = 0 so every target gets an eccentricity; schemes ${F4_SCHEMES.join(" and ")}. ` +
      `Left: share of each group's targets per eccentricity bin of width ${BIN} (the last bin, up to ${axisMax}, also holds larger values). ` +
      `Right: precision and recall over φ in steps of ${STEP}, computed by evaluateAttack from the outcomes (precision = correct among targets answered with e ≥ φ; ` +
      `recall = correct answers with e ≥ φ among in-set targets; precision drawn where at least ${F4_MIN_ANSWERED} targets are answered); dotted: the sample's base rate; dashed: φ = ${DEFAULT_PHI} (N&S's threshold).`,
    data,
    spec: eccentricityChartSpec(rows, {
      title: "Does a confident match mean the server is in the set?",
      subtitle: `${count.toLocaleString("en-US")} synthetic servers, ${F4_OPEN_WORLD_SHARE === 0.5 ? "half the targets" : `${pct(F4_OPEN_WORLD_SHARE)} of the targets`} missing from the attacker's set; ${F4_PLAYS} plays per target; seed ${config.seed}`,
      schemes: F4_SCHEMES,
      groups: F4_GROUPS,
      curves: F4_CURVES,
      phi: DEFAULT_PHI,
      baseRate,
      maxEccentricity: axisMax,
      minAnswered: F4_MIN_ANSWERED,
    }),
    text:
      `At φ = ${DEFAULT_PHI} with ${F4_PLAYS} plays, Scoreboard-RH correctly matches ${pct(fine.inMatched)} of in-set targets and wrongly matches ` +
      `${pct(fine.outMatched)} of out-of-set targets under the finest scheme (${pct(coarse.inMatched)} and ${pct(coarse.outMatched)} under ${coarse.scheme}). ` +
      (fine.precision === null || fine.precisionLowBase === null
        ? `It answers no target at φ = ${DEFAULT_PHI} under the finest scheme, so its precision is undefined.`
        : `Its precision of ${pct(fine.precision)} at a ${pct(baseRate)} base rate ${fine.precisionLowBase <= fine.precision ? "falls" : "rises"} to ${pct(fine.precisionLowBase)} ` +
          `if only ${pct(F4_LOW_BASE_RATE)} of observed servers were in the set.`),
  };
}

export const f4: ArtifactMaker = { id: "F4", name: "f4-eccentricity-open-world", title: "Match confidence in and out of the attacker's set", describe: "eccentricity in/out of the attacker's set, precision/recall over φ", make: makeF4 };
