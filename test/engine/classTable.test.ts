import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { classTable, codesOverClasses, combineOverClasses } from "../../src/engine/classTable.js";
import { partition } from "../../src/engine/partition.js";
import { parseScheme } from "../../src/schemes/parse.js";
import { catalogOf } from "../helpers.js";

describe("classTable", () => {
  it("the worked example: pairs in title order, classes numbered in that order", () => {
    // rows (t1, 10 s), (t1, 10 s), (t2, 10 s), (t1, 20 s), exact duration
    const c = catalogOf(["t1", "t1", "t2", "t1"], { duration_ms: [10_000, 10_000, 10_000, 20_000] });
    const t = classTable(c, partition(c, parseScheme("duration=exact")));
    expect([t.rows, t.classCount, t.pairs, t.runs, [...t.firstRow], [...t.pairClass], [...t.pairCount], [...t.pairRun]]).toEqual([4, 2, 3, 2, [0, 3], [0, 1, 0], [2, 1, 1], [0, 0, 1]]);
    expect([...t.representatives.numeric.duration_ms!]).toEqual([10_000, 20_000]);
    expect(t.pairClass.buffer).toBeInstanceOf(SharedArrayBuffer);
  });
  it("on random catalogs: every row counted once, pairs grouped by title, classes first met in pair order", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 12 }), fc.integer({ min: 1, max: 30 }), fc.integer({ min: 1, max: 5 })), { minLength: 1, maxLength: 80 }),
        (rows) => {
          const c = catalogOf(rows.map((r) => `t${r[0]}`), { duration_ms: rows.map((r) => r[1] * 1000), bitrate_kbps: rows.map((r) => r[2] * 100) });
          const t = classTable(c, partition(c, parseScheme("duration=exact,bitrate=exact")));
          // each (class, title) pair's count is the number of rows with the class's values and the title;
          // run r is the r-th title with rows
          const present = [...new Set(c.titleCodes)].sort((a, b) => a - b);
          const title = (q: number) => present[t.pairRun[q]];
          let total = 0;
          let seen = -1;
          for (let q = 0; q < t.pairs; q++) {
            const row = t.firstRow[t.pairClass[q]];
            const want = rows.filter((r, i) => c.titleCodes[i] === title(q) && r[1] === rows[row][1] && r[2] === rows[row][2]).length;
            expect(t.pairCount[q]).toBe(want);
            total += t.pairCount[q];
            if (q > 0) expect(t.pairRun[q]).toBeGreaterThanOrEqual(t.pairRun[q - 1]);
            if (t.pairClass[q] > seen) expect(t.pairClass[q]).toBe(++seen);
          }
          expect(total).toBe(c.rows);
          expect(seen + 1).toBe(t.classCount);
        },
      ),
    );
  });
  it("a coarser choice's codes over the classes are its codes at each class's first row", () => {
    const c = catalogOf(["a", "b", "a", "c"], { duration_ms: [61_000, 10_000, 59_000, 61_000] });
    const t = classTable(c, partition(c, parseScheme("duration=exact")));
    const codes = codesOverClasses(t, parseScheme("duration=round(1min)"));
    const rowsCodes = partition(c, parseScheme("duration=round(1min)")).classOf;
    const byRow = [...t.firstRow].map((r) => rowsCodes[r]);
    // the same partition of the classes (numbering may differ)
    for (let i = 0; i < t.classCount; i++) for (let j = 0; j < t.classCount; j++) expect(codes.codes[i] === codes.codes[j]).toBe(byRow[i] === byRow[j]);
    expect(combineOverClasses(t, []).count).toBe(1);
  });
});
