/**
 * Repeat-play averaging against randomized schemes (the "repeated reports" attack on
 * randomized response): the attacker sees k reports of the same item, averages the
 * de-noised values per attribute and matches the average against its catalog. Fresh noise
 * averages away (standard error σ/√k), so success climbs towards what the noise-free
 * grid allows; memoized noise repeats one draw, so k reports are worth one.
 *
 *   averagingAttack(catalog, { scheme: parseScheme("duration=geom(1s,scale=20,seed=1,fresh)"),
 *                              reports: 64, targets: 500, seed: 1 })
 *
 * Per randomized part the report value is key·W. Its expectation for an item of value y
 * is μ(y) = round(y/W)·W under geom (zero-mean noise on the rounded grid) and y itself
 * under rround (unbiased). The attacker knows the published scheme, mode included, and
 * averages only independent reports: k_eff = k for fresh noise, 1 for memo.
 *
 * Candidates are attacker items within `windowSE` standard errors of the average on
 * every randomized attribute (SE = W·√(v / k_eff), v the per-report variance in grid
 * steps²: 2α/(1−α)² for geom, ¼ — the worst case f(1−f) — for rround) and with the same
 * key on every deterministic part. Each candidate weighs exp(−½ Σ z²) (a Gaussian
 * approximation of the average's law, CLT), titles sum their items' weights, and the
 * posteriors are the normalized sums; confidence = the top posterior.
 */
import type { Catalog } from "../catalog/catalog.js";
import { Rng } from "../base/random.js";
import { UserError } from "../base/errors.js";
import { formatGeneralizer, formatScheme } from "../schemes/format.js";
import { randomizedKeys, scalarKeys } from "../schemes/generalize.js";
import { geomVariance } from "../schemes/noise.js";
import type { Attribute, Scheme } from "../schemes/types.js";
import { isRandomized, type RandomizedGeneralizer } from "../schemes/generalizers/registry.js";
import { catalogHasPart, scalarField, schemeView, viewKeys } from "../schemes/schemeView.js";
import { rankTitles, TitleAccumulator } from "./ranking.js";
import { sampleTargets } from "./targets.js";
import type { AttackOutcome } from "./types.js";
import { lowerBound } from "../base/bisect.js";

export interface AveragingOptions {
  scheme: Scheme;
  /** Reports of the same item the attacker averages (k). */
  reports: number;
  targets: number | "all";
  seed: number;
  /** The attacker's catalog; the victim's own when absent. Titles are matched by name. */
  attacker?: Catalog;
  /** Candidate window: ± this many standard errors per randomized attribute (default 3). */
  windowSE?: number;
  /** Longest ranked list returned (default 10). */
  maxRanked?: number;
}

export const DEFAULT_WINDOW_SE = 3;
const DEFAULT_MAX_RANKED = 10;

/** Per-report variance of key·W around μ(y), in grid steps² (see the module comment). */
export function reportVarianceSteps(g: RandomizedGeneralizer): number {
  switch (g.kind) {
    case "geom":
      return geomVariance(g.scale);
    case "rround":
      // a Bernoulli step of at most ¼ (frac · (1 − frac) ≤ ¼): the bound
      return 0.25;
    default:
      return unknownNoise(g);
  }
}

/** A randomized generalizer this module has no noise model for: the compiler flags it here. */
function unknownNoise(g: never): never {
  throw new Error(`no noise model for ${(g as { kind: string }).kind}`);
}

/** μ(y): the expected report value of items with values `col` (NaN stays NaN). */
export function expectedReport(g: RandomizedGeneralizer, col: Float64Array): Float64Array {
  switch (g.kind) {
    case "rround":
      return col;
    case "geom": {
      const idx = scalarKeys({ kind: "round", width: g.width }, col);
      for (let i = 0; i < idx.length; i++) idx[i] *= g.width;
      return idx;
    }
    default:
      return unknownNoise(g);
  }
}

/** Mean of k reports per target item (NaN where the item's value is missing). */
export function averageReports(g: RandomizedGeneralizer, attribute: Attribute, values: Float64Array, items: Int32Array, reports: number): Float64Array {
  const sum = new Float64Array(items.length);
  const k = g.mode === "memo" ? 1 : reports; // memoized reports repeat report 0
  for (let r = 0; r < k; r++) {
    const keys = randomizedKeys(g, attribute, values, { reportIndex: r, itemIds: items });
    for (let i = 0; i < keys.length; i++) sum[i] += keys[i] * g.width;
  }
  for (let i = 0; i < sum.length; i++) sum[i] /= k;
  return sum;
}

export function averagingAttack(victim: Catalog, options: AveragingOptions): AttackOutcome[] {
  const { scheme, reports, seed } = options;
  if (!Number.isInteger(reports) || reports < 1 || reports > 1_000_000) throw new UserError(`\`reports\` must be a whole number from 1 to 1000000, got ${reports}`);
  const windowSE = options.windowSE ?? DEFAULT_WINDOW_SE;
  if (!(windowSE > 0)) throw new UserError(`the candidate window must be a positive number of standard errors, got ${windowSE}`);
  const attacker = options.attacker ?? victim;
  if (scheme.parts.length === 0) throw new UserError(`the averaging attack needs a scheme that observes something, not "none"`);
  for (const part of scheme.parts) {
    for (const [who, cat] of [["victim", victim], ["attacker", attacker]] as const) {
      if (!catalogHasPart(part, cat)) {
        throw new UserError(`scheme "${formatScheme(scheme)}" observes ${part.attribute}, which the ${who} catalog ${cat.source} does not have`);
      }
    }
  }
  const targets = sampleTargets(victim.rows, options.targets, new Rng(seed));
  const view = schemeView(scheme, victim);

  // Randomized parts: the average per target, μ per attacker row, the standard error.
  interface NoisyPart {
    mean: Float64Array;
    mu: Float64Array;
    se: number;
  }
  const noisy: NoisyPart[] = [];
  // Deterministic parts: keys per target and per attacker row.
  const fixed: { target: Float64Array; attacker: Float64Array }[] = [];
  for (let p = 0; p < scheme.parts.length; p++) {
    const part = scheme.parts[p];
    const g = part.generalizer;
    if (isRandomized(g)) {
      const field = scalarField(part);
      const values = Float64Array.from(targets, (i) => victim.numeric[field]![i]);
      const kEff = g.mode === "memo" ? 1 : reports;
      noisy.push({
        mean: averageReports(g, part.attribute, values, targets, reports),
        mu: expectedReport(g, attacker.numeric[field]!),
        se: g.width * Math.sqrt(reportVarianceSteps(g) / kEff),
      });
      if (!(noisy[noisy.length - 1].se > 0)) throw new UserError(`${formatGeneralizer(part.attribute, g)}: the noise's standard error is 0; nothing to average`);
    } else {
      const all = viewKeys(view, p, victim);
      fixed.push({ target: Float64Array.from(targets, (i) => all[i]), attacker: viewKeys(view, p, attacker) });
    }
  }

  // Candidate index: attacker rows sorted by μ of the first randomized part, else grouped by the first deterministic key.
  const n = attacker.rows;
  let sortedRows: Int32Array | undefined;
  let sortedMu: Float64Array | undefined;
  let byKey: Map<number, number[]> | undefined;
  if (noisy.length > 0) {
    const mu = noisy[0].mu;
    const rows = Array.from({ length: n }, (_, i) => i).filter((i) => mu[i] === mu[i]);
    rows.sort((a, b) => mu[a] - mu[b] || a - b);
    sortedRows = Int32Array.from(rows);
    sortedMu = Float64Array.from(rows, (i) => mu[i]);
  } else {
    byKey = new Map();
    const keys = fixed[0].attacker;
    for (let i = 0; i < n; i++) {
      const k = keys[i];
      let list = byKey.get(k);
      if (!list) byKey.set(k, (list = []));
      list.push(i);
    }
  }

  const attackerTitles = new Set(attacker.titleNames);
  const acc = new TitleAccumulator(attacker.titleNames.length);
  const maxRanked = options.maxRanked ?? DEFAULT_MAX_RANKED;
  const outcomes: AttackOutcome[] = [];
  const consider = (t: number, j: number) => {
    let z2 = 0;
    for (const d of fixed) {
      const k = d.target[t];
      if (k === k && d.attacker[j] !== k) return;
    }
    for (const q of noisy) {
      const m = q.mean[t];
      if (m !== m) continue; // not reported: no constraint
      const z = (m - q.mu[j]) / q.se;
      if (!(Math.abs(z) <= windowSE)) return; // also drops candidates missing the value
      z2 += z * z;
    }
    acc.add(attacker.titleCodes[j], Math.exp(-0.5 * z2));
  };
  for (let t = 0; t < targets.length; t++) {
    const truth = victim.titleNames[victim.titleCodes[targets[t]]];
    if (sortedRows && sortedMu && noisy[0].mean[t] === noisy[0].mean[t]) {
      const m = noisy[0].mean[t];
      const half = windowSE * noisy[0].se;
      for (let s = lowerBound(sortedMu, m - half); s < sortedMu.length && sortedMu[s] <= m + half; s++) consider(t, sortedRows[s]);
    } else if (byKey && fixed[0].target[t] === fixed[0].target[t]) {
      for (const j of byKey.get(fixed[0].target[t]) ?? []) consider(t, j);
    } else {
      for (let j = 0; j < n; j++) consider(t, j); // the indexed attribute was not reported
    }
    const { answer, truthPosterior } = rankTitles(acc, attacker.titleNames, maxRanked, truth);
    outcomes.push({ truth, inCatalog: attackerTitles.has(truth), answer, truthPosterior });
  }
  return outcomes;
}
