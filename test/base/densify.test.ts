import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { combineCodes, densify, densifyHashed, Scratch } from "../../src/base/densify.js";

// Inputs of ≥ 2^17 rows, which take the partitioned paths, are in densifyLarge.test.ts.

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


describe("Scratch", () => {
  const n = 1 << 16;

  it("hands a released buffer out again, and an int32Zeros view's whole buffer once released", () => {
    const sc = new Scratch();
    const a = sc.int32(n);
    expect(a.buffer).toBeInstanceOf(SharedArrayBuffer);
    sc.release(a);
    expect(sc.int32(n)).toBe(a);
    a.fill(7);
    sc.release(a);
    const view = sc.int32Zeros(1000, n);
    expect(view.length).toBe(1000);
    expect(view.buffer).toBe(a.buffer);
    expect([...view].every((x) => x === 0)).toBe(true);
    sc.release(view);
    sc.release(view); // twice is once
    const whole = sc.int32(n);
    expect(whole.buffer).toBe(a.buffer);
    expect(whole.length).toBe(n);
    expect(sc.int32(n).buffer).not.toBe(a.buffer);
  });

  it("keeps only buffers it handed out (an unshared array would be invisible to worker threads)", () => {
    const sc = new Scratch();
    const plain = new Int32Array(n);
    sc.release(plain);
    expect(sc.int32(n)).not.toBe(plain);
    const foreign = new Int32Array(new SharedArrayBuffer(4 * n));
    sc.release(foreign);
    expect(sc.int32(n)).not.toBe(foreign);
  });

  it("float64Zeros: doubles on a pooled buffer, given back whole", () => {
    const sc = new Scratch();
    const d = sc.float64Zeros(n / 2, n);
    expect(d.length).toBe(n / 2);
    expect(d.every((x) => x === 0)).toBe(true);
    sc.release(d);
    expect(sc.int32(n).buffer).toBe(d.buffer);
    expect(() => sc.float64Zeros(n / 2 + 1, n)).toThrow(RangeError);
  });
});
