import { describe, expect, it } from "vitest";
import { failurePropagatesToFiner, meets, parseTarget, targetKey, violation } from "../../../src/experiments/tune/target.js";

describe("targets", () => {
  it("parses metric, linkage and class_success targets", () => {
    expect(parseTarget("title_unique_fraction<=0.01")).toEqual({ kind: "metric", key: "title_unique_fraction", op: "<=", value: 0.01, text: "title_unique_fraction<=0.01" });
    expect(parseTarget(" k_min >= 5 ")).toMatchObject({ kind: "metric", key: "k_min", op: ">=", value: 5, text: "k_min>=5" });
    expect(parseTarget("linkage(4)<=0.05")).toMatchObject({ kind: "linkage", plays: 4, value: 0.05 });
    expect(targetKey(parseTarget("linkage(4)<=0.05"))).toBe("linkage_4");
    expect(parseTarget("class_success<=0.2")).toMatchObject({ kind: "class_success", value: 0.2 });
  });
  it("refuses what it cannot read, naming the fix", () => {
    expect(() => parseTarget("title_unique<=0.01")).toThrow(/unknown metric title_unique; use one of/);
    expect(() => parseTarget("kappa<0.1")).toThrow(/expected metric<=value/);
    expect(() => parseTarget("linkage<=0.1")).toThrow(/linkage needs a number of plays/);
    expect(() => parseTarget("kappa(2)<=0.1")).toThrow(/only linkage takes an argument/);
  });
  it("meets and violation agree on both sides of the threshold", () => {
    const le = parseTarget("kappa<=0.1");
    const ge = parseTarget("k_min>=5");
    expect([meets(le, 0.1), meets(le, 0.11), violation(le, 0.15)]).toEqual([true, false, 0.04999999999999999]);
    expect([meets(ge, 5), meets(ge, 4), violation(ge, 3)]).toEqual([true, false, 2]);
  });
  it("prunes finer schemes only where coarsening can only help", () => {
    expect(failurePropagatesToFiner(parseTarget("title_unique_fraction<=0.01"))).toBe(true);
    expect(failurePropagatesToFiner(parseTarget("k_min>=5"))).toBe(true);
    expect(failurePropagatesToFiner(parseTarget("kappa>=0.5"))).toBe(false); // coarsening lowers kappa
    expect(failurePropagatesToFiner(parseTarget("class_success<=0.1"))).toBe(false); // sampled
    expect(failurePropagatesToFiner(parseTarget("linkage(4)<=0.05"))).toBe(true);
  });
});
