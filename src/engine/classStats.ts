/**
 * Per-class title statistics: for each class, how many distinct titles it holds
 * and Σ over those titles of (rows of that title in the class)². Both follow from
 * one pass over rows in title order: all rows of a title arrive together, so each
 * title's rows can be split by class locally and each (class, title) pair is added
 * to its class once.
 */
import type { Catalog } from "../catalog/catalog.js";
import { sharedFloat64, sharedInt32 } from "../base/densify.js";
import { groupContext, POOLED_FROM } from "./group.js";
import { scratchFor, type Partition, type PartitionOptions } from "./partition.js";
import { timed } from "./phases.js";
import { rowsOf } from "./kernels.js";
import { runKernel } from "./pool.js";
import { shareColumns } from "./sharedColumns.js";
import { titleOrder } from "./titleOrder.js";

export interface ClassStats {
  /** Distinct titles per class (d). */
  classTitles: Int32Array;
  /** Σ_titles c² per class, where c = rows of the title in the class. */
  classTitleSquares: Float64Array | Int32Array;
}

/**
 * Titles with at most this many rows are split by class with a scan of a short local
 * list; larger ones use per-class scratch arrays. Most titles have a handful of rows.
 */
const SMALL_TITLE = 16;

/** Private per-thread accumulators up to this many bytes in all; class ranges owned by threads beyond. */
const PRIVATE_BYTES = 1 << 26;

/**
 * On T threads (kernel `titleStats`): with few classes each thread takes the title runs
 * starting in its block of title-ordered rows into private accumulators; with many,
 * each thread owns a range of classes. Every addend is an integer, so the sums are
 * exact and the same for any T.
 */
export function classStats(catalog: Catalog, part: Partition, options: PartitionOptions = {}): ClassStats {
  return timed(options.phases, "titleStats", () => {
    const ctx = groupContext(catalog.rows, options, scratchFor(catalog));
    return ctx.threads === 1 ? serialClassStats(catalog, part) : parallelClassStats(catalog, part, ctx.threads, options.privateBytes ?? PRIVATE_BYTES);
  });
}

function parallelClassStats(catalog: Catalog, part: Partition, T: number, privateBytes: number): ClassStats {
  shareColumns(catalog, []);
  const k = part.classCount;
  let classOf = part.classOf;
  if (!(classOf.buffer instanceof SharedArrayBuffer)) {
    classOf = sharedInt32(classOf.length);
    classOf.set(part.classOf);
  }
  const common = { order: titleOrder(catalog), titles: catalog.titleCodes, classOf, k };
  const n = catalog.rows;
  const sc = scratchFor(catalog);
  if (16 * k * T <= privateBytes) {
    const classTitles = new Int32Array(k);
    const classTitleSquares = new Float64Array(k);
    // The accumulators in a pooled buffer when they fit one: memory handed to worker
    // threads stays alive until their next garbage collection, so fresh large arrays
    // would linger.
    const pooled = k >= POOLED_FROM && 4 * k * T <= n;
    const acc = pooled ? sc.float64Zeros(2 * k * T, n) : sharedFloat64(2 * k * T);
    runKernel("titleStats", { ...common, acc, d: null, sq: null, owner: null, spill: null, spills: null }, T);
    for (let t = 0; t < T; t++) {
      const base = 2 * k * t;
      for (let c = 0; c < k; c++) {
        classTitles[c] += acc[base + 2 * c];
        classTitleSquares[c] += acc[base + 2 * c + 1];
      }
    }
    if (pooled) sc.release(acc);
    return { classTitles, classTitleSquares };
  }
  return ownedClassStats(catalog, part, classOf, T);
}

/** Largest class whose Σc² (at most f²) fits an Int32. */
const INT32_SQUARES_MAX = 46340;

/**
 * Many classes (kernel `titleStats` with class ranges owned by threads): d goes
 * into a pooled row-sized buffer (given back after evaluateScheme). So does Σc², as
 * Int32 while every class is small enough (exact, and half a Float64Array's memory).
 * Only pooled buffers are handed to the workers: memory handed to worker threads stays
 * alive until their next garbage collection, so a fresh row-sized array given to them
 * would linger. d and Σc² share one pooled buffer when both fit (2k ≤ n): with classOf,
 * f and the spills, four row-sized buffers instead of five. Each thread reads its block
 * of title runs and spills the pairs of other threads' classes, added by their owners
 * in kernel `applySpills`, into one more pooled row-sized buffer.
 */
function ownedClassStats(catalog: Catalog, part: Partition, classOf: Int32Array, T: number): ClassStats {
  const k = part.classCount;
  const n = catalog.rows;
  const sc = scratchFor(catalog);
  const order = titleOrder(catalog);
  const owner = ownerRanges(order, classOf, k, T);
  const big = k >= POOLED_FROM;
  let maxSize = 0;
  for (let c = 0; c < k; c++) if (part.classSize[c] > maxSize) maxSize = part.classSize[c];
  // Σc² kept as Int32 while exact (every class small enough), half a Float64Array's memory.
  const int32Squares = big && maxSize <= INT32_SQUARES_MAX;
  let classTitles: Int32Array;
  let classTitleSquares: Int32Array | Float64Array;
  if (int32Squares && 2 * k <= n) {
    // d and Σc² side by side in one pooled buffer
    const both = sc.int32Zeros(2 * k, n);
    classTitles = both.subarray(0, k);
    classTitleSquares = both.subarray(k, 2 * k);
  } else if (int32Squares) {
    classTitles = sc.int32Zeros(k, n);
    classTitleSquares = sc.int32Zeros(k, n);
  } else {
    classTitles = big ? sc.int32Zeros(k, n) : sharedInt32(k);
    classTitleSquares = big && 2 * k <= n ? sc.float64Zeros(k, n) : sharedFloat64(k);
  }
  const spill = T > 1 ? sc.int32(n) : sharedInt32(0);
  const common = { order, titles: catalog.titleCodes, classOf, k, acc: null, owner, spill, spills: sharedInt32(2 * T) };
  runKernel("titleStats", { ...common, d: classTitles, sq: classTitleSquares }, T);
  if (T > 1) runKernel("applySpills", { ...common, d: classTitles, sq: classTitleSquares }, T);
  sc.release(spill);
  return { classTitles, classTitleSquares };
}

/**
 * The classes each of T threads owns, as T + 1 boundaries. Rows in title order are rows
 * in catalog order when the catalog is grouped by title (order null), and classes are
 * numbered by first appearance: thread t then owns the classes first met in its block
 * (one pass for each block's largest class), and spills only pairs of classes met in
 * earlier blocks. Otherwise the classes are split evenly.
 *
 * Example: classes [0, 1, 0, 2 | 1, 3, 4, 2] on 2 threads: thread 0 owns [0, 3), thread
 * 1 owns [3, 5) and spills its pairs of classes 1 and 2.
 */
export function ownerRanges(order: Int32Array | null, classOf: Int32Array, k: number, T: number): Int32Array {
  const owner = sharedInt32(T + 1);
  if (order !== null || T === 1) {
    for (let t = 0; t <= T; t++) owner[t] = t < T ? rowsOf(k, t, T)[0] : k;
    return owner;
  }
  const max = sharedInt32(T);
  runKernel("classMax", { classOf, max }, T);
  for (let t = 1; t < T; t++) owner[t] = Math.min(k, Math.max(owner[t - 1], max[t - 1] + 1));
  owner[T] = k;
  return owner;
}

function serialClassStats(catalog: Catalog, part: Partition): ClassStats {
  const k = part.classCount;
  // Many classes: the owned-range kernel on this thread alone, whose results need no
  // row-sized accumulator besides them.
  if (k >= POOLED_FROM) return ownedClassStats(catalog, part, part.classOf, 1);
  // d and Σc² of a class side by side ([2c] and [2c+1]): the random access per
  // (class, title) pair touches one cache line instead of two.
  const acc = scratchFor(catalog).float64(2 * k);
  const order = titleOrder(catalog);
  const titles = catalog.titleCodes;
  const classOf = part.classOf;
  const n = catalog.rows;
  const localClass = new Int32Array(SMALL_TITLE);
  const localCount = new Int32Array(SMALL_TITLE);
  let stamp: Int32Array | undefined; // per class: the title run that last touched it
  let runCount: Int32Array | undefined;
  let runClasses: Int32Array | undefined;
  let run = 0;
  let start = 0;
  while (start < n) {
    // [start, end) in title order is one title's rows.
    const t = titles[order === null ? start : order[start]];
    let end = start + 1;
    while (end < n && titles[order === null ? end : order[end]] === t) end++;
    const len = end - start;
    if (len === 1) {
      const c = classOf[order === null ? start : order[start]];
      acc[2 * c] += 1;
      acc[2 * c + 1] += 1;
    } else if (len <= SMALL_TITLE) {
      let m = 0;
      for (let j = start; j < end; j++) {
        const c = classOf[order === null ? j : order[j]];
        let q = 0;
        while (q < m && localClass[q] !== c) q++;
        if (q === m) {
          localClass[m] = c;
          localCount[m++] = 1;
        } else {
          localCount[q]++;
        }
      }
      for (let q = 0; q < m; q++) {
        const c = localClass[q];
        const r = localCount[q];
        acc[2 * c] += 1;
        acc[2 * c + 1] += r * r;
      }
    } else {
      if (stamp === undefined) {
        stamp = new Int32Array(k).fill(-1);
        runCount = new Int32Array(k);
        runClasses = new Int32Array(Math.min(k, n));
      }
      run++;
      let m = 0;
      for (let j = start; j < end; j++) {
        const c = classOf[order === null ? j : order[j]];
        if (stamp[c] !== run) {
          stamp[c] = run;
          runCount![c] = 0;
          runClasses![m++] = c;
        }
        runCount![c]++;
      }
      for (let q = 0; q < m; q++) {
        const c = runClasses![q];
        const r = runCount![c];
        acc[2 * c] += 1;
        acc[2 * c + 1] += r * r;
      }
    }
    start = end;
  }
  const classTitles = new Int32Array(k);
  const classTitleSquares = new Float64Array(k);
  for (let c = 0; c < k; c++) {
    classTitles[c] = acc[2 * c];
    classTitleSquares[c] = acc[2 * c + 1];
  }
  return { classTitles, classTitleSquares };
}
