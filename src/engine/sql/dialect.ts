/**
 * What differs between the SQL dialects fprisk writes, and nothing else. Every query is
 * written once, as nested subqueries, in the subset the four engines share — ClickHouse
 * 18.16 sets its bounds: no CTEs, no window functions, no positional GROUP BY, no query
 * parameters, and no `sumKahan` (it crashes a Distributed table) — so what remains is:
 *
 * - the floating-point type of a cast (ClickHouse spells it Float64);
 * - a typed NULL double (for a resolution dimension the relation lacks);
 * - how an output name is quoted (`rows` is a keyword here and there): backticks in
 *   Spark, double quotes elsewhere;
 * - `x IN (subquery)`, which ClickHouse must run as `GLOBAL IN` on a Distributed table
 *   (every shard then sees the whole subquery, not its own part of it);
 * - trimming: what JavaScript's `trim` removes (white space and line terminators, not
 *   only the spaces SQL's `trim(x)` removes), by a regular expression in each dialect
 *   (sources/sqlTrim.ts; ClickHouse 18.16 has no `trim` at all).
 *
 *   dialectOf("clickhouse").toDouble("n")           // "CAST(n AS Float64)"
 *   dialectOf("trino").inSubquery("t", "SELECT …")   // "t IN (SELECT …)"
 *   dialectOf("clickhouse").trim("codec")            // "replaceRegexpAll(codec, '^[\\x{0009}…]+|[\\x{0009}…]+$', '')"
 *
 * Divisions go through `toDouble` on both sides: Trino divides integers as integers.
 */
import type { SqlDialect } from "../../sources/relation.js";
import { SQL_TRIM } from "../../sources/sqlTrim.js";
import type { SqlText } from "../../schemes/generalizers/generalizer.js";

export type { SqlDialect } from "../../sources/relation.js";

export const SQL_DIALECTS: readonly SqlDialect[] = ["duckdb", "clickhouse", "spark", "trino"];

export interface Dialect extends SqlText {
  readonly name: SqlDialect;
  /** `expr` as a double. */
  toDouble(expr: string): string;
  /** A NULL of the double type. */
  readonly nullDouble: string;
  /** `expr / by` in floating point whatever the operand types. */
  divide(expr: string, by: string): string;
  /** An output column name, quoted. */
  quote(name: string): string;
  /** `expr IN (query)`, distributed-safe. */
  inSubquery(expr: string, query: string): string;
}

function dialect(name: SqlDialect, doubleType: string, nullableDouble: string, quoteMark: string, inKeyword: string): Dialect {
  const toDouble = (expr: string) => `CAST(${expr} AS ${doubleType})`;
  return {
    name,
    toDouble,
    nullDouble: `CAST(NULL AS ${nullableDouble})`,
    divide: (expr, by) => `${toDouble(expr)} / ${toDouble(by)}`,
    quote: (id) => `${quoteMark}${id}${quoteMark}`,
    inSubquery: (expr, query) => `${expr} ${inKeyword} (${query})`,
    trim: SQL_TRIM[name],
  };
}

const DIALECTS: Record<SqlDialect, Dialect> = {
  duckdb: dialect("duckdb", "DOUBLE", "DOUBLE", '"', "IN"),
  clickhouse: dialect("clickhouse", "Float64", "Nullable(Float64)", '"', "GLOBAL IN"),
  spark: dialect("spark", "DOUBLE", "DOUBLE", "`", "IN"),
  trino: dialect("trino", "DOUBLE", "DOUBLE", '"', "IN"),
};

export function isSqlDialect(name: string): name is SqlDialect {
  return (SQL_DIALECTS as readonly string[]).includes(name);
}

export function dialectOf(name: SqlDialect): Dialect {
  return DIALECTS[name];
}
