/**
 * Rolling classes up instead of re-reading rows. When scheme C nests in scheme A (every
 * class of A lies inside one class of C), C's partition is a grouping of A's classes,
 * and every metric follows from A's table of classes:
 *
 *   A's classes {a0: (t1 ×2, t2 ×1)}, {a1: (t1 ×1)}, C merges a0 and a1
 *   → C's class: size 4, titles {t1: 3, t2: 1}: d = 2, Σc² = 9 + 1 = 10
 *
 * The table keeps per class its size f, distinct titles d and Σc² (c = rows of a title
 * in the class). Summed over the A-classes of a C-class they give C's f exactly, and
 * C's d and Σc² as if no title had rows in two of them. Only a title with rows in
 * several A-classes ("split") can break that, and only where two of those classes
 * merge: the correction for a title whose A-classes merge into groups G is
 *
 *   d  −= Σ_G (|G| − 1)          Σc² += Σ_G ((Σ_{a∈G} c_a)² − Σ_{a∈G} c_a²)
 *
 * (above: t1 is split over a0, a1 with counts 2 and 1; they merge, so d = 3 − 1 = 2 and
 * Σc² = (4 + 1) + 1 + (3² − 2² − 1²) = 10). Split titles are kept as their
 * (class, count) pairs; for titles with few pairs every pair of pairs is an "edge",
 * and a caller that knows, per edge, whether a scheme keeps its two classes apart
 * (`EdgeTest`: one bit per choice of each attribute) regroups only the titles with a
 * merging edge. A search over many schemes (tune) builds the finest table once from
 * the rows, and coarser tables from it (`coarserTable`), and answers each scheme in
 * passes over the classes of the smallest table that nests in it.
 *
 * Class ids stay in order of first appearance among rows (A's are, and C's are numbered
 * over A's classes in A's order), so the totals sum in the same order as the row path
 * and give bit-identical metrics; d and Σc² are integers, exact in any order.
 */
import type { Catalog } from "../catalog/catalog.js";
import { combineCodes, type DenseCodes } from "../base/densify.js";
import type { Scheme } from "../schemes/types.js";
import { partition, type Partition } from "./partition.js";

/** A partition's classes with their title statistics: the source a coarser scheme rolls up from. */
export interface ClassTable {
  catalog: Catalog;
  classCount: number;
  classSize: Int32Array;
  /** First row of each class: its values stand for the class under any coarser scheme. */
  firstRow: Int32Array;
  /** Distinct (class, title) pairs: Σ classTitles. */
  pairs: number;
  /** Distinct titles per class (d). */
  classTitles: Int32Array;
  /** Σ over the class's titles of (rows of the title in the class)². */
  classTitleSquares: Float64Array;
  /** The title of a class holding one title, else −1. */
  soleTitle: Int32Array;
  /** Titles with rows in several classes: the s-th one's pairs are [splitStart[s], splitStart[s + 1]). */
  splitStart: Int32Array;
  splitClass: Int32Array;
  splitCount: Int32Array;
  /**
   * Edges: both ends (pair indices) of every two pairs of a split title with at most
   * EDGE_TITLE_PAIRS pairs, with that title's index, in title order.
   */
  edgeSplit: Int32Array;
  edgeA: Int32Array;
  edgeB: Int32Array;
  /** Split titles with more pairs than that: regrouped under every scheme. */
  wideSplits: Int32Array;
  /** The finest table's class holding each class's first row (the finest table: itself). */
  baseClass: Int32Array | null;
  /** The catalog's columns at the finest table's first rows, to compute coarser keys on. */
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

/** A split title with more pairs than this gets no edges (they grow as pairs²). */
export const EDGE_TITLE_PAIRS = 8;

/** The finest table, from a partition of the rows. */
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
  // Title order (a counting sort): each title's pairs together.
  const start = new Int32Array(tCount + 1);
  for (let q = 0; q < p; q++) start[pt[q] + 1]++;
  for (let t = 0; t < tCount; t++) start[t + 1] += start[t];
  const pairClass = new Int32Array(p);
  const pairCount = new Int32Array(p);
  const pairTitle = new Int32Array(p);
  for (let q = 0; q < p; q++) {
    const at = start[pt[q]]++;
    pairClass[at] = pc[q];
    pairCount[at] = cnt[q];
    pairTitle[at] = pt[q];
  }
  const classTitles = new Int32Array(k);
  const classTitleSquares = new Float64Array(k);
  const soleTitle = new Int32Array(k).fill(-1);
  for (let q = 0; q < p; q++) {
    const c = pairClass[q];
    classTitles[c]++;
    classTitleSquares[c] += pairCount[q] * pairCount[q];
    soleTitle[c] = pairTitle[q];
  }
  for (let c = 0; c < k; c++) if (classTitles[c] !== 1) soleTitle[c] = -1;
  const splits = new SplitBuilder();
  for (let from = 0; from < p; ) {
    let to = from + 1;
    while (to < p && pairTitle[to] === pairTitle[from]) to++;
    if (to - from > 1) {
      for (let q = from; q < to; q++) splits.pair(pairClass[q], pairCount[q]);
      splits.endTitle();
    }
    from = to;
  }
  return { catalog, classCount: k, classSize: part.classSize, firstRow, pairs: p, classTitles, classTitleSquares, soleTitle, ...splits.done(), baseClass: null, representatives: representativesOf(catalog, firstRow) };
}

/** Split titles' pairs, appended title by title, and their edges. */
class SplitBuilder {
  private starts: number[] = [0];
  private cls = new Int32Array(1024);
  private cnt = new Int32Array(1024);
  private used = 0;

  pair(c: number, x: number): void {
    if (this.used === this.cls.length) {
      const grow = (a: Int32Array) => {
        const b = new Int32Array(2 * a.length);
        b.set(a);
        return b;
      };
      this.cls = grow(this.cls);
      this.cnt = grow(this.cnt);
    }
    this.cls[this.used] = c;
    this.cnt[this.used++] = x;
  }

  endTitle(): void {
    this.starts.push(this.used);
  }

  done(): Pick<ClassTable, "splitStart" | "splitClass" | "splitCount" | "edgeSplit" | "edgeA" | "edgeB" | "wideSplits"> {
    const splitStart = Int32Array.from(this.starts);
    const s = splitStart.length - 1;
    let edges = 0;
    let wide = 0;
    for (let t = 0; t < s; t++) {
      const m = splitStart[t + 1] - splitStart[t];
      if (m <= EDGE_TITLE_PAIRS) edges += (m * (m - 1)) / 2;
      else wide++;
    }
    const edgeSplit = new Int32Array(edges);
    const edgeA = new Int32Array(edges);
    const edgeB = new Int32Array(edges);
    const wideSplits = new Int32Array(wide);
    let e = 0;
    let w = 0;
    for (let t = 0; t < s; t++) {
      const from = splitStart[t];
      const to = splitStart[t + 1];
      if (to - from > EDGE_TITLE_PAIRS) {
        wideSplits[w++] = t;
        continue;
      }
      for (let a = from; a < to; a++) {
        for (let b = a + 1; b < to; b++) {
          edgeSplit[e] = t;
          edgeA[e] = a;
          edgeB[e++] = b;
        }
      }
    }
    return { splitStart, splitClass: this.cls.slice(0, this.used), splitCount: this.cnt.slice(0, this.used), edgeSplit, edgeA, edgeB, wideSplits };
  }
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
 * Codes of a one-part (or any) scheme over the finest table's classes, numbered by
 * first appearance in class order. Valid for roll-up only when the scheme's keys are
 * a function of each row's own values (not `quantile`, fitted on the whole column).
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
 * Set `bit` in `mask[e]` for every edge of `table` whose two classes have the same code
 * (`codes`: over the finest table's classes). An edge whose bit is clear for some part
 * of a scheme keeps its classes apart under that scheme.
 */
export function markEqualEdges(table: ClassTable, codes: Int32Array, mask: Int32Array, bit: number): void {
  const { edgeA, edgeB, splitClass, baseClass } = table;
  const e = edgeA.length;
  if (baseClass === null) {
    for (let i = 0; i < e; i++) if (codes[splitClass[edgeA[i]]] === codes[splitClass[edgeB[i]]]) mask[i] |= bit;
  } else {
    for (let i = 0; i < e; i++) if (codes[baseClass[splitClass[edgeA[i]]]] === codes[baseClass[splitClass[edgeB[i]]]]) mask[i] |= bit;
  }
}

/** An edge may merge under a scheme only if `(mask[e] & bit) !== 0` for each of its tests. */
export interface EdgeTest {
  mask: Int32Array;
  bit: number;
}

/** Title split over more classes than this are regrouped with per-class marks. */
const SMALL_RUN = 16;

/**
 * Buffers reused from scheme to scheme (a roll-up would otherwise allocate three
 * class-sized arrays each time, and V8 runs a full collection per ~64 MB of them).
 * Results returned with a `RollScratch` are views valid until its next use.
 */
export class RollScratch {
  private size = new Int32Array(0);
  private titles = new Int32Array(0);
  private squares = new Float64Array(0);
  private stamp = new Int32Array(0);
  private generation = 0;
  mark = new Int32Array(0);
  markSum = new Float64Array(0);
  markSquares = new Float64Array(0);
  markCount = new Int32Array(0);
  touched = new Int32Array(0);

  /** Zeroed views of k entries. */
  totals(k: number): { classSize: Int32Array; classTitles: Int32Array; classTitleSquares: Float64Array } {
    if (this.size.length < k) {
      const cap = Math.max(k, 2 * this.size.length);
      this.size = new Int32Array(cap);
      this.titles = new Int32Array(cap);
      this.squares = new Float64Array(cap);
    } else {
      this.size.fill(0, 0, k);
      this.titles.fill(0, 0, k);
      this.squares.fill(0, 0, k);
    }
    return { classSize: this.size.subarray(0, k), classTitles: this.titles.subarray(0, k), classTitleSquares: this.squares.subarray(0, k) };
  }

  /** Per-title stamps for counting distinct titles, and a fresh stamp value. */
  titleStamps(titles: number): { stamp: Int32Array; value: number } {
    if (this.stamp.length < titles) {
      this.stamp = new Int32Array(titles);
      this.generation = 0;
    }
    return { stamp: this.stamp, value: ++this.generation };
  }

  /** Per-class marks for regrouping wide titles (all 0 between titles), k entries at least. */
  marks(k: number): void {
    if (this.mark.length < k) {
      this.mark = new Int32Array(k);
      this.markSum = new Float64Array(k);
      this.markSquares = new Float64Array(k);
      this.markCount = new Int32Array(k);
      this.touched = new Int32Array(k);
    }
  }
}

/**
 * The class totals of the scheme whose class of each table class is `coarse`
 * (numbered by first appearance in table-class order). `tests`: which edges can merge
 * under the scheme (see `EdgeTest`); without them every split title is regrouped.
 */
export function rollUp(table: ClassTable, coarse: DenseCodes, tests?: EdgeTest[], scratch: RollScratch = new RollScratch()): RolledUp {
  const k = coarse.count;
  const of = coarse.codes;
  const kt = table.classCount;
  const { classSize, classTitles, classTitleSquares } = scratch.totals(k);
  const fSize = table.classSize;
  const fTitles = table.classTitles;
  const fSquares = table.classTitleSquares;
  for (let c = 0; c < kt; c++) {
    const to = of[c];
    classSize[to] += fSize[c];
    classTitles[to] += fTitles[c];
    classTitleSquares[to] += fSquares[c];
  }
  const regroup = regrouper(table, of, k, classTitles, classTitleSquares, scratch);
  const splits = table.splitStart.length - 1;
  if (!tests) {
    for (let s = 0; s < splits; s++) regroup(s);
  } else {
    forMergingEdges(table.edgeSplit, tests, regroup);
    const wide = table.wideSplits;
    for (let w = 0; w < wide.length; w++) regroup(wide[w]);
  }
  // A title is exposed when a coarse class holds it alone; such a class is made of
  // table classes that each hold that title alone.
  const { stamp, value } = scratch.titleStamps(table.catalog.titleNames.length);
  const sole = table.soleTitle;
  let exposedTitles = 0;
  for (let c = 0; c < kt; c++) {
    if (fTitles[c] === 1 && classTitles[of[c]] === 1) {
      const t = sole[c];
      if (stamp[t] !== value) {
        stamp[t] = value;
        exposedTitles++;
      }
    }
  }
  return { classCount: k, classSize, classTitles, classTitleSquares, exposedTitles };
}

/** Calls `regroup(s)` once per split title with an edge all of whose tests pass. */
function forMergingEdges(edgeSplit: Int32Array, tests: EdgeTest[], regroup: (s: number) => void): void {
  const e = edgeSplit.length;
  let last = -1;
  if (tests.length === 0) {
    for (let i = 0; i < e; i++) {
      const s = edgeSplit[i];
      if (s !== last) regroup((last = s));
    }
  } else if (tests.length === 1) {
    const [m0, b0] = [tests[0].mask, tests[0].bit];
    for (let i = 0; i < e; i++) {
      if ((m0[i] & b0) !== 0) {
        const s = edgeSplit[i];
        if (s !== last) regroup((last = s));
      }
    }
  } else if (tests.length === 2) {
    const [m0, b0, m1, b1] = [tests[0].mask, tests[0].bit, tests[1].mask, tests[1].bit];
    for (let i = 0; i < e; i++) {
      if ((m0[i] & b0) !== 0 && (m1[i] & b1) !== 0) {
        const s = edgeSplit[i];
        if (s !== last) regroup((last = s));
      }
    }
  } else if (tests.length === 3) {
    const [m0, b0, m1, b1, m2, b2] = [tests[0].mask, tests[0].bit, tests[1].mask, tests[1].bit, tests[2].mask, tests[2].bit];
    for (let i = 0; i < e; i++) {
      if ((m0[i] & b0) !== 0 && (m1[i] & b1) !== 0 && (m2[i] & b2) !== 0) {
        const s = edgeSplit[i];
        if (s !== last) regroup((last = s));
      }
    }
  } else {
    for (let i = 0; i < e; i++) {
      let all = true;
      for (const t of tests) {
        if ((t.mask[i] & t.bit) === 0) {
          all = false;
          break;
        }
      }
      if (all) {
        const s = edgeSplit[i];
        if (s !== last) regroup((last = s));
      }
    }
  }
}

/**
 * `regroup(s)`: apply split title s's correction (see the header) to the coarse totals.
 * Optionally reports the title's coarse pairs (class, count) to `emit`, for `coarserTable`.
 */
function regrouper(
  table: ClassTable,
  of: Int32Array,
  k: number,
  classTitles: Int32Array,
  classTitleSquares: Float64Array,
  scratch: RollScratch,
  emit?: (classes: ArrayLike<number>, counts: ArrayLike<number>, m: number) => void,
): (s: number) => void {
  const { splitStart, splitClass, splitCount } = table;
  const localClass = new Int32Array(SMALL_RUN);
  const localSum = new Float64Array(SMALL_RUN);
  const localSquares = new Float64Array(SMALL_RUN);
  const localCount = new Int32Array(SMALL_RUN);
  return (s: number) => {
    const from = splitStart[s];
    const to = splitStart[s + 1];
    if (to - from <= SMALL_RUN) {
      let m = 0;
      for (let q = from; q < to; q++) {
        const c = of[splitClass[q]];
        const x = splitCount[q];
        let j = 0;
        while (j < m && localClass[j] !== c) j++;
        if (j === m) {
          localClass[m] = c;
          localSum[m] = x;
          localSquares[m] = x * x;
          localCount[m++] = 1;
        } else {
          localSum[j] += x;
          localSquares[j] += x * x;
          localCount[j]++;
        }
      }
      for (let j = 0; j < m; j++) {
        if (localCount[j] > 1) {
          const c = localClass[j];
          classTitles[c] -= localCount[j] - 1;
          classTitleSquares[c] += localSum[j] * localSum[j] - localSquares[j];
        }
      }
      emit?.(localClass, localSum, m);
      return;
    }
    scratch.marks(k);
    const { mark, markSum, markSquares, markCount, touched } = scratch;
    let m = 0;
    for (let q = from; q < to; q++) {
      const c = of[splitClass[q]];
      const x = splitCount[q];
      if (mark[c] === 0) {
        mark[c] = 1;
        markSum[c] = 0;
        markSquares[c] = 0;
        markCount[c] = 0;
        touched[m++] = c;
      }
      markSum[c] += x;
      markSquares[c] += x * x;
      markCount[c]++;
    }
    for (let j = 0; j < m; j++) {
      const c = touched[j];
      if (markCount[c] > 1) {
        classTitles[c] -= markCount[c] - 1;
        classTitleSquares[c] += markSum[c] * markSum[c] - markSquares[c];
      }
    }
    if (emit) {
      const sums = new Float64Array(m);
      for (let j = 0; j < m; j++) sums[j] = markSum[touched[j]];
      emit(touched, sums, m);
    }
    // Marks must not survive into another roll-up with different class ids.
    for (let j = 0; j < m; j++) mark[touched[j]] = 0;
  };
}

/**
 * The table of the coarser scheme whose class of each of `table`'s classes is `coarse`
 * (numbered by first appearance in class order): a new source to roll schemes that
 * nest in it up from, in passes over its (fewer) classes.
 */
export function coarserTable(table: ClassTable, coarse: DenseCodes): ClassTable {
  const scratch = new RollScratch();
  const rolled = rollUp(table, coarse, undefined, scratch);
  const k = coarse.count;
  const of = coarse.codes;
  const kt = table.classCount;
  const classSize = rolled.classSize.slice();
  const classTitles = rolled.classTitles.slice();
  const classTitleSquares = rolled.classTitleSquares.slice();
  const firstRow = new Int32Array(k);
  const baseClass = new Int32Array(k);
  const soleTitle = new Int32Array(k).fill(-1);
  let next = 0;
  for (let c = 0; c < kt; c++) {
    const to = of[c];
    if (to === next) {
      firstRow[to] = table.firstRow[c];
      baseClass[to] = table.baseClass === null ? c : table.baseClass[c];
      next++;
    }
    if (table.classTitles[c] === 1 && classTitles[to] === 1) soleTitle[to] = table.soleTitle[c];
  }
  // The split titles that stay split: regroup each (totals into a throwaway copy).
  const splits = new SplitBuilder();
  const emit = (classes: ArrayLike<number>, counts: ArrayLike<number>, m: number) => {
    if (m < 2) return;
    for (let j = 0; j < m; j++) splits.pair(classes[j], counts[j]);
    splits.endTitle();
  };
  const regroup = regrouper(table, of, k, new Int32Array(k), new Float64Array(k), scratch, emit);
  for (let s = 0; s < table.splitStart.length - 1; s++) regroup(s);
  let pairs = 0;
  for (let c = 0; c < k; c++) pairs += classTitles[c];
  return { catalog: table.catalog, classCount: k, classSize, firstRow, pairs, classTitles, classTitleSquares, soleTitle, ...splits.done(), baseClass, representatives: table.representatives };
}
