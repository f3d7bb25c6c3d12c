import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { sharedInt32 } from "../../src/base/densify.js";
import { PrefixSorter, sortedPrefix, type PrefixPart } from "../../src/engine/prefixOrder.js";

/** Ordered rows as valueOrder gives them: ranks non-decreasing. */
function rowsOf(ranks: number[], titles: number[]) {
  const sorted = ranks.map((r, i) => [r, titles[i]]).sort((a, b) => a[0] - b[0]);
  return { rows: ranks.length, titles: Math.max(1, ...titles.map((t) => t + 1)), rank: sharedInt32(ranks.length).map((_, i) => sorted[i][0]), title: sharedInt32(ranks.length).map((_, i) => sorted[i][1]) };
}

/**
 * Prefix classes as blocks of rows, each row (rank, title, the offset in the block of its
 * title's previous row or −1), the blocks sorted: the order of the classes is free.
 */
function blocks(rank: ArrayLike<number>, title: ArrayLike<number>, start: ArrayLike<number>, prev: ArrayLike<number>, n: number): string[] {
  const out: string[] = [];
  let from = 0;
  for (let j = 1; j <= n; j++) {
    if (j < n && start[j] === 0) continue;
    expect(start[from]).toBe(1);
    const rows = [];
    for (let q = from; q < j; q++) rows.push([rank[q], title[q], prev[q] < 0 ? -1 : prev[q] - from]);
    out.push(JSON.stringify(rows));
    from = j;
  }
  return out.sort();
}

/** The brute-force result: each prefix class's rows in row order, each linked to the previous row of its title there. */
function expected(rows: ReturnType<typeof rowsOf>, parts: PrefixPart[]): string[] {
  const cls = (i: number) => parts.map((p) => (p.lut ? p.lut[p.codes[i]] : p.codes[i])).join(",");
  const byClass = new Map<string, number[]>();
  for (let i = 0; i < rows.rows; i++) (byClass.get(cls(i)) ?? byClass.set(cls(i), []).get(cls(i))!).push(i);
  return [...byClass.values()]
    .map((members) =>
      JSON.stringify(
        members.map((r, j) => {
          let prev = -1;
          for (let q = j - 1; q >= 0 && prev < 0; q--) if (rows.title[members[q]] === rows.title[r]) prev = q;
          return [rows.rank[r], rows.title[r], prev];
        }),
      ),
    )
    .sort();
}

function titlesMarked(bits: Int32Array, titles: number): number[] {
  return Array.from({ length: titles }, (_, t) => t).filter((t) => (bits[t >>> 5] >>> (t & 31)) & 1);
}

const arbParts = (n: number) =>
  fc.array(
    fc.integer({ min: 1, max: 6 }).chain((values) =>
      fc.record({
        codes: fc.array(fc.integer({ min: 0, max: values - 1 }), { minLength: n, maxLength: n }),
        lut: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: values, maxLength: values }),
        wide: fc.boolean(),
        identity: fc.boolean(),
      }),
    ),
    { maxLength: 3 },
  );

describe("PrefixOrder", () => {
  it("groups rows by prefix class, keeps the inner order within each, and links each row to its title's previous row there", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 30 }).chain((n) =>
          fc.tuple(
            fc.array(fc.integer({ min: 0, max: 5 }), { minLength: n, maxLength: n }),
            fc.array(fc.integer({ min: 0, max: 4 }), { minLength: n, maxLength: n }),
            arbParts(n),
            // Every way the sorter can work: digits of 1–11 bits; previous rows found through lastAt, the marks or looking back.
            fc.record({ digitBits: fc.integer({ min: 1, max: 11 }), titleShare: fc.constantFrom(0, 1, 16), smallClass: fc.constantFrom(0, 2, 256) }),
            fc.integer({ min: 0, max: n }),
          ),
        ),
        ([ranks, titles, rawParts, sorterOptions, linkRoom]) => {
          const rows = rowsOf(ranks, titles);
          // A "wide" part claims 2^12 classes (most unused): three of them overflow Int32 keys and take the renumbering path.
          // An identity part's codes are its classes (up to 6 of them).
          const parts = rawParts.map((p) => ({ codes: Int32Array.from(p.codes), lut: p.identity ? null : Int32Array.from(p.lut), count: p.wide ? 4096 : p.identity ? 6 : 4 }));
          const o = sortedPrefix(rows.rows, rows.titles, linkRoom);
          new PrefixSorter(sorterOptions).sort(rows, parts, o);
          const want = expected(rows, parts);
          // Classes of one row are left out, counted, their titles marked.
          const single = want.filter((b) => JSON.parse(b).length === 1);
          expect(blocks(o.rank, o.title, o.start, o.prev, o.meta[0])).toEqual(want.filter((b) => JSON.parse(b).length > 1));
          expect(o.meta[1]).toBe(single.length);
          expect(titlesMarked(o.singleTitles, rows.titles)).toEqual([...new Set(single.map((b) => JSON.parse(b)[0][1]))].sort((a, b) => a - b));
          // The links: listed when they fit the room, each with its prev and the link that prev is.
          const linked = Array.from({ length: o.meta[0] }, (_, i) => i).filter((i) => o.prev[i] >= 0);
          if (linked.length > linkRoom) expect(o.meta[2]).toBe(-1);
          else {
            expect(o.meta[2]).toBe(linked.length);
            expect([...o.links.subarray(0, linked.length + 1)]).toEqual([...linked, o.meta[0]]);
            expect([...o.linkPrev.subarray(0, linked.length)]).toEqual(linked.map((i) => o.prev[i]));
            expect([...o.linkPrevLink.subarray(0, linked.length)]).toEqual(linked.map((i) => linked.indexOf(o.prev[i])));
          }
        },
      ),
      { numRuns: 400 },
    );
  });

  it("reuses its buffers from prefix to prefix", () => {
    const rows = rowsOf([0, 1, 2, 3], [0, 1, 0, 1]);
    const byTitle: PrefixPart = { codes: Int32Array.from([0, 1, 0, 1]), lut: Int32Array.from([0, 1]), count: 2 };
    const sorter = new PrefixSorter();
    const a = sortedPrefix(4, 2);
    sorter.sort(rows, [byTitle], a);
    expect([...a.rank]).toEqual([0, 2, 1, 3]);
    const b = sortedPrefix(4, 2);
    sorter.sort(rows, [], b);
    expect([...b.rank]).toEqual([0, 1, 2, 3]);
    expect([...b.prev]).toEqual([-1, -1, 0, 1]);
    expect([...a.rank]).toEqual([0, 2, 1, 3]);
  });
});
