/**
 * A catalog that stays where it lives. A Parquet glob, a DuckDB table or a ClickHouse
 * table can be larger than memory; instead of loading it into a `Catalog`, a source can
 * describe it as a SQL relation with the catalog's own column names and units, and the
 * SQL engine (engine/sql/) runs the scheme and the metrics on it where it is.
 *
 * The relation's columns are the catalog's fields, already in internal units and under
 * the same validity rules as a loaded catalog (0 = unknown becomes NULL; a row a loader
 * would reject is rejected or, with skip-invalid, filtered out):
 *   title                 VARCHAR, never NULL (the joined title parts)
 *   duration_ms, bitrate_kbps, width, height, …   DOUBLE, NULL = missing
 *   codec, container      VARCHAR, NULL = missing
 * Only the fields the source has are present; `numeric` and `text` list them.
 *
 * A missing bitrate is derived from size and duration (8 · size_bytes / duration_ms), as
 * a loaded catalog derives it; the column is then present even when no row gets one.
 *
 * Example: a Parquet file with `name`, `seconds` and `kbps` columns read with
 * `--map "title=name,duration=seconds:s,bitrate=kbps:kbps"` becomes, in DuckDB,
 *   from = "(SELECT name AS title, CASE WHEN seconds = 0 THEN NULL ELSE seconds * 1000 END AS duration_ms, … FROM read_parquet('plays.parquet'))"
 */
import type { NumericField, TextField } from "../catalog/catalog.js";

export type SqlDialect = "duckdb" | "clickhouse" | "spark" | "trino";

export interface SqlRelation {
  /** The dialect `from` is written in (the engine that can read it). */
  dialect: SqlDialect;
  /** A FROM item: a table name or a parenthesized SELECT yielding the columns above. */
  from: string;
  /** The numeric fields present, in `NUMERIC_FIELDS` order. */
  numeric: NumericField[];
  /** The text fields present, in `TEXT_FIELDS` order. */
  text: TextField[];
  /** What to call it in messages: the file, glob or table as the user named it. */
  source: string;
  /**
   * Statements to run on the engine's connection before `from` can be read, in order
   * (e.g. `ATTACH IF NOT EXISTS 'w.duckdb' AS … (READ_ONLY)` for a DuckDB table).
   */
  setup?: string[];
  /**
   * Rows in the source before the validity rules, when cheaply known (Parquet footers, a
   * table's stored size): what `--engine auto` weighs to load or not.
   */
  rows?: number;
  /** Rows left out by skip-invalid, counted by reason (as `Catalog.rejected`). */
  rejected?: Record<string, number>;
  /**
   * The same rows as expressions over one table's columns, when the source can say so: a
   * query that groups at the level that reads the table lets a distributed engine group on
   * the servers that hold the rows (a ClickHouse Distributed table's shards) and merge only
   * the groups, where a grouping over `from`, a subquery, would bring every row to one server.
   */
  table?: RelationTable;
}

export interface RelationTable {
  /** The table, quoted for the dialect. */
  name: string;
  /** Each field `from` yields (title included) as an expression over the table's columns. */
  fields: Partial<Record<"title" | NumericField | TextField, string>>;
  /** The rows `from` keeps (skip-invalid), as a condition; none when it keeps all. */
  where?: string;
}
