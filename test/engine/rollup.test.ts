import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Catalog } from "../../src/catalog/catalog.js";
import { classStats } from "../../src/engine/classStats.js";
import { exposedTitleCount } from "../../src/engine/exposedTitles.js";
import { partition } from "../../src/engine/partition.js";
import { SizeTotalsBuilder } from "../../src/engine/sizeTotals.js";
import type { Scheme } from "../../src/schemes/types.js";
import { classTable, codesOverClasses, combineOverClasses, pairTableOf } from "../../src/engine/classTable.js";
import { closePool, runKernel } from "../../src/engine/pool.js";
import { readTotals, RollScratch, rollUp, rollUpKeys, totalsSlot } from "../../src/engine/rollup.js";
import { sharedFloat64 } from "../../src/base/densify.js";
import { parseScheme } from "../../src/schemes/parse.js";
import { catalogOf } from "../helpers.js";

/** The row path's class-size totals: partition the rows, count each class, finish. */
function rowTotals(c: Catalog, s: Scheme) {
  const part = partition(c, s);
  const stats = classStats(c, part);
  const b = new SizeTotalsBuilder();
  b.addClasses(part.classCount, part.classSize, stats.classTitles, stats.classTitleSquares);
  return b.finish(exposedTitleCount(c, part, stats.classTitles));
}

describe("roll-up", () => {
  it("the worked example: two classes of A merged by C", () => {
    // A = exact: class a0 = 10 s (t1, t1, t2), a1 = 20 s (t1); C = drop merges them.
    const c = catalogOf(["t1", "t1", "t2", "t1"], { duration_ms: [10_000, 10_000, 10_000, 20_000] });
    const t = classTable(c, partition(c, parseScheme("duration=exact")));
    expect([t.classCount, t.pairs, [...t.firstRow], [...t.pairClass], [...t.pairCount], [...t.pairRun]]).toEqual([2, 3, [0, 3], [0, 1, 0], [2, 1, 1], [0, 0, 1]]);
    const r = rollUp(t, combineOverClasses(t, []));
    expect([[...r.classSize], [...r.classes], [...r.titleSum], [...r.squareSum], r.exposedTitles]).toEqual([[4], [1], [2], [10], 0]);
  });
  it("equals the row path on random catalogs for coarser schemes", () => {
    const schemes = ["duration=round(1min)", "duration=floor(10s),bitrate=round(500kbps)", "bitrate=log(20%)", "none", "duration=sig(1)"].map(parseScheme);
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 9 }), fc.integer({ min: 1, max: 400 }), fc.integer({ min: 1, max: 50 })), { minLength: 1, maxLength: 60 }),
        fc.boolean(),
        (distinct, twice) => {
          // Rows repeated: pairs of more than one row (fewer pairs than rows).
          const rows = twice ? [...distinct, ...distinct.slice(0, 7)] : distinct;
          const c = catalogOf(rows.map((r) => `t${r[0]}`), { duration_ms: rows.map((r) => r[1] * 1000), bitrate_kbps: rows.map((r) => r[2] * 100) });
          const t = classTable(c, partition(c, parseScheme("duration=exact,bitrate=exact")));
          for (const s of schemes) {
            const r = rollUp(t, combineOverClasses(t, s.parts.map((p) => codesOverClasses(t, { parts: [p] }))));
            expect(r).toEqual(rowTotals(c, s));
          }
        },
      ),
    );
  });
  it("a scratch reused across schemes (more classes, then fewer) gives fresh roll-ups' totals", () => {
    const schemes = ["duration=exact,bitrate=exact", "none", "duration=round(1min)", "bitrate=round(500kbps)", "duration=exact"].map(parseScheme);
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 1, max: 400 }), fc.integer({ min: 1, max: 50 })), { minLength: 1, maxLength: 80 }),
        (rows) => {
          const c = catalogOf(rows.map((r) => `t${r[0]}`), { duration_ms: rows.map((r) => r[1] * 1000), bitrate_kbps: rows.map((r) => r[2] * 100) });
          const t = classTable(c, partition(c, parseScheme("duration=exact,bitrate=exact")));
          const scratch = new RollScratch();
          for (const s of schemes) {
            const coarse = combineOverClasses(t, s.parts.map((p) => codesOverClasses(t, { parts: [p] })));
            const fresh = rollUp(t, coarse);
            const reused = rollUp(t, coarse, scratch);
            expect(reused).toEqual(fresh);
          }
        },
      ),
    );
  });
  it("rollUpSchemes gives every scheme its own totals, the same on 1, 2 and 3 threads", () => {
    const schemes = ["duration=round(1min),bitrate=round(500kbps)", "duration=round(1min),bitrate=exact", "none", "duration=exact", "duration=floor(10s),bitrate=round(500kbps)"].map(parseScheme);
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 1, max: 400 }), fc.integer({ min: 1, max: 50 })), { minLength: 1, maxLength: 80 }),
        (rows) => {
          const c = catalogOf(rows.map((r) => `t${r[0]}`), { duration_ms: rows.map((r) => r[1] * 1000), bitrate_kbps: rows.map((r) => r[2] * 100) });
          const t = classTable(c, partition(c, parseScheme("duration=exact,bitrate=exact")));
          const batch = schemes.map((s) => ({ keys: s.parts.map((p) => p.attribute + String(p.generalizer.kind)), codes: s.parts.map((p) => codesOverClasses(t, { parts: [p] })) }));
          const slot = totalsSlot(t.rows);
          const table = pairTableOf(t);
          for (const threads of [1, 2, 3]) {
            const out = sharedFloat64(schemes.length * slot);
            runKernel("rollUpSchemes", { table, schemes: batch, out, slot }, threads);
            schemes.forEach((s, i) => expect(readTotals(out, i * slot)).toEqual(rowTotals(c, s)));
          }
        },
      ),
      { numRuns: 20 },
    );
    closePool();
  });
  it("the partitioned path (any partition size) and keys a·bk + b give the direct path's totals", () => {
    // Raw keys: duration's codes × bitrate's count + bitrate's codes, most keys unused;
    // dense keys: the same classes numbered. Tiny partitions put a title's pairs of one
    // class and its other classes in different partitions, and reuse the counters.
    const pairsOf = ["duration=round(1min),bitrate=round(500kbps)", "duration=exact,bitrate=exact", "duration=floor(10s),bitrate=round(1Mbps)"].map(parseScheme);
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 12 }), fc.integer({ min: 1, max: 400 }), fc.integer({ min: 1, max: 50 })), { minLength: 1, maxLength: 120 }),
        fc.integer({ min: 0, max: 4 }),
        (rows, bits) => {
          const c = catalogOf(rows.map((r) => `t${r[0]}`), { duration_ms: rows.map((r) => r[1] * 1000), bitrate_kbps: rows.map((r) => r[2] * 100) });
          const t = classTable(c, partition(c, parseScheme("duration=exact,bitrate=exact")));
          const partitioned = new RollScratch(0, bits);
          for (const s of pairsOf) {
            const [a, b] = s.parts.map((p) => codesOverClasses(t, { parts: [p] }));
            const expected = rowTotals(c, s);
            const dense = combineOverClasses(t, [a, b]);
            expect(rollUp(t, dense, partitioned)).toEqual(expected);
            expect(rollUpKeys(t, a.codes, b.codes, b.count, a.count * b.count, partitioned)).toEqual(expected);
            expect(rollUpKeys(t, a.codes, b.codes, b.count, a.count * b.count, new RollScratch())).toEqual(expected);
          }
        },
      ),
    );
  });
  it("counts exposed titles over more title runs than one 32-bit word holds", () => {
    // t0 … t69 each have a row of their own ((i + 1) s); the odd ones also share the
    // 500 s class with z, which has no other row. Exposed: the 70 t's, not z.
    const titles: string[] = [];
    const durations: number[] = [];
    for (let i = 0; i < 70; i++) {
      titles.push(`t${i}`);
      durations.push((i + 1) * 1000);
      if (i % 2 === 1) {
        titles.push(`t${i}`);
        durations.push(500_000);
      }
    }
    titles.push("z");
    durations.push(500_000);
    const c = catalogOf(titles, { duration_ms: durations });
    const s = parseScheme("duration=exact");
    const t = classTable(c, partition(c, s));
    const exact = codesOverClasses(t, { parts: s.parts });
    for (const scratch of [new RollScratch(), new RollScratch(0, 2)]) {
      const r = rollUp(t, exact, scratch);
      expect(r.exposedTitles).toBe(70);
      expect(r).toEqual(rowTotals(c, s));
    }
  });
  it("a totals slot holds the most class sizes a catalog can have", () => {
    // sizes 1, 2, …, m use 1 + 2 + … + m rows: 10 rows allow 4 sizes (1 + 2 + 3 + 4)
    expect(totalsSlot(10)).toBeGreaterThanOrEqual(2 + 5 * 4);
    expect(totalsSlot(10)).toBe(2 + 5 * 5);
  });
});
