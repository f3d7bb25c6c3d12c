/**
 * Rolling classes up instead of re-reading rows. When scheme C nests in scheme A (every
 * class of A lies inside one class of C), C's partition is a grouping of A's classes,
 * and every metric follows from A's (class, title, count) table:
 *
 *   A's classes {a0: (t1 ×2, t2 ×1)}, {a1: (t1 ×1)}, C merges a0 and a1
 *   → C's class: size 4, titles {t1: 3, t2: 1}: d = 2, Σc² = 9 + 1 = 10
 *
 * A search over many schemes (tune) builds A's table once — for the finest scheme, it
 * is the distinct raw tuples — and answers each coarser scheme in passes over A's
 * classes and pairs, not over the rows. The metrics are finished from class-size
 * totals (engine/sizeTotals.ts), as the row path's are, so they are bit-identical.
 */
import type { Catalog } from "../catalog/catalog.js";
import { combineCodes, type DenseCodes } from "../base/densify.js";
import type { Scheme } from "../schemes/types.js";
import { partition, type Partition } from "./partition.js";

/** A partition's classes with their titles: the source a coarser scheme rolls up from. */
export interface ClassTable {
  catalog: Catalog;
  classCount: number;
  classSize: Int32Array;
  /** First row of each class: its values stand for the class under any coarser scheme. */
  firstRow: Int32Array;
  /** Distinct (class, title) pairs in title order (all pairs of a title together). */
  pairs: number;
  pairClass: Int32Array;
  pairCount: Int32Array;
  /** Pairs of the r-th title with rows: [runStart[r], runStart[r + 1]). */
  runStart: Int32Array;
  /** The catalog's columns at each class's first row, to compute coarser keys on. */
  representatives: Catalog;
}

/** Class totals the metrics need (see measures/metrics.ts `ClassTotals`). */
export interface RolledUp {
  classCount: number;
  classSize: Int32Array;
  classTitles: Int32Array;
  classTitleSquares: Float64Array;
  exposedTitles: number;
}

export function classTable(catalog: Catalog, part: Partition): ClassTable {
  const n = catalog.rows;
  const k = part.classCount;
  const classOf = part.classOf;
  const firstRow = new Int32Array(k).fill(-1);
  for (let i = 0; i < n; i++) if (firstRow[classOf[i]] < 0) firstRow[classOf[i]] = i;
  const titles = catalog.titleCodes;
  const tCount = catalog.titleNames.length;
  const pairOf = combineCodes({ codes: classOf, count: k }, { codes: titles, count: Math.max(1, tCount) });
  const p = pairOf.count;
  const pc = new Int32Array(p);
  const pt = new Int32Array(p);
  const cnt = new Int32Array(p);
  for (let i = 0; i < n; i++) {
    const q = pairOf.codes[i];
    pc[q] = classOf[i];
    pt[q] = titles[i];
    cnt[q]++;
  }
  // Title order (a counting sort): the roll-up groups each title's pairs locally.
  const start = new Int32Array(tCount + 1);
  for (let q = 0; q < p; q++) start[pt[q] + 1]++;
  for (let t = 0; t < tCount; t++) start[t + 1] += start[t];
  let runs = 0;
  for (let t = 0; t < tCount; t++) if (start[t + 1] > start[t]) runs++;
  const runStart = new Int32Array(runs + 1);
  for (let t = 0, r = 0; t < tCount; t++) if (start[t + 1] > start[t]) runStart[++r] = start[t + 1];
  const pairClass = new Int32Array(p);
  const pairCount = new Int32Array(p);
  for (let q = 0; q < p; q++) {
    const at = start[pt[q]]++;
    pairClass[at] = pc[q];
    pairCount[at] = cnt[q];
  }
  return { catalog, classCount: k, classSize: part.classSize, firstRow, pairs: p, pairClass, pairCount, runStart, representatives: representativesOf(catalog, firstRow) };
}

function representativesOf(catalog: Catalog, rows: Int32Array): Catalog {
  const numeric: Catalog["numeric"] = {};
  for (const [field, col] of Object.entries(catalog.numeric) as [keyof Catalog["numeric"], Float64Array][]) {
    numeric[field] = Float64Array.from(rows, (i) => col[i]);
  }
  const text: Catalog["text"] = {};
  for (const [field, col] of Object.entries(catalog.text) as [keyof Catalog["text"], string[]][]) {
    text[field] = Array.from(rows, (i) => col[i]);
  }
  return {
    source: catalog.source,
    rows: rows.length,
    titleCodes: new Int32Array(rows.length),
    titleNames: [],
    numeric,
    text,
    precision: catalog.precision,
    provenance: {},
    rejected: {},
    notes: [],
  };
}

/**
 * Codes of a one-part (or any) scheme over the table's classes, numbered by first
 * appearance in class order. Valid for roll-up only when the scheme's keys are a
 * function of each row's own values (not `quantile`, fitted on the whole column).
 */
export function codesOverClasses(table: ClassTable, scheme: Scheme): DenseCodes {
  const p = partition(table.representatives, scheme);
  return { codes: p.classOf, count: p.classCount };
}

/** Combine per-part codes over the table's classes into the classes of their scheme. */
export function combineOverClasses(table: ClassTable, parts: DenseCodes[]): DenseCodes {
  let acc: DenseCodes = { codes: new Int32Array(table.classCount), count: table.classCount > 0 ? 1 : 0 };
  for (const c of parts) acc = acc.count <= 1 ? c : combineCodes(acc, c);
  return acc;
}

/**
 * Buffers reused from scheme to scheme: a roll-up would otherwise allocate three
 * class-sized arrays each time, and V8 starts a full collection per ~64 MB of new
 * typed arrays. Totals returned through a `RollScratch` are views valid until its
 * next use.
 */
export class RollScratch {
  private size = new Int32Array(0);
  private titles = new Int32Array(0);
  private squares = new Float64Array(0);
  /** Per class: the title run that last added a title to it (the title, when it holds one). */
  private sole = new Int32Array(0);
  private stamp = new Int32Array(0);
  private generation = 0;
  private marked?: { mark: Int32Array; sum: Float64Array; touched: Int32Array };

  /** Zeroed totals of k classes (and their `sole`, not zeroed: written before read). */
  totals(k: number): { classSize: Int32Array; classTitles: Int32Array; classTitleSquares: Float64Array; sole: Int32Array } {
    if (this.size.length < k) {
      const cap = Math.max(k, 2 * this.size.length);
      this.size = new Int32Array(cap);
      this.titles = new Int32Array(cap);
      this.squares = new Float64Array(cap);
      this.sole = new Int32Array(cap);
    } else {
      this.size.fill(0, 0, k);
      this.titles.fill(0, 0, k);
      this.squares.fill(0, 0, k);
    }
    return { classSize: this.size.subarray(0, k), classTitles: this.titles.subarray(0, k), classTitleSquares: this.squares.subarray(0, k), sole: this.sole.subarray(0, k) };
  }

  /** Stamps for n items and a value none of them holds yet, to count distinct items. */
  stamps(n: number): { stamp: Int32Array; value: number } {
    if (this.stamp.length < n) {
      this.stamp = new Int32Array(n);
      this.generation = 0;
    }
    return { stamp: this.stamp, value: ++this.generation };
  }

  /** Per-class marks of at least k classes, all −1 (a roll-up leaves them so). */
  marks(k: number): { mark: Int32Array; sum: Float64Array; touched: Int32Array } {
    if (!this.marked || this.marked.mark.length < k) this.marked = { mark: new Int32Array(k).fill(-1), sum: new Float64Array(k), touched: new Int32Array(k) };
    return this.marked;
  }
}

/** Title runs of at most this many pairs are grouped by a scan of a short local list. */
const SMALL_RUN = 16;

/**
 * The class totals of the scheme whose class of each source class is `coarse`
 * (numbered by first appearance in source-class order); with `scratch`, views into
 * its buffers.
 */
export function rollUp(table: ClassTable, coarse: DenseCodes, scratch: RollScratch = new RollScratch()): RolledUp {
  const k = coarse.count;
  const of = coarse.codes;
  const { classSize, classTitles, classTitleSquares, sole } = scratch.totals(k);
  for (let c = 0; c < table.classCount; c++) classSize[of[c]] += table.classSize[c];
  const { runStart, pairClass, pairCount } = table;
  const runs = runStart.length - 1;
  const localClass = new Int32Array(SMALL_RUN);
  const localSum = new Float64Array(SMALL_RUN);
  // Long runs (a title in many classes) use per-class marks, allocated on first need.
  let mark: Int32Array | undefined;
  let sum: Float64Array | undefined;
  let touched: Int32Array | undefined;
  for (let r = 0; r < runs; r++) {
    const from = runStart[r];
    const to = runStart[r + 1];
    if (to - from === 1) {
      const c = of[pairClass[from]];
      const x = pairCount[from];
      classTitles[c] += 1;
      classTitleSquares[c] += x * x;
      sole[c] = r;
    } else if (to - from <= SMALL_RUN) {
      let m = 0;
      for (let q = from; q < to; q++) {
        const c = of[pairClass[q]];
        let j = 0;
        while (j < m && localClass[j] !== c) j++;
        if (j === m) {
          localClass[m] = c;
          localSum[m++] = pairCount[q];
        } else {
          localSum[j] += pairCount[q];
        }
      }
      for (let j = 0; j < m; j++) {
        classTitles[localClass[j]] += 1;
        classTitleSquares[localClass[j]] += localSum[j] * localSum[j];
        sole[localClass[j]] = r;
      }
    } else {
      if (!mark) ({ mark, sum, touched } = scratch.marks(k));
      let m = 0;
      for (let q = from; q < to; q++) {
        const c = of[pairClass[q]];
        if (mark[c] !== r) {
          mark[c] = r;
          sum![c] = 0;
          touched![m++] = c;
        }
        sum![c] += pairCount[q];
      }
      for (let j = 0; j < m; j++) {
        const c = touched![j];
        classTitles[c] += 1;
        classTitleSquares[c] += sum![c] * sum![c];
        sole[c] = r;
        mark[c] = -1; // unmarked again for the next roll-up
      }
    }
  }
  // A title is exposed when one of its coarse classes holds it alone: count the
  // distinct titles of single-title classes (a pass over classes, not pairs).
  const { stamp, value } = scratch.stamps(runs);
  let exposedTitles = 0;
  for (let c = 0; c < k; c++) {
    if (classTitles[c] === 1) {
      const r = sole[c];
      if (stamp[r] !== value) {
        stamp[r] = value;
        exposedTitles++;
      }
    }
  }
  return { classCount: k, classSize, classTitles, classTitleSquares, exposedTitles };
}
