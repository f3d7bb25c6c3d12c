import { describe, expect, it } from "vitest";
import { pct } from "../../../src/experiments/reproduce/text.js";

describe("pct: a share as a percentage with three significant digits", () => {
  it("keeps three significant digits at any scale", () => {
    expect(pct(0.22552098201541534)).toBe("22.6 %");
    expect(pct(0.000386)).toBe("0.0386 %");
    expect(pct(0.0123456)).toBe("1.23 %");
    expect(pct(1)).toBe("100 %");
    // 100 · 0.5 = 50 exactly: no trailing zeros
    expect(pct(0.5)).toBe("50 %");
  });

  it("says 0 % for zero and — for an unknown share", () => {
    expect(pct(0)).toBe("0 %");
    expect(pct(undefined)).toBe("—");
    expect(pct(Number.NaN)).toBe("—");
  });
});
