/**
 * Multi-play library linkage: plays from one server are linkable, so an attacker who
 * sees p generalized plays keeps the libraries that hold an item of every observed
 * class. The question of de Montjoye et al. ("Unique in the Crowd", Sci. Rep. 3:1376,
 * 2013: 4 spatio-temporal points single out 95 % of 1.5 M people) asked of media
 * servers: after p plays, how many libraries are still possible?
 *
 *   libraryUniqueness(catalog, libs, parseScheme("duration=round(60s)"), { plays: [1, 2, 4], targets: 1000, seed: 1 })
 *   // [{ plays: 1, unique_fraction: …, … }, …]
 *
 * Candidates are the intersection of the observed classes' postings (class →
 * libraries), smallest posting first, so the work is bounded by the rarest class.
 */
import type { Catalog } from "../catalog/catalog.js";
import { UserError } from "../base/errors.js";
import type { Scheme } from "../schemes/types.js";
import type { Rng } from "../base/random.js";
import { buildLibraryIndex, type LibraryIndex } from "./libraryIndex.js";
import { AuxPlays, checkAuxOptions, drawAux, targetRng } from "./libraryAux.js";
import { sampleLibraryTargets, type Libraries } from "./libraries.js";

/**
 * Libraries holding an item of each of the first `count` classes in `classes`, written
 * to `out` (ascending); returns how many. A class of −1 (a tuple no catalog row has)
 * matches nothing; no classes at all match every library in the attacker's set.
 * `order` is scratch of length ≥ count.
 */
export function linkCandidates(index: LibraryIndex, classes: Int32Array, count: number, out: Int32Array, order: Int32Array): number {
  const { postingOffsets: po, postings } = index;
  if (count === 0) {
    out.set(index.attackerLibraries);
    return index.attackerLibraries.length;
  }
  for (let i = 0; i < count; i++) {
    if (classes[i] < 0) return 0;
    order[i] = classes[i];
  }
  // Rarest first: distinct classes by posting length.
  const cs = order.subarray(0, count);
  cs.sort((a, b) => po[a + 1] - po[a] - (po[b + 1] - po[b]) || a - b);
  let m = 0;
  const first = cs[0];
  for (let k = po[first]; k < po[first + 1]; k++) out[m++] = postings[k];
  for (let i = 1; i < count && m > 0; i++) {
    const c = cs[i];
    if (c === cs[i - 1]) continue;
    let lo = po[c];
    const hi = po[c + 1];
    let kept = 0;
    // Both lists ascend: galloping from the last position found keeps this O(m log(len)).
    for (let r = 0; r < m; r++) {
      const lib = out[r];
      let step = 1;
      let probe = lo;
      while (probe < hi && postings[probe] < lib) {
        lo = probe + 1;
        probe = lo + step;
        step <<= 1;
      }
      let a = lo;
      let b = Math.min(probe + 1, hi);
      while (a < b) {
        const mid = (a + b) >>> 1;
        if (postings[mid] < lib) a = mid + 1;
        else b = mid;
      }
      lo = a;
      if (lo < hi && postings[lo] === lib) out[kept++] = lib;
    }
    m = kept;
  }
  return m;
}

/** Reusable buffers for linkage over one index. */
export class LinkageScratch {
  readonly candidates: Int32Array;
  readonly order: Int32Array;
  constructor(index: LibraryIndex, plays: number) {
    this.candidates = new Int32Array(Math.max(1, index.attackerLibraries.length));
    this.order = new Int32Array(Math.max(1, plays));
  }
}

/**
 * `k` of the m candidates in `cands` as a uniformly shuffled prefix (in place): with
 * every candidate equally likely, the first one is a uniform guess, so success@1 is 1/m
 * in expectation whatever the library numbering.
 */
export function shufflePrefix(cands: Int32Array, m: number, k: number, rng: Rng): void {
  const lim = Math.min(k, m);
  for (let i = 0; i < lim; i++) {
    const j = i + rng.int(m - i);
    const t = cands[i];
    cands[i] = cands[j];
    cands[j] = t;
  }
}

export interface LibraryUniquenessOptions {
  /** Numbers of plays to evaluate (each ≥ 1). */
  plays: number[];
  targets: number | "all";
  seed: number;
}

export interface LibraryUniquenessRow {
  plays: number;
  targets: number;
  /** Targets whose plays leave exactly one library (their own): F2's y axis. */
  unique_fraction: number;
  /** Mean number of libraries consistent with the plays. */
  mean_candidates: number;
  /** Median of the same. */
  median_candidates: number;
}

/**
 * For each p in `plays`: the share of sampled target libraries that p random plays
 * identify uniquely (closed world: every library is in the attacker's set; exact
 * observations). The same seed gives the same targets and plays as `runLibraryAttack`
 * with method "linkage", so `unique_fraction` equals its share of outcomes with one candidate.
 */
export function libraryUniqueness(
  catalog: Catalog,
  libraries: Libraries,
  scheme: Scheme,
  options: LibraryUniquenessOptions,
): LibraryUniquenessRow[] {
  if (options.plays.length === 0) throw new UserError("give at least one number of plays");
  const maxPlays = Math.max(...options.plays);
  for (const p of options.plays) checkAuxOptions({ plays: p, wrongPlays: 0, durationErrorMs: 0 }, 1);
  const index = buildLibraryIndex(catalog, libraries, scheme);
  const targets = sampleLibraryTargets(index.libraryCount, options.targets, options.seed);
  const nt = targets.length;
  const counts = options.plays.map(() => new Int32Array(nt));
  const aux = new AuxPlays(maxPlays);
  const scratch = new LinkageScratch(index, maxPlays);
  for (let t = 0; t < nt; t++) {
    const target = targets[t];
    // Drawn once with the most plays: the plays for p are its first p (see libraryAux).
    drawAux(catalog, libraries, index, target, { plays: maxPlays, wrongPlays: 0, durationErrorMs: 0 }, targetRng(options.seed, target), aux);
    for (let q = 0; q < options.plays.length; q++) {
      const p = Math.min(options.plays[q], aux.count);
      counts[q][t] = linkCandidates(index, aux.cls, p, scratch.candidates, scratch.order);
    }
  }
  return options.plays.map((p, q) => {
    const c = counts[q];
    let unique = 0;
    let sum = 0;
    for (let t = 0; t < nt; t++) {
      if (c[t] === 1) unique++;
      sum += c[t];
    }
    const sorted = c.slice().sort();
    const median = nt === 0 ? NaN : nt % 2 ? sorted[(nt - 1) / 2] : (sorted[nt / 2 - 1] + sorted[nt / 2]) / 2;
    return { plays: p, targets: nt, unique_fraction: nt ? unique / nt : NaN, mean_candidates: nt ? sum / nt : NaN, median_candidates: median };
  });
}
