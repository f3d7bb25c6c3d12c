/**
 * Scoreboard-RH (Narayanan & Shmatikov, "Robust De-anonymization of Large Sparse
 * Datasets", IEEE S&P 2008, §4 "Algorithm Scoreboard-RH", instantiated in §5), with
 * records = libraries and attributes = observed classes (generalized play tuples).
 *
 * The paper does not number these formulas; we cite them by section:
 * - §4 scoring: Score(aux, r) = Σ_{i ∈ supp(aux)} wt(i) · Sim(aux_i, r_i),
 *   wt(i) = 1 / log |supp(i)| — rare attributes weigh more.
 *   Here |supp(i)| = number of libraries in the attacker's set with Sim(aux_i, ·) > 0.
 *   The paper's weight is infinite when |supp(i)| = 1 (and the paper never meets that
 *   case: every Netflix movie has many raters); we use wt(i) = 1 / ln(1 + |supp(i)|),
 *   which keeps the order (rarer ⇒ heavier) and is finite.
 * - §5 similarity: Sim decays exponentially with the attribute distance, e^{−|d − d'|/d0}
 *   (d0 = 30 days for rating dates). Here: the other observed attributes must fall in
 *   the same bucket; durations compare by |Δ| between bucket representatives in ms,
 *   Sim = e^{−|Δ|/d0}, and 0 beyond the largest error the attacker allows (E + bucket
 *   width when the aux durations carry an error ±E; equality when E = 0). A library's
 *   Sim to aux_i is its best item. Generalizers whose keys are not linear in ms (sig,
 *   log, quantile, ladder) compare by bucket equality only.
 * - §4 best guess: with S the scores of all records, e = (max(S) − max₂(S)) / σ(S);
 *   "no match" when e < φ (φ = 1.5 in §5), else the top record.
 * - §4 entropic: Π(r) = c · e^{Score(aux, r)/σ}; we report its Shannon entropy
 *   (Definition 4's de-anonymization entropy, in bits).
 *
 * Cross-checked against jmgoncalves/netflix-pseudonymizer
 * (scoreboard/src/main/java/es/jmgoncalv/pseudo/scoreboard/ScoreboardRH.java): one pass
 * over all records, population standard deviation, best and second-best score.
 *
 * Libraries that share no observed class have score 0: they are never visited, only
 * counted into σ and the entropic normalizer.
 */
import type { LibraryIndex } from "./libraryIndex.js";
import { lowerBoundInGroup } from "./libraryIndex.js";
import type { AuxPlays } from "./libraryAux.js";

export interface ScoreboardParams {
  /** ± error of the aux durations in ms (0 = exact). */
  durationErrorMs: number;
  /** Decay scale d0 of the duration similarity in ms. */
  durationScaleMs: number;
}

/** Default d0: the larger of the error and the bucket width (N&S use d0 ≈ 2× their 14-day error; we stay conservative). */
export function defaultDurationScaleMs(index: LibraryIndex, durationErrorMs: number): number {
  const w = index.duration?.msPerKey ?? 0;
  return Math.max(durationErrorMs, w, 1);
}

/** Scores of one aux against all libraries, kept sparse. */
export class Scoreboard {
  /** Score per library (0 for libraries not in `touched`). */
  readonly score: Float64Array;
  /** Libraries with a positive score, in first-touch order; valid up to `touchedCount`. */
  readonly touched: Int32Array;
  touchedCount = 0;
  private readonly sim: Float64Array;
  private readonly simStamp: Int32Array;
  private readonly seenStamp: Int32Array;
  private readonly auxTouched: Int32Array;
  private stamp = 0;

  constructor(readonly index: LibraryIndex) {
    const n = index.libraryCount;
    this.score = new Float64Array(n);
    this.touched = new Int32Array(n);
    this.sim = new Float64Array(n);
    this.simStamp = new Int32Array(n);
    this.seenStamp = new Int32Array(n);
    this.auxTouched = new Int32Array(n);
  }

  /** Σ_i wt(i)·Sim(aux_i, r) for every library r (§4), sparse. */
  run(aux: AuxPlays, p: ScoreboardParams): void {
    for (let k = 0; k < this.touchedCount; k++) this.score[this.touched[k]] = 0;
    this.touchedCount = 0;
    const targetStamp = ++this.stamp;
    const { postingOffsets: po, postings, groupOffsets, groupClasses, durationKeyOfClass } = this.index;
    const axis = this.index.duration;
    const E = p.durationErrorMs;
    const linear = axis !== null && axis.msPerKey > 0 && E > 0;
    const msPerKey = axis?.msPerKey ?? 0;
    // Largest representative distance of the true item from a perturbed observation.
    const reachMs = E + msPerKey;
    for (let i = 0; i < aux.count; i++) {
      const auxStamp = ++this.stamp;
      let supp = 0;
      const key = aux.durationKey[i];
      if (linear && key === key) {
        const rest = aux.rest[i];
        const end = groupOffsets[rest + 1];
        for (let q = lowerBoundInGroup(this.index, rest, key - reachMs / msPerKey); q < end; q++) {
          const c = groupClasses[q];
          const kc = durationKeyOfClass[c];
          if (!(kc === kc)) break; // missing durations sort last
          const dMs = Math.abs(kc - key) * msPerKey;
          if (dMs > reachMs) {
            if (kc > key) break;
            continue;
          }
          const s = Math.exp(-dMs / p.durationScaleMs);
          supp = this.addPosting(postings, po[c], po[c + 1], s, auxStamp, supp);
        }
      } else {
        const c = aux.cls[i];
        if (c >= 0) supp = this.addPosting(postings, po[c], po[c + 1], 1, auxStamp, supp);
      }
      if (supp === 0) continue;
      const wt = 1 / Math.log(1 + supp);
      for (let k = 0; k < supp; k++) {
        const lib = this.auxTouched[k];
        if (this.seenStamp[lib] !== targetStamp) {
          this.seenStamp[lib] = targetStamp;
          this.touched[this.touchedCount++] = lib;
        }
        this.score[lib] += wt * this.sim[lib];
      }
    }
  }

  /** Sim(aux_i, r) = the best item of r: keep the maximum over the classes visited. */
  private addPosting(postings: Int32Array, a: number, b: number, s: number, auxStamp: number, supp: number): number {
    for (let k = a; k < b; k++) {
      const lib = postings[k];
      if (this.simStamp[lib] !== auxStamp) {
        this.simStamp[lib] = auxStamp;
        this.sim[lib] = s;
        this.auxTouched[supp++] = lib;
      } else if (s > this.sim[lib]) {
        this.sim[lib] = s;
      }
    }
    return supp;
  }
}

export interface ScoreSummary {
  /** Records scored: the attacker's set (untouched libraries count with score 0). */
  records: number;
  max: number;
  second: number;
  /** Population standard deviation of all records' scores. */
  sigma: number;
  /** (max − max₂)/σ; 0 when σ = 0 with two or more records. */
  eccentricity: number;
}

/** max, max₂, σ over all `records` scores, of which only `touched` are non-zero. */
export function summarizeScores(score: Float64Array, touched: Int32Array, touchedCount: number, records: number): ScoreSummary {
  let max = 0;
  let second = 0;
  let sum = 0;
  let sum2 = 0;
  for (let k = 0; k < touchedCount; k++) {
    const s = score[touched[k]];
    sum += s;
    sum2 += s * s;
    if (s > max) {
      second = max;
      max = s;
    } else if (s > second) {
      second = s;
    }
  }
  if (records === 0) return { records, max: 0, second: 0, sigma: 0, eccentricity: 0 };
  const mean = sum / records;
  const sigma = Math.sqrt(Math.max(0, sum2 / records - mean * mean));
  // One record: nothing to stand out from; σ = 0 means all scores are equal.
  const eccentricity = sigma > 0 ? (max - second) / sigma : 0;
  return { records, max, second, sigma, eccentricity };
}

/**
 * Entropy in bits of Π(r) ∝ e^{Score(r)/σ} over all records (§4 entropic mode), and the
 * posterior of each touched library written into `posterior`. Untouched records have
 * score 0 and share the rest. σ = 0 gives the uniform distribution.
 */
export function entropicPosterior(
  score: Float64Array,
  touched: Int32Array,
  touchedCount: number,
  summary: ScoreSummary,
  posterior: Float64Array,
): { entropyBits: number; untouchedPosterior: number } {
  const n = summary.records;
  if (n === 0) return { entropyBits: 0, untouchedPosterior: 0 };
  if (!(summary.sigma > 0)) {
    for (let k = 0; k < touchedCount; k++) posterior[touched[k]] = 1 / n;
    return { entropyBits: Math.log2(n), untouchedPosterior: 1 / n };
  }
  const sigma = summary.sigma;
  const top = summary.max;
  // Weights relative to the top score, e^{(s − max)/σ} ≤ 1, so nothing overflows.
  const w0 = Math.exp(-top / sigma);
  const untouched = n - touchedCount;
  let z = untouched * w0;
  let zLog = untouched * w0 * (-top / sigma); // Σ w·ln w
  for (let k = 0; k < touchedCount; k++) {
    const x = (score[touched[k]] - top) / sigma;
    const w = Math.exp(x);
    z += w;
    zLog += w * x;
  }
  for (let k = 0; k < touchedCount; k++) posterior[touched[k]] = Math.exp((score[touched[k]] - top) / sigma) / z;
  // H = −Σ (w/Z) log2(w/Z) = log2 Z − (Σ w ln w)/(Z ln 2)
  const entropyBits = Math.log2(z) - zLog / (z * Math.LN2);
  return { entropyBits: Math.max(0, entropyBits), untouchedPosterior: w0 / z };
}
