import { describe, expect, it } from "vitest";
import { evaluateScheme } from "../../../src/measures/evaluate.js";
import { MemoryCatalog } from "../../../src/experiments/tune/memoryCatalog.js";
import { midpointError } from "../../../src/experiments/tune/objective.js";
import { parseSpace } from "../../../src/experiments/tune/space.js";
import { parseScheme } from "../../../src/schemes/parse.js";
import { catalogOf } from "../../helpers.js";

// 29.5 s, 30.4 s, 31 s, 95 s; bitrates 100, 100, 900, 900 kbps
const c = catalogOf(["A", "B", "B", "C"], { duration_ms: [29_500, 30_400, 31_000, 95_000], bitrate_kbps: [100, 100, 900, 900] });

describe("MemoryCatalog", () => {
  it("answers from the loaded catalog: choice counts, metrics as evaluateScheme, midpoint error", () => {
    const m = new MemoryCatalog(c);
    expect(m.summary).toEqual({ source: "test", rows: 4, titles: 3 });
    expect([...m.attributes]).toEqual(["duration", "bitrate"]);
    expect(m.refusal()).toBeUndefined();
    expect(() => m.metrics(parseScheme("duration=exact"))).toThrow(/prepare/);
    m.prepare(parseSpace("duration=round(1s)|round(1min),bitrate=exact|drop"));
    // round(1s): 30 s, 30 s, 31 s, 95 s → 3 values; round(1min): 0, 1, 1, 2 min → 3 values
    expect(m.choiceClasses(parseScheme("duration=round(1s)").parts[0])).toBe(3);
    expect(m.choiceClasses(parseScheme("duration=round(1min)").parts[0])).toBe(3);
    expect(m.choiceClasses(parseScheme("bitrate=exact").parts[0])).toBe(2);
    const s = parseScheme("duration=round(1min),bitrate=exact");
    expect(m.metrics(s)).toEqual(evaluateScheme(c, s).metrics);
    expect(m.midpointError(s, "duration")).toBe(midpointError(c, s, "duration"));
  });

  it("attack values are fractions, the same for the same seed", () => {
    const m = new MemoryCatalog(c);
    m.prepare(parseSpace("duration=exact"));
    const s = parseScheme("duration=exact");
    const settings = { targets: [], seed: 3, libraries: 20, attackTargets: 50 };
    const l = m.linkage(s, 2, settings);
    expect(l).toBeGreaterThanOrEqual(0);
    expect(l).toBeLessThanOrEqual(1);
    expect(new MemoryCatalog(c).linkage(s, 2, settings)).toBe(l);
    const k = m.classSuccess(s, settings);
    expect(k).toBeGreaterThanOrEqual(0);
    expect(k).toBeLessThanOrEqual(1);
  });
});
