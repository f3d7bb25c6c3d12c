/**
 * The fprisk library API — what the CLI, the figures and notebooks all use.
 *
 *   import { loadCatalog, parseScheme, evaluate } from "fprisk";
 *   const catalog = await loadCatalog("chinook-tracks");
 *   const { results } = evaluate(catalog, ["duration=round(1s)", "duration=round(60s)"]);
 *   results[0].metrics.title_unique_fraction;
 */
export { type Catalog, type NumericField, NUMERIC_FIELDS, makeCatalog, deriveBitrateFromSize } from "./catalog/catalog.js";
export { describeCatalog, type CatalogDescription } from "./catalog/describe.js";
export { detectPrecision } from "./catalog/precision.js";
export * from "./catalog/units.js";
export { loadCatalog, type LoadOptions } from "./loaders/index.js";
export { parseFieldMap, formatFieldMap, type FieldMap } from "./loaders/fieldMap.js";
export * from "./schemes/index.js";
export { partition, type Partition } from "./engine/partition.js";
export { classStats, type ClassStats } from "./engine/classStats.js";
export { evaluate, evaluateScheme, type EvaluationResult, type SchemeResult } from "./engine/evaluate.js";
export { computeMetrics, classSizeHistogram, METRIC_KEYS, type Metrics, type HistogramBin } from "./metrics/metrics.js";
export { sweepSchemes, type SweepAxes } from "./experiments/sweep.js";
export { runDefaultExperiment, PLEX_STYLE_SCHEMES, DEFAULT_CATALOG } from "./experiments/defaultExperiment.js";
export { generateVideoLibrary, loadSynthetic } from "./datasets/synthetic.js";
export { listDatasets, getDataset, verifyDataset, fetchDataset, type DatasetEntry } from "./datasets/registry.js";
export { renderResults, resultsTable } from "./report/results.js";
export { renderVegaLite } from "./report/figure.js";
export { UserError } from "./errors.js";
