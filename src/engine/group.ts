/**
 * Grouping rows by a tuple of keys: "combine per-attribute keys, then group". Each
 * attribute's keys become dense codes (numbered by first appearance), and the codes
 * are combined pair by pair, each pair numbered by first appearance again, so the
 * classes and their ids are the same whatever the order of combination and whatever
 * the thread count: class c is the c-th distinct tuple met reading rows in order.
 *
 * Example: keys duration [60, 60, 90, 60] and bitrate [5, 7, 5, 5] give codes [0, 0, 1, 0]
 * and [0, 1, 0, 0]; the pairs (0,0) (0,1) (1,0) (0,0) give classes [0, 1, 2, 0].
 *
 * Small inputs run the original single-threaded code (base/densify.ts). Large ones run
 * the kernels on T threads (one included): each grouping tries per-thread tables first (few distinct keys: each thread numbers
 * its block's keys, and the blocks' key lists are merged in row order), and otherwise
 * partitions rows by the high bits of their key's hash into cache-sized partitions,
 * groups the partitions in parallel, and numbers the keys by first appearance in three
 * parallel passes (see kernels.ts).
 *
 * `groupKeys` is the entry point for callers with their own key columns (a scheme
 * search, an SQL engine); `partition` (partition.ts) uses the same steps with
 * shortcuts for the scheme's generalizers.
 */
import { combineWith, densifyWith, mix, Scratch, sharedFloat64, sharedInt32, type DenseCodes } from "../base/densify.js";
import { UserError } from "../base/errors.js";
import { timed, type PhaseTimes } from "./phases.js";
import { keyArray, keyRows, type KeySource } from "./kernels.js";
import { resolveThreads, runKernel, type EngineOptions } from "./pool.js";

/**
 * Thresholds of the threaded path. The defaults suit large catalogs; tests lower them
 * to drive every path (threads, radix partitioning, many partitions) with small inputs.
 */
export interface GroupTuning {
  /** Rows from which work is split across threads (default PARALLEL_MIN_ROWS). */
  parallelFrom?: number;
  /** Distinct keys per thread before radix partitioning takes over (default 2^18). */
  localLimit?: number;
  /** Rows per partition aimed at (default 2^16). */
  rowsPerPartition?: number;
  /** Bytes of private per-thread accumulators for title statistics, partitioned pairs beyond (default 64 MB). */
  privateBytes?: number;
  /** Classes per partition of the title statistics' pairs (default 2^15). */
  classesPerPartition?: number;
}

/** Options of `groupKeys`, `partition` and `classStats`. */
export interface GroupOptions extends EngineOptions, GroupTuning {
  /** Where to add phase timings (the benchmark's). */
  phases?: PhaseTimes;
}

/**
 * How one grouping job runs: on the kernels (kernels.ts) on `threads` threads, one
 * included, or with the original single-threaded code (base/densify.ts) for small
 * inputs; buffers; timings.
 */
export interface GroupContext {
  threads: number;
  /**
   * The kernel path, from `parallelFrom` rows on whatever the thread count: its
   * bounded codes and radix grouping need fewer and smaller row-sized arrays than the
   * single-threaded code's Float64 keys and lookup tables.
   */
  kernels: boolean;
  sc: Scratch;
  phases?: PhaseTimes;
  localLimit: number;
  rowsPerPartition: number;
}

/** Below this many rows threads cost more than they save; one thread is used. */
export const PARALLEL_MIN_ROWS = 1 << 17;

/**
 * Distinct keys a thread numbers in its own table before the radix path takes over:
 * 2^18 keys make a 1 MB table and 2 MB of key lists, still cheaper than the radix
 * path's seven passes.
 */
const LOCAL_LIMIT = 1 << 18;

/** Rows per partition aimed at by radix partitioning: its table (2× that) stays in L2. */
const ROWS_PER_PARTITION = 1 << 16;

/** At most 2^MAX_PART_BITS partitions: each is one write stream while scattering. */
const MAX_PART_BITS = 10;

/**
 * On one thread the single-threaded code is faster below this many rows, and the kernel
 * path's smaller buffers matter from about here on. Four schemes on one thread, the
 * single-threaded code vs the kernels: 250K rows 0.14 vs 0.17 s, 500K 0.23 vs 0.26 s, 1M
 * 0.39 vs 0.44 s, 2M 0.68 vs 0.69 s with 55 MB more resident memory.
 */
export const ONE_THREAD_KERNELS_FROM = 1 << 20;

/**
 * The context for n rows: the kernel path on T threads when n ≥ `parallelFrom` (default
 * PARALLEL_MIN_ROWS, or ONE_THREAD_KERNELS_FROM when one thread is asked for), else the
 * single-threaded code.
 */
export function groupContext(n: number, options: GroupOptions, sc: Scratch): GroupContext {
  const threads = resolveThreads(options.threads);
  const from = options.parallelFrom ?? (threads > 1 ? PARALLEL_MIN_ROWS : ONE_THREAD_KERNELS_FROM);
  return {
    threads: n >= from ? threads : 1,
    kernels: n >= from,
    sc,
    phases: options.phases,
    localLimit: Math.max(1, options.localLimit ?? LOCAL_LIMIT),
    rowsPerPartition: Math.max(1, options.rowsPerPartition ?? ROWS_PER_PARTITION),
  };
}

/**
 * Dense codes of `keys` (NaN a key like any other, −0 and +0 one key), as `densify`.
 * On more than one thread the keys must be in shared memory (or are copied there), or
 * a recipe that computes them from shared columns.
 */
export function densifyIn(keys: KeySource, ctx: GroupContext): DenseCodes {
  if (!ctx.kernels) return timed(ctx.phases, "group", () => densifyWith(keyArray(keys), ctx.sc));
  const n = keyRows(keys);
  const { sc } = ctx;
  const hi = sc.int32(n);
  const lo = sc.int32(n);
  timed(ctx.phases, "keys", () => {
    let shared = keys;
    if (keys instanceof Float64Array && !(keys.buffer instanceof SharedArrayBuffer)) {
      shared = sc.keys(n);
      shared.set(keys);
    }
    runKernel("floatBits", { keys: shared, hi, lo }, ctx.threads);
  });
  return groupHalvesConsuming(hi, lo, ctx);
}

/** Codes of the pairs (a, b), dense again by first appearance, as `combineCodes`. */
export function combineIn(a: DenseCodes, b: DenseCodes, ctx: GroupContext): DenseCodes {
  if (!ctx.kernels) return timed(ctx.phases, "group", () => combineWith(a, b, ctx.sc));
  return groupHalves(a.codes, b.codes, ctx);
}

/**
 * Every part's codes combined into one class per distinct tuple. Parts with the fewest
 * distinct keys go first, which keeps early products small; the order does not change
 * the result. Consumes (releases) the codes given; the result is the caller's to release.
 */
export function combineAll(codes: DenseCodes[], n: number, ctx: GroupContext): DenseCodes {
  const { sc } = ctx;
  let acc: DenseCodes | undefined;
  for (const c of [...codes].sort((x, y) => x.count - y.count)) {
    if (acc === undefined) {
      acc = c;
    } else if (acc.count <= 1) {
      sc.release(acc.codes);
      acc = c;
    } else {
      const next = combineIn(acc, c, ctx);
      sc.release(acc.codes);
      sc.release(c.codes);
      acc = next;
    }
  }
  return acc ?? { codes: sc.int32(n).fill(0), count: n > 0 ? 1 : 0 };
}

/**
 * Codes of one part that are distinct per distinct key and below `bound`, but not
 * necessarily dense nor numbered by first appearance (`dense` says when they are).
 * Whole-number keys in a modest range are their own codes (x − min), which costs one
 * pass instead of a grouping.
 */
export interface BoundedCodes {
  codes: Int32Array;
  bound: number;
  dense: boolean;
  /**
   * Raw codes (whole-number keys as they are, see kernel `intKeys`): row i's code is
   * codes[i] − lo, or `nan` where codes[i] is NAN_RAW. Null when codes are the codes.
   * Packing applies it on the way; `settle` applies it in place.
   */
  raw: { lo: number; nan: number } | null;
}

/** Codes made bounded in place (see `BoundedCodes.raw`), with nothing left to apply. */
function settle(b: BoundedCodes, ctx: GroupContext): BoundedCodes {
  if (b.raw === null) return b;
  const { lo, nan } = b.raw;
  timed(ctx.phases, "keys", () => runKernel("rebase", { out: b.codes, lo, nanCode: nan }, ctx.threads));
  return { ...b, raw: null };
}

/** Largest product of bounds packed into one Int32 key word. */
const WORD = 2 ** 31 - 1;

/** Decimal scales tried to turn non-integer keys into integers (values recorded to 1–3 decimals). */
const FIXED_POINT_SCALES = [10, 100, 1000];

/**
 * Bounded codes of float keys (in shared memory, or a recipe) on ctx.threads threads: x·scale − min
 * for the smallest scale in 1, 10, 100, 1000 that makes every key a whole number in a
 * range below 2^31 (NaN takes the slot after the range), else dense codes.
 */
export function boundedIn(keys: KeySource, ctx: GroupContext): BoundedCodes {
  const { threads: T, sc } = ctx;
  const n = keyRows(keys);
  const found = timed(ctx.phases, "keys", (): BoundedCodes | null => {
    const stats = sharedFloat64(4 * T);
    // Whole-number keys (most generalizers' bucket indexes) in one pass.
    const raw = sc.int32(n);
    runKernel("intKeys", { keys, out: raw, stats }, T);
    let min = Infinity;
    let max = -Infinity;
    let whole = true;
    let nan = false;
    for (let t = 0; t < T; t++) {
      min = Math.min(min, stats[4 * t]);
      max = Math.max(max, stats[4 * t + 1]);
      whole &&= stats[4 * t + 2] === 1;
      nan ||= stats[4 * t + 3] === 1;
    }
    if (!(min <= max)) {
      // No keys but NaN: one code (none when there are no rows).
      return { codes: raw.fill(0), bound: n > 0 ? 1 : 0, dense: true, raw: null };
    }
    if (whole && max - min + 2 <= WORD) {
      const range = max - min + 1;
      // Keys from 0 with no NaN are their own codes already.
      return { codes: raw, bound: range + 1, dense: false, raw: min === 0 && !nan ? null : { lo: min, nan: range } };
    }
    sc.release(raw);
    return scaledIn(keys, stats, ctx);
  });
  if (found) return found;
  const d = densifyIn(keys, ctx);
  return { codes: d.codes, bound: d.count, dense: true, raw: null };
}

/**
 * `boundedIn` for keys that are not all whole numbers in Int32 range: x·scale − min for
 * the smallest scale in 1, 10, 100, 1000 that makes every key a whole number in a range
 * below 2^31, else null.
 */
function scaledIn(keys: KeySource, stats: Float64Array, ctx: GroupContext): BoundedCodes | null {
  const { threads: T, sc } = ctx;
  const n = keyRows(keys);
  runKernel("scanKeys", { keys, stats, scales: FIXED_POINT_SCALES, scaled: null }, T);
  let min = Infinity;
  let max = -Infinity;
  let integral = true;
  for (let t = 0; t < T; t++) {
    min = Math.min(min, stats[4 * t]);
    max = Math.max(max, stats[4 * t + 1]);
    integral &&= stats[4 * t + 2] === 1;
  }
  let scale = 0;
  if (integral) {
    if (max - min + 2 <= WORD) scale = 1;
  } else {
    const scaled = sharedInt32(T * FIXED_POINT_SCALES.length);
    runKernel("scanKeys", { keys, stats, scales: FIXED_POINT_SCALES, scaled }, T);
    for (let s = 0; s < FIXED_POINT_SCALES.length && scale === 0; s++) {
      const sx = FIXED_POINT_SCALES[s];
      // round() may widen the range by one slot; +4 leaves room for it and for NaN's.
      let ok = (max - min) * sx + 4 <= WORD;
      for (let t = 0; t < T && ok; t++) ok = scaled[t * FIXED_POINT_SCALES.length + s] === 1;
      if (ok) scale = sx;
    }
  }
  if (scale === 0) return null;
  const lo = Math.round(min * scale);
  const range = Math.round(max * scale) - lo + 1;
  const out = sc.int32(n);
  runKernel("scaledKeys", { keys, out, scale, lo, nanCode: range }, T);
  return { codes: out, bound: range + 1, dense: false, raw: null };
}

/**
 * Every part's bounded codes combined into one class per distinct tuple, numbered by
 * first appearance. Codes are packed into two Int32 words by mixed radix while the
 * product of their bounds fits (a·|b| + b), so most schemes need a single grouping of
 * (hi, lo) pairs; when three words would be needed, two are grouped (dense again) first.
 * Consumes (releases) the codes given. With `countSizes` the result may carry the rows
 * per code (when the last grouping counted them on the way).
 */
export function combineBounded(parts: BoundedCodes[], n: number, ctx: GroupContext, countSizes = false): DenseCodes {
  const { sc, threads: T } = ctx;
  if (parts.length === 0) return { codes: sc.int32(n).fill(0), count: n > 0 ? 1 : 0 };
  const pending = [...parts].sort((x, y) => x.bound - y.bound);
  const words: BoundedCodes[] = [];
  let cur = pending.shift()!;
  const pack = (a: BoundedCodes, b: BoundedCodes): BoundedCodes => {
    const ra = a.raw ?? { lo: 0, nan: 0 };
    const rb = b.raw ?? { lo: 0, nan: 0 };
    const args = { a: a.codes, b: b.codes, bBound: b.bound, out: a.codes, aLo: ra.lo, aNan: ra.nan, bLo: rb.lo, bNan: rb.nan };
    timed(ctx.phases, "keys", () => runKernel("packCodes", args, T));
    sc.release(b.codes);
    return { codes: a.codes, bound: a.bound * b.bound, dense: false, raw: null };
  };
  for (;;) {
    while (pending.length > 0 && cur.bound * pending[0].bound <= WORD) cur = pack(cur, pending.shift()!);
    words.push(settle(cur, ctx));
    if (pending.length === 0) break;
    cur = pending.shift()!;
    if (words.length === 2) {
      // A third word: group the first two into dense codes, and carry on packing.
      const g = groupHalvesConsuming(words[0].codes, words[1].codes, ctx);
      words.length = 0;
      pending.unshift(cur);
      pending.sort((x, y) => x.bound - y.bound);
      cur = { codes: g.codes, bound: g.count, dense: true, raw: null };
    }
  }
  if (words.length === 1 && words[0].dense) return { codes: words[0].codes, count: words[0].bound };
  if (words.length === 1 && words[0].bound <= DIRECT_MAX) {
    const direct = timed(ctx.phases, "group", () => groupDirect(words[0].codes, words[0].bound, ctx));
    if (direct) {
      sc.release(words[0].codes);
      return direct;
    }
  }
  return groupHalvesConsuming(words[0].codes, words.length === 2 ? words[1].codes : null, ctx, countSizes);
}

/**
 * The reusable entry point: rows grouped by the tuple of their keys, one Float64Array
 * per attribute (all of the same length; NaN = not reported, a value of its own).
 * Returns each row's class, numbered by first appearance, and the number of classes;
 * identical for every thread count.
 *
 *   groupKeys([Float64Array.of(60, 60, 90), Float64Array.of(5, 7, 5)]) // codes [0, 1, 2], count 3
 */
export function groupKeys(keyColumns: Float64Array[], options: GroupOptions = {}): DenseCodes {
  const n = keyColumns.length > 0 ? keyColumns[0].length : 0;
  if (keyColumns.some((k) => k.length !== n)) throw new UserError("groupKeys: key columns differ in length");
  const sc = new Scratch();
  const ctx = groupContext(n, options, sc);
  let out: DenseCodes;
  if (!ctx.kernels) {
    out = combineAll(
      keyColumns.map((k) => densifyIn(k, ctx)),
      n,
      ctx,
    );
  } else {
    out = combineBounded(
      keyColumns.map((k) => {
        const shared = k.buffer instanceof SharedArrayBuffer ? k : sharedFloat64(n);
        if (shared !== k) shared.set(k);
        return boundedIn(shared, ctx);
      }),
      n,
      ctx,
    );
  }
  return { codes: Int32Array.from(out.codes), count: out.count };
}

/**
 * Dense codes of the keys (hi[i], lo[i]) on ctx.threads threads, in a fresh scratch
 * buffer (hi and lo stay the caller's to release).
 */
export function groupHalves(hi: Int32Array, lo: Int32Array, ctx: GroupContext): DenseCodes {
  const local = timed(ctx.phases, "group", () => groupLocal(hi, lo, ctx));
  return local ?? groupRadix(hi, lo, ctx, false);
}

/**
 * `groupHalves` that consumes hi and lo (releases them): the caller must not touch them
 * again. With `countSizes`, a radix grouping's result carries its codes' sizes.
 */
function groupHalvesConsuming(hi: Int32Array, lo: Int32Array | null, ctx: GroupContext, countSizes = false): DenseCodes {
  const local = timed(ctx.phases, "group", () => groupLocal(hi, lo, ctx));
  if (local) {
    ctx.sc.release(hi);
    if (lo !== null) ctx.sc.release(lo);
    return local;
  }
  return groupRadix(hi, lo, ctx, true, countSizes);
}

/** Largest key range numbered with per-thread direct-address tables (16 MB each). */
const DIRECT_MAX = 1 << 22;

/**
 * `groupLocal` for keys 0..bound−1: per-thread direct-address tables, merged in row
 * order through one more table; null when some thread met more than the local limit.
 */
function groupDirect(codes: Int32Array, bound: number, ctx: GroupContext): DenseCodes | null {
  const { threads: T, sc } = ctx;
  const n = codes.length;
  const limit = Math.min(ctx.localLimit, bound);
  const out = sc.int32(n);
  const list = sharedInt32(T * limit);
  const counts = sharedInt32(T);
  runKernel("groupDirect", { codes, out, bound, limit, list, counts }, T);
  if (counts.some((c) => c < 0)) {
    sc.release(out);
    return null;
  }
  const global = new Int32Array(bound); // 0 = unseen, else global code + 1
  const map = sharedInt32(T * limit);
  let next = 0;
  for (let t = 0; t < T; t++) {
    for (let q = 0; q < counts[t]; q++) {
      const k = list[t * limit + q];
      if (global[k] === 0) global[k] = ++next;
      map[t * limit + q] = global[k] - 1;
    }
  }
  runKernel("remap", { out, map, stride: limit }, T);
  return { codes: out, count: next };
}

/** Per-thread tables merged in row order; null when some thread met more than LOCAL_LIMIT keys. */
function groupLocal(hi: Int32Array, lo: Int32Array | null, ctx: GroupContext): DenseCodes | null {
  const { threads: T, sc } = ctx;
  const n = hi.length;
  const limit = ctx.localLimit;
  const out = sc.int32(n);
  const listHi = sharedInt32(T * limit);
  const listLo = sharedInt32(T * limit);
  const counts = sharedInt32(T);
  runKernel("groupLocal", { hi, lo, out, limit, listHi, listLo, counts }, T);
  if (counts.some((c) => c < 0)) {
    sc.release(out);
    return null;
  }
  // Merge: thread 0's keys in order, then thread 1's not seen before, … — first
  // appearance over all rows, because thread t's rows all come before thread t+1's.
  const map = sharedInt32(T * limit);
  let cap = 64;
  let table = new Int32Array(cap); // 0 = empty, else global code + 1
  let keyHi = new Int32Array(cap);
  let keyLo = new Int32Array(cap);
  let next = 0;
  for (let t = 0; t < T; t++) {
    for (let q = 0; q < counts[t]; q++) {
      const h = listHi[t * limit + q];
      const l = listLo[t * limit + q];
      let s = mix(h, l) & (cap - 1);
      for (;;) {
        const g = table[s];
        if (g === 0) {
          table[s] = ++next;
          keyHi[next - 1] = h;
          keyLo[next - 1] = l;
          map[t * limit + q] = next - 1;
          if (2 * next > cap) {
            cap <<= 1;
            table = new Int32Array(cap);
            const kh = new Int32Array(cap);
            const kl = new Int32Array(cap);
            kh.set(keyHi);
            kl.set(keyLo);
            keyHi = kh;
            keyLo = kl;
            for (let c = 0; c < next; c++) {
              let r = mix(kh[c], kl[c]) & (cap - 1);
              while (table[r] !== 0) r = (r + 1) & (cap - 1);
              table[r] = c + 1;
            }
          }
          break;
        }
        if (keyHi[g - 1] === h && keyLo[g - 1] === l) {
          map[t * limit + q] = g - 1;
          break;
        }
        s = (s + 1) & (cap - 1);
      }
    }
  }
  runKernel("remap", { out, map, stride: limit }, T);
  return { codes: out, count: next };
}

/**
 * Radix-partitioned grouping (kernels radixCount … numberRest). With `consume` the
 * caller gives up hi and lo (this releases them; five row-sized arrays at peak instead
 * of six), else they stay the caller's. With `countSizes` the result carries the rows
 * per code, which the partitions counted anyway (see kernel groupParts).
 */
function groupRadix(hi: Int32Array, lo: Int32Array | null, ctx: GroupContext, consume: boolean, countSizes = false): DenseCodes {
  const { threads: T, sc, phases } = ctx;
  const n = hi.length;
  let bits = 0;
  while (bits < MAX_PART_BITS && n / 2 ** bits > ctx.rowsPerPartition) bits++;
  const parts = 1 << bits;
  // `h >>> 32` would be `h >>> 0` in JS, so one partition gets its own rule.
  const shift = bits === 0 ? 0 : 32 - bits;
  const partMask = bits === 0 ? 0 : -1;
  const rowOf = sc.int32(n);
  const keyHi = sc.int32(n);
  // One-word keys: the positions' first rows go over the keys themselves.
  const keyLo = lo === null ? null : sc.int32(n);
  const start = sharedInt32(parts + 1);
  let largest = 0;
  timed(phases, "partition", () => {
    const counts = sharedInt32(T * parts);
    runKernel("radixCount", { hi, lo, counts, parts, shift, partMask }, T);
    // Partition p holds thread 0's rows of p, then thread 1's, …: ascending row order.
    const fill = sharedInt32(T * parts);
    let pos = 0;
    for (let p = 0; p < parts; p++) {
      start[p] = pos;
      for (let t = 0; t < T; t++) {
        fill[t * parts + p] = pos;
        pos += counts[t * parts + p];
      }
      if (pos - start[p] > largest) largest = pos - start[p];
    }
    start[parts] = pos;
    runKernel("radixScatter", { hi, lo, fill, rowOf, keyHi, keyLo: keyLo ?? keyHi, parts, shift, partMask }, T);
  });
  // The keys are in keyHi/keyLo now: a consumed hi holds each row's first row next.
  if (consume && lo !== null) sc.release(lo);
  const firstOf = consume ? hi : sc.int32(n);
  return timed(phases, "group", (): DenseCodes => {
    runKernel("groupParts", { start, rowOf, keyHi, keyLo, groupFirst: keyLo ?? keyHi, firstOf, largest }, T);
    sc.release(rowOf);
    if (keyLo !== null) sc.release(keyLo);
    const firsts = sharedInt32(T);
    runKernel("markFirsts", { firstOf, firsts }, T);
    const base = sharedInt32(T);
    let count = 0;
    for (let t = 0; t < T; t++) {
      base[t] = count;
      count += firsts[t];
    }
    // Every code's size is written, so the buffer needs no zeros.
    const sizes = !countSizes ? null : count >= POOLED_FROM ? sc.int32(n).subarray(0, count) : sharedInt32(count);
    runKernel("numberFirsts", { firstOf, out: keyHi, base, sizes }, T);
    runKernel("numberRest", { firstOf, out: keyHi, base, sizes: null }, T);
    sc.release(firstOf);
    return sizes ? { codes: keyHi, count, sizes } : { codes: keyHi, count };
  });
}

/** Class counts from which class-indexed arrays live in pooled row-sized buffers. */
export const POOLED_FROM = 1 << 16;

/** Rows per class (f), on ctx.threads threads: private counts per thread for few classes, class ranges owned by threads for many. */
export function classSizesIn(classOf: Int32Array, k: number, ctx: GroupContext): Int32Array {
  const n = classOf.length;
  const T = ctx.threads;
  // Many classes: the sizes take a pooled row-sized buffer (given back after evaluateScheme).
  const classSize = k >= POOLED_FROM ? ctx.sc.int32Zeros(k, n) : new Int32Array(k);
  if (T === 1) {
    for (let i = 0; i < n; i++) classSize[classOf[i]]++;
    return classSize;
  }
  if (k * T > n) {
    // Many classes: each thread counts a range of classes into classSize itself.
    const sizes = classSize.buffer instanceof SharedArrayBuffer ? classSize : sharedInt32(k);
    runKernel("classSizesOwned", { classOf, sizes, k }, T);
    if (sizes !== classSize) classSize.set(sizes);
    return classSize;
  }
  // T·k ≤ n: the per-thread counts fit a pooled row-sized buffer.
  const sizes = ctx.sc.int32Zeros(T * k, n);
  runKernel("classSizes", { classOf, sizes, k }, T);
  for (let t = 0; t < T; t++) {
    for (let c = 0; c < k; c++) classSize[c] += sizes[t * k + c];
  }
  ctx.sc.release(sizes);
  return classSize;
}
