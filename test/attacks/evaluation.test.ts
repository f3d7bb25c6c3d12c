import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { evaluateAttack, precisionAtBaseRate } from "../../src/attacks/evaluation.js";
import { sampleTargets, parseTargets } from "../../src/attacks/targets.js";
import type { AttackOutcome } from "../../src/attacks/types.js";
import { Rng } from "../../src/base/random.js";

/** An outcome from a ranked list of [id, posterior]. */
function outcome(truth: string, ranked: [string, number][], inCatalog = true): AttackOutcome {
  return {
    truth,
    inCatalog,
    answer: { ranked: ranked.map(([id, score]) => ({ id, score })), confidence: ranked[0]?.[1] ?? 0, scoreKind: "posterior" },
  };
}

// Five targets, hand-scored with k = 2, threshold 0.9:
//   t1 right at rank 1, confident (0.95)         → hit@1, hit@2
//   t2 right at rank 2, not confident (top 0.6)  → hit@2
//   t3 wrong at rank 1 but confident (0.92), right at rank 2 → wrong_confident, hit@2
//   t4 no candidates                             → no_match
//   t5 out of catalog, wrong, confident (0.99)   → wrong_confident
const outcomes = [
  outcome("A", [["A", 0.95], ["B", 0.05]]),
  outcome("B", [["C", 0.6], ["B", 0.4]]),
  outcome("D", [["E", 0.92], ["D", 0.08]]),
  outcome("F", []),
  outcome("G", [["H", 0.99]], false),
];

describe("evaluateAttack, hand-computed", () => {
  const ev = evaluateAttack(outcomes, { k: 2, threshold: 0.9, bootstrap: 200, seed: 3 });

  it("rates", () => {
    expect(ev.targets).toBe(5);
    expect(ev.in_catalog).toBe(4);
    expect(ev.success_at_1.value).toBe(1 / 5);
    expect(ev.success_at_k.value).toBe(3 / 5);
    expect(ev.no_match.value).toBe(1 / 5);
    expect(ev.wrong_confident.value).toBe(2 / 5);
    // mean posterior of the truth: (0.95 + 0.4 + 0.08 + 0 + 0) / 5
    expect(ev.expected_success!.value).toBeCloseTo(1.43 / 5, 12);
  });

  it("precision/recall over thresholds", () => {
    const at = (t: number) => ev.precision_recall.find((p) => p.threshold === t)!;
    // t = 0: four answered (t4 has no candidate), one right; recall 1 of 4 in-catalog targets
    expect(at(0)).toEqual({ threshold: 0, answered: 4, precision: 1 / 4, recall: 1 / 4 });
    // t = 0.9: t1, t3, t5 answered; one right
    expect(at(0.9)).toEqual({ threshold: 0.9, answered: 3, precision: 1 / 3, recall: 1 / 4 });
    // t = 0.99: only t5, wrong
    expect(at(0.99)).toEqual({ threshold: 0.99, answered: 1, precision: 0, recall: 0 });
    expect(at(1)).toEqual({ threshold: 1, answered: 0, precision: null, recall: 0 });
  });

  it("open world: precision at the sample's base rate is the empirical precision of confident answers", () => {
    expect(ev.open_world.base_rate).toBe(4 / 5);
    expect(ev.open_world.precision_at_base_rate).toBeCloseTo(1 / 3, 12);
    expect(ev.open_world.precision_confident!.value).toBeCloseTo(1 / 3, 12);
  });

  it("open world: precision at another base rate follows π·a / (π(a+b) + (1−π)c)", () => {
    // in catalog: a = 1/4 (t1), b = 1/4 (t3); out: c = 1/1 (t5). At π = 0.5: 0.125 / (0.25 + 0.5) = 1/6.
    const half = evaluateAttack(outcomes, { k: 2, threshold: 0.9, bootstrap: 0, baseRate: 0.5 });
    expect(half.open_world.precision_at_base_rate).toBeCloseTo(1 / 6, 12);
    const sure = Uint8Array.of(1, 0, 1, 0, 1);
    const hit = Uint8Array.of(1, 0, 0, 0, 0);
    const inCat = Uint8Array.of(1, 1, 1, 1, 0);
    expect(precisionAtBaseRate(sure, hit, inCat, 1)).toBeCloseTo(1 / 2, 12); // closed world: a / (a + b)
  });

  it("bootstrap intervals contain the value and are deterministic under the seed", () => {
    for (const key of ["success_at_1", "success_at_k", "no_match", "wrong_confident"] as const) {
      const r = ev[key];
      expect(r.ci_low).toBeLessThanOrEqual(r.value);
      expect(r.ci_high).toBeGreaterThanOrEqual(r.value);
      expect(r.ci_low).toBeGreaterThanOrEqual(0);
      expect(r.ci_high).toBeLessThanOrEqual(1);
    }
    expect(evaluateAttack(outcomes, { k: 2, threshold: 0.9, bootstrap: 200, seed: 3 })).toEqual(ev);
    const other = evaluateAttack(outcomes, { k: 2, threshold: 0.9, bootstrap: 200, seed: 4 });
    expect(other.success_at_1.value).toBe(ev.success_at_1.value);
  });

  it("bootstrap 0 gives degenerate intervals", () => {
    const e0 = evaluateAttack(outcomes, { bootstrap: 0 });
    expect(e0.success_at_1).toEqual({ value: 0.2, ci_low: 0.2, ci_high: 0.2 });
  });

  it("percentile bootstrap of a mean brackets it (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.boolean(), { minLength: 5, maxLength: 60 }), fc.integer({ min: 0, max: 1000 }), (hits, seed) => {
        const os = hits.map((h, i) => outcome(`t${i}`, [[h ? `t${i}` : "x", 0.5]]));
        const e = evaluateAttack(os, { bootstrap: 300, seed });
        const v = hits.filter(Boolean).length / hits.length;
        expect(e.success_at_1.value).toBe(v);
        // the interval may sit a little off a mean at 0 or 1 only when it is 0 or 1 itself
        expect(e.success_at_1.ci_low).toBeLessThanOrEqual(v);
        expect(e.success_at_1.ci_high).toBeGreaterThanOrEqual(v);
      }),
      { numRuns: 40 },
    );
  });

  it("score-valued attacks get no expected_success and decile thresholds", () => {
    const os: AttackOutcome[] = [1, 2, 3].map((c, i) => ({ truth: `L${i}`, inCatalog: true, answer: { ranked: [{ id: `L${i}`, score: c }], confidence: c, scoreKind: "score" } }));
    const e = evaluateAttack(os, { bootstrap: 10, threshold: 2 });
    expect(e.expected_success).toBeNull();
    expect(e.precision_recall[0].threshold).toBe(1);
    expect(e.precision_recall.at(-1)!.threshold).toBe(3);
    expect(e.wrong_confident.value).toBe(0);
  });

  it("refuses an empty outcome list", () => {
    expect(() => evaluateAttack([])).toThrow(/no targets/);
  });
});

describe("sampleTargets", () => {
  it("draws distinct ascending indexes, deterministically", () => {
    const a = sampleTargets(100, 10, new Rng(5));
    expect(a).toHaveLength(10);
    expect(new Set(a).size).toBe(10);
    expect([...a]).toEqual([...a].sort((x, y) => x - y));
    expect(a.every((i) => i >= 0 && i < 100)).toBe(true);
    expect(sampleTargets(100, 10, new Rng(5))).toEqual(a);
    expect(sampleTargets(100, 10, new Rng(6))).not.toEqual(a);
  });
  it('"all" and counts ≥ n give every index', () => {
    expect([...sampleTargets(4, "all", new Rng(1))]).toEqual([0, 1, 2, 3]);
    expect([...sampleTargets(4, 9, new Rng(1))]).toEqual([0, 1, 2, 3]);
  });
  it("every index is equally likely (chi-square-free check: each of 5 drawn 1/5 of the time ± 4 %)", () => {
    const counts = new Array(5).fill(0);
    const rng = new Rng(9);
    for (let r = 0; r < 5000; r++) counts[sampleTargets(5, 1, rng)[0]]++;
    for (const c of counts) expect(Math.abs(c / 5000 - 0.2)).toBeLessThan(0.04);
  });
  it("parses --targets", () => {
    expect(parseTargets("all")).toBe("all");
    expect(parseTargets("25")).toBe(25);
    expect(() => parseTargets("0")).toThrow(/whole number/);
    expect(() => parseTargets("1e3")).toThrow(/whole number/);
  });
});
