import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { runLibraryAttack } from "../../src/attacks/libraryAttack.js";
import { buildLibraryIndex } from "../../src/attacks/libraryIndex.js";
import { LinkageScratch, linkCandidates, shufflePrefix } from "../../src/attacks/linkage.js";
import { Rng } from "../../src/base/random.js";
import { parseScheme } from "../../src/schemes/parse.js";
import { catalogOf } from "../helpers.js";
import { hand, handLibs, link, round10 } from "./handLibraries.js";

describe("linkage on the hand example", () => {
  it("one play: the class's posting", () => {
    expect(link([0])).toEqual([0, 1, 2]); // c10
    expect(link([1])).toEqual([0, 1, 2]); // row 1 is also c10: A and B look alike
    expect(link([3])).toEqual([0, 2]); // c30
    expect(link([4])).toEqual([1, 3]); // c40
  });

  it("two plays: intersections, rarest first", () => {
    expect(link([0, 3])).toEqual([0, 2]); // {0,1,2} ∩ {0,2}
    expect(link([2, 3])).toEqual([0]); // {0,1,3} ∩ {0,2}
    expect(link([4, 5])).toEqual([3]); // {1,3} ∩ {2,3}
    expect(link([0, 4])).toEqual([1]); // {0,1,2} ∩ {1,3}
    expect(link([3, 4])).toEqual([]); // {0,2} ∩ {1,3}
    expect(link([0, 1])).toEqual([0, 1, 2]); // the same class twice adds nothing
  });

  it("all three plays of each library single it out", () => {
    const out = runLibraryAttack(hand, handLibs, { method: "linkage", scheme: round10, plays: 3, targets: "all", seed: 1 });
    expect(out.map((o) => [o.truth, o.candidates, o.answer.ranked.map((r) => r.id), o.answer.confidence])).toEqual([
      ["0", 1, ["0"], 1],
      ["1", 1, ["1"], 1],
      ["2", 1, ["2"], 1],
      ["3", 1, ["3"], 1],
    ]);
  });

  it("p = 1 and p = 2 give one of the hand-computed candidate counts, posterior 1/m", () => {
    // Per library: the candidate sets of each single play and of each pair of its plays.
    const single: Record<string, number[][]> = {
      "0": [[0, 1, 2], [0, 1, 3], [0, 2]], // c10, c20, c30
      "1": [[0, 1, 2], [0, 1, 3], [1, 3]], // c10, c20, c40
      "2": [[0, 1, 2], [0, 2], [2, 3]], // c10, c30, c41
      "3": [[0, 1, 3], [1, 3], [2, 3]], // c20, c40, c41
    };
    const pairs: Record<string, number[][]> = {
      "0": [[0, 1], [0, 2], [0]], // c10+c20, c10+c30, c20+c30
      "1": [[0, 1], [1], [1, 3]], // c10+c20, c10+c40, c20+c40
      "2": [[0, 2], [2], [2]], // c10+c30, c10+c41, c30+c41
      "3": [[1, 3], [3], [3]], // c20+c40, c20+c41, c40+c41
    };
    for (const seed of [1, 2, 3, 4, 5]) {
      for (const [p, table] of [[1, single], [2, pairs]] as const) {
        for (const o of runLibraryAttack(hand, handLibs, { method: "linkage", scheme: round10, plays: p, targets: "all", seed })) {
          const got = o.answer.ranked.map((r) => Number(r.id)).sort((a, b) => a - b);
          expect(table[o.truth]).toContainEqual(got);
          expect(o.candidates).toBe(got.length);
          expect(o.answer.ranked.map((r) => r.id)).toContain(o.truth);
          for (const r of o.answer.ranked) expect(r.score).toBeCloseTo(1 / o.candidates, 12);
          expect(o.answer.confidence).toBeCloseTo(1 / o.candidates, 12);
        }
      }
    }
  });
});

describe("linkCandidates against brute force", () => {
  it("equals the libraries whose classes include every observed class", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 1, maxLength: 25 }),
        fc.array(fc.array(fc.nat(), { maxLength: 8 }), { minLength: 1, maxLength: 12 }),
        fc.array(fc.nat(), { maxLength: 5 }),
        (durS, libRows, picks) => {
          const cat = catalogOf(durS.map((_, i) => `t${i}`), { duration_ms: durS.map((d) => d * 1000) });
          const n = cat.rows;
          const lists = libRows.map((l) => l.map((r) => r % n));
          const offsets = Int32Array.from([0, ...lists.map((l) => l.length)].map((_, i, a) => a.slice(0, i + 1).reduce((x, y) => x + y, 0)));
          const libs = { offsets, items: Int32Array.from(lists.flat()) };
          const index = buildLibraryIndex(cat, libs, parseScheme("duration=floor(2s)"));
          const cls = Int32Array.from(picks, (r) => index.classOf[r % n]);
          const out = new Int32Array(lists.length);
          const m = linkCandidates(index, cls, cls.length, out, new Int32Array(Math.max(1, cls.length)));
          const want = lists
            .map((l, j) => [j, new Set(l.map((r) => index.classOf[r]))] as const)
            .filter(([, set]) => Array.from(cls).every((c) => set.has(c)))
            .map(([j]) => j);
          expect(Array.from(out.subarray(0, m))).toEqual(want);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("shufflePrefix", () => {
  it("puts k of the m candidates first, a permutation of them, leaving the rest of the array alone", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 0, max: 15 }), fc.nat(), (m, k, seed) => {
        const cands = Int32Array.from({ length: m + 3 }, (_, i) => 100 + i);
        shufflePrefix(cands, m, k, new Rng(seed));
        expect(Array.from(cands.subarray(0, m)).sort((a, b) => a - b)).toEqual(Array.from({ length: m }, (_, i) => 100 + i));
        expect(Array.from(cands.subarray(m))).toEqual([100 + m, 101 + m, 102 + m]);
      }),
    );
  });

  it("each candidate is first equally often: 1 of 4 over 8000 seeded shuffles (5σ)", () => {
    const rng = new Rng(6);
    const first = [0, 0, 0, 0];
    const reps = 8000;
    for (let r = 0; r < reps; r++) {
      const c = Int32Array.of(0, 1, 2, 3);
      shufflePrefix(c, 4, 1, rng);
      first[c[0]]++;
    }
    for (const f of first) expect(Math.abs(f - reps / 4)).toBeLessThan(5 * Math.sqrt(reps * 0.25 * 0.75));
  });

  it("LinkageScratch sizes its buffers by the attacker's libraries and the plays", () => {
    const index = buildLibraryIndex(hand, handLibs, round10, Uint8Array.of(1, 0, 0, 0));
    const scratch = new LinkageScratch(index, 5);
    expect(scratch.candidates.length).toBe(3);
    expect(scratch.order.length).toBe(5);
  });
});

