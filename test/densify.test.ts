import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { combineCodes, densify, densifyHashed } from "../src/engine/densify.js";

/** Two codings are the same partition iff equal keys ⇔ equal codes. */
function samePartition(keys: ArrayLike<number>, codes: Int32Array): boolean {
  const k2c = new Map<string, number>();
  const c2k = new Map<number, string>();
  for (let i = 0; i < keys.length; i++) {
    const k = Object.is(keys[i], -0) ? "0" : String(keys[i]);
    if (k2c.has(k) && k2c.get(k) !== codes[i]) return false;
    if (c2k.has(codes[i]) && c2k.get(codes[i]) !== k) return false;
    k2c.set(k, codes[i]);
    c2k.set(codes[i], k);
  }
  return true;
}

describe("densify", () => {
  it("codes in order of first appearance, NaN as its own key", () => {
    const d = densify(Float64Array.from([5, 3, NaN, 5, 3, NaN, 9]));
    expect([...d.codes]).toEqual([0, 1, 2, 0, 1, 2, 3]);
    expect(d.count).toBe(4);
  });
  it("hash path agrees with the partition for fractional and huge keys", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.double({ noNaN: false }), fc.integer({ min: -5, max: 5 }).map((x) => x * 1e12)), { maxLength: 200 }), (xs) => {
        const keys = Float64Array.from(xs);
        const d = densify(keys);
        expect(samePartition(keys, d.codes)).toBe(true);
        expect(d.count).toBe(new Set(xs.map((x) => (Object.is(x, -0) ? 0 : x))).size);
        const h = densifyHashed(keys);
        expect(samePartition(keys, h.codes)).toBe(true);
      }),
    );
  });
  it("hash table survives many rehashes", () => {
    const n = 300_000;
    const keys = new Float64Array(n);
    for (let i = 0; i < n; i++) keys[i] = (i % 100_003) + 0.5;
    const d = densifyHashed(keys);
    expect(d.count).toBe(100_003);
    expect(d.codes[100_003]).toBe(d.codes[0]);
  });
  it("combineCodes is the partition of the pair, on both paths", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 50 }), fc.integer({ min: 0, max: 1_000_000 })), { minLength: 1, maxLength: 300 }), (pairs) => {
        const a = densify(Float64Array.from(pairs, (p) => p[0]));
        const b = densify(Float64Array.from(pairs, (p) => p[1]));
        const c = combineCodes(a, b);
        expect(samePartition(pairs.map((p) => p[0] * 2_000_000 + p[1]), c.codes)).toBe(true);
      }),
    );
  });
});

/** Codes by first appearance, the obvious way: what every fast path must reproduce exactly. */
function referenceCodes(keys: Float64Array): Int32Array {
  const seen = new Map<number, number>();
  const out = new Int32Array(keys.length);
  for (let i = 0; i < keys.length; i++) {
    const k = Number.isNaN(keys[i]) ? NaN : keys[i] + 0; // Map treats NaN as one key; −0 → 0
    let c = seen.get(k);
    if (c === undefined) {
      c = seen.size;
      seen.set(k, c);
    }
    out[i] = c;
  }
  return out;
}

function lcg(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe("densify on large inputs (the partitioned paths, ≥ 2^17 rows)", () => {
  const n = 400_000;
  const cases: [string, (r: () => number, i: number) => number][] = [
    ["integers in a wide range (partitioned direct address)", (r) => Math.floor(r() * 3e8)],
    ["integers, wide range, with NaN", (r) => (r() < 0.01 ? NaN : Math.floor(r() * 3e8) - 1e8)],
    ["decimals with 3 digits (fixed point)", (r) => Math.floor(r() * 2e8) / 1000],
    ["doubles, many distinct (partitioned hashing)", (r) => r() * 1e6],
    ["doubles, few distinct (one hash table)", (r) => Math.floor(r() * 5000) + 0.5],
    ["huge integers beyond Int32 (hashing)", (r) => Math.floor(r() * 1e6) * 1e9],
    ["repeated keys in first-appearance order", (_, i) => (i * 7919) % 150_001],
  ];
  for (const [name, gen] of cases) {
    it(name, () => {
      const r = lcg(name.length);
      const keys = new Float64Array(n);
      for (let i = 0; i < n; i++) keys[i] = gen(r, i);
      const d = densify(keys);
      const want = referenceCodes(keys);
      expect(d.count).toBe(want.reduce((m, x) => Math.max(m, x), -1) + 1);
      expect(Buffer.from(d.codes.buffer, d.codes.byteOffset, d.codes.byteLength).equals(Buffer.from(want.buffer))).toBe(true);
    });
  }
  it("combineCodes of two large code columns equals the pair's first-appearance codes", () => {
    const r = lcg(7);
    const a = Float64Array.from({ length: n }, () => Math.floor(r() * 50_000));
    const b = Float64Array.from({ length: n }, () => Math.floor(r() * 70_000));
    const c = combineCodes(densify(a), densify(b));
    const want = referenceCodes(Float64Array.from({ length: n }, (_, i) => a[i] * 1e6 + b[i]));
    expect(c.count).toBe(want.reduce((m, x) => Math.max(m, x), -1) + 1);
    expect([...c.codes.subarray(0, 1000)]).toEqual([...want.subarray(0, 1000)]);
    expect(Buffer.from(c.codes.buffer, c.codes.byteOffset, c.codes.byteLength).equals(Buffer.from(want.buffer))).toBe(true);
  });
});
