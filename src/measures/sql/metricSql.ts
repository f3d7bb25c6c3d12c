/**
 * Every metric as SQL, for engines fprisk does not drive (`fprisk sql`): one query that
 * finishes the metrics inside the database from the class-size totals
 * (engine/sql/classQueries.ts). Each metric is one expression beside its key, over the
 * per-size columns class_size (f), classes (m), single_title_classes (g), title_sum
 * (Σ d) and square_sum (Σ c²):
 *
 *   unique_fraction  = Σ m [f = 1] / Σ f·m
 *   kappa            = Σ (Σ c²)/f / Σ f·m
 *   entropy_bits     = −Σ m · (f/n) · log2(f/n), n the relation's rows
 *
 * Integer metrics are exact. The floating ones are summed by the database in its own
 * order, over a few hundred class sizes, so they are within a few ulps of fprisk's
 * (which sums them with compensation, measures/metrics.ts `metricsFromSizes`); fprisk's own
 * engines take the class-size totals and finish in JS instead.
 */
import type { Dialect } from "../../engine/sql/dialect.js";
import type { MetricKey } from "../metrics.js";

/** The per-size table's columns, aggregated; `n` is an expression for the relation's rows. */
export interface MetricContext {
  d: Dialect;
  n: string;
  titles: string;
  exposedTitles: string;
}

/** The largest class size f with 1/f > τ (rows in such classes are "at risk"), as the in-memory test decides it. */
export function largestAtRiskSize(tau: number): number {
  let f = 0;
  while (1 / (f + 1) > tau) f++;
  return f;
}

const rows = "sum(class_size * classes)";

export const METRIC_SQL: Record<MetricKey, (c: MetricContext) => string> = {
  rows: () => rows,
  titles: (c) => c.titles,
  classes: () => "sum(classes)",
  unique_fraction: (c) => c.d.divide("sum(CASE WHEN class_size = 1 THEN classes ELSE 0 END)", rows),
  title_unique_fraction: (c) => c.d.divide("sum(class_size * single_title_classes)", rows),
  k_min: () => "min(class_size)",
  prosecutor_avg: (c) => c.d.divide("sum(classes)", rows),
  prosecutor_max: (c) => c.d.divide("1", "min(class_size)"),
  at_risk_0_2: (c) => c.d.divide(`sum(CASE WHEN class_size <= ${largestAtRiskSize(0.2)} THEN class_size * classes ELSE 0 END)`, rows),
  // 0 − Σ, not −Σ: one class gives +0, not "-0"
  entropy_bits: (c) => `0 - sum(classes * (${c.d.divide("class_size", c.n)} * log2(${c.d.divide("class_size", c.n)})))`,
  kappa: (c) => `sum(${c.d.divide("square_sum", "class_size")}) / ${c.d.toDouble(rows)}`,
  mean_class_titles: (c) => c.d.divide("sum(class_size * title_sum)", rows),
  title_exposed_fraction: (c) => c.d.divide(c.exposedTitles, c.titles),
};

/**
 * The query computing `keys` (in that order, each AS its key) from `classSizes`, a
 * FROM item holding the class-size totals. `n`, `titles` and `exposedTitles` are
 * scalar subqueries (or constants) for the relation's rows, distinct titles and titles
 * exposed by a single-title class.
 */
export function metricsSql(keys: readonly MetricKey[], classSizes: string, context: MetricContext): string {
  return `SELECT ${keys.map((k) => `${METRIC_SQL[k](context)} AS ${context.d.quote(k)}`).join(", ")} FROM ${classSizes} AS sizes`;
}
