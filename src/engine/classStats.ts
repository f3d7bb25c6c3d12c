/**
 * Per-class title statistics: for each class, how many distinct titles it holds
 * and Σ over those titles of (rows of that title in the class)². Both follow from
 * one pass over rows in title order: all rows of a title arrive together, so each
 * title's rows can be split by class locally (titleRuns.ts) and each (class, title)
 * pair is added to its class once.
 *
 * Example: titles [A, A, B, C] in classes [0, 0, 0, 1]: class 0 holds the pairs (A, 2)
 * and (B, 1), so d = 2 and Σc² = 4 + 1 = 5; class 1 holds (C, 1): d = 1, Σc² = 1.
 */
import type { Catalog } from "../catalog/catalog.js";
import { sharedFloat64, sharedInt32 } from "../base/densify.js";
import { groupContext, POOLED_FROM } from "./group.js";
import { scratchFor, type Partition, type PartitionOptions } from "./partition.js";
import { timed } from "./phases.js";
import { addEntries, type PairArgs, type StatsArgs } from "./kernels.js";
import { runKernel } from "./pool.js";
import { shareColumns } from "./sharedColumns.js";
import { titleOrder } from "./titleOrder.js";

export interface ClassStats {
  /** Distinct titles per class (d). */
  classTitles: Int32Array;
  /** Σ_titles c² per class, where c = rows of the title in the class. */
  classTitleSquares: Float64Array | Int32Array;
}

/** Private per-thread accumulators up to this many bytes in all; partitioned pairs beyond. */
const PRIVATE_BYTES = 1 << 26;

/**
 * Threads add into private accumulators up to this many classes (4 MB each, in cache),
 * and partition the pairs beyond. On one thread at 10M rows, 116K classes took 45 ns a
 * row through partitions and about 20 straight into the accumulators; on two at 1M rows,
 * round(1s)'s classes took 62 ns a row through private accumulators and 29–36 partitioned.
 */
const PRIVATE_MAX_CLASSES = 1 << 18;

/** Classes per partition of the pairs: their d and Σc² (8 bytes a class) fill 256 KB, in cache. */
const CLASSES_PER_PARTITION = 1 << 15;

/** Late entries (see kernels.ts, `StatsArgs`) are added by the main thread while at most 1/LATE_SHARE of the rows. */
const LATE_SHARE = 32;

/** At most this many partitions: each is one write stream while scattering. */
const MAX_PARTS = 1 << 10;

/**
 * On T threads (kernels in kernels.ts, see `StatsArgs`): with few classes each thread
 * adds its title runs' pairs into private accumulators; with many, the pairs are
 * partitioned by class range and each partition added in cache. Every addend is an
 * integer, so the sums are exact and the same for any T.
 */
export function classStats(catalog: Catalog, part: Partition, options: PartitionOptions = {}): ClassStats {
  return timed(options.phases, "titleStats", () => {
    const T = groupContext(catalog.rows, options, scratchFor(catalog)).threads;
    const k = part.classCount;
    if (T > 1) shareColumns(catalog, []);
    let classOf = part.classOf;
    if (T > 1 && !(classOf.buffer instanceof SharedArrayBuffer)) {
      classOf = sharedInt32(classOf.length);
      classOf.set(part.classOf);
    }
    const args = { order: titleOrder(catalog), titles: catalog.titleCodes, classOf, k, acc: null };
    const few = 16 * k * T <= (options.privateBytes ?? PRIVATE_BYTES) && k <= PRIVATE_MAX_CLASSES;
    return few ? privateClassStats(catalog, args, T) : pairedClassStats(catalog, part, args, T, options.classesPerPartition ?? CLASSES_PER_PARTITION);
  });
}

function privateClassStats(catalog: Catalog, args: StatsArgs, T: number): ClassStats {
  const { k } = args;
  const n = catalog.rows;
  const sc = scratchFor(catalog);
  const classTitles = new Int32Array(k);
  const classTitleSquares = new Float64Array(k);
  // The accumulators in a pooled buffer when they fit one: memory handed to worker
  // threads stays alive until their next garbage collection, so fresh large arrays
  // would linger.
  const pooled = k >= POOLED_FROM && 4 * k * T <= n;
  const acc = pooled ? sc.float64Zeros(2 * k * T, n) : sharedFloat64(2 * k * T);
  runKernel("titleStats", { ...args, acc }, T);
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

/** Largest class whose Σc² (at most f²) fits an Int32. */
const INT32_SQUARES_MAX = 46340;

/**
 * Many classes (kernels pairCollect, pairScatter, pairAdd): d and Σc² go into pooled
 * row-sized buffers (given back after evaluateScheme), Σc² as Int32 while every class
 * is small enough (exact, and half a Float64Array's memory), and interleaved in one
 * buffer when both fit (2k ≤ n), so each pair updates one cache line; they are laid out
 * one after the other at the end. The pairs' entries take one more pooled buffer: with
 * classOf and f, four row-sized buffers. Only pooled buffers are handed to the workers:
 * memory handed to worker threads stays alive until their next garbage collection, so a
 * fresh row-sized array given to them would linger.
 */
function pairedClassStats(catalog: Catalog, part: Partition, args: StatsArgs, T: number, classesPerPartition: number): ClassStats {
  const { k } = args;
  const n = catalog.rows;
  const sc = scratchFor(catalog);
  const big = k >= POOLED_FROM;
  const int32 = (m: number) => (big ? sc.int32Zeros(m, n) : sharedInt32(m));
  let maxSize = 0;
  for (let c = 0; c < k; c++) if (part.classSize[c] > maxSize) maxSize = part.classSize[c];
  const int32Squares = maxSize <= INT32_SQUARES_MAX;
  const interleaved = int32Squares && 2 * k <= n ? int32(2 * k) : null;
  let d: Int32Array;
  let sq: Int32Array | Float64Array;
  if (interleaved) {
    d = interleaved;
    sq = interleaved.subarray(1);
  } else {
    d = int32(k);
    sq = int32Squares ? int32(k) : big && 2 * k <= n ? sc.float64Zeros(k, n) : sharedFloat64(k);
  }
  let shift = 0;
  while (2 ** shift < classesPerPartition || Math.floor((k - 1) / 2 ** shift) >= MAX_PARTS) shift++;
  // One partition at least, so that pairCollect has a slot for where its entries begin.
  const parts = ((Math.max(k, 1) - 1) >>> shift) + 1;
  const from = sharedInt32(T * parts);
  const counts = sharedInt32(T * parts);
  const lateCounts = sharedInt32(T * parts);
  const late = sharedInt32(2 * T);
  const pairs: PairArgs = { ...args, shift, parts, counts, lateCounts, late, from, entries: sc.int32(n), d, sq, stride: interleaved ? 2 : 1 };
  runKernel("pairCollect", pairs, T);
  let lateEntries = 0;
  for (let t = 0; t < T; t++) lateEntries += late[2 * t + 1];
  if (lateEntries <= n / LATE_SHARE) {
    // Thread t's entries in place, partition after partition from its first run on; the
    // late ones are added here after.
    for (let t = 0; t < T; t++) {
      let pos = from[t * parts];
      for (let p = 0; p < parts; p++) {
        const inPlace = counts[t * parts + p] - lateCounts[t * parts + p];
        from[t * parts + p] = pos;
        counts[t * parts + p] = inPlace;
        pos += inPlace;
      }
    }
    runKernel("pairAdd", pairs, T);
    for (let t = 0; t < T; t++) addEntries(pairs, late[2 * t] - late[2 * t + 1], late[2 * t]);
  } else {
    // Partition p holds thread 0's entries, then thread 1's, …, written by pairScatter.
    let pos = 0;
    for (let p = 0; p < parts; p++) {
      for (let t = 0; t < T; t++) {
        from[t * parts + p] = pos;
        pos += counts[t * parts + p];
      }
    }
    runKernel("pairScatter", pairs, T);
    runKernel("pairAdd", pairs, T);
  }
  sc.release(pairs.entries);
  if (!interleaved) return { classTitles: d, classTitleSquares: sq };
  const both = big ? sc.int32(n) : sharedInt32(2 * k);
  for (let c = 0; c < k; c++) {
    both[c] = interleaved[2 * c];
    both[k + c] = interleaved[2 * c + 1];
  }
  sc.release(interleaved);
  return { classTitles: both.subarray(0, k), classTitleSquares: both.subarray(k, 2 * k) };
}
