/**
 * Library-level attacks: the target is a server's library, observed through p
 * generalized plays (plays from one server are linkable).
 *
 *   const libs = drawLibraries(catalog, { count: 10000, seed: 1 });
 *   runLibraryAttack(catalog, libs, { method: "linkage", scheme, plays: 4, targets: 1000, seed: 1 });
 *   runLibraryAttack(catalog, libs, { method: "scoreboard", scheme, plays: 8, wrongPlays: 2,
 *                                     durationErrorMs: 14000, targets: 1000, seed: 1 });
 *
 * - linkage (linkage.ts): the libraries holding an item of every observed class, all
 *   equally likely: posterior 1/m each, confidence 1/m (0 and no candidates when m = 0).
 * - scoreboard (scoreboard.ts): Narayanan & Shmatikov's Scoreboard-RH; best-guess mode
 *   answers the top library when its eccentricity reaches φ, entropic mode the posterior.
 *
 * Both methods see the same aux (libraryAux.ts): p plays of the target, the last
 * `wrongPlays` of them taken from other libraries, durations off by up to
 * ±`durationErrorMs` before generalization. Linkage demands every observed class
 * exactly, so wrong plays and errors usually leave it with no candidate; Scoreboard-RH
 * is built to tolerate them.
 *
 * Open world: `openWorldShare` of the sampled targets are removed from the attacker's
 * set of libraries (their outcomes have `inCatalog: false`); a correct attacker answers
 * "no match" for them.
 */
import type { Catalog } from "../catalog/catalog.js";
import { Rng } from "../base/random.js";
import { UserError } from "../base/errors.js";
import type { Scheme } from "../schemes/types.js";
import { buildLibraryIndex } from "./libraryIndex.js";
import { AuxPlays, checkAuxOptions, drawAux, targetRng } from "./libraryAux.js";
import { LinkageScratch, linkCandidates, shufflePrefix } from "./linkage.js";
import { Scoreboard, defaultDurationScaleMs, entropicPosterior, summarizeScores } from "./scoreboard.js";
import type { AttackOutcome, RankedCandidate } from "./types.js";
import { sampleLibraryTargets, type Libraries } from "./libraries.js";

export interface LibraryAttackOptions {
  method: "linkage" | "scoreboard";
  scheme: Scheme;
  /** Observed plays per target library. */
  plays: number;
  targets: number | "all";
  seed: number;
  /** Plays that do not come from the target's library (Scoreboard-RH robustness). */
  wrongPlays?: number;
  /** Error of the attacker's auxiliary durations, ± ms (Scoreboard-RH). */
  durationErrorMs?: number;
  mode?: "best-guess" | "entropic";
  /** Eccentricity threshold φ (Narayanan & Shmatikov 2008), default 1.5. */
  phi?: number;
  /** Share of targets removed from the attacker's set (open world). */
  openWorldShare?: number;
  /** Decay scale d0 of Scoreboard-RH's duration similarity, ms (default: max(error, bucket width)). */
  durationScaleMs?: number;
  /** Longest ranked list per outcome (default 10); `candidates` still counts them all. */
  maxRanked?: number;
}

/** An outcome with what the library attacks know beyond the shared shape. */
export interface LibraryAttackOutcome extends AttackOutcome {
  /** Linkage: libraries consistent with every play. Scoreboard: libraries with a positive score. */
  candidates: number;
  /** Scoreboard: (max − max₂)/σ over the attacker's libraries. */
  eccentricity?: number;
  /** Scoreboard, entropic mode: entropy of the posterior in bits. */
  entropyBits?: number;
}

export const DEFAULT_PHI = 1.5;
export const DEFAULT_MAX_RANKED = 10;

/** The targets removed from the attacker's set: round(share · targets) of them, seeded. */
export function openWorldExclusions(n: number, targets: Int32Array, share: number, seed: number): Uint8Array {
  if (!(share >= 0 && share <= 1)) throw new UserError(`open-world share must be from 0 to 1, got ${share}`);
  const excluded = new Uint8Array(n);
  const k = Math.round(share * targets.length);
  const pool = targets.slice();
  const rng = new Rng(seed, 1);
  for (let i = 0; i < k; i++) {
    const j = i + rng.int(pool.length - i);
    const t = pool[i];
    pool[i] = pool[j];
    pool[j] = t;
    excluded[pool[i]] = 1;
  }
  return excluded;
}

export function runLibraryAttack(catalog: Catalog, libraries: Libraries, options: LibraryAttackOptions): LibraryAttackOutcome[] {
  const { method, scheme, plays, seed } = options;
  if (method !== "linkage" && method !== "scoreboard") throw new UserError(`unknown library attack "${String(method)}"; use linkage or scoreboard`);
  if (!Number.isSafeInteger(seed) || seed < 0) throw new UserError(`seed must be a whole number ≥ 0, got ${seed}`);
  const mode = options.mode ?? "best-guess";
  if (mode !== "best-guess" && mode !== "entropic") throw new UserError(`unknown Scoreboard-RH mode "${String(mode)}"; use best-guess or entropic`);
  const phi = options.phi ?? DEFAULT_PHI;
  if (!(phi >= 0 && Number.isFinite(phi))) throw new UserError(`eccentricity threshold φ must be ≥ 0, got ${phi}`);
  const maxRanked = options.maxRanked ?? DEFAULT_MAX_RANKED;
  if (!Number.isSafeInteger(maxRanked) || maxRanked < 1) throw new UserError(`maxRanked must be a whole number ≥ 1, got ${maxRanked}`);
  const aux = { plays, wrongPlays: options.wrongPlays ?? 0, durationErrorMs: options.durationErrorMs ?? 0 };
  const n = libraries.offsets.length - 1;
  checkAuxOptions(aux, n);

  const targets = sampleLibraryTargets(n, options.targets, seed);
  const excluded = openWorldExclusions(n, targets, options.openWorldShare ?? 0, seed);
  const index = buildLibraryIndex(catalog, libraries, scheme, excluded);
  const scaleMs = options.durationScaleMs ?? defaultDurationScaleMs(index, aux.durationErrorMs);
  if (!(scaleMs > 0 && Number.isFinite(scaleMs))) throw new UserError(`duration similarity scale must be > 0 ms, got ${scaleMs}`);

  const obs = new AuxPlays(plays);
  const link = method === "linkage" ? new LinkageScratch(index, plays) : undefined;
  const board = method === "scoreboard" ? new Scoreboard(index) : undefined;
  const posterior = method === "scoreboard" && mode === "entropic" ? new Float64Array(n) : undefined;
  const records = index.attackerLibraries.length;
  const out: LibraryAttackOutcome[] = [];
  for (const target of targets) {
    const rng = targetRng(seed, target);
    drawAux(catalog, libraries, index, target, aux, rng, obs);
    const truth = String(target);
    const inCatalog = excluded[target] === 0;
    if (link) {
      const m = linkCandidates(index, obs.cls, obs.count, link.candidates, link.order);
      shufflePrefix(link.candidates, m, maxRanked, rng);
      const ranked: RankedCandidate[] = [];
      for (let k = 0; k < Math.min(m, maxRanked); k++) ranked.push({ id: String(link.candidates[k]), score: 1 / m });
      out.push({ truth, inCatalog, candidates: m, answer: { ranked, confidence: m > 0 ? 1 / m : 0, scoreKind: "posterior" } });
      continue;
    }
    const sb = board!;
    sb.run(obs, { durationErrorMs: aux.durationErrorMs, durationScaleMs: scaleMs });
    const summary = summarizeScores(sb.score, sb.touched, sb.touchedCount, records);
    const salt = rng.nextUint32();
    if (mode === "best-guess") {
      // §4: "no match" unless the best record stands out by φ standard deviations.
      const matched = sb.touchedCount > 0 && summary.eccentricity >= phi;
      const ranked = matched ? topLibraries(sb.score, sb.touched, sb.touchedCount, maxRanked, salt) : [];
      out.push({
        truth,
        inCatalog,
        candidates: sb.touchedCount,
        eccentricity: summary.eccentricity,
        answer: { ranked, confidence: summary.eccentricity, scoreKind: "score" },
      });
    } else {
      const { entropyBits } = entropicPosterior(sb.score, sb.touched, sb.touchedCount, summary, posterior!);
      const ranked = topLibraries(posterior!, sb.touched, sb.touchedCount, maxRanked, salt);
      out.push({
        truth,
        inCatalog,
        candidates: sb.touchedCount,
        eccentricity: summary.eccentricity,
        entropyBits,
        answer: { ranked, confidence: ranked.length > 0 ? ranked[0].score : records > 0 ? 1 / records : 0, scoreKind: "posterior" },
      });
    }
  }
  return out;
}

/**
 * The k best touched libraries by `value`, best first. Ties break by a salted hash of
 * the library id, so no numbering of the libraries is favoured.
 */
function topLibraries(value: Float64Array, touched: Int32Array, count: number, k: number, salt: number): RankedCandidate[] {
  const tie = (lib: number) => Math.imul(lib ^ salt, 0x9e3779b1) >>> 0;
  const better = (a: number, b: number) => value[a] > value[b] || (value[a] === value[b] && tie(a) < tie(b));
  const best: number[] = [];
  for (let i = 0; i < count; i++) {
    const lib = touched[i];
    if (best.length === k && !better(lib, best[k - 1])) continue;
    let pos = best.length < k ? best.length : k - 1;
    if (best.length < k) best.push(lib);
    while (pos > 0 && better(lib, best[pos - 1])) {
      best[pos] = best[pos - 1];
      pos--;
    }
    best[pos] = lib;
  }
  return best.map((lib) => ({ id: String(lib), score: value[lib] }));
}
