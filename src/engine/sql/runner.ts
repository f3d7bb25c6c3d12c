/**
 * What the SQL engine needs of a database: run a query, get its rows. DuckDB
 * (duckdbRunner.ts) implements it here; another engine (a ClickHouse server or
 * cluster) plugs in by implementing it too, and everything above — fitting quantiles,
 * class-size totals, the metrics — runs unchanged.
 *
 * Counts cross the boundary as whatever the driver gives (a bigint from DuckDB, a
 * string from ClickHouse's JSON for 64-bit integers); `count` turns them into numbers.
 */
import type { SqlDialect } from "../../sources/relation.js";

export interface SqlRunner {
  readonly dialect: SqlDialect;
  /** All rows of a query, as objects keyed by column name. */
  query(sql: string): Promise<Record<string, unknown>[]>;
  /**
   * Optional: keep a query's rows in a temporary table and return it as a FROM item, so
   * two queries over the classes scan the data once. Without it the query is nested.
   */
  store?(sql: string): Promise<{ from: string; drop(): Promise<void> }>;
}

/** A count or sum of counts from a driver as a number (exact below 2^53). */
export function count(value: unknown): number {
  if (typeof value === "number") return value;
  if (typeof value === "bigint" || typeof value === "string") return Number(value);
  if (value === null || value === undefined) return 0;
  throw new Error(`expected a count from the database, got ${typeof value}`);
}
