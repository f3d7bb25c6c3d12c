/**
 * Rolling classes up instead of re-reading rows. When scheme C nests in scheme A (every
 * class of A lies inside one class of C), C's partition is a grouping of A's classes,
 * and every metric follows from A's (class, title, count) table:
 *
 *   A's classes {a0: (t1 ×2, t2 ×1)}, {a1: (t1 ×1)}, C merges a0 and a1
 *   → C's class: size 4, titles {t1: 3, t2: 1}: d = 2, Σc² = 9 + 1 = 10
 *
 * A search over many schemes (tune) builds A's table once (engine/classTable.ts) — for
 * the finest scheme, it is the distinct raw tuples — and answers each coarser scheme
 * with a combination of per-attribute codes and one pass over A's pairs, not over the
 * rows. The metrics are finished from class-size totals (engine/sizeTotals.ts), as the
 * row path's are, so they are bit-identical. `rollUpSchemes` is the kernel that rolls
 * a batch of schemes up on every thread, one scheme per thread at a time.
 */
import { combineWith, Scratch, type DenseCodes } from "../base/densify.js";
import { SizeTotalsBuilder, type ClassSizeTotals } from "./sizeTotals.js";

/** What a roll-up reads: a partition's (class, title, rows) pairs in title order (engine/classTable.ts). */
export interface PairTable {
  /** Identifies the table for per-thread caches. */
  id: number;
  /** Rows of the catalog. */
  rows: number;
  classCount: number;
  /** Distinct (class, title) pairs in title order (all pairs of a title together). */
  pairs: number;
  pairClass: Int32Array;
  pairCount: Int32Array;
  /** Each pair's title run: the r-th title with rows has run r. */
  pairRun: Int32Array;
  runs: number;
}

/**
 * Buffers reused from scheme to scheme: a roll-up would otherwise allocate class-sized
 * arrays each time, and V8 starts a full collection per ~64 MB of new typed arrays.
 */
export class RollScratch {
  /** Per class, four Int32 side by side — [size, titles, last title run, that run's rows] — so a pair touches one cache line for them. */
  private cls = new Int32Array(0);
  private squares = new Float64Array(0);
  private stamp = new Int32Array(0);
  private generation = 0;
  readonly builder = new SizeTotalsBuilder();

  /** Per-class buffers for k classes, zeroed, the run marks set to −1. */
  classes(k: number): { cls: Int32Array; squares: Float64Array } {
    if (this.squares.length < k) {
      const cap = Math.max(k, 2 * this.squares.length);
      this.cls = new Int32Array(4 * cap);
      this.squares = new Float64Array(cap);
    } else {
      this.cls.fill(0, 0, 4 * k);
      this.squares.fill(0, 0, k);
    }
    const cls = this.cls;
    for (let b = 2; b < 4 * k; b += 4) cls[b] = -1;
    return { cls, squares: this.squares };
  }

  /** Stamps for n items and a value none of them holds yet, to count distinct items. */
  stamps(n: number): { stamp: Int32Array; value: number } {
    if (this.stamp.length < n) {
      this.stamp = new Int32Array(n);
      this.generation = 0;
    }
    return { stamp: this.stamp, value: ++this.generation };
  }
}

/**
 * The class-size totals of the scheme whose class of each source class is `coarse`.
 * One pass over the pairs, in title order: a pair adds its rows to its coarse class; the
 * first pair of a title in a class counts the title there, and later ones of the same
 * title grow that title's count c, so Σc² grows by (c + x)² − c² = 2cx + x²:
 *
 *   title t1's pairs (class 0, 2 rows), (class 0, 1 row) → class 0: size 3, titles 1,
 *   Σc² = 4, then + 2·2·1 + 1 = 9 = 3²
 *
 * Every per-pair test and update touches one class's four Int32 and its Σc² — the
 * pairs come in title order and the source classes are numbered in that order
 * (`classTable`), so reading `coarse` is sequential and a fine scheme's classes are
 * met nearly in order too.
 */
export function rollUp(table: PairTable, coarse: DenseCodes, scratch: RollScratch = new RollScratch()): ClassSizeTotals {
  const k = coarse.count;
  const of = coarse.codes;
  const { cls, squares } = scratch.classes(k);
  const { pairs, pairClass, pairCount, pairRun } = table;
  for (let q = 0; q < pairs; q++) {
    const c = of[pairClass[q]];
    const r = pairRun[q];
    const x = pairCount[q];
    const b = c << 2;
    cls[b] += x;
    if (cls[b + 2] !== r) {
      cls[b + 1]++;
      cls[b + 2] = r;
      cls[b + 3] = x;
      squares[c] += x * x;
    } else {
      const before = cls[b + 3];
      cls[b + 3] = before + x;
      squares[c] += 2 * before * x + x * x;
    }
  }
  // A title is exposed when one of its coarse classes holds it alone: the distinct
  // titles (runs) of single-title classes.
  const { stamp, value } = scratch.stamps(table.runs);
  const builder = scratch.builder;
  let exposedTitles = 0;
  for (let c = 0; c < k; c++) {
    const b = c << 2;
    const titles = cls[b + 1];
    builder.add(cls[b], titles, squares[c]);
    if (titles === 1) {
      const r = cls[b + 2];
      if (stamp[r] !== value) {
        stamp[r] = value;
        exposedTitles++;
      }
    }
  }
  return builder.finish(exposedTitles);
}

/** One scheme of a batch: its parts' codes over the table's classes, each with a key naming the part. */
export interface SchemeCodes {
  keys: string[];
  codes: DenseCodes[];
}

/**
 * A thread's state across batches: its roll-up buffers and the combined codes of the
 * last leading parts. Schemes that share all parts but the last (tune varies its last
 * attribute fastest, and gives each thread every T-th scheme) then cost one combination
 * of codes, not two.
 */
class SchemeRoller {
  private readonly scratch = new Scratch();
  private readonly roll = new RollScratch();
  private prefix?: { key: string; codes: DenseCodes; owned: boolean };

  totals(table: PairTable, scheme: SchemeCodes): ClassSizeTotals {
    const coarse = this.numbering(table, scheme);
    const totals = rollUp(table, coarse, this.roll);
    if (coarse.owned) this.scratch.release(coarse.codes);
    return totals;
  }

  /** The scheme's class of each table class: its parts' codes combined pair by pair (base/densify.ts). */
  private numbering(table: PairTable, { keys, codes }: SchemeCodes): DenseCodes & { owned: boolean } {
    const k = table.classCount;
    const n = codes.length;
    if (n === 0) return { codes: this.scratch.int32(k).fill(0), count: k > 0 ? 1 : 0, owned: true };
    if (n === 1) return { ...codes[0], owned: false };
    const key = `${table.id}|${keys.slice(0, -1).join(",")}`;
    if (this.prefix?.key !== key) {
      if (this.prefix?.owned) this.scratch.release(this.prefix.codes.codes);
      let acc = codes[0];
      for (let i = 1; i < n - 1; i++) {
        const next = combineWith(acc, codes[i], this.scratch);
        if (i > 1) this.scratch.release(acc.codes);
        acc = next;
      }
      this.prefix = { key, codes: acc, owned: n > 2 };
    }
    return { ...combineWith(this.prefix.codes, codes[n - 1], this.scratch), owned: true };
  }
}

let roller: SchemeRoller | undefined;

/** Arguments of `rollUpSchemes`: the table, the batch, and where each scheme's totals go. */
export interface RollUpArgs {
  table: PairTable;
  schemes: SchemeCodes[];
  /** `slot` doubles per scheme, written by `writeTotals`. */
  out: Float64Array;
  slot: number;
}

/**
 * The kernel (engine/kernels.ts): thread t of T rolls up schemes t, t + T, …, each
 * into its own slot of `out`. The assignment is fixed, so each thread's leading parts
 * stay the same from batch to batch as often as the order allows.
 */
export function rollUpSchemes(a: RollUpArgs, t: number, T: number): void {
  roller ??= new SchemeRoller();
  for (let s = t; s < a.schemes.length; s += T) writeTotals(a.out, s * a.slot, a.slot, roller.totals(a.table, a.schemes[s]));
}

/**
 * Doubles a slot needs for any scheme over `rows` rows: distinct class sizes add up to
 * at most the rows, so there are at most √(2·rows) of them (1 + 2 + … + m ≤ rows).
 */
export function totalsSlot(rows: number): number {
  return 2 + 5 * (Math.floor(Math.sqrt(2 * rows)) + 1);
}

/** Totals into out[at …]: sizes m, exposed titles, then the five per-size arrays. */
function writeTotals(out: Float64Array, at: number, slot: number, t: ClassSizeTotals): void {
  const m = t.classSize.length;
  if (2 + 5 * m > slot) throw new RangeError(`rollUpSchemes: ${m} class sizes do not fit a slot of ${slot}`);
  out[at] = m;
  out[at + 1] = t.exposedTitles;
  [t.classSize, t.classes, t.singleTitleClasses, t.titleSum, t.squareSum].forEach((xs, j) => out.set(xs, at + 2 + j * m));
}

/** The totals `writeTotals` wrote at out[at …] (copies). */
export function readTotals(out: Float64Array, at: number): ClassSizeTotals {
  const m = out[at];
  const part = (j: number) => out.slice(at + 2 + j * m, at + 2 + (j + 1) * m);
  return { classSize: part(0), classes: part(1), singleTitleClasses: part(2), titleSum: part(3), squareSum: part(4), exposedTitles: out[at + 1] };
}
