/**
 * The evaluator: a catalog and schemes in, one metrics row per scheme out.
 */
import type { Catalog } from "../catalog/catalog.js";
import { classSizeHistogram, computeMetrics, type HistogramBin, type MetricOptions, type Metrics } from "./metrics.js";
import { formatScheme } from "../schemes/format.js";
import { parseScheme } from "../schemes/parse.js";
import type { Scheme } from "../schemes/types.js";
import { classStats } from "../engine/classStats.js";
import { partition } from "../engine/partition.js";
import { timed, type PhaseTimes } from "../engine/phases.js";
import type { EngineOptions } from "../engine/pool.js";

export interface SchemeResult {
  /** Canonical form of the scheme. */
  scheme: string;
  metrics: Metrics;
  histogram: HistogramBin[];
}

export interface CatalogSummary {
  source: string;
  rows: number;
  titles: number;
}

export interface EvaluationResult {
  catalog: CatalogSummary;
  results: SchemeResult[];
}

/** Metric options, the engine's thread count, and where to add phase timings (the benchmark's). */
export interface SchemeOptions extends MetricOptions, EngineOptions {
  phases?: PhaseTimes;
}

export interface EvaluateOptions extends SchemeOptions {
  /** Called after each scheme, e.g. to drive a progress bar. */
  onProgress?: (done: number, total: number) => void;
}

export function evaluateScheme(catalog: Catalog, scheme: Scheme | string, options: SchemeOptions = {}): SchemeResult {
  const s = typeof scheme === "string" ? parseScheme(scheme) : scheme;
  const engine = { threads: options.threads, phases: options.phases };
  const part = partition(catalog, s, engine);
  const stats = classStats(catalog, part, engine);
  return timed(options.phases, "metrics", () => ({
    scheme: formatScheme(s),
    metrics: computeMetrics(catalog, part, stats, options),
    histogram: classSizeHistogram(part),
  }));
}

export function evaluate(catalog: Catalog, schemes: Array<Scheme | string>, options: EvaluateOptions = {}): EvaluationResult {
  const parsed = schemes.map((s) => (typeof s === "string" ? parseScheme(s) : s));
  const results: SchemeResult[] = [];
  for (const s of parsed) {
    results.push(evaluateScheme(catalog, s, options));
    options.onProgress?.(results.length, parsed.length);
  }
  return { catalog: summarizeCatalog(catalog), results };
}

export function summarizeCatalog(catalog: Catalog): CatalogSummary {
  return { source: catalog.source, rows: catalog.rows, titles: catalog.titleNames.length };
}
