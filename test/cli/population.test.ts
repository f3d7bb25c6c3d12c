import { describe, expect, it } from "vitest";
import { expectUserError, fprisk } from "../cliHelpers.js";

const CATALOG = "synthetic:video-library?titles=2000&seed=3";
const SCHEME = "duration=round(1s),bitrate=round(100kbps)";

describe("fprisk evaluate / report with a population (built CLI)", () => {
  it("--sampling-fraction --estimator all --format json: every pop_* key and a status per estimator", () => {
    const r = fprisk(["evaluate", CATALOG, "--scheme", SCHEME, "--sampling-fraction", "0.01", "--estimator", "all", "--format", "json"]);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    const [res] = out.results;
    for (const k of ["pop_unique_zayatz", "pop_unique_pitman", "pop_unique_snb", "pop_unique_dankar", "pop_unique_copula", "pop_kappa_copula"]) expect(k in res.metrics).toBe(true);
    expect(res.population.unit).toBe("records");
    expect(res.population.population).toBeCloseTo(out.catalog.rows / 0.01, 6);
    for (const name of ["zayatz", "pitman", "snb", "dankar", "copula"]) {
      const e = res.population.estimates[name];
      expect(["ok", "no_uniques", "not_converged", "outside_parameter_space"]).toContain(e.status);
      // a failed fit is null in JSON (NaN), never 0
      if (e.status === "not_converged" || e.status === "outside_parameter_space") expect(res.metrics[`pop_unique_${name}`]).toBeNull();
    }
  });

  it("--estimator zayatz adds only its key", () => {
    const r = fprisk(["evaluate", CATALOG, "--scheme", SCHEME, "--population", "1000000", "--estimator", "zayatz", "--format", "json"]);
    expect(r.code, r.stderr).toBe(0);
    const keys = Object.keys(JSON.parse(r.stdout).results[0].metrics).filter((k) => k.startsWith("pop_"));
    expect(keys).toEqual(["pop_unique_zayatz"]);
  });

  it("option ranges are one-line usage errors", () => {
    expectUserError(fprisk(["evaluate", CATALOG, "--scheme", SCHEME, "--sampling-fraction", "0"]), /samplingFraction must be in \(0, 1\]/);
    expectUserError(fprisk(["evaluate", CATALOG, "--scheme", SCHEME, "--population", "100"]), /population \(100\) is smaller than the catalog/);
    expectUserError(fprisk(["evaluate", CATALOG, "--scheme", SCHEME, "--population", "1000000", "--sampling-fraction", "0.5"]), /disagree/);
    expectUserError(fprisk(["evaluate", CATALOG, "--scheme", SCHEME, "--estimator", "zayatz"]), /needs population or samplingFraction/);
  });

  it("report --population adds each item's ξ, κ and, for unique items, the Poisson posterior", () => {
    const r = fprisk(["report", CATALOG, "--scheme", SCHEME, "--population", "500000", "--format", "json", "--limit", "5"]);
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.population.unit).toBe("records");
    for (const it of report.items) {
      expect(it.population.uniqueInPopulation).toBeGreaterThanOrEqual(0);
      expect(it.population.uniqueInPopulation).toBeLessThanOrEqual(1);
      expect(it.population.correctMatch).toBeGreaterThan(0);
      if (it.classSize === 1) expect(it.population.posteriorUnique).toBeGreaterThanOrEqual(0);
      else expect(it.population.posteriorUnique).toBeNull();
    }
  });
});
