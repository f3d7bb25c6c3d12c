/**
 * The benchmark's DuckDB side: scheme parts written as SQL, and one query that
 * computes the numbers fprisk's metrics rest on, so both engines can be checked
 * against each other and timed on the same work.
 *
 * The SQL mirrors src/schemes/generalize.ts operation for operation (same division,
 * same boundary snapping, same class rule) so that both sides bucket every value
 * identically; constants go in as strings cast to DOUBLE so DuckDB does not read them
 * as DECIMAL and round differently.
 */
import { PAIR_BASE, SNAP } from "../src/schemes/generalize.js";
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

function dbl(x: number): string {
  return `CAST('${String(x)}' AS DOUBLE)`;
}

/** floor(x/W + 1/2 + snap) and floor(x/W + snap), as scalarKeys computes them. */
function roundSql(col: string, width: number, half: boolean): string {
  const r = `(${col} / ${dbl(width)})`;
  return half ? `floor(${r} + ${dbl(0.5)} + ${dbl(SNAP)} * abs(${r}))` : `floor(${r} + ${dbl(SNAP)} * abs(${r}))`;
}

/**
 * Nominal class frames, copied from resolutionClass in src/schemes/generalize.ts
 * (not exported there). If they drift apart the agreement check fails loudly.
 */
const NOMINAL_WIDTH = [0, 1280, 1920, 2560, 3840, 7680];
const NOMINAL_HEIGHT = [0, 720, 1080, 1440, 2160, 4320];

function classSql(w: string, h: string): string {
  // resolutionClass: long/short side, then the largest class whose width ≥ 0.9·nominal
  // width or height ≥ 0.9·nominal height. NULL comparisons are false in CASE, as NaN
  // comparisons are in JS, so a missing dimension is ignored the same way.
  const long = `(CASE WHEN ${h} > ${w} THEN ${h} ELSE ${w} END)`;
  const short = `(CASE WHEN ${h} > ${w} THEN ${w} ELSE ${h} END)`;
  const arms: string[] = [];
  for (let c = NOMINAL_WIDTH.length - 1; c >= 1; c--) {
    arms.push(`WHEN ${long} >= ${dbl(0.9 * NOMINAL_WIDTH[c])} OR ${short} >= ${dbl(0.9 * NOMINAL_HEIGHT[c])} THEN ${c}`);
  }
  return `(CASE WHEN ${w} IS NULL AND ${h} IS NULL THEN NULL ELSE (CASE ${arms.join(" ")} ELSE 0 END) END)`;
}

/** One scheme part as an SQL expression over the benchmark columns (NULL = not reported). */
export function partSql(part: SchemePart): string {
  const g = part.generalizer;
  if (part.attribute === "resolution") {
    const w = COLUMNS.width;
    const h = COLUMNS.height;
    switch (g.kind) {
      case "exact":
        return `(CASE WHEN ${w} IS NULL AND ${h} IS NULL THEN NULL ELSE coalesce(${w}, -1) * ${PAIR_BASE} + coalesce(${h}, -1) END)`;
      case "class":
        return classSql(w, h);
      case "height":
        return h;
      default:
        throw new Error(`no SQL for resolution=${g.kind}`);
    }
  }
  const col = part.attribute === "duration" ? COLUMNS.duration : part.attribute === "bitrate" ? COLUMNS.bitrate : undefined;
  if (!col) throw new Error(`no benchmark column for ${part.attribute}`);
  switch (g.kind) {
    case "exact":
      return col;
    case "round":
      return roundSql(col, g.width, true);
    case "floor":
      return roundSql(col, g.width, false);
    default:
      throw new Error(`no SQL for ${part.attribute}=${g.kind}`);
  }
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
