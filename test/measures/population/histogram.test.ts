import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { classSizeCounts, classesOfSize, fromPairs } from "../../../src/measures/population/histogram.js";

describe("classSizeCounts", () => {
  it("counts classes by size: sizes 1, 1, 2, 3, 1 → c₁ = 3, c₂ = 1, c₃ = 1, n = 8, u = 5", () => {
    const h = classSizeCounts(Int32Array.of(1, 1, 2, 3, 1));
    expect([...h.sizes]).toEqual([1, 2, 3]);
    expect([...h.counts]).toEqual([3, 1, 1]);
    expect(h.records).toBe(8);
    expect(h.classes).toBe(5);
  });

  it("handles sizes above the dense range and no classes at all", () => {
    const h = classSizeCounts(Int32Array.of(70000, 2, 70000, 100000));
    expect([...h.sizes]).toEqual([2, 70000, 100000]);
    expect([...h.counts]).toEqual([1, 2, 1]);
    expect(h.records).toBe(240002);
    const empty = classSizeCounts(new Int32Array(0));
    expect(empty).toEqual({ sizes: new Int32Array(0), counts: new Float64Array(0), records: 0, classes: 0 });
  });

  it("agrees with brute-force counting", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 200000 })), { maxLength: 60 }), (sizes) => {
        const h = classSizeCounts(Int32Array.from(sizes));
        const distinct = [...new Set(sizes)].sort((a, b) => a - b);
        expect([...h.sizes]).toEqual(distinct);
        expect([...h.counts]).toEqual(distinct.map((s) => sizes.filter((x) => x === s).length));
        expect(h.records).toBe(sizes.reduce((a, b) => a + b, 0));
        expect(h.classes).toBe(sizes.length);
        for (const s of [1, 2, 3, 7]) expect(classesOfSize(h, s)).toBe(sizes.filter((x) => x === s).length);
      }),
    );
  });
});

describe("fromPairs", () => {
  it("sorts the pairs, drops zero counts and sums n and u", () => {
    const h = fromPairs([[3, 2], [1, 4], [2, 0]]);
    expect([...h.sizes]).toEqual([1, 3]);
    expect([...h.counts]).toEqual([4, 2]);
    expect(h.records).toBe(10);
    expect(h.classes).toBe(6);
  });

  it("refuses a size that is not a positive integer or is listed twice", () => {
    expect(() => fromPairs([[0, 1]])).toThrow(/positive integer, got 0/);
    expect(() => fromPairs([[1.5, 1]])).toThrow(/positive integer/);
    expect(() => fromPairs([[2, 1], [2, 3]])).toThrow(/listed twice/);
  });
});

describe("classesOfSize", () => {
  it("is c_i, 0 for a size no class has", () => {
    const h = fromPairs([[1, 3], [4, 2]]);
    expect(classesOfSize(h, 1)).toBe(3);
    expect(classesOfSize(h, 4)).toBe(2);
    expect(classesOfSize(h, 2)).toBe(0);
    expect(classesOfSize(h, 9)).toBe(0);
  });
});
