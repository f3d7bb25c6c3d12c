import { describe, expect, it } from "vitest";
import { checkRiskThreshold, chooseMetrics } from "../../src/cli/metricsOption.js";

describe("--metrics", () => {
  it("keeps the keys in the order given; none given is the default", () => {
    expect(chooseMetrics("kappa, classes", 0.2, false)).toEqual(["kappa", "classes"]);
    expect(chooseMetrics(undefined, 0.2, false)).toBeUndefined();
  });
  it("knows the extra keys only when they are computed", () => {
    expect(chooseMetrics("at_risk_0_1", 0.1, false)).toEqual(["at_risk_0_1"]);
    expect(() => chooseMetrics("at_risk_0_1", 0.2, false)).toThrow(/unknown metric at_risk_0_1 \(set --risk-threshold\)/);
    expect(chooseMetrics("model_kappa", 0.2, true)).toEqual(["model_kappa"]);
    expect(() => chooseMetrics("model_kappa", 0.2, false)).toThrow(/\(add --model\)/);
  });
  it("a typo gets a suggestion; an empty list is an error", () => {
    expect(() => chooseMetrics("kapa", 0.2, false)).toThrow("--metrics: unknown metric kapa; did you mean kappa?");
    expect(() => chooseMetrics(",", 0.2, false)).toThrow(/needs at least one key/);
  });
  it("τ is a share", () => {
    expect(() => checkRiskThreshold(0.5)).not.toThrow();
    expect(() => checkRiskThreshold(-0.1)).toThrow(/between 0 and 1/);
    expect(() => checkRiskThreshold(NaN)).toThrow(/between 0 and 1/);
  });
});
