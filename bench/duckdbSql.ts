/**
 * The benchmark's DuckDB side: scheme parts written as SQL, and one query that
 * computes the numbers fprisk's metrics rest on, so both engines can be checked
 * against each other and timed on the same work.
 *
 * The SQL is each generalizer's `sql` (src/schemes/generalizers/), which mirrors its
 * keys operation for operation (same division, same boundary snapping, same class
 * rule) so that both sides bucket every value identically; constants go in as strings
 * cast to DOUBLE so DuckDB does not read them as DECIMAL and round differently.
 */
import { generalizerOf } from "../src/schemes/generalizers/registry.js";
import type { Scheme, SchemePart } from "../src/schemes/types.js";

/** What both sides must agree on, per scheme. */
export interface GroupNumbers {
  classes: number;
  /** Rows in classes of size 1. */
  unique_rows: number;
  /** Rows in classes holding a single title. */
  title_unique_rows: number;
  /** Σ over classes of Σ_titles c² / f (kappa · n). */
  kappa_sum: number;
  entropy_bits: number;
}

/** Column names of the benchmark table and of the benchmark CSV. */
export const COLUMNS = { title: "title", duration: "duration_ms", bitrate: "bitrate_kbps", width: "width", height: "height" } as const;

/** One scheme part as an SQL expression over the benchmark columns (NULL = not reported): the generalizer's own `sql`. */
export function partSql(part: SchemePart): string {
  const columns: readonly string[] = Object.values(COLUMNS);
  return generalizerOf(part.generalizer).sql(part.generalizer, part.attribute, (field) => {
    if (!columns.includes(field)) throw new Error(`no benchmark column for ${field}`);
    return field;
  });
}

/**
 * The group-by: rows per (class, title), then per class f, d and Σc², then the totals.
 * `from` is a table name or a table function such as read_csv(...).
 */
export function groupNumbersSql(scheme: Scheme, from: string, rows: number | string): string {
  const keys = scheme.parts.map((p, i) => `${partSql(p)} AS k${i}`);
  const names = scheme.parts.map((_, i) => `k${i}`);
  const inner = `SELECT ${[...keys, COLUMNS.title].join(", ")} FROM ${from}`;
  const byTitle = `SELECT ${[...names, COLUMNS.title].join(", ")}, count(*) AS c FROM (${inner}) GROUP BY ALL`;
  const byClass = `SELECT sum(c) AS f, count(*) AS d, sum(c * c) AS sq FROM by_title${names.length ? ` GROUP BY ${names.join(", ")}` : ""}`;
  const n = `CAST(${rows} AS DOUBLE)`;
  return `WITH by_title AS (${byTitle}), by_class AS (${byClass})
SELECT CAST(count(*) AS DOUBLE) AS classes,
       CAST(coalesce(sum(f) FILTER (WHERE f = 1), 0) AS DOUBLE) AS unique_rows,
       CAST(coalesce(sum(f) FILTER (WHERE d = 1), 0) AS DOUBLE) AS title_unique_rows,
       sum(CAST(sq AS DOUBLE) / CAST(f AS DOUBLE)) AS kappa_sum,
       coalesce(-sum((CAST(f AS DOUBLE) / ${n}) * log2(CAST(f AS DOUBLE) / ${n})), 0) AS entropy_bits
FROM by_class`;
}

/** Integers must match exactly; the two sums only up to summation order. */
export function disagreement(a: GroupNumbers, b: GroupNumbers): string | undefined {
  const bad: string[] = [];
  for (const k of ["classes", "unique_rows", "title_unique_rows"] as const) if (a[k] !== b[k]) bad.push(`${k} ${a[k]} vs ${b[k]}`);
  for (const k of ["kappa_sum", "entropy_bits"] as const) {
    if (Math.abs(a[k] - b[k]) > 1e-9 * Math.max(1, Math.abs(a[k]), Math.abs(b[k]))) bad.push(`${k} ${a[k]} vs ${b[k]}`);
  }
  return bad.length ? bad.join("; ") : undefined;
}

/** The comparison numbers from fprisk's metrics (counts come back exactly from fractions of n). */
export function numbersFromMetrics(m: Record<string, number>): GroupNumbers {
  const n = m.rows;
  return {
    classes: m.classes,
    unique_rows: Math.round(m.unique_fraction * n),
    title_unique_rows: Math.round(m.title_unique_fraction * n),
    kappa_sum: m.kappa * n,
    entropy_bits: m.entropy_bits,
  };
}
