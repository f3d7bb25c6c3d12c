import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { sharedInt32 } from "../../src/base/densify.js";
import { KERNELS, rowsOf } from "../../src/engine/kernels.js";

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

describe("numbering passes", () => {
  it("markFirsts, numberFirsts and numberRest number keys by first appearance across thread blocks", () => {
    // Row i's key's first row, in partition order = row order here (posOf = identity).
    const firstRow = [0, 1, 0, 3, 1, 3, 6, 0];
    const n = firstRow.length;
    const posOf = sharedInt32(n).map((_, i) => i);
    const groupFirst = Int32Array.from(firstRow);
    const firsts = sharedInt32(3);
    for (let t = 0; t < 3; t++) KERNELS.markFirsts({ groupFirst, posOf, firstOf: posOf, firsts }, t, 3);
    expect([...firsts]).toEqual([2, 1, 1]); // rows 0,1 | 3 | 6
    const base = Int32Array.of(0, 2, 3);
    const out = sharedInt32(n);
    for (let t = 0; t < 3; t++) KERNELS.numberFirsts({ firstOf: posOf, out, base }, t, 3);
    for (let t = 0; t < 3; t++) KERNELS.numberRest({ firstOf: posOf, out, base }, t, 3);
    expect([...out]).toEqual([0, 1, 0, 2, 1, 2, 3, 0]);
  });
});
