/**
 * A scheme's class-size totals in one scan over rows in prefix order (engine/prefixOrder.ts).
 * The scheme is a prefix plus an interval choice of the inner attribute (its lookup
 * table over inner ranks, engine/valueOrder.ts), so each of its classes is a run of
 * consecutive rows: a new class starts where the prefix class or the inner class
 * changes. Within a class [s, i), the row before row i of the same title in its prefix
 * class, prev[i], is in the class exactly when prev[i] ≥ s; then row i is that title's
 * k-th row in the class with k = k[prev] + 1, else its first (k = 1). So
 *
 *   d = rows with k = 1,   Σc² = Σ over rows (2k − 1)    (1 + 3 + … + (2c − 1) = c²)
 *
 *   a class of titles t1, t2, t1 (prev −1, −1, 0): k = 1, 1, 2 → f = 3, d = 2, Σc² = 1 + 1 + 3 = 5
 *
 * A class with one title marks that title exposed (one bit a title). No hashing, and
 * every array is read in order but k[prev], an earlier row of the same class, and the
 * inner table (in order within a prefix class).
 *
 * `scanSchemes` is the kernel: each thread takes the next scheme of a batch and scans
 * its prefix's sorted rows (sorted by engine/prefixOrder.ts `sortPrefixes`).
 */
import { CTL_NEXT } from "./kernelControl.js";
import type { SortedPrefix } from "./prefixOrder.js";
import { SizeTotalsBuilder, writeTotals, type ClassSizeTotals } from "./sizeTotals.js";

/** Class sizes counted in the scan's own arrays; larger classes (rare) go to the builder one by one. */
const LOCAL_SIZES = 1 << 14;

/** Buffers reused from scan to scan. */
export class ScanScratch {
  private k = new Int32Array(0);
  private exposed = new Int32Array(0);
  private readonly m = new Int32Array(LOCAL_SIZES);
  private readonly g = new Int32Array(LOCAL_SIZES);
  private readonly dSum = new Float64Array(LOCAL_SIZES);
  private readonly sqSum = new Float64Array(LOCAL_SIZES);
  readonly builder = new SizeTotalsBuilder();

  buffers(rows: number, titles: number) {
    if (this.k.length < rows) this.k = new Int32Array(rows);
    const words = (titles >>> 5) + 1;
    if (this.exposed.length < words) this.exposed = new Int32Array(words);
    return { k: this.k, exposed: this.exposed, m: this.m, g: this.g, dSum: this.dSum, sqSum: this.sqSum };
  }
}

/** The totals of the scheme whose classes are `order`'s prefix classes cut by `inner` (a table over inner ranks whose classes are intervals; null: each rank its own class). */
export function scanTotals(order: SortedPrefix, titles: number, inner: Int32Array | null, scratch: ScanScratch): ClassSizeTotals {
  const { rank, title, start, prev } = order;
  const rows = order.meta[0];
  const sums = scratch.buffers(rows, titles);
  const { k, exposed } = sums;
  exposed.set(order.singleTitles.subarray(0, (titles >>> 5) + 1));
  let s = 0;
  // Without a table (inner null) the rank is the class: no lookup, which at 10M rows
  // would be a cache miss a row in fine prefixes (their ranks jump from class to class).
  let cur = rows === 0 ? 0 : inner === null ? rank[0] : inner[rank[0]];
  let d = 0;
  let sq = 0;
  // Classes of one row, counted here: they are most classes of a fine scheme.
  let ones = order.meta[1];
  let maxF = 0;
  for (let i = 0; i < rows; i++) {
    const code = inner === null ? rank[i] : inner[rank[i]];
    if (start[i] === 1 || code !== cur) {
      // Class [s, i) ends (at i = 0, an empty one).
      const f = i - s;
      if (f === 1) {
        ones++;
        exposed[title[s] >>> 5] |= 1 << (title[s] & 31);
      } else if (f > 1) maxF = endClass(f, d, sq, title[s], sums, scratch.builder, maxF);
      s = i;
      cur = code;
      d = 0;
      sq = 0;
    }
    // Branch-free (in mid-sized classes the test is a coin toss): in = −1 when prev is in the class, else 0.
    const p = prev[i];
    const inClass = (s - p - 1) >> 31;
    const kk = 1 + (k[p & inClass] & inClass);
    k[i] = kk;
    d += 1 + inClass;
    sq += 2 * kk - 1;
  }
  const f = rows - s;
  if (f === 1) {
    ones++;
    exposed[title[s] >>> 5] |= 1 << (title[s] & 31);
  } else if (f > 1) maxF = endClass(f, d, sq, title[s], sums, scratch.builder, maxF);
  const builder = scratch.builder;
  if (ones > 0) builder.addMany(1, ones, ones, ones, ones);
  const { m, g, dSum, sqSum } = sums;
  for (let c = 2; c <= maxF; c++) {
    if (m[c] === 0) continue;
    builder.addMany(c, m[c], g[c], dSum[c], sqSum[c]);
    m[c] = g[c] = dSum[c] = sqSum[c] = 0;
  }
  return builder.finish(popCount(exposed, (titles >>> 5) + 1));
}

/** A class of f ≥ 2 rows, d titles and Σc² = sq, whose first row has title t, into the sums; the largest size so far returned. */
function endClass(f: number, d: number, sq: number, t: number, sums: ReturnType<ScanScratch["buffers"]>, builder: SizeTotalsBuilder, maxF: number): number {
  const single = d === 1 ? 1 : 0;
  sums.exposed[t >>> 5] |= single << (t & 31);
  if (f >= LOCAL_SIZES) {
    builder.add(f, d, sq);
    return maxF;
  }
  sums.m[f]++;
  sums.g[f] += single;
  sums.dSum[f] += d;
  sums.sqSum[f] += sq;
  return f > maxF ? f : maxF;
}

/** Bits set in the first `words` words. */
function popCount(bits: Int32Array, words: number): number {
  let n = 0;
  for (let w = 0; w < words; w++) {
    let x = bits[w];
    // Pairs, nibbles, then bytes summed.
    x -= (x >>> 1) & 0x55555555;
    x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
    n += Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
  }
  return n;
}

/** One scheme to scan: its prefix's sorted rows, its inner table, and the slot its totals go to. */
export interface ScanTask {
  order: SortedPrefix;
  inner: Int32Array | null;
  at: number;
}

/** Arguments of `scanSchemes`: the catalog's title count, the tasks, and where each scheme's totals go (`slot` doubles each, engine/sizeTotals.ts). */
export interface ScanArgs {
  titles: number;
  tasks: ScanTask[];
  out: Float64Array;
  slot: number;
}

let threadScratch: ScanScratch | undefined;

/**
 * The kernel (engine/kernels.ts): each thread takes the next scheme not yet taken
 * (engine/kernelControl.ts) and scans it into its slot; the results do not depend on
 * which thread took which.
 */
export function scanSchemes(a: ScanArgs, _t: number, _T: number, ctl: Int32Array): void {
  const scratch = (threadScratch ??= new ScanScratch());
  for (let j = Atomics.add(ctl, CTL_NEXT, 1); j < a.tasks.length; j = Atomics.add(ctl, CTL_NEXT, 1)) {
    const task = a.tasks[j];
    writeTotals(a.out, task.at * a.slot, a.slot, scanTotals(task.order, a.titles, task.inner, scratch));
  }
}
