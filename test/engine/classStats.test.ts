import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { classStats } from "../../src/engine/classStats.js";
import { partition, type Partition } from "../../src/engine/partition.js";
import { closePool } from "../../src/engine/pool.js";
import { parseScheme } from "../../src/schemes/parse.js";
import { catalogOf } from "../helpers.js";

afterAll(() => closePool());

/** Brute force: per class, distinct titles and Σ over titles of (rows of the title in the class)². */
function reference(titles: Int32Array, part: Partition): { d: number[]; sq: number[] } {
  const counts = new Map<string, number>();
  for (let i = 0; i < titles.length; i++) {
    const k = `${part.classOf[i]}:${titles[i]}`;
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  const d = new Array(part.classCount).fill(0);
  const sq = new Array(part.classCount).fill(0);
  for (const [k, c] of counts) {
    const cls = Number(k.split(":")[0]);
    d[cls]++;
    sq[cls] += c * c;
  }
  return { d, sq };
}

describe("classStats", () => {
  it("worked example: titles [A, A, B, C] in classes [0, 0, 0, 1]", () => {
    const catalog = catalogOf(["A", "A", "B", "C"], { duration_ms: [1, 1, 1, 2] });
    const s = classStats(catalog, partition(catalog, parseScheme("duration=exact"), { threads: 1 }), { threads: 1 });
    expect([...s.classTitles]).toEqual([2, 1]);
    expect([...s.classTitleSquares]).toEqual([5, 1]);
  });

  it("matches brute force on 1, 2, 3 and 8 threads, with private accumulators and with pairs partitioned by class range", () => {
    fc.assert(
      fc.property(
        // Few titles make runs longer than a short scan handles (sorted instead).
        fc.integer({ min: 1, max: 30 }).chain((titles) =>
          fc.array(fc.record({ title: fc.integer({ min: 0, max: titles - 1 }), d: fc.integer({ min: 0, max: 5 }) }), { maxLength: 200 }),
        ),
        fc.boolean(),
        fc.boolean(),
        fc.constantFrom(1, 2, 3, undefined),
        fc.boolean(),
        (rows, shuffled, owned, classesPerPartition, distinct) => {
          // Titles in row order or not (then the title order is a counting sort).
          const sorted = shuffled ? rows : [...rows].sort((a, b) => a.title - b.title);
          // Nearly distinct durations: classes met in ascending order but for every 40th
          // row's, which repeats the first (entries partitioned in place, a few late ones).
          const catalog = catalogOf(
            sorted.map((r) => `T${r.title}`),
            { duration_ms: sorted.map((r, i) => (!distinct ? r.d : i % 40 === 39 ? 0 : i)) },
          );
          const part = partition(catalog, parseScheme("duration=exact"), { threads: 1 });
          const ref = reference(catalog.titleCodes, part);
          for (const threads of [1, 2, 3, 8]) {
            const s = classStats(catalog, part, { threads, parallelFrom: 0, privateBytes: owned ? 0 : undefined, classesPerPartition });
            expect([...s.classTitles]).toEqual(ref.d);
            expect([...s.classTitleSquares]).toEqual(ref.sq);
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  it("classes whose Σc² passes 2^31 add up exactly with partitioned pairs", () => {
    const n = 120_000;
    // Two classes of 60 000 rows, each mostly one title: Σc² ≈ 54 000² > 2^31.
    const titles = Array.from({ length: n }, (_, i) => (i % 10 === 0 ? `T${i % 7}` : i < n / 2 ? "A" : "B"));
    const catalog = catalogOf(titles, { duration_ms: Array.from({ length: n }, (_, i) => (i < n / 2 ? 1 : 2)) });
    const part = partition(catalog, parseScheme("duration=exact"), { threads: 1 });
    const ref = reference(catalog.titleCodes, part);
    expect(ref.sq[0]).toBeGreaterThan(2 ** 31);
    for (const threads of [2, 3]) {
      const s = classStats(catalog, part, { threads, parallelFrom: 0, privateBytes: 0 });
      expect([...s.classTitles]).toEqual(ref.d);
      expect([...s.classTitleSquares]).toEqual(ref.sq);
    }
  });

  it("many classes (pooled results, Int32 squares then Float64): brute force on 1, 2 and 3 threads, titles in order or not", () => {
    const n = 140_000;
    for (const shuffled of [false, true]) {
      // ~100 000 classes of 1–3 rows, titles of 1–4 rows.
      const titles = Array.from({ length: n }, (_, i) => `T${shuffled ? (i * 7919) % 40_000 : Math.floor(i / 4)}`);
      const catalog = catalogOf(titles, { duration_ms: Array.from({ length: n }, (_, i) => (i * 104_729) % 100_000) });
      const part = partition(catalog, parseScheme("duration=exact"), { threads: 1 });
      expect(part.classCount).toBeGreaterThan(1 << 16);
      const ref = reference(catalog.titleCodes, part);
      for (const threads of [1, 2, 3]) {
        const s = classStats(catalog, part, { threads, parallelFrom: 0 });
        expect([...s.classTitles]).toEqual(ref.d);
        expect([...s.classTitleSquares]).toEqual(ref.sq);
      }
    }
  });

  it("many classes but at most n/2 (d and Σc² in one pooled buffer): brute force on 1, 2 and 3 threads", () => {
    const n = 200_000;
    // 80 000 classes of 2–3 rows, titles of 4 rows.
    const titles = Array.from({ length: n }, (_, i) => `T${Math.floor(i / 4)}`);
    const catalog = catalogOf(titles, { duration_ms: Array.from({ length: n }, (_, i) => (i * 7919) % 80_000) });
    const part = partition(catalog, parseScheme("duration=exact"), { threads: 1 });
    expect(part.classCount).toBe(80_000);
    const ref = reference(catalog.titleCodes, part);
    for (const threads of [1, 2, 3]) {
      const s = classStats(catalog, part, { threads, parallelFrom: 0, privateBytes: 0 });
      expect(s.classTitles.buffer).toBe(s.classTitleSquares.buffer);
      expect([...s.classTitles]).toEqual(ref.d);
      expect([...s.classTitleSquares]).toEqual(ref.sq);
    }
  });
});
