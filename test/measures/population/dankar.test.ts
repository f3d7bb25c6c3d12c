import { describe, expect, it } from "vitest";
import { dankar } from "../../../src/measures/population/dankar.js";
import type { PopulationEstimate } from "../../../src/measures/population/estimate.js";

const ok = (value: number): PopulationEstimate => ({ value, status: "ok" });
const failed: PopulationEstimate = { value: NaN, status: "not_converged" };

describe("Dankar et al. decision rule", () => {
  it("π ≤ 0.1: Pitman, or Zayatz when Pitman has no estimate", () => {
    expect(dankar(0.05, { zayatz: ok(0.3), pitman: ok(0.12), snb: ok(0.1) })).toMatchObject({ value: 0.12, detail: { used: "pitman" } });
    expect(dankar(0.1, { zayatz: ok(0.3), pitman: failed, snb: ok(0.1) })).toMatchObject({ value: 0.3, detail: { used: "zayatz" } });
  });

  it("π > 0.1: the smaller of Zayatz and SNB, or Zayatz when SNB failed", () => {
    expect(dankar(0.3, { zayatz: ok(0.2), pitman: ok(0.01), snb: ok(0.15) })).toMatchObject({ value: 0.15, detail: { used: "snb" } });
    expect(dankar(0.3, { zayatz: ok(0.2), pitman: ok(0.01), snb: ok(0.25) })).toMatchObject({ value: 0.2, detail: { used: "zayatz" } });
    expect(dankar(0.3, { zayatz: ok(0.2), pitman: ok(0.01), snb: failed })).toMatchObject({ value: 0.2, detail: { used: "zayatz" } });
  });
});
