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

/** An interval choice's table over inner ranks (engine/valueOrder.ts), as 16-bit codes when they fit: half the cache a lookup misses. */
export type InnerTable = Int32Array | Uint16Array;

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
    return { k: this.k, exposed: this.exposed, m: this.m, g: this.g, dSum: this.dSum, sqSum: this.sqSum, builder: this.builder };
  }
}

type Sums = ReturnType<ScanScratch["buffers"]>;

/** The totals of the scheme whose classes are `order`'s prefix classes cut by `inner` (a table over inner ranks whose classes are intervals; null: each rank its own class). */
export function scanTotals(order: SortedPrefix, titles: number, inner: InnerTable | null, scratch: ScanScratch): ClassSizeTotals {
  const sums = scratch.buffers(order.meta[0], titles);
  sums.exposed.set(order.singleTitles.subarray(0, (titles >>> 5) + 1));
  const maxF = order.meta[2] >= 0 ? scanLinks(order, inner, sums) : scanRows(order, inner, sums);
  const { m, g, dSum, sqSum, builder } = sums;
  // Classes of one row, most classes of a fine scheme: those of the prefix and those of the scan.
  const ones = m[1] + order.meta[1];
  if (ones > 0) builder.addMany(1, ones, ones, ones, ones);
  m[1] = 0;
  for (let c = 2; c <= maxF; c++) {
    if (m[c] === 0) continue;
    builder.addMany(c, m[c], g[c], dSum[c], sqSum[c]);
    m[c] = g[c] = dSum[c] = sqSum[c] = 0;
  }
  return builder.finish(popCount(sums.exposed, (titles >>> 5) + 1));
}

/** The scan when every row may have a previous row of its title in the class: each row's k in `sums.k`; the largest class size below LOCAL_SIZES returned. */
function scanRows(order: SortedPrefix, inner: InnerTable | null, sums: Sums): number {
  const { rank, title, start, prev } = order;
  const rows = order.meta[0];
  const k = sums.k;
  let s = 0;
  // Without a table (inner null) the rank is the class: no lookup, which at 10M rows
  // would be a cache miss a row in fine prefixes (their ranks jump from class to class).
  let cur = rows === 0 ? 0 : inner === null ? rank[0] : inner[rank[0]];
  let d = 0;
  let sq = 0;
  let maxF = 1;
  for (let i = 0; i < rows; i++) {
    const code = inner === null ? rank[i] : inner[rank[i]];
    if (start[i] === 1 || code !== cur) {
      // Class [s, i) ends (none at i = 0).
      if (i > s) maxF = endClass(i - s, d, sq, title[s], sums, maxF);
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
  return rows > s ? endClass(rows - s, d, sq, title[s], sums, maxF) : maxF;
}

/**
 * The scan when the links are listed (engine/prefixOrder.ts): a row without a link adds
 * 1 to d and to Σc², so only the links are counted, as rows that add no title (in the
 * class) and 2k − 2 to Σc². Their k go in `sums.k` by link.
 *
 *   a class of titles t1, t2, t1 (one link, its prev in the class, k = 2): d = 3 − 1 = 2, Σc² = 3 + 2 = 5
 */
function scanLinks(order: SortedPrefix, inner: InnerTable | null, sums: Sums): number {
  const { rank, title, start, links, linkPrev, linkPrevLink } = order;
  const rows = order.meta[0];
  const k = sums.k;
  let s = 0;
  let cur = rows === 0 ? 0 : inner === null ? rank[0] : inner[rank[0]];
  let linked = 0;
  let extra = 0;
  let maxF = 1;
  let j = 0;
  let next = links[0];
  for (let i = 0; i < rows; i++) {
    const code = inner === null ? rank[i] : inner[rank[i]];
    if (start[i] === 1 || code !== cur) {
      if (i > s) maxF = endClass(i - s, i - s - linked, i - s + extra, title[s], sums, maxF);
      s = i;
      cur = code;
      linked = 0;
      extra = 0;
    }
    if (i === next) {
      let kk = 1;
      if (linkPrev[j] >= s) {
        const q = linkPrevLink[j];
        kk = (q < 0 ? 1 : k[q]) + 1;
        linked++;
        extra += 2 * kk - 2;
      }
      k[j] = kk;
      next = links[++j];
    }
  }
  const f = rows - s;
  return f > 0 ? endClass(f, f - linked, f + extra, title[s], sums, maxF) : maxF;
}

/** A class of f rows, d titles and Σc² = sq, whose first row has title t, into the sums; the largest size so far returned. */
function endClass(f: number, d: number, sq: number, t: number, sums: Sums, maxF: number): number {
  const single = d === 1 ? 1 : 0;
  sums.exposed[t >>> 5] |= single << (t & 31);
  if (f === 1) {
    sums.m[1]++;
    return maxF;
  }
  if (f >= LOCAL_SIZES) {
    sums.builder.add(f, d, sq);
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
  inner: InnerTable | null;
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
