/**
 * Turning per-title weights into a ranked answer: posteriors = weight / total,
 * titles with the largest posterior first (ties: attacker title code order), titles
 * that share an answer id (two attacker titles joined to one victim title) merged.
 */
import type { AttackAnswer, RankedCandidate } from "./types.js";

/** Sparse per-title sums with O(touched) reset: a dense array plus a list of touched codes. */
export class TitleAccumulator {
  readonly weight: Float64Array;
  readonly touched: Int32Array;
  count = 0;
  total = 0;

  constructor(titles: number) {
    this.weight = new Float64Array(titles);
    this.touched = new Int32Array(titles);
  }

  add(title: number, w: number): void {
    if (w <= 0) return;
    if (this.weight[title] === 0) this.touched[this.count++] = title;
    this.weight[title] += w;
    this.total += w;
  }

  reset(): void {
    for (let j = 0; j < this.count; j++) this.weight[this.touched[j]] = 0;
    this.count = 0;
    this.total = 0;
  }
}

export interface RankedAnswer {
  answer: AttackAnswer;
  /** The full posterior of `truth` (also when it falls outside the ranked list), 0 if absent. */
  truthPosterior: number;
}

const NO_MATCH: RankedAnswer = { answer: { ranked: [], confidence: 0, scoreKind: "posterior" }, truthPosterior: 0 };

/**
 * Ranks one attacker's titles. When every title has its own answer id (always on the
 * victim's own catalog) only the best `maxRanked` are selected, in one pass with a
 * small sorted buffer, instead of sorting every touched title: coarse schemes touch
 * thousands of titles per observation.
 */
export class TitleRanker {
  private readonly uniqueIds: boolean;
  /** Answer id → attacker title codes with that id. */
  private readonly codesOf = new Map<string, number[]>();
  private readonly bestCode: Int32Array;
  private readonly bestWeight: Float64Array;

  constructor(
    private readonly answerIds: readonly string[],
    readonly maxRanked: number,
  ) {
    answerIds.forEach((id, t) => {
      const list = this.codesOf.get(id);
      if (list) list.push(t);
      else this.codesOf.set(id, [t]);
    });
    this.uniqueIds = this.codesOf.size === answerIds.length;
    this.bestCode = new Int32Array(maxRanked);
    this.bestWeight = new Float64Array(maxRanked);
  }

  /** Rank the accumulated titles (posterior = weight / total) and reset the accumulator. */
  rank(acc: TitleAccumulator, truth?: string): RankedAnswer {
    if (acc.count === 0 || !(acc.total > 0)) {
      acc.reset();
      return NO_MATCH;
    }
    const w = acc.weight;
    let truthWeight = 0;
    if (truth !== undefined) for (const t of this.codesOf.get(truth) ?? []) truthWeight += w[t];
    const result = this.uniqueIds ? this.selectTop(acc) : this.mergeAndSort(acc);
    const truthPosterior = truthWeight / acc.total;
    acc.reset();
    return { answer: { ranked: result, confidence: result[0].score, scoreKind: "posterior" }, truthPosterior };
  }

  /** Best maxRanked titles by weight (ties: lower title code first). */
  private selectTop(acc: TitleAccumulator): RankedCandidate[] {
    const w = acc.weight;
    const code = this.bestCode;
    const best = this.bestWeight;
    const m = this.maxRanked;
    let size = 0;
    for (let j = 0; j < acc.count; j++) {
      const t = acc.touched[j];
      const x = w[t];
      if (size === m && (x < best[m - 1] || (x === best[m - 1] && t > code[m - 1]))) continue;
      let pos = size < m ? size++ : m - 1;
      while (pos > 0 && (best[pos - 1] < x || (best[pos - 1] === x && code[pos - 1] > t))) {
        best[pos] = best[pos - 1];
        code[pos] = code[pos - 1];
        pos--;
      }
      best[pos] = x;
      code[pos] = t;
    }
    const out: RankedCandidate[] = new Array(size);
    for (let r = 0; r < size; r++) out[r] = { id: this.answerIds[code[r]], score: best[r] / acc.total };
    return out;
  }

  /** Titles sharing an answer id are merged, then sorted (rare: two attacker titles joined to one victim title). */
  private mergeAndSort(acc: TitleAccumulator): RankedCandidate[] {
    const order = Array.from(acc.touched.subarray(0, acc.count));
    const w = acc.weight;
    order.sort((a, b) => w[b] - w[a] || a - b);
    // Sum weights per id first, divide once: posteriors stay exact ratios.
    const ranked: RankedCandidate[] = [];
    const seen = new Map<string, RankedCandidate>();
    for (const t of order) {
      const id = this.answerIds[t];
      const prev = seen.get(id);
      if (prev) prev.score += w[t];
      else {
        const c = { id, score: w[t] };
        seen.set(id, c);
        ranked.push(c);
      }
    }
    ranked.sort((a, b) => b.score - a.score); // stable: ties keep title order
    const top = ranked.slice(0, this.maxRanked);
    for (const c of top) c.score /= acc.total;
    return top;
  }
}

/**
 * One-off ranking (builds a `TitleRanker` per call; attacks answering many
 * observations keep a ranker instead). Kept for callers of the first version.
 */
export function rankTitles(acc: TitleAccumulator, answerIds: readonly string[], maxRanked: number, truth?: string): RankedAnswer {
  return new TitleRanker(answerIds, maxRanked).rank(acc, truth);
}
