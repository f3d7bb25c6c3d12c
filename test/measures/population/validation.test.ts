/**
 * Population estimators against the truth (issue point 4, at test scale): a seeded
 * synthetic population of 100,000 releases, seeded samples at π = 0.1 % … 50 %, three
 * schemes. The 1M-release version is reproduce's F7. Bounds and why:
 *
 * - copula: within 8 pp of the truth at π = 0.1 % (100 rows) and 3 pp from π = 1 % (1,000 rows).
 *   Its marginals are KDEs and its correlations rank correlations fitted on the sample: with 100
 *   rows both are noisy (over seeds 2, 3, 11 the error reached 6.9 pp); from 1,000 rows what
 *   remains is mostly misspecification — a Gaussian copula cannot follow the encoding ladders'
 *   (resolution, bitrate) dependence, which puts the three-attribute scheme 0.6–2.5 pp high
 *   over those seeds;
 * - the naive sample uniqueness is never below the truth (a sampled population unique is a
 *   sample unique), and the copula beats it at every π ≤ 10 %;
 * - Zayatz is biased up (it takes the sample's small classes for the population's) — never
 *   more than 0.5 pp below the truth — and at π = 50 %, where a population class of size i ≥ 2
 *   leaves a sample unique with probability i·2^(−i) only, it is within 2 pp;
 * - SNB, Pitman and the Dankar rule, where they return an estimate at π = 50 %, are within
 *   2 pp, 3 pp and 2 pp (same argument: at half the population the models extrapolate little);
 * - statuses: a value is either in [0, 1] with status ok/no_uniques, or NaN with a failure status.
 */
import { describe, expect, it } from "vitest";
import { generateVideoLibrary } from "../../../src/sources/synthetic/synthetic.js";
import { paramsOf } from "../../../src/experiments/reproduce/catalogs.js";
import { populationValidation, type F7Row } from "../../../src/experiments/reproduce/f7.js";

const { fractions: F7_FRACTIONS, syntheticSchemes: F7_SYNTHETIC_SCHEMES } = paramsOf({ quick: true, seed: 1 }, "F7");

const rows: F7Row[] = populationValidation("test", "synthetic", generateVideoLibrary({ rows: 100_000, seed: 11 }), F7_SYNTHETIC_SCHEMES, F7_FRACTIONS, 11);
const valid = (r: F7Row) => r.status === "ok" || r.status === "no_uniques";
const of = (estimator: F7Row["estimator"]) => rows.filter((r) => r.estimator === estimator);

describe("population estimators against the truth (100k synthetic releases)", () => {
  it("covers every scheme and sampling fraction", () => {
    expect(new Set(rows.map((r) => `${r.scheme}|${r.pi}`)).size).toBe(F7_SYNTHETIC_SCHEMES.length * F7_FRACTIONS.length);
  });

  it("values and statuses agree: a number in [0, 1] or NaN with the reason", () => {
    for (const r of rows) {
      if (valid(r)) {
        expect(r.value).toBeGreaterThanOrEqual(0);
        expect(r.value).toBeLessThanOrEqual(1);
      } else {
        expect(r.value).toBeNaN();
        expect(["not_converged", "outside_parameter_space"]).toContain(r.status);
      }
    }
  });

  it("the copula stays within 8 pp at π = 0.1 % and 3 pp from π = 1 %", () => {
    for (const r of of("copula")) {
      expect(Math.abs(r.value - r.truth)).toBeLessThanOrEqual(r.pi >= 0.01 ? 0.03 : 0.08);
    }
  });

  it("the naive sample uniqueness is never below the truth, and the copula beats it up to π = 10 %", () => {
    for (const r of of("sample")) {
      expect(r.value).toBeGreaterThanOrEqual(r.truth);
      if (r.pi <= 0.1) {
        const copula = of("copula").find((c) => c.scheme === r.scheme && c.pi === r.pi)!;
        expect(Math.abs(copula.value - copula.truth)).toBeLessThan(r.value - r.truth);
      }
    }
  });

  it("Zayatz is biased up, and close at π = 50 %", () => {
    for (const r of of("zayatz")) {
      expect(r.value).toBeGreaterThanOrEqual(r.truth - 0.005);
      if (r.pi === 0.5) expect(Math.abs(r.value - r.truth)).toBeLessThanOrEqual(0.02);
    }
  });

  it("SNB, Pitman and the Dankar rule are close at π = 50 % where they have an estimate", () => {
    const bound = { snb: 0.02, pitman: 0.03, dankar: 0.02 } as const;
    for (const name of ["snb", "pitman", "dankar"] as const) {
      for (const r of of(name).filter((x) => x.pi === 0.5 && valid(x))) expect(Math.abs(r.value - r.truth)).toBeLessThanOrEqual(bound[name]);
    }
    // at least the rule always has one (it falls back to Zayatz)
    expect(of("dankar").every(valid)).toBe(true);
  });
});
