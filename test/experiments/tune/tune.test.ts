import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Catalog } from "../../../src/catalog/catalog.js";
import { evaluateScheme } from "../../../src/measures/evaluate.js";
import { formatScheme } from "../../../src/schemes/format.js";
import { parseObjective } from "../../../src/experiments/tune/objective.js";
import { parseSpace, spaceSchemes } from "../../../src/experiments/tune/space.js";
import { parseTarget, meets, targetKey } from "../../../src/experiments/tune/target.js";
import { paretoFrontier } from "../../../src/experiments/tune/frontier.js";
import { tune } from "../../../src/experiments/tune/tune.js";
import { catalogOf } from "../../helpers.js";
import { playLogUnicity } from "../../../src/attacks/playLogUnicity.js";
import { playRowsOf, syntheticPlayLog } from "../../../src/attacks/syntheticPlayLog.js";
import { playLogFromRows } from "../../../src/sources/playLog.js";
import { loadSynthetic } from "../../../src/sources/synthetic/synthetic.js";

/** Exhaustive search by definition: every scheme evaluated from the rows. */
function bruteForce(catalogs: Catalog[], spaceText: string, targetTexts: string[]) {
  const targets = targetTexts.map(parseTarget);
  const all = spaceSchemes(parseSpace(spaceText)).map((scheme) => {
    const metrics = catalogs.map((c) => {
      const has = (a: string) => (a === "resolution" ? !!(c.numeric.width || c.numeric.height) : !!c.numeric[a === "duration" ? "duration_ms" : "bitrate_kbps"]);
      return evaluateScheme(c, { parts: scheme.parts.filter((p) => has(p.attribute)) }).metrics;
    });
    const objective = metrics.reduce((s, m) => s + m.entropy_bits, 0);
    const ok = targets.every((t) => metrics.every((m) => meets(t, m[targetKey(t)])));
    return { scheme, text: formatScheme(scheme), metrics, objective, meets: ok };
  });
  const qualifying = all.filter((o) => o.meets).sort((a, b) => b.objective - a.objective || (a.text < b.text ? -1 : a.text > b.text ? 1 : 0));
  return { all, recommended: qualifying[0]?.text ?? null, frontier: paretoFrontier(all, targets).map((o) => o.text).sort() };
}

const POOL = {
  duration: ["exact", "round(1s)", "round(2s)", "round(3s)", "floor(2s)", "floor(4s)", "round(1min)", "log(10%)", "drop"],
  bitrate: ["exact", "round(100kbps)", "round(300kbps)", "floor(1Mbps)", "drop"],
  resolution: ["exact", "height", "class", "drop"],
};

const arbCatalog = fc
  .array(fc.record({ title: fc.integer({ min: 0, max: 12 }), d: fc.integer({ min: 1, max: 60 }), b: fc.integer({ min: 1, max: 40 }), h: fc.constantFrom(480, 720, 1080, 800) }), { minLength: 1, maxLength: 40 })
  .map((rows) =>
    catalogOf(
      rows.map((r) => `t${r.title}`),
      { duration_ms: rows.map((r) => r.d * 1700), bitrate_kbps: rows.map((r) => r.b * 150), width: rows.map((r) => (r.h === 800 ? 1920 : (r.h * 16) / 9)), height: rows.map((r) => r.h) },
    ),
  );
const arbSpace = fc
  .record({
    duration: fc.subarray(POOL.duration, { minLength: 1, maxLength: 4 }),
    bitrate: fc.subarray(POOL.bitrate, { minLength: 1, maxLength: 3 }),
    resolution: fc.subarray(POOL.resolution, { minLength: 1, maxLength: 3 }),
  })
  .map((s) => `duration=${s.duration.join("|")},bitrate=${s.bitrate.join("|")},resolution=${s.resolution.join("|")}`);
const arbTarget = fc.oneof(
  fc.double({ min: 0, max: 1, noNaN: true }).map((v) => `title_unique_fraction<=${v.toFixed(3)}`),
  fc.double({ min: 0, max: 1, noNaN: true }).map((v) => `kappa<=${v.toFixed(3)}`),
  fc.integer({ min: 1, max: 4 }).map((k) => `k_min>=${k}`),
);

describe("tune against exhaustive brute force", () => {
  it("same recommendation and frontier on random catalogs, spaces and targets; pruned schemes never qualify", () => {
    let pruned = 0;
    let recommended = 0;
    fc.assert(
      fc.property(fc.array(arbCatalog, { minLength: 1, maxLength: 2 }), arbSpace, fc.array(arbTarget, { minLength: 1, maxLength: 2 }), (catalogs, space, targets) => {
        const brute = bruteForce(catalogs, space, targets);
        const opts = { targets: targets.map(parseTarget), space: parseSpace(space) };
        const full = tune(catalogs, { ...opts, prune: false });
        const fast = tune(catalogs, opts);
        expect(fast.recommended?.text ?? null).toBe(brute.recommended);
        expect(full.recommended?.text ?? null).toBe(brute.recommended);
        expect(full.frontier.map((o) => o.text).sort()).toEqual(brute.frontier);
        // Roll-up gives the row path's metrics to the bit.
        for (const o of full.outcomes) expect(o.metrics).toEqual(brute.all.find((b) => b.text === o.text)!.metrics);
        const evaluated = new Set(fast.outcomes.map((o) => o.text));
        for (const b of brute.all) if (!evaluated.has(b.text)) expect(b.meets).toBe(false);
        expect(fast.evaluated + fast.pruned).toBe(brute.all.length);
        pruned += fast.pruned;
        if (brute.recommended) recommended++;
      }),
      { numRuns: 60, seed: 7 },
    );
    // The property really exercised pruning and both outcomes.
    expect(pruned).toBeGreaterThan(20);
    expect(recommended).toBeGreaterThan(5);
  });
  it("the same result, counts included, on 1, 2 and 3 threads (schemes evaluated ahead are never counted)", () => {
    fc.assert(
      fc.property(fc.array(arbCatalog, { minLength: 1, maxLength: 2 }), arbSpace, fc.array(arbTarget, { minLength: 1, maxLength: 2 }), fc.boolean(), (catalogs, space, targets, prune) => {
        const opts = { targets: targets.map(parseTarget), space: parseSpace(space), prune };
        const one = tune(catalogs, { ...opts, threads: 1 });
        for (const threads of [2, 3]) expect(tune(catalogs, { ...opts, threads })).toEqual(one);
      }),
      { numRuns: 25, seed: 11 },
    );
  });
});

describe("tune, hand-checked", () => {
  // 29.5 s and 30.4 s: one class under round(1s) (both → 30 s), two under round(1min)
  // (0 and 1 min). round(1min) is coarser but not nested (60 is even): its failure must
  // not prune round(1s).
  const pair = catalogOf(["A", "B"], { duration_ms: [29_500, 30_400] });

  it("an even ratio does not prune: round(1s) survives round(1min)'s failure", () => {
    const r = tune([pair], { targets: [parseTarget("title_unique_fraction<=0.5")], space: parseSpace("duration=round(1s)|round(1min)") });
    expect(r.pruned).toBe(0);
    expect(r.recommended?.text).toBe("duration=round(1s)");
    expect(r.outcomes.find((o) => o.text === "duration=round(1min)")!.metrics[0].title_unique_fraction).toBe(1);
  });

  it("an odd ratio nests, so a failing coarse scheme prunes the finer one", () => {
    const c = catalogOf(["A", "A", "B"], { duration_ms: [3000, 4000, 9000] });
    const r = tune([c], { targets: [parseTarget("title_unique_fraction<=0.1")], space: parseSpace("duration=round(1s)|round(3s)") });
    // round(3s): 3 s, 4 s → 3 s (A alone), 9 s → 9 s (B alone): fails with 1; round(1s)
    // has more classes, comes later, and nests (ratio 3) → pruned without evaluation
    expect(r.pruned).toBe(1);
    expect(r.recommended).toBeNull();
    expect(r.closest).toEqual([{ target: "title_unique_fraction<=0.1", scheme: "duration=round(3s)", value: 1, catalog: "test" }]);
  });

  it("names the next finer choice and the target it breaks", () => {
    const c = catalogOf(["A", "A", "B", "C"], { duration_ms: [60_000, 61_000, 62_000, 200_000] });
    const r = tune([c], { targets: [parseTarget("title_unique_fraction<=0.3")], space: parseSpace("duration=exact|round(5s)") });
    // exact: 4 classes, every row named → 1; round(5s): 60, 61, 62 s → 60 s (A, B), 200 s alone (C) → 1/4
    expect(r.recommended?.text).toBe("duration=round(5s)");
    expect(r.recommended?.finer).toEqual([
      { attribute: "duration", choice: "exact", scheme: "duration=exact", breaks: { target: "title_unique_fraction<=0.3", catalog: "test", value: 1 }, pruned: false, objective: 2 },
    ]);
    expect(r.recommended?.binding).toEqual({ target: "title_unique_fraction<=0.3", catalog: "test", value: 0.25 });
  });

  it("ties go to the lexicographically smallest canonical scheme", () => {
    const c = catalogOf(["A", "B"], { duration_ms: [10_000, 20_000], bitrate_kbps: [500, 500] });
    const r = tune([c], { targets: [parseTarget("k_min>=1")], space: parseSpace("duration=exact,bitrate=exact|drop") });
    // bitrate is constant: both schemes carry 1 bit
    expect(r.recommended?.text).toBe("duration=exact");
  });

  it("an attribute a catalog lacks is unobserved there", () => {
    const withBitrate = catalogOf(["A", "B"], { duration_ms: [10_000, 10_000], bitrate_kbps: [100, 900] });
    const without = catalogOf(["A", "B"], { duration_ms: [10_000, 10_000] });
    const r = tune([withBitrate, without], { targets: [parseTarget("title_unique_fraction<=0.5")], space: parseSpace("duration=exact,bitrate=exact|drop") });
    expect(r.recommended?.text).toBe("duration=exact");
    const both = r.outcomes.find((o) => o.text === "duration=exact,bitrate=exact")!;
    expect(both.metrics.map((m) => m.title_unique_fraction)).toEqual([1, 0]);
  });

  it("the objective can be bits of one attribute or error (against)", () => {
    const c = catalogOf(["A", "B", "C"], { duration_ms: [100_000, 130_000, 170_000] });
    const r = tune([c], { targets: [parseTarget("k_min>=1")], space: parseSpace("duration=round(1min)|drop"), objective: parseObjective("error(duration)") });
    // round(1min): |100−120|+|130−120|+|170−180| = 40 s → 13.33 s; drop: midpoint 135 s → (35+5+35)/3 = 25 s
    expect(r.outcomes.map((o) => [o.text, o.objective])).toEqual([
      ["duration=round(1min)", -40_000 / 3],
      ["none", -25_000],
    ]);
    expect(r.recommended?.text).toBe("duration=round(1min)");
  });
});

/**
 * tune with play logs: linkage(p) is the log's own unicity (its servers, the seeded
 * draw), not simulated servers'.
 */

const catalog = loadSynthetic("synthetic:video-library?titles=300&seed=4");
const log = playLogFromRows(playRowsOf(catalog, syntheticPlayLog(catalog, { servers: 80, seed: 2, meanSize: 6 }), "plays"));

describe("tune over a play log", () => {
  it("reports each scheme's linkage as the log's unicity with the seed", () => {
    const result = tune([log.items], {
      targets: [parseTarget("linkage(3)<=0.5")],
      space: parseSpace("duration=round(1s)|round(1min)|round(10min),bitrate=drop|round(1Mbps)"),
      playLogs: [log],
      seed: 5,
      prune: false,
    });
    expect(result.evaluated).toBe(6);
    for (const o of result.outcomes) {
      const [row] = playLogUnicity(log, o.scheme, { plays: [3], seed: 5 });
      expect(o.metrics[0].linkage_3).toBe(row.unique_fraction);
      expect(o.meets).toBe(row.unique_fraction <= 0.5);
    }
    // Pruning (linkage only grows under refinement) leaves the recommendation as is.
    const pruned = tune([log.items], { targets: [parseTarget("linkage(3)<=0.5")], space: parseSpace("duration=round(1s)|round(1min)|round(10min),bitrate=drop|round(1Mbps)"), playLogs: [log], seed: 5 });
    expect(pruned.recommended?.text).toBe(result.recommended?.text);
  });

  it("refuses play logs that are not the catalogs' own", () => {
    expect(() => tune([catalog], { targets: [parseTarget("linkage(2)<=0.5")], playLogs: [log] })).toThrow("playLogs must list");
  });
});
