import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { classStats } from "../../src/engine/classStats.js";
import { exposedTitleCount } from "../../src/engine/exposedTitles.js";
import { partition } from "../../src/engine/partition.js";
import { closePool } from "../../src/engine/pool.js";
import { parseScheme } from "../../src/schemes/parse.js";
import { catalogOf } from "../helpers.js";

afterAll(() => closePool());

describe("exposedTitleCount", () => {
  it("worked example: titles [A, A, B, C] in classes [0, 0, 0, 1] expose C alone", () => {
    const catalog = catalogOf(["A", "A", "B", "C"], { duration_ms: [1, 1, 1, 2] });
    const part = partition(catalog, parseScheme("duration=exact"), { threads: 1 });
    expect(exposedTitleCount(catalog, part, classStats(catalog, part, { threads: 1 }).classTitles, { threads: 1 })).toBe(1);
  });

  it("counts the titles with a row in a single-title class (brute force), the same on 1, 2, 3 and 8 threads", () => {
    fc.assert(
      fc.property(fc.array(fc.record({ title: fc.integer({ min: 0, max: 20 }), d: fc.integer({ min: 0, max: 70 }) }), { maxLength: 150 }), (rows) => {
        const catalog = catalogOf(
          rows.map((r) => `T${r.title}`),
          { duration_ms: rows.map((r) => r.d) },
        );
        const part = partition(catalog, parseScheme("duration=exact"), { threads: 2, parallelFrom: 0 });
        const d = classStats(catalog, part, { threads: 1 }).classTitles;
        const titlesOfClass = new Map<number, Set<number>>();
        for (let i = 0; i < catalog.rows; i++) {
          const set = titlesOfClass.get(part.classOf[i]) ?? new Set<number>();
          set.add(catalog.titleCodes[i]);
          titlesOfClass.set(part.classOf[i], set);
        }
        const exposed = new Set<number>();
        for (const set of titlesOfClass.values()) if (set.size === 1) exposed.add([...set][0]);
        for (const threads of [1, 2, 3, 8]) {
          expect(exposedTitleCount(catalog, part, d, { threads, parallelFrom: 0 })).toBe(exposed.size);
        }
      }),
      { numRuns: 40 },
    );
  });
});
