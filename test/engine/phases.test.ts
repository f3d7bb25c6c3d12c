import { describe, expect, it } from "vitest";
import { newPhaseTimes, timed } from "../../src/engine/phases.js";

describe("timed", () => {
  it("returns the result, adds time to the phase, and records nothing without a phases object", () => {
    const p = newPhaseTimes();
    expect(timed(p, "group", () => 42)).toBe(42);
    expect(p.group).toBeGreaterThanOrEqual(0);
    expect(p.keys + p.partition + p.titleStats + p.metrics).toBe(0);
    expect(timed(undefined, "keys", () => "x")).toBe("x");
  });

  it("adds the time even when the step throws", () => {
    const p = newPhaseTimes();
    p.keys = -1;
    expect(() =>
      timed(p, "keys", () => {
        throw new Error("boom");
      }),
    ).toThrow("boom");
    expect(p.keys).toBeGreaterThan(-1);
  });
});
