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
import { SizeTotalsBuilder, type ClassSizeTotals } from "./sizeTotals.js";

/** A partition's classes with their titles: the source a coarser scheme rolls up from. */
export interface ClassTable {
  catalog: Catalog;
  classCount: number;
  /** First row of each class: its values stand for the class under any coarser scheme. */
  firstRow: Int32Array;
  /** Distinct (class, title) pairs in title order (all pairs of a title together). */
  pairs: number;
  pairClass: Int32Array;
  pairCount: Int32Array;
  /** Each pair's title run: the r-th title with rows has run r. */
  pairRun: Int32Array;
  runs: number;
  /** The catalog's columns at each class's first row, to compute coarser keys on. */
  representatives: Catalog;
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
  // Title order (a counting sort): the roll-up meets each title's pairs together.
  const start = new Int32Array(tCount + 1);
  for (let q = 0; q < p; q++) start[pt[q] + 1]++;
  for (let t = 0; t < tCount; t++) start[t + 1] += start[t];
  const runOf = new Int32Array(tCount);
  let runs = 0;
  for (let t = 0; t < tCount; t++) if (start[t + 1] > start[t]) runOf[t] = runs++;
  const pairClass = new Int32Array(p);
  const pairCount = new Int32Array(p);
  const pairRun = new Int32Array(p);
  for (let q = 0; q < p; q++) {
    const at = start[pt[q]]++;
    pairClass[at] = pc[q];
    pairCount[at] = cnt[q];
    pairRun[at] = runOf[pt[q]];
  }
  // Classes renumbered by first appearance in title order: a roll-up then reads the
  // classes' codes in (nearly) the order it walks the pairs, sequentially, instead of
  // one cache miss per pair; and a fine scheme's classes, numbered by first appearance
  // over these classes, are created in that order too.
  const renumber = new Int32Array(k).fill(-1);
  let next = 0;
  for (let q = 0; q < p; q++) {
    const c = pairClass[q];
    if (renumber[c] < 0) renumber[c] = next++;
    pairClass[q] = renumber[c];
  }
  const first = new Int32Array(k);
  for (let c = 0; c < k; c++) first[renumber[c]] = firstRow[c];
  return { catalog, classCount: k, firstRow: first, pairs: p, pairClass, pairCount, pairRun, runs, representatives: representativesOf(catalog, first) };
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
export function rollUp(table: ClassTable, coarse: DenseCodes, scratch: RollScratch = new RollScratch()): ClassSizeTotals {
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
