import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { combineCodes, type DenseCodes } from "../../src/base/densify.js";
import { classStats } from "../../src/engine/classStats.js";
import { partition } from "../../src/engine/partition.js";
import { classRecords, classTable, codesOverClasses, isContiguous, PrefixGroup, RollScratch, rollUpRuns, type ClassTable } from "../../src/engine/rollup.js";
import { SizeTotalsBuilder } from "../../src/engine/sizeTotals.js";
import { exposedTitleCount } from "../../src/engine/exposedTitles.js";
import { parseScheme } from "../../src/schemes/parse.js";
import type { Catalog } from "../../src/catalog/catalog.js";
import type { Scheme } from "../../src/schemes/types.js";
import { catalogOf } from "../helpers.js";

/** The row path's size totals, by definition. */
function direct(c: Catalog, s: Scheme) {
  const part = partition(c, s);
  const stats = classStats(c, part);
  const b = new SizeTotalsBuilder();
  b.addClasses(part.classCount, part.classSize, stats.classTitles, stats.classTitleSquares);
  return b.finish(exposedTitleCount(c, part, stats.classTitles));
}

/** The scheme's prefix codes (every part but duration's) and its duration part's codes over the table. */
function split(t: ClassTable, s: Scheme): { prefix: DenseCodes; run: DenseCodes | undefined } {
  let prefix: DenseCodes = { codes: new Int32Array(t.classCount), count: t.classCount > 0 ? 1 : 0 };
  for (const p of s.parts.filter((p) => p.attribute !== "duration")) prefix = combineCodes(prefix, codesOverClasses(t, { parts: [p] }));
  const d = s.parts.find((p) => p.attribute === "duration");
  return { prefix, run: d && codesOverClasses(t, { parts: [d] }) };
}

const arbRows = (titles: number) =>
  fc.array(fc.tuple(fc.integer({ min: 0, max: titles }), fc.option(fc.integer({ min: 1, max: 400 })), fc.integer({ min: 1, max: 50 })), { minLength: 1, maxLength: 80 });
const catalogOfRows = (rows: [number, number | null, number][]) =>
  catalogOf(rows.map((r) => `t${r[0]}`), { duration_ms: rows.map((r) => (r[1] === null ? NaN : r[1] * 1000)), bitrate_kbps: rows.map((r) => r[2] * 100) });

const SCHEMES = ["duration=round(1min)", "duration=floor(10s),bitrate=round(500kbps)", "bitrate=log(20%)", "none", "duration=sig(1)", "duration=exact,bitrate=exact", "duration=ladder(30s,2min)"].map(parseScheme);

describe("roll-up", () => {
  it("the worked example: two classes of A merged by C", () => {
    // A = exact: class a0 = 10 s (t1, t1, t2), a1 = 20 s (t1); C = drop merges them.
    const c = catalogOf(["t1", "t1", "t2", "t1"], { duration_ms: [20_000, 20_000, 20_000, 10_000] });
    const t = classTable(c, partition(c, parseScheme("duration=exact")), "duration_ms");
    // ranked by duration: the 10 s class (t1 ×1) first; titles renumbered in rank order
    expect([t.classCount, [...t.classSize], [...t.classTitles], [...t.classSquares], [...t.soleTitle], [...t.pairTitle], [...t.pairCount], t.titles]).toEqual([2, [1, 3], [1, 2], [1, 5], [0, -1], [0, 0, 1], [1, 2, 1], 2]);
    const g = new PrefixGroup(t, { codes: new Int32Array(2), count: 1 }, classRecords(t, []));
    const r = rollUpRuns(g, g.startsOf(undefined));
    expect([[...r.classSize], [...r.classes], [...r.titleSum], [...r.squareSum], r.exposedTitles]).toEqual([[4], [1], [2], [10], 0]);
  });

  it("ranks classes by the run field, missing values last, ties by class", () => {
    const c = catalogOf(["a", "b", "c", "d", "e"], { duration_ms: [NaN, 30, 10, 30, 20], bitrate_kbps: [1, 2, 3, 4, 5] });
    const t = classTable(c, partition(c, parseScheme("duration=exact,bitrate=exact")), "duration_ms");
    expect([...t.representatives.numeric.duration_ms!]).toEqual([10, 20, 30, 30, NaN]);
    expect([...t.representatives.numeric.bitrate_kbps!]).toEqual([3, 5, 2, 4, 1]);
  });

  it("classRecords: size, titles, sole title, then each choice's code, class by class", () => {
    const c = catalogOf(["a", "b", "b"], { duration_ms: [1000, 2000, 2000] });
    const t = classTable(c, partition(c, parseScheme("duration=exact")), "duration_ms");
    expect(classRecords(t, [{ codes: Int32Array.of(0, 1), count: 2 }, { codes: Int32Array.of(0, 0), count: 1 }])).toEqual({ choices: 2, stride: 5, data: Int32Array.of(1, 1, 0, 0, 0, 2, 1, 1, 1, 0) });
  });

  it("isContiguous: each code one range", () => {
    expect(isContiguous({ codes: Int32Array.of(0, 0, 1, 2, 2), count: 3 })).toBe(true);
    expect(isContiguous({ codes: Int32Array.of(0, 1, 0), count: 2 })).toBe(false);
  });

  it("equals the row path on random catalogs (missing values too), with a scratch and groups reused", () => {
    fc.assert(
      // few titles (short lists) and many (past SMALL_RUN titles in a class: the title-indexed array)
      fc.property(fc.oneof(arbRows(12), arbRows(60)), (rows) => {
        const c = catalogOfRows(rows);
        const t = classTable(c, partition(c, parseScheme("duration=exact,bitrate=exact")), "duration_ms");
        const scratch = new RollScratch();
        let last: PrefixGroup | undefined;
        for (const s of SCHEMES) {
          const { prefix, run } = split(t, s);
          expect(run === undefined || isContiguous(run)).toBe(true);
          // once with the run choice gathered up front, once computed after
          const up = new PrefixGroup(t, prefix, classRecords(t, run ? [run, run] : []), last);
          const a = rollUpRuns(up, run ? up.starts[0] : up.startsOf(undefined), scratch);
          const b = rollUpRuns(up, up.startsOf(run), scratch);
          if (run) expect(up.starts[1]).toEqual(up.starts[0]);
          const want = direct(c, s);
          expect(a).toEqual(want);
          expect(b).toEqual(want);
          last = up;
        }
      }),
    );
  });
});
