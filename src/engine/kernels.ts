/**
 * The engine's parallel steps. Each kernel is one pass that every thread runs at once
 * on its own share of the work: thread t of T takes the rows `rowsOf(n, t, T)` (one
 * contiguous block, so "earlier thread" means "earlier rows"), or claims partitions one
 * at a time from a shared counter. Inputs and outputs are typed arrays in shared memory;
 * a kernel writes only the entries its share owns, so results do not depend on how the
 * work was timed, and every thread count gives the same bytes.
 *
 * The main thread runs share 0 itself and worker threads the rest (see pool.ts); the
 * orchestration between passes (prefix sums, merges) lives in group.ts,
 * partition.ts and classStats.ts.
 */
import type { Catalog } from "../catalog/catalog.js";
import { groupPartition, mix } from "../base/densify.js";
import { bucketKeys } from "../schemes/generalize.js";
import type { SchemePart } from "../schemes/types.js";
import { CTL_NEXT } from "./kernelControl.js";
import { scanSchemes } from "./intervalScan.js";
import { sortPrefixes } from "./prefixOrder.js";
import { TitleRuns } from "./titleRuns.js";
import { preparse } from "../sources/table/csvPreparse.js";

/** A kernel: `args` holds shared typed arrays and numbers; t is this thread, T their number. */
export type Kernel = (args: never, t: number, T: number, ctl: Int32Array) => void;

/** Thread t's block of n rows: [from, to). */
export function rowsOf(n: number, t: number, T: number): [number, number] {
  return [Math.floor((n * t) / T), Math.floor((n * (t + 1)) / T)];
}

/**
 * Where a kernel reads float keys: an array (in shared memory), or a recipe for a
 * row-local part's keys, computed KEY_CHUNK rows at a time from shared columns
 * (`bucketKeys(part, view, { firstItem })`). A recipe needs no row-sized array of
 * keys: each pass computes the keys again, block by block, which costs less than
 * writing and reading 8 bytes a row.
 */
export interface KeyRecipe {
  part: SchemePart;
  /** The columns the part reads (shared). */
  columns: Catalog["numeric"];
  rows: number;
}
export type KeySource = Float64Array | KeyRecipe;

/** Rows of a key source. */
export function keyRows(src: KeySource): number {
  return src instanceof Float64Array ? src.length : src.rows;
}

/**
 * Rows per bucketKeys call: each then allocates a small array (64 KB), not a row-sized
 * one. Small enough for V8's young generation: a larger block goes to the large-object
 * space, which only a full garbage collection frees.
 */
export const KEY_CHUNK = 1 << 13;

/**
 * The keys of rows [from, to) block by block: `next()` returns the next block (null at
 * the end) and `start` is the row of its first key. An array source is one block.
 */
class KeyBlocks {
  start = 0;
  private at: number;
  private readonly view: Catalog | null = null;
  private readonly fields: [keyof Catalog["numeric"], Float64Array][] = [];

  constructor(
    private readonly src: KeySource,
    from: number,
    private readonly to: number,
  ) {
    this.at = from;
    if (!(src instanceof Float64Array)) {
      this.view = { source: "", rows: 0, titleCodes: new Int32Array(0), titleNames: [], numeric: {}, text: {}, precision: {}, provenance: {}, rejected: {}, notes: [] };
      this.fields = Object.entries(src.columns) as [keyof Catalog["numeric"], Float64Array][];
    }
  }

  next(): Float64Array | null {
    const { at, to, src, view } = this;
    if (at >= to) return null;
    this.start = at;
    if (src instanceof Float64Array) {
      this.at = to;
      return src.subarray(at, to);
    }
    const end = Math.min(to, at + KEY_CHUNK);
    this.at = end;
    view!.rows = end - at;
    for (const [field, col] of this.fields) view!.numeric[field] = col.subarray(at, end);
    return bucketKeys(src.part, view!, { firstItem: at });
  }
}

/** A key source as one array (a recipe's keys computed into a fresh one). */
export function keyArray(src: KeySource): Float64Array {
  if (src instanceof Float64Array) return src;
  const out = new Float64Array(src.rows);
  const blocks = new KeyBlocks(src, 0, src.rows);
  for (let keys = blocks.next(); keys !== null; keys = blocks.next()) out.set(keys, blocks.start);
  return out;
}

/**
 * Canonical bits of float keys as two Int32 halves, the key every grouping pass reads:
 * equal bits iff equal keys, once NaN (any payload) and −0 are made one.
 */
export interface FloatBitsArgs {
  keys: KeySource;
  hi: Int32Array;
  lo: Int32Array;
}

function floatBits(a: FloatBitsArgs, t: number, T: number): void {
  const { hi, lo } = a;
  const [from, to] = rowsOf(keyRows(a.keys), t, T);
  const blocks = new KeyBlocks(a.keys, from, to);
  for (let keys = blocks.next(); keys !== null; keys = blocks.next()) {
    const bits = new Int32Array(keys.buffer, keys.byteOffset, 2 * keys.length);
    const base = blocks.start;
    for (let i = 0; i < keys.length; i++) {
      const x = keys[i];
      if (x !== x) {
        hi[base + i] = 0x7ff80000;
        lo[base + i] = 0;
      } else if (x === 0) {
        hi[base + i] = 0;
        lo[base + i] = 0;
      } else {
        hi[base + i] = bits[2 * i + 1];
        lo[base + i] = bits[2 * i];
      }
    }
  }
}

/**
 * What decides whether float keys can be read as small integers: per thread, into
 * stats[4t …]: min, max (NaN left out; +∞/−∞ when none), 1 if every key is a whole
 * number, 1 if some key is NaN; and into scaled[t·|scales| + s] 1 if every key is a
 * whole number of 1/scales[s] (x · scale rounds to a k with k / scale === x).
 */
export interface ScanArgs {
  keys: KeySource;
  stats: Float64Array;
  scales: number[];
  scaled: Int32Array | null;
}

function scanKeys(a: ScanArgs, t: number, T: number): void {
  const [from, to] = rowsOf(keyRows(a.keys), t, T);
  const blocks = new KeyBlocks(a.keys, from, to);
  if (a.scaled !== null) {
    // Second look, for keys that are not all whole numbers.
    const ok = new Int32Array(a.scales.length).fill(1);
    for (let keys = blocks.next(); keys !== null; keys = blocks.next()) {
      for (let s = 0; s < a.scales.length; s++) {
        const scale = a.scales[s];
        for (let i = 0; i < keys.length && ok[s] === 1; i++) {
          const x = keys[i];
          if (x === x && Math.round(x * scale) / scale !== x) ok[s] = 0;
        }
      }
    }
    a.scaled.set(ok, t * a.scales.length);
    return;
  }
  let min = Infinity;
  let max = -Infinity;
  let integral = 1;
  let nan = 0;
  for (let keys = blocks.next(); keys !== null; keys = blocks.next()) {
    for (let i = 0; i < keys.length; i++) {
      const x = keys[i];
      if (x !== x) {
        nan = 1;
        continue;
      }
      if (x < min) min = x;
      if (x > max) max = x;
      if (integral === 1 && x !== Math.floor(x)) integral = 0;
    }
  }
  a.stats[4 * t] = min;
  a.stats[4 * t + 1] = max;
  a.stats[4 * t + 2] = integral;
  a.stats[4 * t + 3] = nan;
}

/**
 * Keys that are whole numbers, read in one pass: out[i] = x as an Int32 (NaN as
 * NAN_RAW), and into stats[4t …] thread t's min, max (NaN left out; +∞/−∞ when none),
 * 1 if every key of its block is a whole number in (−2^31, 2^31) (else out is
 * incomplete and the caller falls back to other passes), and 1 if some key is NaN.
 * One pass instead of a scan then a second computation of the keys: for a recipe
 * each pass computes the part's keys again.
 */
export interface IntKeysArgs {
  keys: KeySource;
  out: Int32Array;
  stats: Float64Array;
}

/** Where `intKeys` writes NaN: no whole-number key takes it (−2^31 is left to the fallback). */
export const NAN_RAW = -0x80000000;

function intKeys(a: IntKeysArgs, t: number, T: number): void {
  const { out } = a;
  const [from, to] = rowsOf(keyRows(a.keys), t, T);
  const blocks = new KeyBlocks(a.keys, from, to);
  let min = Infinity;
  let max = -Infinity;
  let whole = 1;
  let nan = 0;
  for (let keys = blocks.next(); keys !== null; keys = blocks.next()) {
    const base = blocks.start;
    for (let i = 0; i < keys.length; i++) {
      const x = keys[i];
      if (x !== x) {
        nan = 1;
        out[base + i] = NAN_RAW;
        continue;
      }
      if (x < min) min = x;
      if (x > max) max = x;
      // x | 0 is x for whole numbers in Int32 range (−0 becomes 0: one key with +0).
      const v = x | 0;
      if (v === x && v !== NAN_RAW) out[base + i] = v;
      else whole = 0;
    }
  }
  a.stats[4 * t] = min;
  a.stats[4 * t + 1] = max;
  a.stats[4 * t + 2] = whole;
  a.stats[4 * t + 3] = nan;
}

/**
 * Raw codes made bounded, in place: out[i] = out[i] − lo, NAN_RAW as `nanCode`.
 */
export interface RebaseArgs {
  out: Int32Array;
  lo: number;
  nanCode: number;
}

function rebase(a: RebaseArgs, t: number, T: number): void {
  const { out, lo, nanCode } = a;
  const [from, to] = rowsOf(out.length, t, T);
  for (let i = from; i < to; i++) {
    const v = out[i];
    out[i] = v === NAN_RAW ? nanCode : v - lo;
  }
}

/** Keys as integers: out[i] = round(x · scale) − lo, NaN as `nanCode`. */
export interface ScaledArgs {
  keys: KeySource;
  out: Int32Array;
  scale: number;
  lo: number;
  nanCode: number;
}

function scaledKeys(a: ScaledArgs, t: number, T: number): void {
  const { out, scale, lo, nanCode } = a;
  const [from, to] = rowsOf(keyRows(a.keys), t, T);
  const blocks = new KeyBlocks(a.keys, from, to);
  for (let keys = blocks.next(); keys !== null; keys = blocks.next()) {
    const base = blocks.start;
    if (scale === 1) {
      for (let i = 0; i < keys.length; i++) {
        const x = keys[i];
        out[base + i] = x === x ? x - lo : nanCode;
      }
    } else {
      for (let i = 0; i < keys.length; i++) {
        const x = keys[i];
        out[base + i] = x === x ? Math.round(x * scale) - lo : nanCode;
      }
    }
  }
}

/**
 * Two bounded codes as one: out[i] = a'[i] · bBound + b'[i] (out may alias a), where
 * x' is x − xLo, or xNan where x is NAN_RAW (raw codes from `intKeys`; codes already
 * bounded have lo 0 and never hold NAN_RAW).
 */
export interface PackArgs {
  a: Int32Array;
  b: Int32Array;
  bBound: number;
  out: Int32Array;
  aLo: number;
  aNan: number;
  bLo: number;
  bNan: number;
}

function packCodes(p: PackArgs, t: number, T: number): void {
  const { a, b, bBound, out, aLo, aNan, bLo, bNan } = p;
  const [from, to] = rowsOf(out.length, t, T);
  for (let i = from; i < to; i++) {
    const x = a[i];
    const y = b[i];
    out[i] = (x === NAN_RAW ? aNan : x - aLo) * bBound + (y === NAN_RAW ? bNan : y - bLo);
  }
}

/**
 * Grouping when keys are few: each thread numbers its block's keys by first
 * appearance in a small table of its own, listing them in that order
 * (`listHi/listLo[t·limit + q]`), and gives up (count −1) past `limit` keys. The main
 * thread then merges the lists in thread order, which is first-appearance order over
 * all rows, and `remapLocal` turns local codes into global ones.
 */
export interface GroupLocalArgs {
  hi: Int32Array;
  /** Null for one-word keys (lo 0). */
  lo: Int32Array | null;
  out: Int32Array;
  limit: number;
  listHi: Int32Array;
  listLo: Int32Array;
  /** Per thread: keys found, or −1 when more than `limit`. */
  counts: Int32Array;
}

function groupLocal(a: GroupLocalArgs, t: number, T: number): void {
  const { hi, lo, out, limit, listHi, listLo } = a;
  const [from, to] = rowsOf(out.length, t, T);
  let cap = 64;
  while (cap < 2 * limit) cap <<= 1;
  // Grows with the keys found, so that few keys keep a table that fits L1.
  let size = 64;
  let mask = size - 1;
  let table = new Int32Array(size); // 0 = empty, else local code + 1
  const base = t * limit;
  let m = 0;
  for (let i = from; i < to; i++) {
    const h = hi[i];
    const l = lo === null ? 0 : lo[i];
    let slot = mix(h, l) & mask;
    for (;;) {
      const g = table[slot];
      if (g === 0) {
        if (m === limit) {
          a.counts[t] = -1;
          return;
        }
        listHi[base + m] = h;
        listLo[base + m] = l;
        table[slot] = ++m;
        out[i] = m - 1;
        if (2 * m > size && size < cap) {
          size <<= 1;
          mask = size - 1;
          table = new Int32Array(size);
          for (let q = 0; q < m; q++) {
            let s = mix(listHi[base + q], listLo[base + q]) & mask;
            while (table[s] !== 0) s = (s + 1) & mask;
            table[s] = q + 1;
          }
        }
        break;
      }
      if (listHi[base + g - 1] === h && listLo[base + g - 1] === l) {
        out[i] = g - 1;
        break;
      }
      slot = (slot + 1) & mask;
    }
  }
  a.counts[t] = m;
}

/**
 * `groupLocal` for keys that are small integers 0..bound−1 (one packed word): a
 * direct-address table per thread instead of a hash table.
 */
export interface GroupDirectArgs {
  codes: Int32Array;
  out: Int32Array;
  bound: number;
  limit: number;
  list: Int32Array;
  counts: Int32Array;
}

function groupDirect(a: GroupDirectArgs, t: number, T: number): void {
  const { codes, out, limit, list } = a;
  const [from, to] = rowsOf(out.length, t, T);
  const table = new Int32Array(a.bound); // 0 = empty, else local code + 1
  const base = t * limit;
  let m = 0;
  for (let i = from; i < to; i++) {
    const k = codes[i];
    const g = table[k];
    if (g !== 0) {
      out[i] = g - 1;
      continue;
    }
    if (m === limit) {
      a.counts[t] = -1;
      return;
    }
    list[base + m] = k;
    table[k] = ++m;
    out[i] = m - 1;
  }
  a.counts[t] = m;
}

/** out[i] = map[t·stride + out[i]] over thread t's block (stride 0: one map for all). */
export interface RemapArgs {
  out: Int32Array;
  map: Int32Array;
  stride: number;
}

function remap(a: RemapArgs, t: number, T: number): void {
  const { out, map } = a;
  const base = t * a.stride;
  const [from, to] = rowsOf(out.length, t, T);
  for (let i = from; i < to; i++) out[i] = map[base + out[i]];
}

/**
 * Radix partitioning, pass 1: each row's partition is the high bits of its key's hash;
 * count rows per (thread, partition) into counts[t·parts + p].
 */
export interface CountArgs {
  hi: Int32Array;
  /** Null for one-word keys (lo 0). */
  lo: Int32Array | null;
  counts: Int32Array;
  parts: number;
  shift: number;
  partMask: number;
}

function radixCount(a: CountArgs, t: number, T: number): void {
  const { hi, lo, parts, shift, partMask } = a;
  const local = new Int32Array(parts);
  const [from, to] = rowsOf(hi.length, t, T);
  if (lo === null) for (let i = from; i < to; i++) local[(mix(hi[i], 0) >>> shift) & partMask]++;
  else for (let i = from; i < to; i++) local[(mix(hi[i], lo[i]) >>> shift) & partMask]++;
  a.counts.set(local, t * parts);
}

/**
 * Pass 2: scatter row numbers and keys into partition order. Thread t writes partition
 * p from fill[t·parts + p] on, after every earlier thread's rows of p, so within a
 * partition rows stay in ascending order.
 */
export interface ScatterArgs {
  hi: Int32Array;
  /** Null for one-word keys: keyLo is then not written. */
  lo: Int32Array | null;
  fill: Int32Array;
  rowOf: Int32Array;
  keyHi: Int32Array;
  keyLo: Int32Array;
  parts: number;
  shift: number;
  partMask: number;
}

function radixScatter(a: ScatterArgs, t: number, T: number): void {
  const { hi, lo, rowOf, keyHi, keyLo, parts, shift, partMask } = a;
  const fill = a.fill.slice(t * parts, (t + 1) * parts);
  const [from, to] = rowsOf(hi.length, t, T);
  if (lo === null) {
    for (let i = from; i < to; i++) {
      const h = hi[i];
      const j = fill[(mix(h, 0) >>> shift) & partMask]++;
      rowOf[j] = i;
      keyHi[j] = h;
    }
    return;
  }
  for (let i = from; i < to; i++) {
    const h = hi[i];
    const l = lo[i];
    const j = fill[(mix(h, l) >>> shift) & partMask]++;
    rowOf[j] = i;
    keyHi[j] = h;
    keyLo[j] = l;
  }
}

/**
 * Pass 3: group each partition in a cache-sized table; partitions are claimed from the
 * shared counter. For each position j, groupFirst[j] = the first row holding j's key
 * (rows arrive in ascending order, so the first to take a slot is the key's first),
 * and, while the partition is still in cache, firstOf[row] = that first row for each of
 * its rows but the first, whose entry is ~(the key's rows), negative: the numbering
 * passes below tell first rows by their sign and get class sizes without counting
 * rows again. groupFirst may alias keyLo: each key is read just before its position is
 * overwritten; firstOf may alias the keys the rows were partitioned by (read no more).
 *
 * Example: a partition holding rows 2, 5, 9 with keys x, y, x gives firstOf[2] = ~2
 * (first of x, 2 rows), firstOf[5] = ~1, firstOf[9] = 2.
 */
export interface GroupPartsArgs {
  start: Int32Array;
  rowOf: Int32Array;
  keyHi: Int32Array;
  /** Null for one-word keys. */
  keyLo: Int32Array | null;
  groupFirst: Int32Array;
  firstOf: Int32Array;
  largest: number;
}

function groupParts(a: GroupPartsArgs, _t: number, _T: number, ctl: Int32Array): void {
  const { start, rowOf, keyHi, keyLo, groupFirst, firstOf, largest } = a;
  const parts = start.length - 1;
  let cap = 16;
  while (cap < 2 * largest) cap <<= 1;
  const table = new Int32Array(cap);
  const firstHi = new Int32Array(largest);
  const firstLo = new Int32Array(largest);
  const firstRow = new Int32Array(largest);
  const firstSize = new Int32Array(largest);
  for (let p = Atomics.add(ctl, CTL_NEXT, 1); p < parts; p = Atomics.add(ctl, CTL_NEXT, 1)) {
    const from = start[p];
    const to = start[p + 1];
    if (keyLo === null) groupPartition1(from, to, keyHi, rowOf, groupFirst, table, firstHi, firstRow, firstSize);
    else groupPartition(from, to, keyHi, keyLo, rowOf, groupFirst, table, firstHi, firstLo, firstRow, firstSize);
    // Keys were met (and numbered 0, 1, …) in position order, each first at its first
    // row; a key lives in one partition only, so its rows here are all its rows.
    let g = 0;
    for (let j = from; j < to; j++) {
      const r = rowOf[j];
      const f = groupFirst[j];
      firstOf[r] = f === r ? ~firstSize[g++] : f;
    }
  }
}

/** `groupPartition` (base/densify.ts) for one-word keys. */
function groupPartition1(from: number, to: number, keys: Int32Array, rowOf: Int32Array, groupFirst: Int32Array, table: Int32Array, firstKey: Int32Array, firstRow: Int32Array, firstSize: Int32Array): void {
  let size = 16;
  while (size < 2 * (to - from)) size <<= 1;
  const mask = size - 1;
  table.fill(0, 0, size); // 0 = empty, else local group + 1
  let groups = 0;
  for (let j = from; j < to; j++) {
    const h = keys[j];
    // Low hash bits pick the slot; the partition used the high ones.
    let slot = mix(h, 0) & mask;
    for (;;) {
      const g = table[slot];
      if (g === 0) {
        table[slot] = ++groups;
        firstKey[groups - 1] = h;
        const r = rowOf[j];
        firstRow[groups - 1] = r;
        firstSize[groups - 1] = 1;
        groupFirst[j] = r;
        break;
      }
      if (firstKey[g - 1] === h) {
        groupFirst[j] = firstRow[g - 1];
        firstSize[g - 1]++;
        break;
      }
      slot = (slot + 1) & mask;
    }
  }
}

/** Numbering, pass 1: per thread, the rows of its block that are their key's first row: firsts[t]. */
export interface FirstsArgs {
  firstOf: Int32Array;
  firsts: Int32Array;
}

function markFirsts(a: FirstsArgs, t: number, T: number): void {
  const { firstOf } = a;
  const [from, to] = rowsOf(firstOf.length, t, T);
  let count = 0;
  for (let i = from; i < to; i++) if (firstOf[i] < 0) count++;
  a.firsts[t] = count;
}

/**
 * Numbering, pass 2: a key's first row takes the next code, counting from base[t]; with
 * `sizes`, sizes[code] = the key's rows.
 */
export interface NumberArgs {
  firstOf: Int32Array;
  out: Int32Array;
  base: Int32Array;
  sizes: Int32Array | null;
}

function numberFirsts(a: NumberArgs, t: number, T: number): void {
  const { firstOf, out, sizes } = a;
  const [from, to] = rowsOf(out.length, t, T);
  let next = a.base[t];
  for (let i = from; i < to; i++) {
    const f = firstOf[i];
    if (f < 0) {
      if (sizes !== null) sizes[next] = ~f;
      out[i] = next++;
    }
  }
}

/** Numbering, pass 3: every other row copies its key's first row's code. */
function numberRest(a: NumberArgs, t: number, T: number): void {
  const { firstOf, out } = a;
  const [from, to] = rowsOf(out.length, t, T);
  for (let i = from; i < to; i++) {
    const f = firstOf[i];
    if (f >= 0) out[i] = out[f];
  }
}

/**
 * Rows per class over thread t's block, into sizes[t·k + c] (zeros; one private row
 * per thread, counted in place: a local array of k entries would be a fresh allocation
 * per thread and call, 47 MB at 11.8M classes, alive until the thread's next GC).
 */
export interface ClassSizeArgs {
  classOf: Int32Array;
  sizes: Int32Array;
  k: number;
}

function classSizes(a: ClassSizeArgs, t: number, T: number): void {
  const { classOf, k } = a;
  const local = a.sizes.subarray(t * k, (t + 1) * k);
  const [from, to] = rowsOf(classOf.length, t, T);
  for (let i = from; i < to; i++) local[classOf[i]]++;
}

/**
 * Rows per class when classes are many: thread t owns the classes `rowsOf(k, t, T)`,
 * reads every row and counts its own classes only, straight into `sizes` (k entries,
 * zeros): no per-thread copies of k entries, and no entry written by two threads.
 */
function classSizesOwned(a: ClassSizeArgs, t: number, T: number): void {
  const { classOf, sizes } = a;
  const [lo, hi] = rowsOf(a.k, t, T);
  const span = hi - lo;
  const n = classOf.length;
  for (let i = 0; i < n; i++) {
    const c = classOf[i];
    if ((c - lo) >>> 0 < span) sizes[c]++;
  }
}

/**
 * Per-class title statistics (see classStats.ts). Each (class, title) pair adds 1 to d
 * and r² to Σc² of its class, where r is the rows of the title in the class. Thread t
 * takes the title runs that start in its block of title-ordered positions (a run may end
 * past it) and splits each into its pairs (titleRuns.ts).
 *
 * Few classes (`titleStats`): each thread adds into a private pair of rows
 * `acc[t·2k + 2c]`, `[… + 2c + 1]`, summed by the main thread.
 *
 * Many classes: adding straight into d and sq would miss cache on nearly every pair
 * (12M classes: 94 MB), so the pairs are radix-partitioned by class range first.
 * `pairCollect` writes each thread's entries in run order from its first run's position
 * on and counts them per partition; an entry whose partition is below one met before
 * it is "late" and written from the end of the thread's positions backwards instead.
 * With few late entries (the exact scheme: classes numbered by first appearance, met
 * in row order, partitions ascending but for the odd repeated class) the entries are
 * in partition order already and the late ones are added by the main thread after;
 * otherwise `pairScatter` splits the runs again and writes all entries over them in
 * partition order. `pairAdd` adds each partition, claimed from the shared counter,
 * into its range of d and sq, which stays in cache: thread t's entries of partition p
 * start at from[t·parts + p]. An entry is c when r = 1, else ~c (negative) then r: a
 * pair takes at most r slots, so a thread's entries never outnumber its runs' rows and
 * the threads' entries do not meet.
 *
 * Every addend is an integer and every sum stays below 2^53, so the order of the
 * additions does not matter: the result is exact for any thread count.
 */
export interface StatsArgs {
  order: Int32Array | null;
  titles: Int32Array;
  classOf: Int32Array;
  k: number;
  /** Few classes: T private pairs of rows of 2k. */
  acc: Float64Array | null;
}

/** Many classes: the partitioned passes' arrays (see StatsArgs). */
export interface PairArgs extends StatsArgs {
  /** Partition of class c: c >>> shift. */
  shift: number;
  parts: number;
  /** Entries per (thread, partition), [t·parts + p]: pairCollect's count of all, pairAdd's to add. */
  counts: Int32Array;
  /** Late entries per (thread, partition). */
  lateCounts: Int32Array;
  /** Per thread: [2t] the end of its positions, [2t + 1] its late entries, which end there. */
  late: Int32Array;
  /** Where thread t's entries of partition p start, [t·parts + p]; pairCollect puts its first position at [t·parts]. */
  from: Int32Array;
  entries: Int32Array;
  d: Int32Array;
  /** Σc² per class: Int32 when every class's Σc² fits one. */
  sq: Float64Array | Int32Array;
  /** Entries between one class's d (or sq) and the next's: 1, or 2 when d and sq are views one entry apart on one buffer (one cache line per pair). */
  stride: number;
}

/** Thread t's title runs, taken (see TitleRuns.take): those starting in its block of title-ordered positions, the first at `from`. */
function runsOf(a: StatsArgs, t: number, T: number): { runs: TitleRuns; from: number; to: number } {
  const runs = new TitleRuns(a.order, a.titles, a.classOf);
  const [first, to] = rowsOf(a.classOf.length, t, T);
  return { runs, from: runs.take(first, to), to };
}

function titleStats(a: StatsArgs, t: number, T: number): void {
  const acc = a.acc!;
  const base = t * 2 * a.k;
  const { runs } = runsOf(a, t, T);
  for (let m = runs.next(); m >= 0; m = runs.next()) {
    const { classes, counts } = runs;
    for (let q = 0; q < m; q++) {
      const r = counts[q];
      acc[base + 2 * classes[q]] += 1;
      acc[base + 2 * classes[q] + 1] += r * r;
    }
  }
}

function pairCollect(a: PairArgs, t: number, T: number): void {
  const { shift, parts, entries } = a;
  const all = new Int32Array(parts);
  const lateOf = new Int32Array(parts);
  const { runs, from, to } = runsOf(a, t, T);
  // This thread's positions end where the next thread's runs begin.
  const end = t + 1 < T ? runs.runStartFrom(to) : entries.length;
  let at = from;
  let back = end;
  let top = 0;
  for (let m = runs.next(); m >= 0; m = runs.next()) {
    const { classes, counts } = runs;
    for (let q = 0; q < m; q++) {
      const c = classes[q];
      const r = counts[q];
      const p = c >>> shift;
      const w = r === 1 ? 1 : 2;
      all[p] += w;
      if (p >= top) {
        top = p;
        at = putEntry(entries, at, c, r);
      } else {
        lateOf[p] += w;
        back -= w;
        putEntry(entries, back, c, r);
      }
    }
  }
  a.counts.set(all, t * parts);
  a.lateCounts.set(lateOf, t * parts);
  a.late[2 * t] = end;
  a.late[2 * t + 1] = end - back;
  a.from[t * parts] = from;
}

function pairScatter(a: PairArgs, t: number, T: number): void {
  const { shift, parts, entries } = a;
  const fill = a.from.slice(t * parts, (t + 1) * parts);
  const { runs } = runsOf(a, t, T);
  for (let m = runs.next(); m >= 0; m = runs.next()) {
    const { classes, counts } = runs;
    for (let q = 0; q < m; q++) {
      const p = classes[q] >>> shift;
      fill[p] = putEntry(entries, fill[p], classes[q], counts[q]);
    }
  }
}

function pairAdd(a: PairArgs, _t: number, T: number, ctl: Int32Array): void {
  const { counts, from, parts } = a;
  for (let p = Atomics.add(ctl, CTL_NEXT, 1); p < parts; p = Atomics.add(ctl, CTL_NEXT, 1)) {
    for (let u = 0; u < T; u++) addEntries(a, from[u * parts + p], from[u * parts + p] + counts[u * parts + p]);
  }
}

/** The entry of pair (c, r) written at j (see StatsArgs); returns the position after it. */
function putEntry(entries: Int32Array, j: number, c: number, r: number): number {
  if (r === 1) {
    entries[j] = c;
    return j + 1;
  }
  entries[j] = ~c;
  entries[j + 1] = r;
  return j + 2;
}

/** Entries [from, to) (see StatsArgs) added into d and sq. */
export function addEntries(a: PairArgs, from: number, to: number): void {
  const { entries, d, sq, stride } = a;
  for (let j = from; j < to; j++) {
    const v = entries[j];
    const c = v >= 0 ? v : ~v;
    const r = v >= 0 ? 1 : entries[++j];
    d[c * stride] += 1;
    sq[c * stride] += r * r;
  }
}

/**
 * `markSingle`: bit c of `single` (word c >>> 5, bit c & 31) set when class c holds one
 * title, thread t writing its block of words. `markExposed`: exposed[title] = 1 for each
 * title with a row whose class has that bit (see exposedTitles.ts).
 */
export interface ExposedArgs {
  titles: Int32Array;
  classOf: Int32Array;
  classTitles: Int32Array;
  k: number;
  single: Int32Array;
  exposed: Uint8Array;
}

function markSingle(a: ExposedArgs, t: number, T: number): void {
  const { classTitles, k, single } = a;
  const [from, to] = rowsOf(single.length, t, T);
  for (let w = from; w < to; w++) {
    const base = w << 5;
    const end = Math.min(32, k - base);
    let bits = 0;
    for (let b = 0; b < end; b++) if (classTitles[base + b] === 1) bits |= 1 << b;
    single[w] = bits;
  }
}

function markExposed(a: ExposedArgs, t: number, T: number): void {
  const { titles, classOf, single, exposed } = a;
  const [from, to] = rowsOf(classOf.length, t, T);
  for (let i = from; i < to; i++) {
    const c = classOf[i];
    if ((single[c >>> 5] >>> (c & 31)) & 1) exposed[titles[i]] = 1;
  }
}

/** Every kernel by name, for the worker threads (see worker.ts). */
export const KERNELS = {
  floatBits,
  intKeys,
  rebase,
  scanKeys,
  scaledKeys,
  packCodes,
  groupLocal,
  groupDirect,
  remap,
  radixCount,
  radixScatter,
  groupParts,
  markFirsts,
  numberFirsts,
  numberRest,
  classSizes,
  classSizesOwned,
  titleStats,
  pairCollect,
  pairScatter,
  pairAdd,
  markSingle,
  markExposed,
  sortPrefixes,
  scanSchemes,
  // A CSV reader's pass over the next chunk, run ahead on a worker (csvBytes.ts).
  csvPreparse: preparse,
} as const satisfies Record<string, (args: never, t: number, T: number, ctl: Int32Array) => void>;

export type KernelName = keyof typeof KERNELS;
export type KernelArgs<K extends KernelName> = Parameters<(typeof KERNELS)[K]>[0];
