/**
 * Population risk for one scheme: from the catalog you hold (a sample of n records) to a
 * population of N records (sampling fraction π = n/N). Adds the metric keys
 *
 *   pop_unique_zayatz, pop_unique_pitman, pop_unique_snb, pop_unique_dankar
 *       the estimated fraction of population records unique on the generalized tuple,
 *       from the class-size histogram (zayatz.ts, pitman.ts, snb.ts, dankar.ts);
 *   pop_unique_copula, pop_kappa_copula
 *       the row averages of the copula model's ξ_x and κ_x (copula.ts),
 *
 * and, beside the metrics, every estimate's status and solver iterations (NaN values in
 * the metrics are failed fits, never silent zeros).
 *
 * Unit: records (files), not titles. A record unique in the population is also the only
 * title in its class, so each pop_unique_* is a lower bound on the population's title-level
 * uniqueness (title_unique_fraction); no title-level version of the sampling estimators is
 * defined, because the sample draws files, and the files of one title are not independent
 * draws. See docs/population.md.
 *
 *   populationSize(10_000, { samplingFraction: 0.01 })  // { n: 10000, N: 1e6, pi: 0.01 }
 */
import type { Catalog } from "../../catalog/catalog.js";
import { UserError } from "../../base/errors.js";
import type { Partition } from "../../engine/partition.js";
import type { Scheme } from "../../schemes/types.js";
import { copulaAverages, fitCopula, type CopulaFit, type CopulaOptions } from "./copula.js";
import { dankar } from "./dankar.js";
import type { PopulationEstimate, SampleSize } from "./estimate.js";
import { classSizeCounts } from "./histogram.js";
import { pitman } from "./pitman.js";
import { snb } from "./snb.js";
import { zayatz } from "./zayatz.js";

export const ESTIMATORS = ["zayatz", "pitman", "snb", "dankar", "copula"] as const;
export type EstimatorName = (typeof ESTIMATORS)[number];
export type EstimatorChoice = EstimatorName | "all";

export const POPULATION_METRIC_KEYS = [
  "pop_unique_zayatz",
  "pop_unique_pitman",
  "pop_unique_snb",
  "pop_unique_dankar",
  "pop_unique_copula",
  "pop_kappa_copula",
] as const;

export interface PopulationOptions extends CopulaOptions {
  /** N: records in the population (≥ the catalog's rows). */
  population?: number;
  /** π = n/N in (0, 1]. */
  samplingFraction?: number;
  /** Which estimators to run (default "all"). */
  estimator?: EstimatorChoice;
}

export interface PopulationResult {
  /** What the estimates count: population records (files), not titles. */
  unit: "records";
  population: number;
  sampling_fraction: number;
  /** One entry per estimator run; the copula's value is pop_unique_copula. */
  estimates: Partial<Record<EstimatorName, PopulationEstimate>>;
}

/** Whether population risk was asked for. */
export function wantsPopulation(options: PopulationOptions): boolean {
  return options.population !== undefined || options.samplingFraction !== undefined;
}

/** Range checks that need no data: run before any input is read. */
export function checkPopulationOptions(options: PopulationOptions): void {
  const { population: N, samplingFraction: pi, estimator } = options;
  if (N !== undefined && !(Number.isSafeInteger(N) && N >= 1)) throw new UserError(`population must be a positive whole number of records, got ${N}`);
  if (pi !== undefined && !(pi > 0 && pi <= 1)) throw new UserError(`samplingFraction must be in (0, 1], got ${pi} (e.g. 0.01 for a 1 % sample)`);
  if (estimator !== undefined && estimator !== "all" && !(ESTIMATORS as readonly string[]).includes(estimator)) {
    throw new UserError(`unknown estimator "${estimator}"; choose all, ${ESTIMATORS.join(", ")}`);
  }
  if (estimator !== undefined && !wantsPopulation(options)) throw new UserError("estimator needs population or samplingFraction (the size of the population the catalog samples)");
}

/** n, N and π for a catalog of n rows; throws when they contradict each other. */
export function populationSize(rows: number, options: PopulationOptions): SampleSize & { pi: number } {
  checkPopulationOptions(options);
  const { population, samplingFraction } = options;
  if (population !== undefined && population < rows) {
    throw new UserError(`population (${population}) is smaller than the catalog (${rows} rows); the catalog is a sample of the population, so population must be at least ${rows}`);
  }
  if (population !== undefined && samplingFraction !== undefined && Math.abs(population * samplingFraction - rows) > 1) {
    throw new UserError(
      `population ${population} and samplingFraction ${samplingFraction} disagree: population × samplingFraction = ${population * samplingFraction}, but the catalog has ${rows} rows; give one of them`,
    );
  }
  const N = population ?? rows / samplingFraction!;
  return { n: rows, N, pi: rows / N };
}

export interface PopulationRisk {
  metrics: Record<string, number>;
  population: PopulationResult;
  /** The copula fit, when the copula ran (p_x per class, for per-item reports). */
  copula?: CopulaFit;
}

/** Runs the chosen estimators on one partition. */
export function populationRisk(catalog: Catalog, scheme: Scheme, part: Partition, options: PopulationOptions): PopulationRisk {
  const size = populationSize(catalog.rows, options);
  const choice = options.estimator ?? "all";
  const run = (name: EstimatorName) => choice === "all" || choice === name;
  const h = classSizeCounts(part.classSize);
  const estimates: Partial<Record<EstimatorName, PopulationEstimate>> = {};
  const metrics: Record<string, number> = {};
  // The Dankar rule needs all three histogram estimators; otherwise only the chosen ones run.
  const fits = { zayatz, pitman, snb };
  const all: Partial<Record<"zayatz" | "pitman" | "snb", PopulationEstimate>> = {};
  for (const name of ["zayatz", "pitman", "snb"] as const) {
    if (run(name) || run("dankar")) all[name] = fits[name](h, size);
    if (run(name)) {
      estimates[name] = all[name];
      metrics[`pop_unique_${name}`] = all[name]!.value;
    }
  }
  if (run("dankar")) {
    estimates.dankar = dankar(size.pi, { zayatz: all.zayatz!, pitman: all.pitman!, snb: all.snb! });
    metrics.pop_unique_dankar = estimates.dankar.value;
  }
  let copula: CopulaFit | undefined;
  if (run("copula")) {
    copula = fitCopula(catalog, scheme, part, options);
    const avg = copulaAverages(copula, part, size.N);
    estimates.copula = { value: avg.unique, status: "ok" };
    metrics.pop_unique_copula = avg.unique;
    metrics.pop_kappa_copula = avg.kappa;
  }
  return { metrics, population: { unit: "records", population: size.N, sampling_fraction: size.pi, estimates }, copula };
}
