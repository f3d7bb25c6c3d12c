import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { partition } from "../../src/engine/partition.js";
import { itemRisk, mostIdentifyingOrder } from "../../src/measures/itemRisk.js";
import { parseScheme } from "../../src/schemes/parse.js";
import { catalogOf } from "../helpers.js";

describe("itemRisk, hand-computed", () => {
  // titles A A B C, durations 10 s 10 s 10 s 20 s: classes {0, 1, 2} and {3}
  const cat = catalogOf(["A", "A", "B", "C"], { duration_ms: [10_000, 10_000, 10_000, 20_000] });
  const risk = itemRisk(cat, partition(cat, parseScheme("duration=exact")));

  it("f, c and d per row", () => {
    expect([...risk.classSize]).toEqual([3, 3, 3, 1]);
    expect([...risk.sameTitle]).toEqual([2, 2, 1, 1]);
    expect([...risk.classTitles]).toEqual([2, 2, 2, 1]);
  });

  it("class members as CSR, ascending", () => {
    expect([...risk.start]).toEqual([0, 3, 4]);
    expect([...risk.members]).toEqual([0, 1, 2, 3]);
  });

  it("most identifying first: C (c/f = 1), then A's rows (2/3) in catalog order, then B (1/3)", () => {
    expect([...mostIdentifyingOrder(risk)]).toEqual([3, 0, 1, 2]);
  });
});

describe("mostIdentifyingOrder ties", () => {
  it("equal chance: fewer titles in the class first, then the smaller class, then catalog order", () => {
    // rows 0–1: title X twice in a class of 2 (c/f = 1, d = 1, f = 2)
    // row 2: Y alone (c/f = 1, d = 1, f = 1)
    // rows 3–4: P and Q in one class (c/f = ½, d = 2)
    // rows 5–8: R R S S in one class (c/f = ½, d = 2, f = 4)
    const cat = catalogOf(["X", "X", "Y", "P", "Q", "R", "R", "S", "S"], { duration_ms: [1, 1, 2, 3, 3, 4, 4, 4, 4] });
    const order = mostIdentifyingOrder(itemRisk(cat, partition(cat, parseScheme("duration=exact"))));
    expect([...order]).toEqual([2, 0, 1, 3, 4, 5, 6, 7, 8]);
  });
});

describe("itemRisk by definition (property)", () => {
  it("matches counting over the partition's classes; the order sorts by c/f descending", () => {
    const row = fc.record({ t: fc.integer({ min: 0, max: 5 }), d: fc.option(fc.integer({ min: 0, max: 6 }), { nil: null, freq: 6 }) });
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 50 }), (rows) => {
        const cat = catalogOf(rows.map((r) => `t${r.t}`), { duration_ms: rows.map((r) => r.d) });
        const part = partition(cat, parseScheme("duration=exact"));
        const risk = itemRisk(cat, part);
        const n = rows.length;
        for (let i = 0; i < n; i++) {
          const mates = [...Array(n).keys()].filter((j) => part.classOf[j] === part.classOf[i]);
          expect(risk.classSize[i]).toBe(mates.length);
          expect(risk.sameTitle[i]).toBe(mates.filter((j) => rows[j].t === rows[i].t).length);
          expect(risk.classTitles[i]).toBe(new Set(mates.map((j) => rows[j].t)).size);
          const k = part.classOf[i];
          expect([...risk.members.subarray(risk.start[k], risk.start[k + 1])]).toEqual(mates);
        }
        const order = [...mostIdentifyingOrder(risk)];
        expect([...order].sort((a, b) => a - b)).toEqual([...Array(n).keys()]);
        const chance = (i: number) => risk.sameTitle[i] / risk.classSize[i];
        for (let r = 1; r < n; r++) expect(chance(order[r])).toBeLessThanOrEqual(chance(order[r - 1]) + 1e-15);
      }),
      { numRuns: 200 },
    );
  });
});
