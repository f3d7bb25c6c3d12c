import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { TitleAccumulator, TitleRanker } from "../../src/attacks/ranking.js";

describe("ranking", () => {
  it("top-k selection agrees with a full sort, ties by title order (property)", () => {
    // all-zero weights only check the empty answer: count the runs that compared a ranking
    let compared = 0;
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 1, maxLength: 40 }), fc.integer({ min: 1, max: 6 }), (weights, m) => {
        const ids = weights.map((_, i) => `T${i}`);
        const acc = new TitleAccumulator(ids.length);
        weights.forEach((w, t) => acc.add(t, w));
        const total = weights.reduce((a, b) => a + b, 0);
        const got = new TitleRanker(ids, m).rank(acc, "T0");
        if (total === 0) {
          expect(got.answer.ranked).toEqual([]);
          return;
        }
        const want = weights
          .map((w, t) => ({ id: `T${t}`, score: w / total, t }))
          .filter((c) => c.score > 0)
          .sort((a, b) => b.score - a.score || a.t - b.t)
          .slice(0, m)
          .map(({ id, score }) => ({ id, score }));
        expect(got.answer.ranked).toEqual(want);
        expect(got.truthPosterior).toBe(weights[0] / total);
        expect(acc.count).toBe(0); // reset for the next observation
        compared++;
      }),
      { numRuns: 200 },
    );
    expect(compared).toBeGreaterThanOrEqual(150);
  });

  it("attacker titles joined to one victim title are merged", () => {
    const acc = new TitleAccumulator(3);
    acc.add(0, 1); // "The Office" → The Office
    acc.add(1, 2); // "Heroes"
    acc.add(2, 2); // "Office" → The Office as well
    const r = new TitleRanker(["The Office", "Heroes", "The Office"], 5).rank(acc, "The Office");
    expect(r.answer.ranked).toEqual([{ id: "The Office", score: 3 / 5 }, { id: "Heroes", score: 2 / 5 }]);
    expect(r.truthPosterior).toBe(3 / 5);
  });
});
