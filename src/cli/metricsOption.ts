/**
 * `--metrics key,key`: the metric columns of evaluate's and sweep's tables (text, CSV,
 * markdown), checked against the keys this run will compute before any work starts.
 * JSON always carries every metric.
 */
import { atRiskKey, METRIC_KEYS } from "../measures/metrics.js";
import { MODEL_METRIC_KEYS } from "../measures/model/overlay.js";
import { closest } from "./suggest.js";
import { UsageError } from "./usageError.js";

export const METRICS_OPTION = {
  type: "string",
  describe: `metric columns of the table/CSV, comma-separated (default: what fits in 120 columns; CSV: all). Keys: ${METRIC_KEYS.join(", ")}, plus at_risk_<τ> with --risk-threshold and ${MODEL_METRIC_KEYS.join(", ")} with --model`,
} as const;

/** The keys asked for, or undefined for the default columns. */
export function chooseMetrics(text: string | undefined, riskThreshold: number, model: boolean): string[] | undefined {
  if (text === undefined) return undefined;
  const known: string[] = [...METRIC_KEYS];
  if (riskThreshold !== 0.2) known.push(atRiskKey(riskThreshold));
  if (model) known.push(...MODEL_METRIC_KEYS);
  const keys = text.split(",").map((k) => k.trim()).filter(Boolean);
  if (keys.length === 0) throw new UsageError("--metrics needs at least one key, e.g. --metrics title_unique_fraction,kappa");
  for (const k of keys) {
    if (known.includes(k)) continue;
    const guess = closest(k, known);
    const hint = (MODEL_METRIC_KEYS as readonly string[]).includes(k) ? " (add --model)" : /^at_risk_/.test(k) ? " (set --risk-threshold)" : "";
    throw new UsageError(`--metrics: unknown metric ${k}${hint}; ${guess ? `did you mean ${guess}?` : `known: ${known.join(", ")}`}`);
  }
  return keys;
}

/** τ of at_risk: a share, so between 0 and 1. */
export function checkRiskThreshold(tau: number): void {
  if (!(tau >= 0 && tau <= 1)) throw new UsageError(`--risk-threshold must be between 0 and 1, got ${tau}`);
}
