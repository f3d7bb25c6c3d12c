/**
 * Rolling classes up instead of re-reading rows. When scheme C nests in scheme A (every
 * class of A lies inside one class of C), C's partition is a grouping of A's classes,
 * and every metric follows from A's (class, title, count) table:
 *
 *   A's classes {a0: (t1 ×2, t2 ×1)}, {a1: (t1 ×1)}, C merges a0 and a1
 *   → C's class: size 4, titles {t1: 3, t2: 1}: d = 2, Σc² = 9 + 1 = 10
 *
 * A search over many schemes (tune, sweep) builds A's table once, for the finest scheme
 * (the distinct raw tuples), and answers each coarser scheme in passes over A's classes
 * and pairs, never over the rows.
 *
 * What makes a pass cheap is order. The table's classes are ranked by the raw value of
 * one numeric attribute, the *run* attribute (say duration). Every deterministic
 * generalizer of it (exact, round, floor, sig, log, ladder, drop) is monotone in that
 * value, so each of its buckets is a contiguous range of ranks. A scheme's other parts
 * (its *prefix*) split the ranks into buckets; sorting the ranks by prefix bucket
 * (a stable counting sort, ranks stay ascending inside a bucket) makes each class of
 * the scheme a contiguous run:
 *
 *   ranks by duration     0:61 s  1:62 s  2:95 s  3:130 s   prefix buckets {0, 2, 3} {1}
 *   order                 0 2 3 | 1
 *   round(1min) keys      1 2 2 | 1      → classes {0} {2, 3} {1}
 *
 * A prefix is gathered once (`PrefixGroup`: per-class totals and title pairs copied into
 * that order, so every later pass reads memory sequentially), and every run-attribute
 * choice then costs one scan of it (`rollUpRuns`): a run of one class keeps that class's
 * totals, a longer run merges its classes' title pairs. The class totals go into size
 * totals (engine/sizeTotals.ts), which do not depend on the order classes are met in.
 */
import type { Catalog } from "../catalog/catalog.js";
import { combineCodes, type DenseCodes } from "../base/densify.js";
import type { NumericField } from "../catalog/catalog.js";
import type { Scheme } from "../schemes/types.js";
import { partition, type Partition } from "./partition.js";
import { SizeTotalsBuilder, type ClassSizeTotals } from "./sizeTotals.js";

/** A partition's classes, ranked by one numeric field, with their titles. */
export interface ClassTable {
  catalog: Catalog;
  classCount: number;
  /** Per class (by rank): rows, distinct titles d, Σc², and its title when d = 1 (else −1). */
  classSize: Int32Array;
  classTitles: Int32Array;
  classSquares: Float64Array;
  soleTitle: Int32Array;
  /** The class's distinct titles (numbered by first appearance in rank order) and their rows: pairs [pairStart[c], pairStart[c + 1]). */
  pairStart: Int32Array;
  pairTitle: Int32Array;
  pairCount: Int32Array;
  /** Distinct titles with rows. */
  titles: number;
  /** The catalog's columns at each class's first row (by rank), to compute coarser keys on. */
  representatives: Catalog;
}

/**
 * The table of `part`'s classes, ranked by ascending `runField` (missing values last,
 * ties by class id) when one is given, else by class id.
 */
export function classTable(catalog: Catalog, part: Partition, runField?: NumericField): ClassTable {
  const n = catalog.rows;
  const k = part.classCount;
  const classOf = part.classOf;
  const firstRow = new Int32Array(k).fill(-1);
  for (let i = 0; i < n; i++) if (firstRow[classOf[i]] < 0) firstRow[classOf[i]] = i;
  const column = runField ? catalog.numeric[runField] : undefined;
  const classAt = column ? rankBy(Float64Array.from(firstRow, (i) => column[i])) : Int32Array.from({ length: k }, (_, c) => c);
  const rankOf = new Int32Array(k);
  for (let r = 0; r < k; r++) rankOf[classAt[r]] = r;

  // Distinct (class, title) pairs, then laid out class by class in rank order.
  const titles = catalog.titleCodes;
  const pairOf = combineCodes({ codes: classOf, count: k }, { codes: titles, count: Math.max(1, catalog.titleNames.length) });
  const p = pairOf.count;
  const pc = new Int32Array(p);
  const pt = new Int32Array(p);
  const cnt = new Int32Array(p);
  for (let i = 0; i < n; i++) {
    const q = pairOf.codes[i];
    pc[q] = rankOf[classOf[i]];
    pt[q] = titles[i];
    cnt[q]++;
  }
  const pairStart = new Int32Array(k + 1);
  for (let q = 0; q < p; q++) pairStart[pc[q] + 1]++;
  for (let r = 0; r < k; r++) pairStart[r + 1] += pairStart[r];
  const at = pairStart.slice(0, k);
  const pairRaw = new Int32Array(p);
  const pairCount = new Int32Array(p);
  for (let q = 0; q < p; q++) {
    const j = at[pc[q]]++;
    pairRaw[j] = pt[q];
    pairCount[j] = cnt[q];
  }
  // Titles renumbered by first appearance in rank order: a title's releases tend to
  // have close values, so the titles a run meets are close in memory too.
  const renumber = new Int32Array(Math.max(1, catalog.titleNames.length)).fill(-1);
  let distinct = 0;
  const pairTitle = new Int32Array(p);
  for (let j = 0; j < p; j++) {
    const t = pairRaw[j];
    if (renumber[t] < 0) renumber[t] = distinct++;
    pairTitle[j] = renumber[t];
  }
  const classSize = new Int32Array(k);
  const classTitles = new Int32Array(k);
  const classSquares = new Float64Array(k);
  const soleTitle = new Int32Array(k);
  for (let r = 0; r < k; r++) {
    classSize[r] = part.classSize[classAt[r]];
    const from = pairStart[r];
    const to = pairStart[r + 1];
    classTitles[r] = to - from;
    let sq = 0;
    for (let j = from; j < to; j++) sq += pairCount[j] * pairCount[j];
    classSquares[r] = sq;
    soleTitle[r] = to - from === 1 ? pairTitle[from] : -1;
  }
  const rows = Int32Array.from(classAt, (c) => firstRow[c]);
  return { catalog, classCount: k, classSize, classTitles, classSquares, soleTitle, pairStart, pairTitle, pairCount, titles: distinct, representatives: representativesOf(catalog, rows) };
}

/** Indices of `values` in ascending order, NaN last, ties by index (a stable sort by value rank). */
function rankBy(values: Float64Array): Int32Array {
  const k = values.length;
  const sorted = Float64Array.from(values).sort(); // NaN sorts last
  let distinct = 0;
  for (let i = 0; i < k; i++) if (i === 0 || !(sorted[i] === sorted[i - 1] || (sorted[i] !== sorted[i] && sorted[i - 1] !== sorted[i - 1]))) sorted[distinct++] = sorted[i];
  const valueRank = new Int32Array(k);
  const count = new Int32Array(distinct + 1);
  for (let c = 0; c < k; c++) {
    const v = values[c];
    let lo = 0;
    let hi = distinct - 1;
    if (v !== v) lo = hi; // NaN: the last distinct value
    else {
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (sorted[mid] < v) lo = mid + 1;
        else hi = mid;
      }
    }
    valueRank[c] = lo;
    count[lo + 1]++;
  }
  for (let v = 0; v < distinct; v++) count[v + 1] += count[v];
  const out = new Int32Array(k);
  for (let c = 0; c < k; c++) out[count[valueRank[c]]++] = c;
  return out;
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
 * Codes of a scheme over the table's classes (by rank), numbered by first appearance.
 * Valid for roll-up only when the scheme's keys are a function of each row's own values
 * (not `quantile`, fitted on the whole column).
 */
export function codesOverClasses(table: ClassTable, scheme: Scheme): DenseCodes {
  const p = partition(table.representatives, scheme);
  return { codes: p.classOf, count: p.classCount };
}

/** Whether each code's classes form one contiguous range of ranks (then it can be a run part). */
export function isContiguous(codes: DenseCodes): boolean {
  // numbered by first appearance, contiguous ⇔ each code is the last one or the next
  const c = codes.codes;
  for (let r = 1; r < c.length; r++) if (c[r] !== c[r - 1] && c[r] !== c[r - 1] + 1) return false;
  return true;
}

/**
 * The table's classes as records, class-major: for class r, at r·stride, its size, its
 * distinct titles d, its sole title (d = 1) and then each run choice's code. Gathering a
 * prefix reads all of it from one or two cache lines per class, where separate arrays
 * would cost a cache miss each (the gather is bound by those misses).
 */
export interface ClassRecords {
  choices: number;
  stride: number;
  data: Int32Array;
}

/** Records of the table's classes with the run choices' codes (each over ranks, contiguous). */
export function classRecords(table: ClassTable, runCodes: DenseCodes[]): ClassRecords {
  const q = runCodes.length;
  const stride = 3 + q;
  const k = table.classCount;
  const data = new Int32Array(k * stride);
  for (let r = 0; r < k; r++) {
    data[r * stride] = table.classSize[r];
    data[r * stride + 1] = table.classTitles[r];
    data[r * stride + 2] = table.soleTitle[r];
  }
  for (let c = 0; c < q; c++) {
    const from = runCodes[c].codes;
    for (let r = 0; r < k; r++) data[r * stride + 3 + c] = from[r];
  }
  return { choices: q, stride, data };
}

/**
 * One prefix's classes in bucket order with their size, distinct titles, Σc² and sole
 * title gathered into that order, and for each run choice of the records the bit set of
 * positions that start a class (a new bucket, or a new code of the choice).
 */
export class PrefixGroup {
  readonly order: Int32Array;
  readonly size: Int32Array;
  readonly titles: Int32Array;
  readonly squares: Float64Array;
  readonly sole: Int32Array;
  /** Positions that start a bucket. */
  readonly bucketStarts: Int32Array;
  /** Per run choice (same order as the records'): positions that start one of its classes. */
  readonly starts: Int32Array[];

  /**
   * `records`: the table's (`classRecords`). `reuse`: a group of the same table that is
   * done with, whose buffers this one takes (a search gathers dozens of prefixes; fresh
   * class-sized arrays each time would keep the garbage collector busy).
   */
  constructor(
    readonly table: ClassTable,
    prefix: DenseCodes,
    records: ClassRecords,
    reuse?: PrefixGroup,
  ) {
    const k = table.classCount;
    const old = reuse?.table === table ? reuse : undefined;
    this.order = bucketOrder(prefix, old?.order);
    this.size = old?.size ?? new Int32Array(k);
    this.titles = old?.titles ?? new Int32Array(k);
    this.squares = old?.squares ?? new Float64Array(k);
    this.sole = old?.sole ?? new Int32Array(k);
    this.bucketStarts = old ? old.bucketStarts.fill(0) : bitSet(k);
    this.starts = Array.from({ length: records.choices }, (_, c) => (old && c < old.starts.length ? old.starts[c].fill(0) : bitSet(k)));
    gather(table, prefix.codes, records, this);
  }

  /** Starts of a run choice not in the records (codes over ranks, contiguous), or of none (`undefined`: the buckets). */
  startsOf(codes: DenseCodes | undefined): Int32Array {
    if (!codes) return this.bucketStarts;
    const out = this.bucketStarts.slice();
    const c = codes.codes;
    for (let i = 1; i < this.order.length; i++) if (c[this.order[i]] !== c[this.order[i - 1]]) setBit(out, i);
    return out;
  }
}

/** Copies the records' totals into the group's order and marks the starts. */
function gather(table: ClassTable, pc: Int32Array, records: ClassRecords, into: PrefixGroup): void {
  const { order, size, titles, squares, sole, bucketStarts, starts } = into;
  const { classSquares } = table;
  const { choices: q, stride, data } = records;
  const k = order.length;
  let prev = -1;
  for (let i = 0; i < k; i++) {
    const r = order[i];
    const a = r * stride;
    const f = data[a];
    const d = data[a + 1];
    size[i] = f;
    titles[i] = d;
    squares[i] = d === 1 ? f * f : classSquares[r];
    sole[i] = data[a + 2];
    if (prev < 0 || pc[r] !== pc[prev]) {
      setBit(bucketStarts, i);
      for (let c = 0; c < q; c++) setBit(starts[c], i);
    } else {
      for (let c = 3, b = prev * stride; c < stride; c++) if (data[a + c] !== data[b + c]) setBit(starts[c - 3], i);
    }
    prev = r;
  }
}

/** Ranks sorted by prefix code, ascending within a code (a stable counting sort). */
function bucketOrder(prefix: DenseCodes, into?: Int32Array): Int32Array {
  const codes = prefix.codes;
  const k = codes.length;
  const at = new Int32Array(prefix.count + 1);
  for (let r = 0; r < k; r++) at[codes[r] + 1]++;
  for (let b = 0; b < prefix.count; b++) at[b + 1] += at[b];
  const order = into ?? new Int32Array(k);
  for (let r = 0; r < k; r++) order[at[codes[r]]++] = r;
  return order;
}

function bitSet(k: number): Int32Array {
  return new Int32Array((k >>> 5) + 1);
}

function setBit(bits: Int32Array, i: number): void {
  bits[i >>> 5] |= 1 << (i & 31);
}

/**
 * Buffers reused from scheme to scheme: per title, the run that last met it and its rows
 * in that run; the titles exposed so far, a bit each (small enough to stay in cache);
 * and the size totals.
 */
export class RollScratch {
  /** [2t]: run stamp, [2t + 1]: the title's rows in that run. */
  private seen = new Int32Array(0);
  private exposed = new Int32Array(0);
  private run = 0;
  readonly totals = new SizeTotalsBuilder();

  prepare(titles: number): { seen: Int32Array; exposed: Int32Array; run: number } {
    if (this.seen.length < 2 * titles || this.run > 0x3fffffff) {
      this.seen = new Int32Array(Math.max(2 * titles, this.seen.length));
      this.run = 0;
    }
    if (this.exposed.length <= titles >>> 5) this.exposed = bitSet(titles);
    else this.exposed.fill(0);
    return { seen: this.seen, exposed: this.exposed, run: this.run };
  }

  /** Runs stamped up to `run` (the next scan starts after it). */
  advance(run: number): void {
    this.run = run;
  }
}

/** Runs of at most this many pairs are merged in a short local list. */
const SMALL_RUN = 16;

/**
 * The size totals of the scheme whose classes are the runs of `group` cut at `starts`
 * (`PrefixGroup.starts` or `startsOf`). A run of one class takes that class's totals;
 * a longer run merges its classes' title pairs:
 *
 *   run of classes {t1 ×2, t2 ×1} and {t1 ×1}: t1 3 rows, t2 1 → d 2, Σc² = 9 + 1
 *
 * (Σc² grows by x·(2c + x) when x rows join a title that had c.)
 */
export function rollUpRuns(group: PrefixGroup, starts: Int32Array, scratch: RollScratch = new RollScratch()): ClassSizeTotals {
  const { size, titles, squares, sole, order } = group;
  const { pairStart, pairTitle, pairCount } = group.table;
  const k = size.length;
  const totals = scratch.totals;
  const { seen, exposed, run: firstRun } = scratch.prepare(group.table.titles);
  let run = firstRun;
  let exposedTitles = 0;
  const localTitle = new Int32Array(SMALL_RUN);
  const localCount = new Float64Array(SMALL_RUN);
  let from = 0;
  for (let i = 1; i <= k; i++) {
    if (i < k && ((starts[i >>> 5] >>> (i & 31)) & 1) === 0) continue;
    // [from, i) is one class of the scheme
    let f = size[from];
    let d = titles[from];
    let sq = squares[from];
    let only = sole[from];
    if (i - from > 1) {
      for (let j = from + 1; j < i; j++) f += size[j];
      d = 0;
      sq = 0;
      // the run's (title, rows) pairs: a class's sole title, or its pairs in the table
      let big = false; // past SMALL_RUN titles: a title-indexed array instead of a short list
      for (let j = from; j < i; j++) {
        const one = titles[j] === 1;
        const r = order[j];
        for (let q = one ? 0 : pairStart[r], end = one ? 1 : pairStart[r + 1]; q < end; q++) {
          const t = one ? sole[j] : pairTitle[q];
          const x = one ? size[j] : pairCount[q];
          if (!big) {
            // a short list: no title-indexed array, no cache miss
            let at = 0;
            while (at < d && localTitle[at] !== t) at++;
            if (at < d) {
              sq += x * (2 * localCount[at] + x);
              localCount[at] += x;
              continue;
            }
            if (d < SMALL_RUN) {
              localTitle[d] = t;
              localCount[d++] = x;
              sq += x * x;
              only = t;
              continue;
            }
            big = true;
            run++;
            for (let u = 0; u < d; u++) {
              seen[2 * localTitle[u]] = run;
              seen[2 * localTitle[u] + 1] = localCount[u];
            }
          }
          if (seen[2 * t] !== run) {
            seen[2 * t] = run;
            seen[2 * t + 1] = x;
            d++;
            sq += x * x;
            only = t;
          } else {
            const c = seen[2 * t + 1];
            sq += x * (2 * c + x);
            seen[2 * t + 1] = c + x;
          }
        }
      }
    }
    totals.add(f, d, sq);
    if (d === 1 && (exposed[only >>> 5] & (1 << (only & 31))) === 0) {
      exposed[only >>> 5] |= 1 << (only & 31);
      exposedTitles++;
    }
    from = i;
  }
  scratch.advance(run);
  return totals.finish(exposedTitles);
}
