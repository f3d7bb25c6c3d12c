/**
 * Turning arbitrary numeric keys into dense integer codes 0..K-1 — the heart of the
 * group-by. Integer keys in a modest range use a direct-address table (one array
 * lookup per row); anything else goes through an open-addressing hash table over
 * the float's bits. NaN (a value not reported) is a key like any other.
 */

export interface DenseCodes {
  codes: Int32Array;
  /** Number of distinct keys. */
  count: number;
}

/** Largest direct-address table we allocate (Int32 entries): 2^26 = 256 MB. */
const MAX_DIRECT = 1 << 26;

export function densify(keys: Float64Array): DenseCodes {
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
  const range = max - min + 1;
  if (integral && (n === 0 || range <= Math.max(MAX_DIRECT >> 2, 4 * n)) && range <= MAX_DIRECT) {
    return densifyDirect(keys, min, range, hasNaN);
  }
  return densifyHashed(keys);
}

function densifyDirect(keys: Float64Array, min: number, range: number, hasNaN: boolean): DenseCodes {
  const n = keys.length;
  const codes = new Int32Array(n);
  const slots = new Int32Array(Number.isFinite(range) ? range : 0).fill(-1);
  let next = 0;
  let nanCode = -1;
  for (let i = 0; i < n; i++) {
    const x = keys[i];
    if (x !== x) {
      if (nanCode < 0) nanCode = next++;
      codes[i] = nanCode;
      continue;
    }
    const s = x - min;
    let c = slots[s];
    if (c < 0) {
      c = next++;
      slots[s] = c;
    }
    codes[i] = c;
  }
  void hasNaN;
  return { codes, count: next };
}

/** Hash of a float64 through its two 32-bit halves (murmur3 finalizer). */
const scratch = new Float64Array(1);
const scratchBits = new Uint32Array(scratch.buffer);

function hashFloat(x: number): number {
  scratch[0] = x;
  let h = Math.imul(scratchBits[0] ^ Math.imul(scratchBits[1], 0x9e3779b1), 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

export function densifyHashed(keys: Float64Array): DenseCodes {
  const n = keys.length;
  const codes = new Int32Array(n);
  let capacity = 1024;
  while (capacity < n * 2 && capacity < 1 << 30) capacity <<= 1;
  // Grow lazily: most keyed columns have far fewer distinct values than rows.
  let cap = Math.min(capacity, 1 << 16);
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
 * Codes of the pair (a, b) for every row, dense again. Uses the direct path when
 * the product of the two code ranges is small, else hashes the combined integer
 * (exact in a double up to 2^53).
 */
export function combineCodes(a: DenseCodes, b: DenseCodes): DenseCodes {
  const n = a.codes.length;
  const product = a.count * b.count;
  if (product <= MAX_DIRECT && product <= Math.max(MAX_DIRECT >> 2, 4 * n)) {
    const slots = new Int32Array(product).fill(-1);
    const codes = new Int32Array(n);
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
  const combined = new Float64Array(n);
  const bk = b.count;
  for (let i = 0; i < n; i++) combined[i] = a.codes[i] * bk + b.codes[i];
  return densifyHashed(combined);
}
