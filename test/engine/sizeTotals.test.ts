import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SizeTotalsBuilder } from "../../src/engine/sizeTotals.js";

const arbClass = fc.record({ f: fc.oneof(fc.integer({ min: 1, max: 30 }), fc.integer({ min: 16_000, max: 40_000 })), d: fc.integer({ min: 1, max: 5 }), sq: fc.integer({ min: 1, max: 900 }) });

/** Brute force: group the classes by size with a Map, sizes ascending. */
function byDefinition(classes: { f: number; d: number; sq: number }[]) {
  const sizes = [...new Set(classes.map((c) => c.f))].sort((a, b) => a - b);
  const of = (f: number) => classes.filter((c) => c.f === f);
  return {
    classSize: [...sizes],
    classes: sizes.map((f) => of(f).length),
    singleTitleClasses: sizes.map((f) => of(f).filter((c) => c.d === 1).length),
    titleSum: sizes.map((f) => of(f).reduce((a, c) => a + c.d, 0)),
    squareSum: sizes.map((f) => of(f).reduce((a, c) => a + c.sq, 0)),
  };
}

describe("SizeTotalsBuilder", () => {
  it("the worked example", () => {
    const b = new SizeTotalsBuilder();
    b.add(3, 2, 5);
    b.add(1, 1, 1);
    b.add(1, 1, 1);
    const t = b.finish(2);
    expect([...t.classSize]).toEqual([1, 3]);
    expect([...t.classes]).toEqual([2, 1]);
    expect([...t.singleTitleClasses]).toEqual([2, 0]);
    expect([...t.titleSum]).toEqual([2, 2]);
    expect([...t.squareSum]).toEqual([2, 5]);
    expect(t.exposedTitles).toBe(2);
  });

  it("equals grouping by size, in any order, and is empty again after finish (property)", () => {
    const b = new SizeTotalsBuilder();
    fc.assert(
      fc.property(fc.array(arbClass, { maxLength: 60 }), fc.array(arbClass, { maxLength: 20 }), (classes, before) => {
        for (const c of before) b.add(c.f, c.d, c.sq);
        b.finish(0); // a previous partition leaves nothing behind
        for (const c of classes) b.add(c.f, c.d, c.sq);
        const t = b.finish(7);
        const want = byDefinition(classes);
        expect({ classSize: [...t.classSize], classes: [...t.classes], singleTitleClasses: [...t.singleTitleClasses], titleSum: [...t.titleSum], squareSum: [...t.squareSum] }).toEqual(want);
        expect(t.exposedTitles).toBe(7);
      }),
      { numRuns: 200 },
    );
  });

  it("addClasses adds per-class arrays", () => {
    const b = new SizeTotalsBuilder();
    b.addClasses(2, Int32Array.of(2, 2, 9), Int32Array.of(1, 2, 9), Float64Array.of(4, 2, 9));
    const t = b.finish(0);
    expect([...t.classSize]).toEqual([2]);
    expect([...t.classes]).toEqual([2]);
    expect([...t.singleTitleClasses]).toEqual([1]);
    expect([...t.squareSum]).toEqual([6]);
  });
});
