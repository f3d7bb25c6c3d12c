/**
 * One entry point for every attack: the CLI, notebooks and figures call this.
 *
 *   const run = runAttack(victim, { scheme: "duration=round(1s)", method: "likelihood",
 *                                   attacker: "same", targets: 1000, seed: 1 });
 *   run.evaluation.success_at_1   // { value, ci_low, ci_high }
 *
 * Item attacks (class, likelihood) play one item per target: targets are victim rows
 * sampled with the seed (targets.ts), each observed through the scheme and matched
 * against the attacker's knowledge (attacker.ts). Library attacks (linkage,
 * Scoreboard-RH) draw synthetic servers from the victim catalog and observe several
 * plays per server; averaging attacks average repeated reports of one item under a
 * randomized scheme. Every method's outcomes go through the same evaluator.
 *
 * Random streams (all from `seed`): 1 target sampling, 2 open-world title removal,
 * 17 the bootstrap (evaluation.ts); library draws and averaging use their own.
 */
import type { Catalog } from "../catalog/catalog.js";
import { drawLibraries } from "./libraries.js";
import { Rng } from "../base/random.js";
import { summarizeCatalog, type CatalogSummary } from "../measures/evaluate.js";
import { assertSchemeFits } from "../engine/partition.js";
import { formatScheme } from "../schemes/format.js";
import { parseScheme } from "../schemes/parse.js";
import type { Scheme } from "../schemes/types.js";
import { checkAttackOptions } from "./attackOptions.js";
import { buildAttacker, removeTitles, type AttackerKnowledge, type Tolerance } from "./attacker.js";
import { averagingAttack } from "./averaging.js";
import { ClassMatchAttack } from "./classMatch.js";
import { evaluateAttack, DEFAULT_K, type AttackEvaluation } from "./evaluation.js";
import { DEFAULT_PHI, runLibraryAttack } from "./libraryAttack.js";
import { LikelihoodAttack } from "./likelihood.js";
import { schemeView, viewKeys } from "../schemes/schemeView.js";
import { titleWeights, type TitlePrior } from "./prior.js";
import { sampleTargets, sampleWeightedTargets } from "./targets.js";
import type { AttackOutcome } from "./types.js";

export const ATTACK_METHODS = ["class", "likelihood", "linkage", "scoreboard", "average"] as const;
export type AttackMethod = (typeof ATTACK_METHODS)[number];

export const DEFAULT_TARGETS = 1000;
export const DEFAULT_LIBRARIES = 1000;
/** Ranked candidates kept per answer beyond k. */
export const MIN_RANKED = 10;

export interface RunAttackOptions {
  scheme: Scheme | string;
  /** Default "class"; "class" with `plays` means multi-play linkage. */
  method?: AttackMethod;
  /** The attacker's catalog, or "same" (default): the victim's own. */
  attacker?: Catalog | "same";
  tolerance?: Partial<Tolerance>;
  /** Title popularity; uniform over attacker items when absent. */
  prior?: TitlePrior;
  /** Target rows (item attacks) or libraries (library attacks); default 1000. */
  targets?: number | "all";
  seed?: number;
  /** Share of target titles removed from the attacker's catalog (default 0). */
  openWorld?: number;
  k?: number;
  threshold?: number;
  bootstrap?: number;
  baseRate?: number;
  /** Library attacks: plays observed per target server. */
  plays?: number;
  /** Library attacks: synthetic servers drawn from the victim catalog (default 1000). */
  libraries?: number;
  wrongPlays?: number;
  durationErrorMs?: number;
  mode?: "best-guess" | "entropic";
  phi?: number;
  /** Averaging attack: reports per item. */
  reports?: number;
  /**
   * Item attacks: draw target rows by the prior's title popularity (with replacement)
   * instead of uniformly, so plays follow what people watch. Needs `prior` and a count.
   */
  playsFollowPrior?: boolean;
  /** Called as item-attack targets are answered (e.g. a progress bar). */
  onProgress?: (done: number, total: number) => void;
}

export interface AttackRun {
  catalog: CatalogSummary;
  attacker: string;
  prior: string;
  /** Canonical scheme. */
  scheme: string;
  method: AttackMethod;
  targets: number;
  seed: number;
  open_world_share: number;
  /** The attacker's uncertainty model (item attacks). */
  tolerance?: Tolerance;
  outcomes: AttackOutcome[];
  evaluation: AttackEvaluation;
  /** What a careful reader should know (parts the attacker could not use, join coverage). */
  notes: string[];
}

/** `method` class together with `plays` is the multi-play linkage attack. */
export function resolveMethod(method: AttackMethod | undefined, plays: number | undefined): AttackMethod {
  const m = method ?? "class";
  return m === "class" && plays !== undefined ? "linkage" : m;
}

export function runAttack(victim: Catalog, options: RunAttackOptions): AttackRun {
  const scheme = typeof options.scheme === "string" ? parseScheme(options.scheme) : options.scheme;
  assertSchemeFits(victim, scheme);
  checkAttackOptions({ ...options, otherAttacker: options.attacker !== undefined && options.attacker !== "same", prior: options.prior !== undefined });
  const method = resolveMethod(options.method, options.plays);
  const seed = options.seed ?? 1;
  const targets = options.targets ?? DEFAULT_TARGETS;
  const openWorld = options.openWorld ?? 0;
  const attacker = options.attacker ?? "same";
  const notes: string[] = [];
  let outcomes: AttackOutcome[];
  let knowledge: AttackerKnowledge | undefined;

  if (method === "class" || method === "likelihood") {
    const r = itemAttack(victim, scheme, method, attacker, options, seed, targets, openWorld, notes);
    outcomes = r.outcomes;
    knowledge = r.knowledge;
  } else if (method === "linkage" || method === "scoreboard") {
    const libraries = drawLibraries(victim, { count: options.libraries ?? DEFAULT_LIBRARIES, seed });
    outcomes = runLibraryAttack(victim, libraries, {
      method,
      scheme,
      plays: options.plays ?? 1,
      targets,
      seed,
      wrongPlays: options.wrongPlays,
      durationErrorMs: options.durationErrorMs,
      mode: options.mode,
      phi: options.phi,
      openWorldShare: openWorld,
    });
  } else {
    outcomes = averagingAttack(victim, { scheme, reports: options.reports!, targets, seed, attacker: attacker === "same" ? undefined : attacker });
  }

  const evaluation = evaluateAttack(outcomes, {
    k: options.k,
    // Scoreboard-RH's confidence is an eccentricity: "confident" means it passed φ
    threshold: options.threshold ?? (method === "scoreboard" ? (options.phi ?? DEFAULT_PHI) : undefined),
    bootstrap: options.bootstrap,
    seed,
    baseRate: options.baseRate,
  });
  return {
    catalog: summarizeCatalog(victim),
    attacker: attacker === "same" ? "same" : attacker.source,
    prior: options.prior?.label ?? "uniform",
    scheme: formatScheme(scheme),
    method,
    targets: outcomes.length,
    seed,
    open_world_share: openWorld,
    tolerance: knowledge?.tolerance,
    outcomes,
    evaluation,
    notes,
  };
}

function itemAttack(
  victim: Catalog,
  scheme: Scheme,
  method: "class" | "likelihood",
  attacker: Catalog | "same",
  options: RunAttackOptions,
  seed: number,
  targets: number | "all",
  openWorld: number,
  notes: string[],
): { outcomes: AttackOutcome[]; knowledge: AttackerKnowledge } {
  let rows: Int32Array;
  if (options.playsFollowPrior) {
    // checkAttackOptions: a prior and a count are given
    rows = sampleWeightedTargets(titleItemWeights(victim, options.prior!), targets as number, new Rng(seed, 1));
  } else {
    rows = sampleTargets(victim.rows, targets, new Rng(seed, 1));
  }
  const truths = Array.from(rows, (i) => victim.titleNames[victim.titleCodes[i]]);
  let knowledge: AttackerKnowledge = buildAttacker(victim, attacker, { tolerance: options.tolerance, prior: options.prior });
  if (attacker !== "same") {
    const held = new Uint8Array(attacker.titleNames.length);
    for (let i = 0; i < attacker.rows; i++) held[attacker.titleCodes[i]] = 1;
    let titles = 0;
    let joined = 0;
    held.forEach((h, t) => {
      titles += h;
      joined += h & knowledge!.joined[t];
    });
    notes.push(`${joined} of ${titles} attacker titles joined to a victim title by normalized name`);
  }
  if (openWorld > 0) {
    const r = removeTitles(knowledge, truths, openWorld, new Rng(seed, 2));
    knowledge = r.knowledge;
    notes.push(`open world: ${r.removed.size} target titles removed from the attacker's catalog`);
  }
  // Titles the attacker can name: joined titles that still have items.
  const present = new Set<string>();
  const cat = knowledge.catalog;
  for (let i = 0; i < cat.rows; i++) {
    const t = cat.titleCodes[i];
    if (knowledge.joined[t]) present.add(knowledge.answerIds[t]);
  }
  if (method === "class" && options.tolerance && Object.keys(options.tolerance).length > 0) {
    notes.push("class match compares bucket keys and ignores `tolerance`; `method` likelihood uses it");
  }
  const view = schemeView(scheme, victim);
  const attack = method === "class" ? new ClassMatchAttack(knowledge, view) : new LikelihoodAttack(knowledge, view, victim);
  for (const p of attack.unusedParts) notes.push(`the attacker's catalog lacks ${formatScheme({ parts: [view.parts[p]] })}'s attribute: not used`);
  // Observed keys of the target rows only, per part.
  const partKeys = view.parts.map((_, p) => viewKeys(view, p, victim));
  const maxRanked = Math.max(options.k ?? DEFAULT_K, MIN_RANKED);
  const keys = new Float64Array(view.parts.length);
  const outcomes: AttackOutcome[] = new Array(rows.length);
  for (let j = 0; j < rows.length; j++) {
    for (let p = 0; p < keys.length; p++) keys[p] = partKeys[p][rows[j]];
    const truth = truths[j];
    const r = attack.answer(keys, maxRanked, truth);
    outcomes[j] = { truth, inCatalog: present.has(truth), answer: r.answer, truthPosterior: r.truthPosterior };
    if ((j & 255) === 255 || j === rows.length - 1) options.onProgress?.(j + 1, rows.length);
  }
  return { outcomes, knowledge };
}

/** Per victim row: its title's prior weight over the title's rows (a title is played, then one of its files). */
function titleItemWeights(victim: Catalog, prior: TitlePrior): Float64Array {
  const perTitle = titleWeights(prior, victim.titleNames);
  const items = new Int32Array(victim.titleNames.length);
  for (let i = 0; i < victim.rows; i++) items[victim.titleCodes[i]]++;
  return Float64Array.from(victim.titleCodes, (t) => perTitle[t] / items[t]);
}
