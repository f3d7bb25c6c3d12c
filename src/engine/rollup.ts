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
 * classes and pairs, not over the rows. Class ids stay in order of first appearance
 * among rows (A's are, and C's are numbered over A's classes in A's order), so the
 * totals sum in the same order as the row path and give bit-identical metrics.
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
  pairTitle: Int32Array;
  pairCount: Int32Array;
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
  const pairClass = new Int32Array(p);
  const pairTitle = new Int32Array(p);
  const pairCount = new Int32Array(p);
  for (let q = 0; q < p; q++) {
    const at = start[pt[q]]++;
    pairClass[at] = pc[q];
    pairTitle[at] = pt[q];
    pairCount[at] = cnt[q];
  }
  return { catalog, classCount: k, classSize: part.classSize, firstRow, pairs: p, pairClass, pairTitle, pairCount, representatives: representativesOf(catalog, firstRow) };
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
 * The class totals of the scheme whose class of each source class is `coarse`
 * (numbered by first appearance in source-class order).
 */
export function rollUp(table: ClassTable, coarse: DenseCodes): RolledUp {
  const k = coarse.count;
  const of = coarse.codes;
  const classSize = new Int32Array(k);
  for (let c = 0; c < table.classCount; c++) classSize[of[c]] += table.classSize[c];
  const classTitles = new Int32Array(k);
  const classTitleSquares = new Float64Array(k);
  const { pairs, pairClass, pairTitle, pairCount } = table;
  // Per title run: merge its pairs that land in one coarse class (usually a handful of
  // pairs; `mark` and `sum` are indexed by coarse class and reset after each run).
  const mark = new Int32Array(k).fill(-1);
  const sum = new Float64Array(k);
  const touched = new Int32Array(Math.min(k, pairs) || 1);
  let q = 0;
  while (q < pairs) {
    const t = pairTitle[q];
    let m = 0;
    let end = q;
    for (; end < pairs && pairTitle[end] === t; end++) {
      const c = of[pairClass[end]];
      if (mark[c] !== t) {
        mark[c] = t;
        sum[c] = 0;
        touched[m++] = c;
      }
      sum[c] += pairCount[end];
    }
    for (let j = 0; j < m; j++) {
      const c = touched[j];
      classTitles[c] += 1;
      classTitleSquares[c] += sum[c] * sum[c];
    }
    q = end;
  }
  // A title is exposed when one of its coarse classes holds it alone.
  let exposedTitles = 0;
  q = 0;
  while (q < pairs) {
    const t = pairTitle[q];
    let exposed = false;
    let end = q;
    for (; end < pairs && pairTitle[end] === t; end++) if (classTitles[of[pairClass[end]]] === 1) exposed = true;
    if (exposed) exposedTitles++;
    q = end;
  }
  return { classCount: k, classSize, classTitles, classTitleSquares, exposedTitles };
}
