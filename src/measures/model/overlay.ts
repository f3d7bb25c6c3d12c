/**
 * Theory next to measurement: adds the occupancy model's prediction to evaluated
 * results as two more metric keys, `model_unique_fraction` and `model_kappa`, so tables,
 * CSV and JSON carry them beside `unique_fraction` and `kappa`.
 *
 *   const result = evaluate(catalog, ["duration=round(1min)"]);
 *   addModelMetrics(catalog, result);  // result.results[0].metrics.model_unique_fraction
 */
import type { Catalog } from "../../catalog/catalog.js";
import type { EvaluationResult } from "../evaluate.js";
import { predictRisk, type PredictRiskOptions } from "./predictRisk.js";

export const MODEL_METRIC_KEYS = ["model_unique_fraction", "model_kappa"] as const;

/** Adds the model keys to every result (in place) and returns the result. */
export function addModelMetrics(catalog: Catalog, result: EvaluationResult, options: PredictRiskOptions = {}): EvaluationResult {
  for (const r of result.results) {
    const predicted = predictRisk(catalog, r.scheme, options);
    r.metrics.model_unique_fraction = predicted.unique_fraction;
    r.metrics.model_kappa = predicted.kappa;
  }
  return result;
}
