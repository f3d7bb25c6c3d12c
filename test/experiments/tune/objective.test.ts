import { describe, expect, it } from "vitest";
import { midpointError, parseObjective } from "../../../src/experiments/tune/objective.js";
import { parseScheme } from "../../../src/schemes/parse.js";
import { catalogOf } from "../../helpers.js";

describe("objective", () => {
  it("parses weighted sums; error terms count against", () => {
    expect(parseObjective("entropy + 2*bits(bitrate) - 0.5*error(duration)").terms).toEqual([
      { kind: "entropy", weight: 1 },
      { kind: "bits", attribute: "bitrate", weight: 2 },
      { kind: "error", attribute: "duration", weight: 0.5 },
    ]);
    expect(() => parseObjective("bits")).toThrow(/needs an attribute/);
    expect(() => parseObjective("error(resolution)")).toThrow(/not defined/);
    expect(() => parseObjective("speed")).toThrow(/should be entropy, bits\(attr\) or error\(attr\)/);
  });
  it("error: mean distance to the bucket's midpoint (worked example of the docs)", () => {
    const c = catalogOf(["A", "B", "C"], { duration_ms: [100_000, 130_000, 170_000] });
    expect(midpointError(c, parseScheme("duration=round(1min)"), "duration")).toBeCloseTo(40_000 / 3, 9);
    expect(midpointError(c, parseScheme("duration=exact"), "duration")).toBe(0);
    // floor(1min): [60,120) holds 100 → 90; [120,180) holds 130, 170 → 150: (10+20+20)/3
    expect(midpointError(c, parseScheme("duration=floor(1min)"), "duration")).toBeCloseTo(50_000 / 3, 9);
    // dropped: one bucket closed at the extremes, midpoint 135 s
    expect(midpointError(c, parseScheme("none"), "duration")).toBeCloseTo(25_000, 9);
    // a ladder's open top bucket is closed at the largest value it holds: [120, ∞) → [120, 170]
    expect(midpointError(c, parseScheme("duration=ladder(0s,120s)"), "duration")).toBeCloseTo((40_000 + 15_000 + 25_000) / 3, 9);
  });
});
