/**
 * The one evaluator every attack's outcomes go through.
 *
 * Per target: did the top answer name the truth (success@1), was the truth among the
 * first k (success@k), was there no candidate at all (no_match), or was the attacker
 * sure (confidence ≥ threshold) and wrong (wrong_confident)? Each rate is a mean over
 * targets with a percentile bootstrap interval (Efron & Tibshirani 1993, ch. 13:
 * resample targets with replacement B times, take the 2.5 % and 97.5 % quantiles of
 * the replicated rate). Posterior attacks also get `expected_success`, the mean
 * posterior the attacker gave the truth: what an attacker who *samples* a title from
 * its posterior achieves on average (on the victim's own catalog with a uniform pick
 * this is the `kappa` metric).
 *
 * Precision/recall over a confidence threshold t: precision = correct among the
 * targets answered with confidence ≥ t; recall = correct-and-confident among the
 * targets that are in the attacker's catalog.
 *
 * Open world: when some targets are not in the attacker's catalog, the precision of
 * a confident answer depends on the base rate π of in-catalog targets:
 *   precision(π) = π·a / (π·(a + b) + (1 − π)·c)
 * with a = P(confident ∧ correct | in), b = P(confident ∧ wrong | in),
 * c = P(confident | out). At the sample's own π it equals the empirical precision.
 *
 *   evaluateAttack(outcomes, { k: 5, threshold: 0.9, bootstrap: 1000, seed: 1 })
 */
import { createRequire } from "node:module";
import { Rng } from "../base/random.js";
import { UserError } from "../base/errors.js";
import type { AttackOutcome, RateWithCI } from "./types.js";

export interface AttackEvaluationOptions {
  /** success@k's k (default 5). */
  k?: number;
  /** Confidence at or above which an answer counts as confident (default 0.9). */
  threshold?: number;
  /** Bootstrap replicates B (default 1000; 0 = no intervals, ci = value). */
  bootstrap?: number;
  /** Seed of the bootstrap resampling (default 1). */
  seed?: number;
  /** Base rate π for the open-world precision (default: the sample's in-catalog share). */
  baseRate?: number;
  /** Thresholds of the precision/recall curve (default: a grid for posteriors, deciles of the confidences for scores). */
  thresholds?: number[];
}

export interface PrecisionRecallPoint {
  threshold: number;
  /** Targets answered with confidence ≥ threshold. */
  answered: number;
  /** null when nothing was answered. */
  precision: number | null;
  /** null when no target is in the attacker's catalog. */
  recall: number | null;
}

export interface OpenWorldSummary {
  /** In-catalog share π used below. */
  base_rate: number;
  /** Precision of confident answers at `base_rate` (null when nothing is answered confidently). */
  precision_at_base_rate: number | null;
  /** The same at the sample's own base rate: correct among confident answers. */
  precision_confident: RateWithCI | null;
}

export interface AttackEvaluation {
  targets: number;
  in_catalog: number;
  k: number;
  threshold: number;
  bootstrap: number;
  bootstrap_seed: number;
  success_at_1: RateWithCI;
  success_at_k: RateWithCI;
  no_match: RateWithCI;
  wrong_confident: RateWithCI;
  /** Mean posterior of the truth (posterior attacks only). */
  expected_success: RateWithCI | null;
  precision_recall: PrecisionRecallPoint[];
  open_world: OpenWorldSummary;
}

export const DEFAULT_K = 5;
export const DEFAULT_THRESHOLD = 0.9;
export const DEFAULT_BOOTSTRAP = 1000;
/** Posterior thresholds of the precision/recall curve. */
export const POSTERIOR_THRESHOLDS = [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.99, 1];
/** The Rng sub-stream of the bootstrap, apart from target sampling's. */
const BOOTSTRAP_STREAM = 17;

let statistics: typeof import("simple-statistics") | undefined;

/** simple-statistics' quantile of sorted values, the library loaded on first use (it would cost every command's start-up ~4 ms). */
function quantileSorted(sorted: number[], p: number): number {
  statistics ??= createRequire(import.meta.url)("simple-statistics") as typeof import("simple-statistics");
  return statistics.quantileSorted(sorted, p);
}

export function evaluateAttack(outcomes: readonly AttackOutcome[], options: AttackEvaluationOptions = {}): AttackEvaluation {
  const n = outcomes.length;
  if (n === 0) throw new UserError("the attack has no targets to evaluate");
  const k = options.k ?? DEFAULT_K;
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  const B = options.bootstrap ?? DEFAULT_BOOTSTRAP;
  const seed = options.seed ?? 1;
  if (!Number.isInteger(k) || k < 1) throw new UserError(`\`k\` must be a whole number ≥ 1, got ${k}`);
  if (!Number.isInteger(B) || B < 0) throw new UserError(`\`bootstrap\` must be a whole number ≥ 0, got ${B}`);
  if (!Number.isFinite(threshold)) throw new UserError(`\`threshold\` must be a number, got ${threshold}`);

  // Per-target indicators; the bootstrap resamples these columns.
  const hit1 = new Uint8Array(n);
  const hitK = new Uint8Array(n);
  const none = new Uint8Array(n);
  const wrongSure = new Uint8Array(n);
  const sure = new Uint8Array(n);
  const inCat = new Uint8Array(n);
  const truthPosterior = new Float64Array(n);
  const posterior = outcomes.every((o) => o.answer.scoreKind === "posterior");
  let inCatalog = 0;
  for (let i = 0; i < n; i++) {
    const o = outcomes[i];
    const r = o.answer.ranked;
    inCat[i] = o.inCatalog ? 1 : 0;
    inCatalog += inCat[i];
    none[i] = r.length === 0 ? 1 : 0;
    hit1[i] = r.length > 0 && r[0].id === o.truth ? 1 : 0;
    for (let j = 0; j < r.length && j < k; j++) if (r[j].id === o.truth) hitK[i] = 1;
    sure[i] = r.length > 0 && o.answer.confidence >= threshold ? 1 : 0;
    wrongSure[i] = sure[i] && !hit1[i] ? 1 : 0;
    if (posterior) {
      if (o.truthPosterior !== undefined) truthPosterior[i] = o.truthPosterior;
      else for (const c of r) if (c.id === o.truth) truthPosterior[i] += c.score;
    }
  }

  const rates = bootstrapRates(
    [hit1, hitK, none, wrongSure, truthPosterior],
    { sure, hit1 },
    B,
    seed,
  );

  const baseRate = options.baseRate ?? inCatalog / n;
  if (!(baseRate >= 0 && baseRate <= 1)) throw new UserError(`\`baseRate\` must be between 0 and 1, got ${baseRate}`);
  const thresholds = options.thresholds ?? (posterior ? POSTERIOR_THRESHOLDS : scoreDeciles(outcomes));

  return {
    targets: n,
    in_catalog: inCatalog,
    k,
    threshold,
    bootstrap: B,
    bootstrap_seed: seed,
    success_at_1: rates.means[0],
    success_at_k: rates.means[1],
    no_match: rates.means[2],
    wrong_confident: rates.means[3],
    expected_success: posterior ? rates.means[4] : null,
    precision_recall: thresholds.map((t) => precisionRecallAt(outcomes, hit1, inCatalog, t)),
    open_world: {
      base_rate: baseRate,
      precision_at_base_rate: precisionAtBaseRate(sure, hit1, inCat, baseRate),
      precision_confident: rates.precision,
    },
  };
}

/**
 * Point values and percentile intervals of the column means, and of the ratio
 * Σ(sure ∧ hit) / Σ sure, from the same B resamples of the targets.
 */
function bootstrapRates(
  columns: ArrayLike<number>[],
  ratio: { sure: Uint8Array; hit1: Uint8Array },
  B: number,
  seed: number,
): { means: RateWithCI[]; precision: RateWithCI | null } {
  const n = columns[0].length;
  const m = columns.length;
  const value = columns.map((c) => sum(c) / n);
  let sureTotal = 0;
  let sureHit = 0;
  for (let i = 0; i < n; i++) {
    sureTotal += ratio.sure[i];
    sureHit += ratio.sure[i] & ratio.hit1[i];
  }
  const precisionValue = sureTotal > 0 ? sureHit / sureTotal : null;
  if (B === 0) {
    return {
      means: value.map((v) => ({ value: v, ci_low: v, ci_high: v })),
      precision: precisionValue === null ? null : { value: precisionValue, ci_low: precisionValue, ci_high: precisionValue },
    };
  }
  const reps = columns.map(() => new Float64Array(B));
  const precReps: number[] = [];
  const rng = new Rng(seed, BOOTSTRAP_STREAM);
  const acc = new Float64Array(m);
  for (let b = 0; b < B; b++) {
    acc.fill(0);
    let s = 0;
    let sh = 0;
    for (let i = 0; i < n; i++) {
      const j = rng.int(n);
      for (let c = 0; c < m; c++) acc[c] += columns[c][j];
      s += ratio.sure[j];
      sh += ratio.sure[j] & ratio.hit1[j];
    }
    for (let c = 0; c < m; c++) reps[c][b] = acc[c] / n;
    // A resample without confident answers has no precision; it is left out.
    if (s > 0) precReps.push(sh / s);
  }
  const interval = (v: number, r: number[]): RateWithCI => {
    const sorted = r.sort((x, y) => x - y);
    return { value: v, ci_low: quantileSorted(sorted, 0.025), ci_high: quantileSorted(sorted, 0.975) };
  };
  return {
    means: value.map((v, c) => interval(v, Array.from(reps[c]))),
    precision: precisionValue === null || precReps.length === 0 ? null : interval(precisionValue, precReps),
  };
}

function sum(a: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i];
  return s;
}

function precisionRecallAt(outcomes: readonly AttackOutcome[], hit1: Uint8Array, inCatalog: number, t: number): PrecisionRecallPoint {
  let answered = 0;
  let correct = 0;
  for (let i = 0; i < outcomes.length; i++) {
    const a = outcomes[i].answer;
    if (a.ranked.length > 0 && a.confidence >= t) {
      answered++;
      correct += hit1[i];
    }
  }
  return {
    threshold: t,
    answered,
    precision: answered > 0 ? correct / answered : null,
    recall: inCatalog > 0 ? correct / inCatalog : null,
  };
}

/** precision(π) = π·a / (π·(a + b) + (1 − π)·c); see the module comment. */
export function precisionAtBaseRate(sure: Uint8Array, hit1: Uint8Array, inCat: Uint8Array, pi: number): number | null {
  let nIn = 0;
  let nOut = 0;
  let sureHitIn = 0;
  let sureWrongIn = 0;
  let sureOut = 0;
  for (let i = 0; i < sure.length; i++) {
    if (inCat[i]) {
      nIn++;
      if (sure[i]) {
        if (hit1[i]) sureHitIn++;
        else sureWrongIn++;
      }
    } else {
      nOut++;
      sureOut += sure[i];
    }
  }
  const a = nIn > 0 ? sureHitIn / nIn : 0;
  const b = nIn > 0 ? sureWrongIn / nIn : 0;
  const c = nOut > 0 ? sureOut / nOut : 0;
  const denom = pi * (a + b) + (1 - pi) * c;
  return denom > 0 ? (pi * a) / denom : null;
}

/** Distinct deciles of the confidences, for score-valued attacks. */
function scoreDeciles(outcomes: readonly AttackOutcome[]): number[] {
  const conf = outcomes.filter((o) => o.answer.ranked.length > 0).map((o) => o.answer.confidence).sort((x, y) => x - y);
  if (conf.length === 0) return [0];
  const out: number[] = [];
  for (let d = 0; d <= 10; d++) {
    const v = quantileSorted(conf, d / 10);
    if (out.length === 0 || v > out[out.length - 1]) out.push(v);
  }
  return out;
}
