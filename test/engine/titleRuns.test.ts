import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { TitleRuns } from "../../src/engine/titleRuns.js";

describe("TitleRuns", () => {
  it("worked example: a run in classes [4, 7, 4] gives (4, 2) and (7, 1); runs end where the title changes", () => {
    const runs = new TitleRuns(null, Int32Array.of(0, 0, 0, 1), Int32Array.of(4, 7, 4, 2));
    expect(runs.runEnd(0)).toBe(3);
    expect(runs.runStartFrom(1)).toBe(3);
    const m = runs.split(0, 3);
    expect([...runs.classes.subarray(0, m)]).toEqual([4, 7]);
    expect([...runs.counts.subarray(0, m)]).toEqual([2, 1]);
  });

  it("splits short and long runs into the pairs a brute-force count gives", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 1, maxLength: 60 }), (classes) => {
        const runs = new TitleRuns(null, new Int32Array(classes.length), Int32Array.from(classes));
        expect(runs.runEnd(0)).toBe(classes.length);
        const m = runs.split(0, classes.length);
        const got = new Map<number, number>();
        for (let q = 0; q < m; q++) got.set(runs.classes[q], runs.counts[q]);
        const want = new Map<number, number>();
        for (const c of classes) want.set(c, (want.get(c) ?? 0) + 1);
        expect(m).toBe(want.size);
        expect(got).toEqual(want);
      }),
    );
  });
});
