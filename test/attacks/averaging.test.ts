import { describe, expect, it } from "vitest";
import { catalogOf } from "../helpers.js";
import { averagingAttack, expectedReport } from "../../src/attacks/averaging.js";
import type { AttackOutcome } from "../../src/attacks/types.js";
import { Rng } from "../../src/base/random.js";
import { UserError } from "../../src/base/errors.js";
import { parseScheme } from "../../src/schemes/parse.js";

/** success@1 straight from the outcomes: the top-ranked title is the truth. */
function success1(outcomes: AttackOutcome[]): number {
  return outcomes.filter((o) => o.answer.ranked.length > 0 && o.answer.ranked[0].id === o.truth).length / outcomes.length;
}

// 1000 distinct titles, durations uniform over 0..10 000 s in whole ms (mean spacing 10 s)
const N = 1000;
const rng = new Rng(3);
const durations = Array.from({ length: N }, () => Math.floor(rng.uniform(0, 1e7)));
const catalog = catalogOf(
  durations.map((_, i) => `title ${i}`),
  { duration_ms: durations },
);
const TARGETS = 300;

const run = (scheme: string, reports: number) => averagingAttack(catalog, { scheme: parseScheme(scheme), reports, targets: TARGETS, seed: 1 });

describe("repeat-play averaging", () => {
  it("fresh geometric noise: success@1 rises with k towards the noise-free grid's success", () => {
    // per report SD ≈ 7 s (scale 5 steps of 1 s); the noise-free limit is round(1s)
    const baseline = success1(run("duration=round(1s)", 1));
    expect(baseline).toBeGreaterThan(0.9);
    const ks = [1, 4, 16, 64, 256, 1024];
    const s = ks.map((k) => success1(run("duration=geom(1s,scale=5,seed=5,fresh)", k)));
    for (let i = 1; i < s.length; i++) expect(s[i]).toBeGreaterThanOrEqual(s[i - 1] - 0.03);
    expect(s[0]).toBeLessThan(baseline - 0.3);
    expect(s[s.length - 1]).toBeGreaterThan(baseline - 0.05);
  });

  it("memoized noise: k reports are worth one, so success stays flat in k", () => {
    const one = run("duration=geom(1s,scale=20,seed=5,memo)", 1);
    const many = run("duration=geom(1s,scale=20,seed=5,memo)", 256);
    expect(many).toEqual(one);
    const fresh = success1(run("duration=geom(1s,scale=20,seed=5,fresh)", 256));
    expect(success1(many)).toBeLessThan(fresh - 0.4);
  });

  it("fresh randomized rounding is unbiased, so averaging converges to the exact value's success", () => {
    expect(success1(run("duration=exact", 1))).toBe(1); // durations are distinct
    const k1 = success1(run("duration=rround(10s,seed=2,fresh)", 1));
    const k400 = success1(run("duration=rround(10s,seed=2,fresh)", 400));
    expect(k1).toBeLessThan(0.8);
    expect(k400).toBeGreaterThan(0.95);
    const memo = success1(run("duration=rround(10s,seed=2,memo)", 400));
    expect(memo).toBe(k1); // memo at k = 400 is the same single report as fresh at k = 1 (report 0)
  });

  it("hand-computed: noise that is practically zero names the title, and splits ties evenly", () => {
    // scale 0.01 step: P(Z ≠ 0) = 2α/(1+α) with α = e^−100, i.e. never
    const c = catalogOf(["a", "b", "c", "d"], { duration_ms: [0, 10_000, 10_000, 100_000] });
    const out = averagingAttack(c, { scheme: parseScheme("duration=geom(1s,scale=0.01,seed=1,fresh)"), reports: 3, targets: "all", seed: 1 });
    expect(out.map((o) => o.truth)).toEqual(["a", "b", "c", "d"]);
    expect(out[0].answer).toEqual({ ranked: [{ id: "a", score: 1 }], confidence: 1, scoreKind: "posterior" });
    expect(out[1].answer.ranked.map((r) => r.id).sort()).toEqual(["b", "c"]);
    expect(out[1].answer.ranked[0].score).toBeCloseTo(0.5, 12);
    expect(out[1].truthPosterior).toBeCloseTo(0.5, 12);
    expect(out[3].answer.confidence).toBe(1);
    expect(out.every((o) => o.inCatalog)).toBe(true);
  });

  it("deterministic parts must match exactly: a resolution class separates equal durations", () => {
    const c = catalogOf(["sd", "hd"], { duration_ms: [5000, 5000], width: [720, 1920], height: [576, 1080] });
    const out = averagingAttack(c, { scheme: parseScheme("duration=geom(1s,scale=0.01,seed=1),resolution=class"), reports: 1, targets: "all", seed: 1 });
    expect(out.map((o) => o.answer.ranked.map((r) => r.id))).toEqual([["sd"], ["hd"]]);
  });

  it("the expected report is the rounded grid point for geom and the value for rround", () => {
    const col = Float64Array.of(1499, 1500, NaN);
    expect(Array.from(expectedReport({ kind: "geom", width: 1000, scale: 1, seed: 0, mode: "memo" }, col))).toEqual([1000, 2000, NaN]);
    expect(Array.from(expectedReport({ kind: "rround", width: 1000, seed: 0, mode: "memo" }, col))).toEqual([1499, 1500, NaN]);
  });

  it("is deterministic under its seeds and refuses bad input with a UserError", () => {
    expect(run("duration=geom(1s,scale=20,seed=5,fresh)", 8)).toEqual(run("duration=geom(1s,scale=20,seed=5,fresh)", 8));
    expect(() => run("duration=geom(1s,scale=2,seed=5)", 0)).toThrow(UserError);
    expect(() => run("bitrate=geom(1kbps,scale=2,seed=5)", 4)).toThrow(/observes bitrate, which the victim catalog/);
    expect(() => run("none", 4)).toThrow(/observes something/);
  });
});
