/**
 * The table a roll-up reads (engine/rollup.ts): a partition's distinct (class, title)
 * pairs with their row counts, in title order, and each class's first row, whose values
 * stand for the class under any coarser scheme.
 *
 *   rows (t1, 10 s), (t1, 10 s), (t2, 10 s), (t1, 20 s) partitioned by exact duration
 *   → classes 0 = 10 s, 1 = 20 s; pairs in title order (0, t1, 2), (1, t1, 1), (0, t2, 1)
 *
 * Its arrays are in shared memory, so the engine's worker threads roll schemes up from
 * it in place.
 */
import type { Catalog } from "../catalog/catalog.js";
import { combineCodes, sharedFloat64, sharedInt32, type DenseCodes } from "../base/densify.js";
import type { Scheme } from "../schemes/types.js";
import { partition, type Partition } from "./partition.js";
import type { PairTable } from "./rollup.js";

/** A partition's classes with their titles: the source a coarser scheme rolls up from. */
export interface ClassTable extends PairTable {
  catalog: Catalog;
  /** First row of each class: its values stand for the class under any coarser scheme. */
  firstRow: Int32Array;
  /** The catalog's columns at each class's first row, to compute coarser keys on. */
  representatives: Catalog;
}

/** Tables made so far: each gets its own id (worker threads cache per table). */
let tables = 0;

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
  const pairClass = sharedInt32(p);
  const pairCount = sharedInt32(p);
  const pairRun = sharedInt32(p);
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
  return { id: ++tables, rows: n, catalog, classCount: k, firstRow: first, pairs: p, pairClass, pairCount, pairRun, runs, representatives: representativesOf(catalog, first) };
}

function representativesOf(catalog: Catalog, rows: Int32Array): Catalog {
  // Plain loops: `Float64Array.from(rows, fn)` goes through the iterator protocol, about
  // 0.5 s per column at 10M classes. Shared memory from the start: the choices'
  // partitions run on every thread, which would otherwise copy each column there.
  const k = rows.length;
  const numeric: Catalog["numeric"] = {};
  for (const [field, col] of Object.entries(catalog.numeric) as [keyof Catalog["numeric"], Float64Array][]) {
    const out = sharedFloat64(k);
    for (let c = 0; c < k; c++) out[c] = col[rows[c]];
    numeric[field] = out;
  }
  const text: Catalog["text"] = {};
  for (const [field, col] of Object.entries(catalog.text) as [keyof Catalog["text"], string[]][]) {
    const out: string[] = new Array(k);
    for (let c = 0; c < k; c++) out[c] = col[rows[c]];
    text[field] = out;
  }
  return {
    source: catalog.source,
    rows: rows.length,
    titleCodes: sharedInt32(rows.length),
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

/** The table's arrays the roll-up threads read (not its catalog, which would be copied to each thread). */
export function pairTableOf(t: ClassTable): PairTable {
  return { id: t.id, rows: t.rows, classCount: t.classCount, pairs: t.pairs, pairClass: t.pairClass, pairCount: t.pairCount, pairRun: t.pairRun, runs: t.runs };
}
