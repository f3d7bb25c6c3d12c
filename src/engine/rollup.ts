/**
 * Rolling classes up instead of re-reading rows. When scheme C nests in scheme A (every
 * class of A lies inside one class of C), C's partition is a grouping of A's classes,
 * and every metric follows from A's (class, title, count) table:
 *
 *   A's classes {a0: (t1 ×2, t2 ×1)}, {a1: (t1 ×1)}, C merges a0 and a1
 *   → C's class: size 4, titles {t1: 3, t2: 1}: d = 2, Σc² = 9 + 1 = 10
 *
 * A search over many schemes (tune) builds A's table once (engine/classTable.ts) — for
 * the finest scheme, it is the distinct raw tuples — and answers each coarser scheme
 * with a combination of per-attribute codes and one pass over A's pairs, not over the
 * rows. The metrics are finished from class-size totals (engine/sizeTotals.ts), as the
 * row path's are, so they are bit-identical. `rollUpSchemes` is the kernel that rolls
 * a batch of schemes up on every thread, each thread taking the next scheme in turn.
 */
import { combineWith, Scratch, type DenseCodes } from "../base/densify.js";
import { CTL_NEXT } from "./kernelControl.js";
import { SizeTotalsBuilder, type ClassSizeTotals } from "./sizeTotals.js";

/** What a roll-up reads: a partition's (class, title, rows) pairs in title order (engine/classTable.ts). */
export interface PairTable {
  /** Identifies the table for per-thread caches. */
  id: number;
  /** Rows of the catalog. */
  rows: number;
  classCount: number;
  /** Distinct (class, title) pairs in title order (all pairs of a title together). */
  pairs: number;
  pairClass: Int32Array;
  pairCount: Int32Array;
  /** Each pair's title run: the r-th title with rows has run r. */
  pairRun: Int32Array;
  runs: number;
}

/**
 * Keys that roll up in one pass over per-class counters (24 bytes a key: 3 MB, within
 * L2 and L3). More keys would take a cache miss per pair — at 10M rows, 2M classes took
 * 620 ms against 60 ms for a few thousand — so their pairs are first scattered into
 * partitions of 2^PARTITION_BITS keys, each then counted in counters that stay in L2.
 */
const DIRECT_KEYS = 1 << 18;
const PARTITION_BITS = 15;
/** Key ranges that roll up directly without numbering the classes first (1.5 MB of counters, within L2). */
const RAW_DIRECT_KEYS = 1 << 16;
/** Partitions at most (each is one write stream while scattering): keys up to 2^25. */
const PARTITIONED_KEYS = 1 << (PARTITION_BITS + 10);

/**
 * Buffers reused from scheme to scheme: a roll-up would otherwise allocate class-sized
 * arrays each time, and V8 starts a full collection per ~64 MB of new typed arrays.
 * `directKeys` and `partitionBits` move the switch to the partitioned path (tests use
 * them to take it on small tables).
 */
export class RollScratch {
  /** Per key, four Int32 side by side — [size, titles, last title run, that run's rows] — so a pair touches one cache line for them. */
  private cls = new Int32Array(0);
  private squares = new Float64Array(0);
  private exposed = new Int32Array(0);
  /** The partitioned path's per-pair key and scattered pairs, and its per-partition counters (kept zeroed). */
  private keyOf = new Int32Array(0);
  private scattered = new Int32Array(0);
  private local?: { cls: Int32Array; squares: Float64Array };
  readonly builder = new SizeTotalsBuilder();

  constructor(
    readonly directKeys = DIRECT_KEYS,
    readonly partitionBits = PARTITION_BITS,
  ) {}

  /** Per-key buffers for k keys, zeroed, the run marks set to −1. */
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

  /**
   * One bit per title run, cleared: a roll-up sets the bit of each run that has a
   * single-title class, and the exposed titles are the bits set. A bit per run keeps
   * the marks in L2 (at 10M rows, 4M runs take 0.5 MB against 16 MB as Int32 stamps,
   * one cache miss per single-title class).
   */
  exposure(runs: number): Int32Array {
    const words = (runs >>> 5) + 1;
    if (this.exposed.length < words) this.exposed = new Int32Array(words);
    else this.exposed.fill(0, 0, words);
    return this.exposed;
  }

  /** The partitioned path's buffers for `pairs` pairs. */
  partitions(pairs: number): { keyOf: Int32Array; scattered: Int32Array; cls: Int32Array; squares: Float64Array } {
    if (this.keyOf.length < pairs) {
      this.keyOf = new Int32Array(pairs);
      this.scattered = new Int32Array(3 * pairs);
    }
    if (!this.local) {
      const cls = new Int32Array(4 << this.partitionBits);
      for (let i = 2; i < cls.length; i += 4) cls[i] = -1;
      this.local = { cls, squares: new Float64Array(1 << this.partitionBits) };
    }
    return { keyOf: this.keyOf, scattered: this.scattered, ...this.local };
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
 * met nearly in order too. Many classes take the partitioned path (`rollUpKeys`).
 */
export function rollUp(table: PairTable, coarse: DenseCodes, scratch: RollScratch = new RollScratch()): ClassSizeTotals {
  return rollUpKeys(table, coarse.codes, null, 1, coarse.count, scratch);
}

/**
 * `rollUp` with each source class's key a·bk + b (b absent: a), keys below `range`;
 * keys no class takes are skipped. A scheme whose last part has few values need not
 * number its (prefix, last) combinations first: the key is the combination.
 *
 * Over `scratch.directKeys` keys, the pairs are first scattered by their key's high
 * bits, in order, so each partition still meets a title's pairs together; then each
 * partition is counted as above, with counters that stay in cache.
 */
export function rollUpKeys(table: PairTable, a: Int32Array, b: Int32Array | null, bk: number, range: number, scratch: RollScratch): ClassSizeTotals {
  return range <= scratch.directKeys ? rollUpDirect(table, a, b, bk, range, scratch) : rollUpPartitioned(table, a, b, bk, range, scratch);
}

/**
 * One pair into its class's counters: its rows, its title if it is the first pair of
 * its run there, and Σc² grown by (c + x)² − c² = 2cx + x² (see `rollUp`).
 */
function countPair(cls: Int32Array, squares: Float64Array, c: number, x: number, r: number): void {
  const i = c << 2;
  cls[i] += x;
  if (cls[i + 2] !== r) {
    cls[i + 1]++;
    cls[i + 2] = r;
    cls[i + 3] = x;
    squares[c] += x * x;
  } else {
    const before = cls[i + 3];
    cls[i + 3] = before + x;
    squares[c] += 2 * before * x + x * x;
  }
}

/** Class c's counters into the builder, its title's run marked exposed when it holds that title alone. */
function addClass(builder: SizeTotalsBuilder, cls: Int32Array, squares: Float64Array, c: number, exposed: Int32Array): void {
  const i = c << 2;
  const titles = cls[i + 1];
  builder.add(cls[i], titles, squares[c]);
  if (titles === 1) {
    const r = cls[i + 2];
    exposed[r >>> 5] |= 1 << (r & 31);
  }
}

/** Runs marked in `exposure`'s bits: the titles with a row in a single-title class. */
function exposedCount(exposed: Int32Array, runs: number): number {
  let n = 0;
  for (let w = (runs >>> 5) + 1; w-- > 0; ) {
    let x = exposed[w];
    // Bits set in x (a population count: pairs, nibbles, then bytes summed).
    x -= (x >>> 1) & 0x55555555;
    x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
    n += (Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24);
  }
  return n;
}

function rollUpDirect(table: PairTable, a: Int32Array, b: Int32Array | null, bk: number, range: number, scratch: RollScratch): ClassSizeTotals {
  const { cls, squares } = scratch.classes(range);
  const { pairs, pairClass, pairCount, pairRun } = table;
  if (pairs === table.rows) {
    // Each pair one row (no two rows share class and title, as when the rows are all
    // distinct): the same loop without reading the counts, ~14 % faster at 10M rows.
    for (let q = 0; q < pairs; q++) {
      const s = pairClass[q];
      countPair(cls, squares, b === null ? a[s] : a[s] * bk + b[s], 1, pairRun[q]);
    }
  } else {
    for (let q = 0; q < pairs; q++) {
      const s = pairClass[q];
      countPair(cls, squares, b === null ? a[s] : a[s] * bk + b[s], pairCount[q], pairRun[q]);
    }
  }
  const exposed = scratch.exposure(table.runs);
  const builder = scratch.builder;
  for (let c = 0; c < range; c++) if (cls[c << 2] > 0) addClass(builder, cls, squares, c, exposed);
  return builder.finish(exposedCount(exposed, table.runs));
}

function rollUpPartitioned(table: PairTable, a: Int32Array, b: Int32Array | null, bk: number, range: number, scratch: RollScratch): ClassSizeTotals {
  const { pairs, pairClass, pairCount, pairRun } = table;
  const bits = scratch.partitionBits;
  const mask = (1 << bits) - 1;
  const parts = ((range - 1) >>> bits) + 1;
  const { keyOf, scattered, cls, squares } = scratch.partitions(pairs);
  // Pass 1: each pair's key, and pairs per partition.
  const at = new Int32Array(parts + 1);
  for (let q = 0; q < pairs; q++) {
    const s = pairClass[q];
    const c = b === null ? a[s] : a[s] * bk + b[s];
    keyOf[q] = c;
    at[(c >>> bits) + 1]++;
  }
  for (let p = 0; p < parts; p++) at[p + 1] += at[p];
  const end = at.slice(1);
  // Pass 2: the pairs scattered to their partitions as (key's low bits, rows, title
  // run), in order, so each partition still meets a title's pairs in title order.
  for (let q = 0; q < pairs; q++) {
    const c = keyOf[q];
    const w = at[c >>> bits]++ * 3;
    scattered[w] = c & mask;
    scattered[w + 1] = pairCount[q];
    scattered[w + 2] = pairRun[q];
  }
  // Pass 3, partition by partition: count as the direct path does, then hand each
  // key's class to the builder at its first pair and reset its counters for the next
  // partition (they start zeroed, run marks −1).
  const exposed = scratch.exposure(table.runs);
  const builder = scratch.builder;
  for (let p = 0, from = 0; p < parts; from = end[p++]) {
    const to = end[p] * 3;
    for (let w = from * 3; w < to; w += 3) {
      countPair(cls, squares, scattered[w], scattered[w + 1], scattered[w + 2]);
    }
    for (let w = from * 3; w < to; w += 3) {
      const c = scattered[w];
      const i = c << 2;
      if (cls[i] === 0) continue;
      addClass(builder, cls, squares, c, exposed);
      cls[i] = cls[i + 1] = cls[i + 3] = 0;
      cls[i + 2] = -1;
      squares[c] = 0;
    }
  }
  return builder.finish(exposedCount(exposed, table.runs));
}

/** One scheme of a batch: its parts' codes over the table's classes, each with a key naming the part. */
export interface SchemeCodes {
  keys: string[];
  codes: DenseCodes[];
}

/**
 * A thread's state across batches: its roll-up buffers and the combined codes of the
 * last leading parts. Schemes that share all parts but the last (tune varies its last
 * attribute fastest, so the schemes a thread takes in turn often do) then cost one
 * combination of codes, not two — or none, when the leading parts' classes times the last part's
 * values are few enough to serve as keys themselves (`rollUpKeys`).
 */
class SchemeRoller {
  private readonly scratch = new Scratch();
  private readonly roll = new RollScratch();
  private prefix?: { key: string; codes: DenseCodes; owned: boolean };

  totals(table: PairTable, { keys, codes }: SchemeCodes): ClassSizeTotals {
    const n = codes.length;
    if (n === 0) {
      const one = this.scratch.int32(table.classCount).fill(0);
      const totals = rollUpKeys(table, one, null, 1, Math.min(1, table.classCount), this.roll);
      this.scratch.release(one);
      return totals;
    }
    if (n === 1) return rollUp(table, codes[0], this.roll);
    const lead = this.leading(table, keys, codes);
    const last = codes[n - 1];
    // The combination as key when its range fits in cache, or when it is sure to be
    // partitioned anyway; otherwise number the classes first (few classes roll up
    // fastest on their own dense numbers, met in title order).
    const range = lead.count * last.count;
    if (range <= RAW_DIRECT_KEYS || (lead.count > this.roll.directKeys / 4 && range > this.roll.directKeys && range <= PARTITIONED_KEYS)) {
      return rollUpKeys(table, lead.codes, last.codes, last.count, range, this.roll);
    }
    const coarse = combineWith(lead, last, this.scratch);
    const totals = rollUp(table, coarse, this.roll);
    this.scratch.release(coarse.codes);
    return totals;
  }

  /** The classes of all parts but the last: their codes combined pair by pair (base/densify.ts), kept for the next scheme. */
  private leading(table: PairTable, keys: string[], codes: DenseCodes[]): DenseCodes {
    const n = codes.length;
    const key = `${table.id}|${keys.slice(0, -1).join(",")}`;
    if (this.prefix?.key !== key) {
      if (this.prefix?.owned) this.scratch.release(this.prefix.codes.codes);
      let acc = codes[0];
      for (let i = 1; i < n - 1; i++) {
        const next = combineWith(acc, codes[i], this.scratch);
        if (i > 1) this.scratch.release(acc.codes);
        acc = next;
      }
      this.prefix = { key, codes: acc, owned: n > 2 };
    }
    return this.prefix.codes;
  }
}

let roller: SchemeRoller | undefined;

/** Arguments of `rollUpSchemes`: the table, the batch, and where each scheme's totals go. */
export interface RollUpArgs {
  table: PairTable;
  schemes: SchemeCodes[];
  /** `slot` doubles per scheme, written by `writeTotals`. */
  out: Float64Array;
  slot: number;
}

/**
 * The kernel (engine/kernels.ts): each thread takes the batch's next scheme not yet
 * taken (engine/kernelControl.ts) and rolls it up into that scheme's slot of `out`.
 * Schemes cost unequal times (a few classes against millions), so a fixed share would
 * leave threads waiting; the results do not depend on which thread took which.
 */
export function rollUpSchemes(a: RollUpArgs, _t: number, _T: number, ctl: Int32Array): void {
  roller ??= new SchemeRoller();
  for (let s = Atomics.add(ctl, CTL_NEXT, 1); s < a.schemes.length; s = Atomics.add(ctl, CTL_NEXT, 1)) {
    writeTotals(a.out, s * a.slot, a.slot, roller.totals(a.table, a.schemes[s]));
  }
}

/**
 * Doubles a slot needs for any scheme over `rows` rows: distinct class sizes add up to
 * at most the rows, so there are at most √(2·rows) of them (1 + 2 + … + m ≤ rows).
 */
export function totalsSlot(rows: number): number {
  return 2 + 5 * (Math.floor(Math.sqrt(2 * rows)) + 1);
}

/** Totals into out[at …]: sizes m, exposed titles, then the five per-size arrays. */
function writeTotals(out: Float64Array, at: number, slot: number, t: ClassSizeTotals): void {
  const m = t.classSize.length;
  if (2 + 5 * m > slot) throw new RangeError(`rollUpSchemes: ${m} class sizes do not fit a slot of ${slot}`);
  out[at] = m;
  out[at + 1] = t.exposedTitles;
  [t.classSize, t.classes, t.singleTitleClasses, t.titleSum, t.squareSum].forEach((xs, j) => out.set(xs, at + 2 + j * m));
}

/** The totals `writeTotals` wrote at out[at …] (copies). */
export function readTotals(out: Float64Array, at: number): ClassSizeTotals {
  const m = out[at];
  const part = (j: number) => out.slice(at + 2 + j * m, at + 2 + (j + 1) * m);
  return { classSize: part(0), classes: part(1), singleTitleClasses: part(2), titleSum: part(3), squareSum: part(4), exposedTitles: out[at + 1] };
}
