import { describe, expect, it } from "vitest";
import { buildAttacker, DEFAULT_PAL_SHARE, parseTolerance, removeTitles } from "../../src/attacks/attacker.js";
import { runAttack } from "../../src/attacks/runAttack.js";
import { Rng } from "../../src/base/random.js";
import { catalogOf } from "../helpers.js";

describe("attacker knowledge", () => {
  it("parses --tolerance and rejects bad text", () => {
    expect(parseTolerance("duration=2s,bitrate=5%")).toEqual({ durationMs: 2000, bitratePercent: 5 });
    expect(parseTolerance("offset=-6s..31s,pal=4%")).toEqual({ offsetMs: [-6000, 31000], palShare: 0.04 });
    expect(parseTolerance("pal=0.1")).toEqual({ palShare: 0.1 });
    expect(() => parseTolerance("duration=fast")).toThrow(/`tolerance`: "duration=fast" is not valid/);
    expect(() => parseTolerance("bitrate=5")).toThrow(/bitrate=<percent>/);
    expect(() => parseTolerance("offset=31s..-6s")).toThrow(/low ≤ high/);
    expect(() => parseTolerance("speed=2")).toThrow(/keys duration, bitrate, offset, pal/);
  });

  it("defaults: exact for the same catalog; catalog attackers get the offset window and PAL share", () => {
    const cat = catalogOf(["A"], { duration_ms: [1000] });
    expect(buildAttacker(cat, "same").tolerance).toEqual({ durationMs: 0, bitratePercent: 0, offsetMs: [0, 0], palShare: 0 });
    const other = buildAttacker(cat, catalogOf(["a"], { duration_ms: [1000] }));
    expect(other.tolerance.offsetMs).toEqual([-6000, 31000]);
    // 0.12·0.2 + 0.18·0.03 + 0.55·0.02 + 0.15·0 = 0.0404
    expect(DEFAULT_PAL_SHARE).toBeCloseTo(0.0404, 12);
    expect(other.tolerance.palShare).toBe(DEFAULT_PAL_SHARE);
  });

  it("open world removes round(share × titles) target titles; their targets are out of catalog and never right", () => {
    const titles = Array.from({ length: 20 }, (_, i) => `T${i}`);
    const cat = catalogOf(titles, { duration_ms: titles.map((_, i) => i * 1000) });
    const r = removeTitles(buildAttacker(cat, "same"), titles, 0.5, new Rng(1));
    expect(r.removed.size).toBe(10);
    expect(r.knowledge.catalog.rows).toBe(10);
    const run = runAttack(cat, { scheme: "duration=exact", targets: "all", openWorld: 0.5, bootstrap: 0 });
    expect(run.evaluation.in_catalog).toBe(10);
    expect(run.evaluation.success_at_1.value).toBe(0.5);
    expect(run.evaluation.no_match.value).toBe(0.5); // exact durations: a removed title has no candidate left
    for (const o of run.outcomes) if (!o.inCatalog) expect(o.answer.ranked).toEqual([]);
    expect(run.evaluation.open_world.base_rate).toBe(0.5);
  });
});
