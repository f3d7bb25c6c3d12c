/**
 * F7 (population estimators vs the truth), called directly with { quick: true, seed: 1 }:
 * data shape, the truth recomputed from the population, numbers in the text taken from
 * the data, determinism.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { paramsOf } from "../../../src/experiments/reproduce/catalogs.js";
import { estimatorSummary, f7, F7_ESTIMATORS, F7_MIN_SAMPLE, type F7Row } from "../../../src/experiments/reproduce/f7.js";
import type { Artifact } from "../../../src/experiments/reproduce/types.js";
import { evaluate } from "../../../src/measures/evaluate.js";
import { renderCsv } from "../../../src/output/tabular.js";
import { generateVideoLibrary } from "../../../src/sources/synthetic/synthetic.js";
import { dataDir, tableRecords } from "../../helpers.js";

process.env.FPRISK_DATA_DIR ??= dataDir;
const config = { quick: true, seed: 1 };
const { fractions: F7_FRACTIONS, syntheticSchemes: F7_SYNTHETIC_SCHEMES } = paramsOf(config, "F7");

let artifact: Artifact;
let rows: F7Row[];
beforeAll(async () => {
  artifact = await f7.make(config);
  rows = tableRecords(artifact.data).map((r) => ({ ...r, value: r.value === "" ? NaN : Number(r.value) }) as unknown as F7Row);
}, 300_000);

describe("F7", () => {
  it("has every estimator for every synthetic scheme and sampling fraction, and real-catalog panels", () => {
    const synthetic = rows.filter((r) => String(r.source).startsWith("synthetic:"));
    for (const scheme of F7_SYNTHETIC_SCHEMES) {
      for (const pi of F7_FRACTIONS) {
        for (const e of F7_ESTIMATORS) expect(synthetic.some((r) => r.scheme === scheme && r.pi === pi && r.estimator === e), `${scheme} ${pi} ${e}`).toBe(true);
      }
    }
    expect(new Set(rows.map((r) => r.source)).size).toBeGreaterThan(1);
    for (const r of rows) expect(r.sample_rows).toBeGreaterThanOrEqual(F7_MIN_SAMPLE);
  });

  it("the truth is the population's own unique_fraction", () => {
    const population = generateVideoLibrary({ rows: 100_000, seed: 1 });
    for (const scheme of F7_SYNTHETIC_SCHEMES) {
      const truth = evaluate(population, [scheme]).results[0].metrics.unique_fraction;
      for (const r of rows.filter((x) => x.scheme === scheme && String(x.source).startsWith("synthetic:"))) expect(r.truth).toBeCloseTo(truth, 12);
    }
  });

  it("the text's numbers come from the data", () => {
    const copula = estimatorSummary(rows, "copula");
    expect(artifact.text).toContain(`largest error anywhere was ${Number((100 * copula.maxError).toPrecision(2))} pp`);
    const pitman = estimatorSummary(rows, "pitman");
    expect(artifact.text).toContain(`Pitman had no estimate in ${pitman.failed} of ${pitman.total} cases`);
    expect(artifact.markdown).toContain("| population | scheme | π | truth |");
  });

  it("is deterministic", async () => {
    const again = await f7.make(config);
    expect(renderCsv(again.data)).toBe(renderCsv(artifact.data));
    expect(again.text).toBe(artifact.text);
  }, 300_000);
});
