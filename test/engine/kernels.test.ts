import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { sharedFloat64, sharedInt32 } from "../../src/base/densify.js";
import { KERNELS, KEY_CHUNK, NAN_RAW, keyArray, keyRows, rowsOf, type KeyRecipe } from "../../src/engine/kernels.js";
import { bucketKeys } from "../../src/schemes/generalize.js";
import { parseScheme } from "../../src/schemes/parse.js";
import { catalogOf } from "../helpers.js";

describe("rowsOf", () => {
  it("splits n rows into T contiguous blocks covering each row once, in order", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 1, max: 16 }), (n, T) => {
        let next = 0;
        for (let t = 0; t < T; t++) {
          const [from, to] = rowsOf(n, t, T);
          expect(from).toBe(next);
          expect(to).toBeGreaterThanOrEqual(from);
          next = to;
        }
        expect(next).toBe(n);
      }),
    );
  });
});

describe("floatBits", () => {
  it("equal halves iff equal keys, NaN (any payload) one key, −0 and +0 one key", () => {
    const weirdNaN = new Float64Array(new Uint32Array([1, 0x7ff00000]).buffer)[0];
    expect(Number.isNaN(weirdNaN)).toBe(true);
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.double({ noNaN: false }), fc.constantFrom(-0, 0, weirdNaN)), { maxLength: 50 }), (xs) => {
        const keys = Float64Array.from(xs);
        const hi = sharedInt32(xs.length);
        const lo = sharedInt32(xs.length);
        KERNELS.floatBits({ keys, hi, lo }, 0, 1);
        for (let i = 0; i < xs.length; i++) {
          for (let j = 0; j < xs.length; j++) {
            const same = Object.is(xs[i], xs[j]) || xs[i] === xs[j] || (Number.isNaN(xs[i]) && Number.isNaN(xs[j]));
            expect(hi[i] === hi[j] && lo[i] === lo[j]).toBe(same);
          }
        }
      }),
    );
  });
});

describe("intKeys, rebase and packCodes", () => {
  const key = fc.oneof(fc.integer({ min: -50, max: 50 }), fc.constantFrom(NaN, -0, 0.5, 2 ** 31, -(2 ** 31), 2 ** 31 - 1));
  it("intKeys reads whole-number keys as Int32 in one pass, with each block's min, max, wholeness and NaN, on 1 to 4 threads", () => {
    fc.assert(
      fc.property(fc.array(key, { maxLength: 40 }), fc.integer({ min: 1, max: 4 }), (xs, T) => {
        const keys = Float64Array.from(xs);
        const out = sharedInt32(xs.length);
        const stats = sharedFloat64(4 * T);
        for (let t = 0; t < T; t++) KERNELS.intKeys({ keys, out, stats }, t, T);
        for (let t = 0; t < T; t++) {
          const [from, to] = rowsOf(xs.length, t, T);
          const block = xs.slice(from, to);
          const numbers = block.filter((x) => !Number.isNaN(x));
          const whole = numbers.every((x) => Number.isInteger(x) && x > -(2 ** 31) && x < 2 ** 31);
          // + 0: −0 and +0 are one key, either may stand for the minimum.
          expect(stats[4 * t] + 0).toBe(numbers.length > 0 ? Math.min(...numbers) + 0 : Infinity);
          expect(stats[4 * t + 1] + 0).toBe(numbers.length > 0 ? Math.max(...numbers) + 0 : -Infinity);
          expect(stats[4 * t + 2]).toBe(whole ? 1 : 0);
          expect(stats[4 * t + 3]).toBe(numbers.length < block.length ? 1 : 0);
          if (whole) for (let i = from; i < to; i++) expect(out[i]).toBe(Number.isNaN(xs[i]) ? NAN_RAW : xs[i] + 0);
        }
      }),
    );
  });

  it("rebase and packCodes turn raw codes into x − lo, NaN into its code", () => {
    const a = Int32Array.of(5, NAN_RAW, 7, 5);
    const b = Int32Array.of(-1, 0, NAN_RAW, 1);
    const packed = sharedInt32(4);
    KERNELS.packCodes({ a, b, bBound: 4, out: packed, aLo: 5, aNan: 3, bLo: -1, bNan: 3 }, 0, 1);
    // a' = [0, 3, 2, 0], b' = [0, 1, 3, 2]
    expect([...packed]).toEqual([0, 13, 11, 2]);
    KERNELS.rebase({ out: a, lo: 5, nanCode: 3 }, 0, 2);
    KERNELS.rebase({ out: a, lo: 5, nanCode: 3 }, 1, 2);
    expect([...a]).toEqual([0, 3, 2, 0]);
  });
});

describe("numbering passes", () => {
  it("markFirsts, numberFirsts and numberRest number keys by first appearance across thread blocks, with sizes", () => {
    // Row i's key's first row; a first row holds ~(its key's rows).
    const firstOf = Int32Array.of(~3, ~2, 0, ~2, 1, 3, ~1, 0);
    const n = firstOf.length;
    const firsts = sharedInt32(3);
    for (let t = 0; t < 3; t++) KERNELS.markFirsts({ firstOf, firsts }, t, 3);
    expect([...firsts]).toEqual([2, 1, 1]); // rows 0,1 | 3 | 6
    const base = Int32Array.of(0, 2, 3);
    const out = sharedInt32(n);
    const sizes = sharedInt32(4);
    for (let t = 0; t < 3; t++) KERNELS.numberFirsts({ firstOf, out, base, sizes }, t, 3);
    for (let t = 0; t < 3; t++) KERNELS.numberRest({ firstOf, out, base, sizes: null }, t, 3);
    expect([...out]).toEqual([0, 1, 0, 2, 1, 2, 3, 0]);
    expect([...sizes]).toEqual([3, 2, 2, 1]);
  });
});

describe("key recipes", () => {
  // 2.5 blocks of keys, so thread blocks and KEY_CHUNK blocks cross each other.
  const n = Math.floor(2.5 * KEY_CHUNK);
  const duration = Array.from({ length: n }, (_, i) => (i % 97 === 0 ? NaN : ((i * 7919) % 100_003) * 37));
  const catalog = catalogOf(
    Array.from({ length: n }, (_, i) => `T${i % 50}`),
    { duration_ms: duration },
  );
  const part = parseScheme("duration=round(1s)").parts[0];
  const column = sharedFloat64(n);
  column.set(catalog.numeric.duration_ms!);
  const recipe: KeyRecipe = { part, columns: { duration_ms: column }, rows: n };
  const keys = bucketKeys(part, catalog);

  it("compute the part's keys, block by block", () => {
    expect(keyRows(recipe)).toBe(n);
    expect(Buffer.from(keyArray(recipe).buffer).equals(Buffer.from(keys.buffer))).toBe(true);
  });

  it("give every kernel that reads keys the same result as the array of keys, on 1 to 3 threads", () => {
    for (const T of [1, 2, 3]) {
      const run = (src: KeyRecipe | Float64Array) => {
        const hi = sharedInt32(n);
        const lo = sharedInt32(n);
        const stats = sharedFloat64(4 * T);
        const scaled = sharedInt32(3 * T);
        const out = sharedInt32(n);
        const raw = sharedInt32(n);
        const rawStats = sharedFloat64(4 * T);
        for (let t = 0; t < T; t++) {
          KERNELS.intKeys({ keys: src, out: raw, stats: rawStats }, t, T);
          KERNELS.floatBits({ keys: src, hi, lo }, t, T);
          KERNELS.scanKeys({ keys: src, stats, scales: [10, 100, 1000], scaled: null }, t, T);
          KERNELS.scanKeys({ keys: src, stats, scales: [10, 100, 1000], scaled }, t, T);
          KERNELS.scaledKeys({ keys: src, out, scale: 10, lo: -5, nanCode: 7 }, t, T);
        }
        return [hi, lo, stats, scaled, out, raw, rawStats].map((a) => [...a]);
      };
      expect(run(recipe)).toEqual(run(keys));
    }
  });
});
