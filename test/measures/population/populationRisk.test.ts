import { describe, expect, it } from "vitest";
import { UserError } from "../../../src/base/errors.js";
import { evaluate } from "../../../src/measures/evaluate.js";
import { checkPopulationOptions, populationSize, POPULATION_METRIC_KEYS } from "../../../src/measures/population/populationRisk.js";
import { generateVideoLibrary } from "../../../src/sources/synthetic/synthetic.js";

describe("population options", () => {
  it("ranges are checked before any data: population a whole number, π in (0, 1], a known estimator", () => {
    expect(() => checkPopulationOptions({ population: 0 })).toThrow(UserError);
    expect(() => checkPopulationOptions({ population: 1.5 })).toThrow(/whole number/);
    expect(() => checkPopulationOptions({ samplingFraction: 0 })).toThrow(/\(0, 1\]/);
    expect(() => checkPopulationOptions({ samplingFraction: 1.01 })).toThrow(/\(0, 1\]/);
    expect(() => checkPopulationOptions({ population: 10, estimator: "chao" as never })).toThrow(/unknown estimator "chao"/);
    expect(() => checkPopulationOptions({ estimator: "zayatz" })).toThrow(/needs population or samplingFraction/);
    expect(() => checkPopulationOptions({ population: 10, samplingFraction: 1, estimator: "all" })).not.toThrow();
  });

  it("sizes: N from π is n/π; the population holds the catalog; both sizes must agree", () => {
    expect(populationSize(100, { samplingFraction: 0.01 })).toEqual({ n: 100, N: 10_000, pi: 0.01 });
    expect(populationSize(100, { population: 400 })).toEqual({ n: 100, N: 400, pi: 0.25 });
    expect(() => populationSize(100, { population: 99 })).toThrow(/smaller than the catalog/);
    expect(() => populationSize(100, { population: 1000, samplingFraction: 0.2 })).toThrow(/disagree/);
    expect(populationSize(100, { population: 1000, samplingFraction: 0.1 }).N).toBe(1000);
  });
});

describe("evaluate with a population", () => {
  const catalog = generateVideoLibrary({ titles: 500, seed: 4 });

  it("adds every pop_* key and a status per estimator; without a size, nothing", () => {
    const [r] = evaluate(catalog, ["duration=round(1s)"], { population: catalog.rows * 20 }).results;
    for (const k of POPULATION_METRIC_KEYS) expect(k in r.metrics).toBe(true);
    expect(Object.keys(r.population!.estimates).sort()).toEqual(["copula", "dankar", "pitman", "snb", "zayatz"]);
    expect(r.population!.unit).toBe("records");
    const [plain] = evaluate(catalog, ["duration=round(1s)"]).results;
    expect(Object.keys(plain.metrics).some((k) => k.startsWith("pop_"))).toBe(false);
    expect(plain.population).toBeUndefined();
  });

  it("a census (π = 1): Zayatz returns the catalog's own unique_fraction", () => {
    const [r] = evaluate(catalog, ["duration=round(10s)"], { samplingFraction: 1, estimator: "zayatz" }).results;
    expect(r.metrics.pop_unique_zayatz).toBeCloseTo(r.metrics.unique_fraction, 12);
  });

  it("rejects a population smaller than the catalog before partitioning", () => {
    expect(() => evaluate(catalog, ["duration=round(1s)"], { population: 10 })).toThrow(UserError);
  });
});
