/**
 * Turning arbitrary numeric keys into dense integer codes 0..K-1 in order of first
 * appearance — the heart of the group-by. The strategy follows the data:
 *
 * - direct address: integer keys in a small range, one table lookup per row;
 * - partitioned direct address: integer keys in a large range (including decimals
 *   with a few fixed digits, scaled to integers, and pairs of codes). One big table
 *   would miss cache and TLB on nearly every row, so rows are first bucketed by the
 *   key's high bits and each bucket is numbered with a cache-sized table;
 * - a small hash table: other keys when there are few distinct ones;
 * - partitioned hashing: other keys, many distinct — buckets by the hash's high bits.
 *
 * Every path numbers keys by first appearance, so they all give the same codes.
 * NaN (a value not reported) is a key like any other; −0 and +0 are one key.
 */

export interface DenseCodes {
  codes: Int32Array;
  /** Number of distinct keys. */
  count: number;
  /** Rows per code, when the grouping counted them on the way (engine/group.ts). */
  sizes?: Int32Array;
}

/**
 * Reusable buffers for the engine's temporaries. V8 counts a typed array's memory as
 * external, and about every 64 MB of new external memory starts a full garbage
 * collection, which marks the whole heap — millions of title strings at 10M rows, ~0.2 s
 * each time. A partition at 10M rows needs a dozen 40 MB temporaries; taking them from
 * here, per catalog (see `scratchFor` in partition.ts), avoids nearly all of those
 * collections. Buffers handed out are not zeroed.
 *
 * Row-sized buffers live in shared memory (`SharedArrayBuffer`), so the engine's worker
 * threads can read and write them in place; a view on shared memory behaves exactly
 * like one on ordinary memory.
 */
export class Scratch {
  private readonly free: Int32Array[] = [];
  /** Buffers this pool allocated: only they are taken back. */
  private readonly mine = new WeakSet<ArrayBufferLike>();
  private table?: Int32Array;
  private doubles?: Float64Array;

  /** An Int32Array of exactly n entries (contents undefined); give it back with `release`. */
  int32(n: number): Int32Array {
    const free = this.free;
    for (let i = free.length - 1; i >= 0; i--) {
      if (free[i].length === n) {
        const a = free[i];
        free[i] = free[free.length - 1];
        free.pop();
        return a;
      }
    }
    const a = sharedInt32(n);
    this.mine.add(a.buffer);
    return a;
  }

  /**
   * An Int32Array of k ≤ n zeros, on a buffer of n entries taken from the pool (or new),
   * so that a large class-indexed array costs no fresh memory; `release` takes it back.
   */
  int32Zeros(k: number, n: number): Int32Array {
    return this.int32(n).subarray(0, k).fill(0);
  }

  /** A Float64Array of m ≤ n/2 zeros on a buffer of n Int32 entries from the pool, as `int32Zeros`. */
  float64Zeros(m: number, n: number): Float64Array {
    if (2 * m > n) throw new RangeError(`float64Zeros: ${m} doubles do not fit a buffer of ${n} Int32 entries`);
    return new Float64Array(this.int32(n).buffer, 0, m).fill(0);
  }

  /**
   * Keep `a` (or, for a view from `int32Zeros` or `float64Zeros`, its whole buffer) for
   * later `int32` calls; the caller must hold no other reference to it.
   */
  release(a: Int32Array | Float64Array): void {
    // Only the pool's own buffers are kept (shared, of the sizes it hands out).
    if (!this.mine.has(a.buffer)) return;
    const whole = a instanceof Int32Array && a.byteOffset === 0 && a.byteLength === a.buffer.byteLength ? a : new Int32Array(a.buffer);
    if (whole.length >= POOLED_MIN && this.free.length < POOLED_MAX && !this.free.some((f) => f.buffer === whole.buffer)) this.free.push(whole);
  }

  /** A lookup table of `size` entries set to `fill`, valid until the next `tableOf` call. */
  tableOf(size: number, fill: number): Int32Array {
    if (size > TABLE_MAX) return new Int32Array(size).fill(fill);
    if (!this.table || this.table.length < size) this.table = new Int32Array(Math.max(size, this.table ? this.table.length : 0));
    return this.table.subarray(0, size).fill(fill);
  }

  /** A Float64Array of `size` zeros, valid until the next `float64` or `keys` call. */
  float64(size: number): Float64Array {
    return this.keys(size).fill(0);
  }

  /** A Float64Array of `size` entries (contents undefined), valid until the next `float64` or `keys` call. */
  keys(size: number): Float64Array {
    if (!this.doubles || this.doubles.length < size) this.doubles = new Float64Array(new SharedArrayBuffer(8 * size));
    return this.doubles.subarray(0, size);
  }
}

/** An Int32Array of n zeros in shared memory, visible to worker threads. */
export function sharedInt32(n: number): Int32Array {
  return new Int32Array(new SharedArrayBuffer(4 * n));
}

/** `values` (each below 2^16) as a Uint16Array in shared memory. */
export function sharedUint16(values: ArrayLike<number>): Uint16Array {
  const a = new Uint16Array(new SharedArrayBuffer(2 * values.length));
  a.set(values);
  return a;
}

/** A Float64Array of n zeros in shared memory, visible to worker threads. */
export function sharedFloat64(n: number): Float64Array {
  return new Float64Array(new SharedArrayBuffer(8 * n));
}

/** Buffers smaller than this are cheap to allocate and not pooled. */
const POOLED_MIN = 1 << 16;
/** Row-sized buffers kept at most (a partition needs about five at once). */
const POOLED_MAX = 8;
/** Largest lookup table kept (Int32 entries, 128 MB). */
const TABLE_MAX = 1 << 25;

function int32(n: number, sc: Scratch | undefined): Int32Array {
  return sc ? sc.int32(n) : new Int32Array(n);
}

function release(sc: Scratch | undefined, ...arrays: Int32Array[]): void {
  if (sc) for (const a of arrays) sc.release(a);
}

function tableOf(size: number, fill: number, sc: Scratch | undefined): Int32Array {
  return sc ? sc.tableOf(size, fill) : new Int32Array(size).fill(fill);
}

/** Largest direct-address table we allocate (Int32 entries): 2^26 = 256 MB. */
const MAX_DIRECT = 1 << 26;

/**
 * Key ranges up to this take one direct-address table whatever the row count (4 MB);
 * larger ones only while there is at least one row per 4 slots (measured: at 10M rows
 * one table of 14M slots still beats partitioning, at 1M rows it is twice as slow).
 * Small inputs, which never partition, use up to max(2^24, 4n) slots as before.
 */
const DIRECT_RANGE = 1 << 20;
const SMALL_INPUT_RANGE = 1 << 24;

/** Below this many rows partitioning cannot pay for its extra passes; one table is used. */
const PARTITION_MIN_ROWS = 1 << 17;

/** Partitions at most: each is one write stream while scattering, and too many thrash the TLB. */
const MAX_PARTS = 1024;

/**
 * Distinct keys a single hash table takes before switching to partitioned hashing.
 * 2^19 keys make a 12 MB table: slower per row than cache-sized partitions, but below
 * that the partitioning passes cost more than they save (measured).
 */
const SMALL_TABLE_KEYS = 1 << 19;

/** Rows per partition aimed at by partitioned hashing: its table (2× that) stays in L2. */
const ROWS_PER_PARTITION = 1 << 16;

/** Decimal scales tried to turn non-integer keys into integers (values recorded to 1–3 decimals). */
const FIXED_POINT_SCALES = [10, 100, 1000];

export function densify(keys: Float64Array): DenseCodes {
  return densifyWith(keys, undefined);
}

/** `densify` drawing its buffers from `sc`; the codes returned are the caller's to release. */
export function densifyWith(keys: Float64Array, sc: Scratch | undefined): DenseCodes {
  const n = keys.length;
  let min = Infinity;
  let max = -Infinity;
  let integral = true;
  let hasNaN = false;
  for (let i = 0; i < n; i++) {
    const x = keys[i];
    if (x !== x) {
      hasNaN = true;
      continue;
    }
    if (x < min) min = x;
    if (x > max) max = x;
    if (integral && x !== Math.floor(x)) integral = false;
  }
  if (integral) {
    const range = max - min + 1;
    if (n === 0 || (range <= directLimit(n) && range <= MAX_DIRECT)) {
      return densifyDirect(keys, min, range, hasNaN, sc);
    }
    // The NaN key takes the slot after the range, hence `range + 1` below 2^31.
    if (n >= PARTITION_MIN_ROWS && range < 0x7fffffff) return groupRange(integerKeys(keys, min, 1, range, sc), range + 1, sc);
  } else if (n >= PARTITION_MIN_ROWS) {
    const scale = fixedPointScale(keys, min, max);
    if (scale > 0) {
      const lo = Math.round(min * scale);
      const range = Math.round(max * scale) - lo + 1;
      return groupRange(integerKeys(keys, lo, scale, range, sc), range + 1, sc);
    }
  }
  return densifyHashedWith(keys, sc);
}

/** Largest key range given one direct-address table, for n rows. */
function directLimit(n: number): number {
  return Math.max(n < PARTITION_MIN_ROWS ? SMALL_INPUT_RANGE : DIRECT_RANGE, 4 * n);
}

function densifyDirect(keys: Float64Array, min: number, range: number, hasNaN: boolean, sc: Scratch | undefined): DenseCodes {
  const n = keys.length;
  const codes = int32(n, sc);
  const slots = tableOf(Number.isFinite(range) ? range : 0, -1, sc);
  let next = 0;
  if (!hasNaN) {
    // The common case, kept free of the NaN test. `| 0` keeps the index a small
    // integer for V8 (x − min is an exact integer below 2^26).
    for (let i = 0; i < n; i++) {
      const s = (keys[i] - min) | 0;
      let c = slots[s];
      if (c < 0) {
        c = next++;
        slots[s] = c;
      }
      codes[i] = c;
    }
    return { codes, count: next };
  }
  let nanCode = -1;
  for (let i = 0; i < n; i++) {
    const x = keys[i];
    if (x !== x) {
      if (nanCode < 0) nanCode = next++;
      codes[i] = nanCode;
      continue;
    }
    const s = (x - min) | 0;
    let c = slots[s];
    if (c < 0) {
      c = next++;
      slots[s] = c;
    }
    codes[i] = c;
  }
  return { codes, count: next };
}

/**
 * The smallest of FIXED_POINT_SCALES at which every key is a whole number of
 * 1/scale (x · scale rounds to an integer k with k / scale === x, so k determines x)
 * and the scaled range fits an Int32 slot; 0 when there is none.
 */
function fixedPointScale(keys: Float64Array, min: number, max: number): number {
  for (const scale of FIXED_POINT_SCALES) {
    if ((max - min) * scale >= 0x7ffffff0 || !Number.isFinite(max - min)) return 0;
    let ok = true;
    for (let i = 0; i < keys.length; i++) {
      const x = keys[i];
      if (x === x && Math.round(x * scale) / scale !== x) {
        ok = false;
        break;
      }
    }
    if (ok) return scale;
  }
  return 0;
}

/** Keys as integers 0..range-1 (round(x · scale) − lo), NaN as `range`. */
function integerKeys(keys: Float64Array, lo: number, scale: number, range: number, sc: Scratch | undefined): Int32Array {
  const n = keys.length;
  const out = int32(n, sc);
  if (scale === 1) {
    for (let i = 0; i < n; i++) {
      const x = keys[i];
      out[i] = x === x ? x - lo : range;
    }
  } else {
    for (let i = 0; i < n; i++) {
      const x = keys[i];
      out[i] = x === x ? Math.round(x * scale) - lo : range;
    }
  }
  return out;
}

/**
 * Partitioned direct address over integer keys 0..range-1, which it overwrites.
 * 1. count rows per partition (the key's high bits);
 * 2. scatter row numbers and low key bits into partition order;
 * 3. per partition, look each low key up in a cache-sized table of (partition stamp,
 *    first row) and note the first row of the row's key (rows arrive in ascending
 *    order within a partition, so the first row to take a slot is the key's first);
 * 4. number keys by first appearance in one pass over rows (see `numberByFirstRow`).
 */
function groupRange(keys: Int32Array, range: number, sc: Scratch | undefined): DenseCodes {
  const n = keys.length;
  if (range <= DIRECT_RANGE) {
    // Small enough for one table after all (e.g. a few decimal keys scaled to integers).
    const slots = tableOf(range, -1, sc);
    let next = 0;
    for (let i = 0; i < n; i++) {
      const k = keys[i];
      let c = slots[k];
      if (c < 0) {
        c = next++;
        slots[k] = c;
      }
      keys[i] = c;
    }
    return { codes: keys, count: next };
  }
  let subBits = 16;
  while ((range - 1) / 2 ** subBits >= MAX_PARTS) subBits++;
  const parts = Math.floor((range - 1) / 2 ** subBits) + 1;
  const subMask = 2 ** subBits - 1;
  const start = new Int32Array(parts + 1);
  for (let i = 0; i < n; i++) start[(keys[i] >>> subBits) + 1]++;
  for (let p = 0; p < parts; p++) start[p + 1] += start[p];
  const rowOf = int32(n, sc);
  const low = int32(n, sc);
  const posOf = int32(n, sc);
  const fill = start.slice(0, parts);
  for (let i = 0; i < n; i++) {
    const k = keys[i];
    const j = fill[k >>> subBits]++;
    posOf[i] = j;
    rowOf[j] = i;
    low[j] = k & subMask;
  }
  // [2k] = partition that last wrote slot k, [2k+1] = its first row: one cache line per lookup.
  const slots = tableOf(2 * (subMask + 1), -1, sc);
  const groupFirst = low; // each low key is read just before its position is overwritten
  for (let p = 0; p < parts; p++) {
    const to = start[p + 1];
    for (let j = start[p]; j < to; j++) {
      const s = low[j] << 1;
      if (slots[s] !== p) {
        slots[s] = p;
        slots[s + 1] = rowOf[j];
      }
      groupFirst[j] = slots[s + 1];
    }
  }
  const out = numberByFirstRow(groupFirst, posOf, keys);
  release(sc, rowOf, low, posOf);
  return out;
}

/**
 * Codes by first appearance from "first row of my key": row i's key's first row is
 * groupFirst[posOf[i]] (partition order). A row that is its key's first row takes the
 * next code; any other copies the code of that earlier row. Gathering beats scattering
 * back to row order: random reads overlap, random writes queue. `out` may alias inputs
 * already spent.
 */
function numberByFirstRow(groupFirst: Int32Array, posOf: Int32Array, out: Int32Array): DenseCodes {
  const n = out.length;
  let next = 0;
  for (let i = 0; i < n; i++) {
    const f = groupFirst[posOf[i]];
    out[i] = f === i ? next++ : out[f];
  }
  return { codes: out, count: next };
}

/** Hash of a float64 through its two 32-bit halves. */
const scratch = new Float64Array(1);
const scratchBits = new Uint32Array(scratch.buffer);

function hashFloat(x: number): number {
  scratch[0] = x;
  return mix(scratchBits[1], scratchBits[0]);
}

/** Hash of a pair of 32-bit integers (murmur3 finalizer); signed 32-bit result. */
export function mix(hi: number, lo: number): number {
  let h = Math.imul(lo ^ Math.imul(hi, 0x9e3779b1), 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

export function densifyHashed(keys: Float64Array): DenseCodes {
  return densifyHashedWith(keys, undefined);
}

function densifyHashedWith(keys: Float64Array, sc: Scratch | undefined): DenseCodes {
  const n = keys.length;
  if (n < PARTITION_MIN_ROWS) return densifyHashedSmall(keys, Infinity, sc)!;
  // Try the single table first: when keys are few it wins, and when they are many we
  // find out within the first rows that bring SMALL_TABLE_KEYS distinct keys.
  const small = densifyHashedSmall(keys, SMALL_TABLE_KEYS, sc);
  if (small) return small;
  const bits = floatBits(keys);
  return groupHashed(bits, bits, 2, sc);
}

/** One open-addressing table; null as soon as more than `limit` distinct keys appear. */
function densifyHashedSmall(keys: Float64Array, limit: number, sc: Scratch | undefined): DenseCodes | null {
  const n = keys.length;
  const codes = int32(n, sc);
  let cap = 64;
  let tableKeys = new Float64Array(cap);
  let tableCodes = new Int32Array(cap).fill(-1);
  let mask = cap - 1;
  let next = 0;
  let nanCode = -1;
  for (let i = 0; i < n; i++) {
    const x = keys[i];
    if (x !== x) {
      if (nanCode < 0) nanCode = next++;
      codes[i] = nanCode;
      continue;
    }
    const key = x === 0 ? 0 : x; // -0 and +0 are one key
    let slot = hashFloat(key) & mask;
    for (;;) {
      const c = tableCodes[slot];
      if (c < 0) {
        tableCodes[slot] = next;
        tableKeys[slot] = key;
        codes[i] = next++;
        if (next > limit) {
          release(sc, codes);
          return null;
        }
        if (next * 2 > cap) {
          // Rehash into a table twice as large.
          const oldKeys = tableKeys;
          const oldCodes = tableCodes;
          cap <<= 1;
          mask = cap - 1;
          tableKeys = new Float64Array(cap);
          tableCodes = new Int32Array(cap).fill(-1);
          for (let j = 0; j < oldCodes.length; j++) {
            const oc = oldCodes[j];
            if (oc < 0) continue;
            let s = hashFloat(oldKeys[j]) & mask;
            while (tableCodes[s] >= 0) s = (s + 1) & mask;
            tableCodes[s] = oc;
            tableKeys[s] = oldKeys[j];
          }
        }
        break;
      }
      if (tableKeys[slot] === key) {
        codes[i] = c;
        break;
      }
      slot = (slot + 1) & mask;
    }
  }
  return { codes, count: next };
}

/**
 * The keys' bits as an Int32 view (two words per key), for partitioned hashing: equal
 * bits iff equal keys once every NaN and −0 is made canonical, which needs a copy
 * only when the keys hold either.
 */
function floatBits(keys: Float64Array): Int32Array {
  const n = keys.length;
  let plain = true;
  for (let i = 0; i < n; i++) {
    const x = keys[i];
    if (x !== x || (x === 0 && 1 / x < 0)) {
      plain = false;
      break;
    }
  }
  if (plain) return new Int32Array(keys.buffer, keys.byteOffset, 2 * n);
  const canonical = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const x = keys[i];
    canonical[i] = x !== x ? NaN : x === 0 ? 0 : x;
  }
  return new Int32Array(canonical.buffer);
}

/**
 * Codes of the pair (a, b) for every row, dense again, in order of first appearance.
 * The pair (a, b) is the integer a · |b| + b: directly addressed when that range is
 * small, partitioned when it fits an Int32, hashed beyond.
 */
export function combineCodes(a: DenseCodes, b: DenseCodes): DenseCodes {
  return combineWith(a, b, undefined);
}

/** `combineCodes` drawing its buffers from `sc`; the codes returned are the caller's to release. */
export function combineWith(a: DenseCodes, b: DenseCodes, sc: Scratch | undefined): DenseCodes {
  const n = a.codes.length;
  const product = a.count * b.count;
  if (product <= directLimit(n) && product <= MAX_DIRECT) {
    const slots = tableOf(product, -1, sc);
    const codes = int32(n, sc);
    const ac = a.codes;
    const bc = b.codes;
    const bk = b.count;
    let next = 0;
    for (let i = 0; i < n; i++) {
      const s = ac[i] * bk + bc[i];
      let c = slots[s];
      if (c < 0) {
        c = next++;
        slots[s] = c;
      }
      codes[i] = c;
    }
    return { codes, count: next };
  }
  if (n < PARTITION_MIN_ROWS) return combineHashedSmall(a.codes, b.codes, Infinity, sc)!;
  if (product < 0x7fffffff) {
    const keys = int32(n, sc);
    const ac = a.codes;
    const bc = b.codes;
    const bk = b.count;
    for (let i = 0; i < n; i++) keys[i] = ac[i] * bk + bc[i];
    return groupRange(keys, product, sc);
  }
  // At least max(a, b) distinct pairs: skip the single table when that is already many.
  if (Math.max(a.count, b.count) <= SMALL_TABLE_KEYS) {
    const small = combineHashedSmall(a.codes, b.codes, SMALL_TABLE_KEYS, sc);
    if (small) return small;
  }
  return groupHashed(a.codes, b.codes, 1, sc);
}

/** combineCodes' single-table path: a table of pair codes checked against each code's first pair. */
function combineHashedSmall(ac: Int32Array, bc: Int32Array, limit: number, sc: Scratch | undefined): DenseCodes | null {
  const n = ac.length;
  const codes = int32(n, sc);
  let cap = 64;
  let mask = cap - 1;
  let table = new Int32Array(cap).fill(-1);
  // Grown with the table, which holds at most cap / 2 + 1 codes.
  let firstA = new Int32Array(cap);
  let firstB = new Int32Array(cap);
  let next = 0;
  for (let i = 0; i < n; i++) {
    const x = ac[i];
    const y = bc[i];
    let slot = mix(x, y) & mask;
    for (;;) {
      const c = table[slot];
      if (c < 0) {
        table[slot] = next;
        firstA[next] = x;
        firstB[next] = y;
        codes[i] = next++;
        if (next > limit) {
          release(sc, codes);
          return null;
        }
        if (next * 2 > cap) {
          cap <<= 1;
          mask = cap - 1;
          table = new Int32Array(cap).fill(-1);
          const fa = new Int32Array(cap);
          const fb = new Int32Array(cap);
          fa.set(firstA);
          fb.set(firstB);
          firstA = fa;
          firstB = fb;
          for (let k = 0; k < next; k++) {
            let s = mix(fa[k], fb[k]) & mask;
            while (table[s] >= 0) s = (s + 1) & mask;
            table[s] = k;
          }
        }
        break;
      }
      if (firstA[c] === x && firstB[c] === y) {
        codes[i] = c;
        break;
      }
      slot = (slot + 1) & mask;
    }
  }
  return { codes, count: next };
}

/**
 * Partitioned hashing over keys given as two 32-bit halves per row: row i's halves
 * are hi[i·stride + stride − 1] and lo[i·stride] (stride 2 reads a Float64Array's bits
 * in place, stride 1 two separate arrays). Same passes as `groupRange`, with a
 * hash's high bits choosing the partition and a small open-addressing table per
 * partition.
 */
function groupHashed(hi: Int32Array, lo: Int32Array, stride: 1 | 2, sc: Scratch | undefined): DenseCodes {
  const n = lo.length / stride;
  const hiOff = stride - 1;
  let bits = 0;
  while (bits < 10 && n / 2 ** bits > ROWS_PER_PARTITION) bits++;
  const parts = 1 << bits;
  // `h >>> 32` would be `h >>> 0` in JS, so one partition gets its own rule.
  const shift = bits === 0 ? 0 : 32 - bits;
  const partMask = bits === 0 ? 0 : -1;

  const start = new Int32Array(parts + 1);
  const posOf = int32(n, sc);
  for (let i = 0; i < n; i++) {
    const h = mix(hi[i * stride + hiOff], lo[i * stride]);
    posOf[i] = h; // the hash for now; its position after the next pass
    start[((h >>> shift) & partMask) + 1]++;
  }
  let largest = 0;
  for (let p = 0; p < parts; p++) {
    if (start[p + 1] > largest) largest = start[p + 1];
    start[p + 1] += start[p];
  }

  const rowOf = int32(n, sc);
  const keyHi = int32(n, sc);
  const keyLo = int32(n, sc);
  const fill = start.slice(0, parts);
  for (let i = 0; i < n; i++) {
    const j = fill[(posOf[i] >>> shift) & partMask]++;
    posOf[i] = j;
    rowOf[j] = i;
    keyHi[j] = hi[i * stride + hiOff];
    keyLo[j] = lo[i * stride];
  }

  let cap = 16;
  while (cap < 2 * largest) cap <<= 1;
  const table = new Int32Array(cap);
  const firstHi = new Int32Array(largest);
  const firstLo = new Int32Array(largest);
  const firstRow = new Int32Array(largest);
  const firstSize = new Int32Array(largest);
  const groupFirst = keyLo; // each key is read just before its position is overwritten
  for (let p = 0; p < parts; p++) {
    const from = start[p];
    const to = start[p + 1];
    groupPartition(from, to, keyHi, keyLo, rowOf, groupFirst, table, firstHi, firstLo, firstRow, firstSize);
  }
  const out = numberByFirstRow(groupFirst, posOf, keyHi);
  release(sc, posOf, rowOf, keyLo);
  return out;
}

/**
 * One partition [from, to) of the radix-partitioned grouping, in a cache-sized hash table:
 * groupFirst[j] = the first row (in `rowOf` order) with position j's key (keyHi, keyLo).
 * Keys are numbered 0, 1, … as met; firstRow[g] and firstSize[g] are key g's first row
 * and its rows in the partition. `table` holds at least 2 · (to − from)
 * slots; the `first*` arrays at least to − from. The same for the sequential path here
 * and the threaded one (engine/kernels.ts).
 */
export function groupPartition(
  from: number,
  to: number,
  keyHi: Int32Array,
  keyLo: Int32Array,
  rowOf: Int32Array,
  groupFirst: Int32Array,
  table: Int32Array,
  firstHi: Int32Array,
  firstLo: Int32Array,
  firstRow: Int32Array,
  firstSize: Int32Array,
): void {
  let size = 16;
  while (size < 2 * (to - from)) size <<= 1;
  const mask = size - 1;
  table.fill(0, 0, size); // 0 = empty, else local group + 1
  let groups = 0;
  for (let j = from; j < to; j++) {
    const h = keyHi[j];
    const l = keyLo[j];
    // Low hash bits pick the slot; the partition used the high ones.
    let slot = mix(h, l) & mask;
    for (;;) {
      const g = table[slot];
      if (g === 0) {
        table[slot] = ++groups;
        firstHi[groups - 1] = h;
        firstLo[groups - 1] = l;
        const r = rowOf[j];
        firstRow[groups - 1] = r;
        firstSize[groups - 1] = 1;
        groupFirst[j] = r;
        break;
      }
      if (firstHi[g - 1] === h && firstLo[g - 1] === l) {
        groupFirst[j] = firstRow[g - 1];
        firstSize[g - 1]++;
        break;
      }
      slot = (slot + 1) & mask;
    }
  }
}
