import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { sharedInt32 } from "../../src/base/densify.js";
import { scanTotals, ScanScratch } from "../../src/engine/intervalScan.js";
import { PrefixSorter, sortedPrefix } from "../../src/engine/prefixOrder.js";
import type { ClassSizeTotals } from "../../src/engine/sizeTotals.js";
import { choiceTable, valueOrder } from "../../src/engine/valueOrder.js";
import { parseScheme } from "../../src/schemes/parse.js";
import { catalogOf } from "../helpers.js";

/** Totals by definition: classes as Maps of title → rows, grouped by size. */
function byDefinition(classOf: string[], titles: number[]) {
  const classes = new Map<string, Map<number, number>>();
  classOf.forEach((c, i) => {
    const m = classes.get(c) ?? classes.set(c, new Map()).get(c)!;
    m.set(titles[i], (m.get(titles[i]) ?? 0) + 1);
  });
  const bySize = new Map<number, number[]>();
  const exposed = new Set<number>();
  for (const m of classes.values()) {
    const f = [...m.values()].reduce((a, b) => a + b, 0);
    const t = bySize.get(f) ?? bySize.set(f, [0, 0, 0, 0]).get(f)!;
    t[0]++;
    if (m.size === 1) {
      t[1]++;
      exposed.add([...m.keys()][0]);
    }
    t[2] += m.size;
    t[3] += [...m.values()].reduce((a, c) => a + c * c, 0);
  }
  const sizes = [...bySize.keys()].sort((a, b) => a - b);
  return { classSize: sizes, classes: sizes.map((f) => bySize.get(f)![0]), singleTitleClasses: sizes.map((f) => bySize.get(f)![1]), titleSum: sizes.map((f) => bySize.get(f)![2]), squareSum: sizes.map((f) => bySize.get(f)![3]), exposedTitles: exposed.size };
}

function plain(t: ClassSizeTotals) {
  return { classSize: [...t.classSize], classes: [...t.classes], singleTitleClasses: [...t.singleTitleClasses], titleSum: [...t.titleSum], squareSum: [...t.squareSum], exposedTitles: t.exposedTitles };
}

/** One prefix class of ordered rows with the given titles, every row its own rank; its links listed or not. */
function oneClass(titles: number[], listLinks: boolean) {
  const n = titles.length;
  const rows = { rows: n, titles: Math.max(...titles) + 1, rank: sharedInt32(n).map((_, i) => i), title: Int32Array.from(titles) };
  const o = sortedPrefix(n, rows.titles, listLinks ? n : 0);
  new PrefixSorter().sort(rows, [], o);
  expect(o.meta[2] >= 0).toBe(listLinks);
  return { o, n, titles: rows.titles };
}

describe.each([false, true])("scanTotals (links listed: %s)", (listLinks) => {
  it("the worked example: titles t1, t2, t1 in one class → f = 3, d = 2, Σc² = 5", () => {
    const { o, n, titles } = oneClass([1, 2, 1], listLinks);
    expect(plain(scanTotals(o, titles, new Int32Array(n), new ScanScratch()))).toEqual({ classSize: [3], classes: [1], singleTitleClasses: [0], titleSum: [2], squareSum: [5], exposedTitles: 0 });
  });

  it("counts classes larger than its own size arrays through the builder", () => {
    const titles = Array.from({ length: 20_000 }, (_, i) => (i % 4 === 0 ? 1 : 0));
    const { o, n, titles: t } = oneClass(titles, listLinks);
    expect(plain(scanTotals(o, t, new Int32Array(n), new ScanScratch()))).toEqual({ classSize: [20_000], classes: [1], singleTitleClasses: [0], titleSum: [2], squareSum: [15_000 ** 2 + 5_000 ** 2], exposedTitles: 0 });
    const same = oneClass(new Array(17_000).fill(3), listLinks);
    expect(plain(scanTotals(same.o, same.titles, new Int32Array(same.n), new ScanScratch())).exposedTitles).toBe(1);
  });
});

describe("scanTotals", () => {

  it("equals the totals by definition for any catalog, prefix and interval inner choice, scratch reused", () => {
    const inner = ["duration=exact", "duration=round(1min)", "duration=floor(10s)", "duration=sig(1)", "duration=log(50%)"].map((s) => parseScheme(s).parts[0]);
    const prefixes = ["none", "bitrate=exact", "bitrate=round(1Mbps)", "resolution=class", "bitrate=log(20%),resolution=height"].map(parseScheme);
    const scratch = new ScanScratch();
    const sorter = new PrefixSorter();
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 9 }), fc.option(fc.integer({ min: 1, max: 400 })), fc.integer({ min: 1, max: 50 }), fc.constantFrom(480, 720, 1080)), { minLength: 1, maxLength: 60 }),
        fc.constantFrom(...inner),
        fc.constantFrom(...prefixes),
        fc.boolean(),
        fc.boolean(),
        (raw, innerPart, prefix, listLinks, narrow) => {
          const c = catalogOf(
            raw.map((r) => `t${r[0]}`),
            { duration_ms: raw.map((r) => (r[1] === null ? null : r[1] * 1000)), bitrate_kbps: raw.map((r) => r[2] * 100), width: raw.map((r) => (r[3] * 16) / 9), height: raw.map((r) => r[3]) },
          );
          const v = valueOrder(c, ["duration", "bitrate", "resolution"], "duration");
          const table = choiceTable(v, innerPart);
          expect(table.interval).toBe(true);
          const parts = prefix.parts.map((p) => ({ codes: v.codes.get(p.attribute)!.codes, lut: choiceTable(v, p).lut, count: choiceTable(v, p).count }));
          // Both scans: over every row, or over the links (room for all of them); the table as 32- or 16-bit codes.
          const o = sortedPrefix(v.rows, v.titles, listLinks ? v.rows : 0);
          sorter.sort(v, parts, o);
          expect(o.meta[2] >= 0).toBe(listLinks || [...o.prev.subarray(0, o.meta[0])].every((p) => p < 0));
          // By definition: each ordered row's class is the tuple of its parts' classes.
          const classOf = Array.from(v.title, (_, i) => [...parts.map((p) => p.lut[p.codes[i]]), table.lut[v.rank[i]]].join(","));
          expect(plain(scanTotals(o, v.titles, narrow ? Uint16Array.from(table.lut) : table.lut, scratch))).toEqual(byDefinition(classOf, [...v.title]));
        },
      ),
    );
  });
});
