/**
 * Class match: the candidates for an observation are the attacker's items whose
 * generalized tuple equals it; the attacker picks among their titles uniformly by
 * item or weighted by a prior. The posterior of a title is its share of the
 * candidates' weight:
 *
 *   P(title | obs) = Σ_{items i of title in the class} w_i / Σ_{items i in the class} w_i
 *
 * The ranked answer lists titles by posterior (ties: attacker title order). On the
 * victim's own catalog with a uniform pick the posterior of the truth is c/f (c rows
 * of the target's title in its class of f rows), so the mean posterior of the truth
 * over all rows — `expected_success` — is the `kappa` metric.
 *
 * Parts the attacker's catalog cannot compute (IMDb has no bitrate) are ignored:
 * the attacker cannot use what it does not hold. The index from class key to items
 * is built once: each part's keys become dense codes, codes combine pairwise into
 * dense tuple codes, and the items are grouped by tuple (CSR).
 *
 *   const attack = new ClassMatchAttack(knowledge, view);
 *   attack.answer(victimRowKeys)   // ranked titles with posteriors
 */
import type { AttackerKnowledge } from "./attacker.js";
import { catalogHasPart, viewKeys, type SchemeView } from "../schemes/schemeView.js";
import { TitleAccumulator, TitleRanker, type RankedAnswer } from "./ranking.js";

interface Step {
  /** Part index in the view. */
  part: number;
  /** Bucket key → dense code (NaN, "not reported", is a key like any other). */
  dict: Map<number, number>;
  /** (previous tuple code · dict.size + code) → dense tuple code. */
  pairs: Map<number, number>;
}

export class ClassMatchAttack {
  private readonly steps: Step[] = [];
  /** Items grouped by tuple: items[offsets[c] .. offsets[c+1]). */
  private readonly offsets: Int32Array;
  private readonly items: Int32Array;
  private readonly acc: TitleAccumulator;
  /** Parts ignored because the attacker's catalog lacks them. */
  readonly unusedParts: number[] = [];

  constructor(
    private readonly knowledge: AttackerKnowledge,
    view: SchemeView,
  ) {
    const cat = knowledge.catalog;
    const n = cat.rows;
    let tuple = new Int32Array(n);
    let tupleCount = n > 0 ? 1 : 0;
    view.parts.forEach((part, p) => {
      if (!catalogHasPart(part, cat)) {
        this.unusedParts.push(p);
        return;
      }
      const keys = viewKeys(view, p, cat);
      const dict = new Map<number, number>();
      const code = new Int32Array(n);
      for (let i = 0; i < n; i++) {
        let c = dict.get(keys[i]);
        if (c === undefined) {
          c = dict.size;
          dict.set(keys[i], c);
        }
        code[i] = c;
      }
      const pairs = new Map<number, number>();
      const next = new Int32Array(n);
      for (let i = 0; i < n; i++) {
        const k = tuple[i] * dict.size + code[i];
        let c = pairs.get(k);
        if (c === undefined) {
          c = pairs.size;
          pairs.set(k, c);
        }
        next[i] = c;
      }
      tuple = next;
      tupleCount = pairs.size;
      this.steps.push({ part: p, dict, pairs });
    });
    // CSR by tuple code, items in row order within a tuple.
    this.offsets = new Int32Array(tupleCount + 1);
    for (let i = 0; i < n; i++) this.offsets[tuple[i] + 1]++;
    for (let c = 0; c < tupleCount; c++) this.offsets[c + 1] += this.offsets[c];
    const fill = this.offsets.slice(0, tupleCount);
    this.items = new Int32Array(n);
    for (let i = 0; i < n; i++) this.items[fill[tuple[i]]++] = i;
    this.acc = new TitleAccumulator(cat.titleNames.length);
  }

  /** The tuple code of an observation (one key per view part), or −1 when the attacker has no such class. */
  classOf(keys: ArrayLike<number>): number {
    if (this.knowledge.catalog.rows === 0) return -1;
    let t = 0;
    for (const s of this.steps) {
      const c = s.dict.get(keys[s.part]);
      if (c === undefined) return -1;
      const next = s.pairs.get(t * s.dict.size + c);
      if (next === undefined) return -1;
      t = next;
    }
    return t;
  }

  /** Ranked titles for one observation, at most `maxRanked` of them (and the posterior of `truth`, if given). */
  answer(keys: ArrayLike<number>, maxRanked: number, truth?: string): RankedAnswer {
    const c = this.classOf(keys);
    if (c < 0) return { answer: { ranked: [], confidence: 0, scoreKind: "posterior" }, truthPosterior: 0 };
    const codes = this.knowledge.catalog.titleCodes;
    const w = this.knowledge.itemWeight;
    const acc = this.acc;
    for (let j = this.offsets[c]; j < this.offsets[c + 1]; j++) {
      const i = this.items[j];
      acc.add(codes[i], w[i]);
    }
    return this.rankerFor(maxRanked).rank(acc, truth);
  }

  private ranker: TitleRanker | undefined;

  private rankerFor(maxRanked: number): TitleRanker {
    if (!this.ranker || this.ranker.maxRanked !== maxRanked) this.ranker = new TitleRanker(this.knowledge.answerIds, maxRanked);
    return this.ranker;
  }
}
