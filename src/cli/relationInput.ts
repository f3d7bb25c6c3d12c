/**
 * Inputs the SQL engine reads where they are instead of loading them: a Parquet file or
 * glob, or a DuckDB table (sources/catalogRelation.ts). `--engine duckdb` always reads
 * them in place; `--engine auto` does when they would not fit in memory loaded: rows ×
 * (4 + 8 × fields) bytes (a title code and a double per numeric field, counting all seven
 * fields, since the map is not applied yet), times 3 for the engine's working arrays, over
 * --memory-limit (default a quarter of physical memory). The row count comes from the
 * Parquet footers or the table's stored size, so deciding reads no rows.
 *
 *   10M Parquet rows: 10e6 × 60 × 3 = 1.8 GB; with 16 GB of RAM (a 4 GB quarter) auto loads them
 */
import { totalmem } from "node:os";
import { NUMERIC_FIELDS } from "../catalog/catalog.js";
import { catalogRelation, sourceRowCount } from "../sources/catalogRelation.js";
import type { SqlRelation } from "../sources/relation.js";
import { reportSkippedRows, type CatalogArgs } from "./common.js";
import type { EnginePlan } from "./engineOption.js";

/** Whether `rows` of a catalog with `fields` numeric fields fit in `limitBytes` once loaded. */
export function fitsInMemory(rows: number, fields: number, limitBytes: number): boolean {
  return rows * (4 + 8 * fields) * 3 <= limitBytes;
}

/**
 * The relation to evaluate in place, or null when the input is to be loaded: not a
 * warehouse source, `--engine memory`, an option that needs the rows in memory
 * (`needsRows`), or auto with an input that fits. Rows skipped by --skip-invalid are
 * reported on stderr as a loaded catalog's are.
 */
export async function relationForEngine(args: CatalogArgs, plan: EnginePlan, needsRows: boolean): Promise<SqlRelation | null> {
  if (plan.choice === "memory" || needsRows) return null;
  const rows = await sourceRowCount(args.catalog);
  if (rows === null) return null;
  if (plan.choice === "auto" && fitsInMemory(rows, NUMERIC_FIELDS.length, plan.memoryLimitBytes ?? totalmem() / 4)) return null;
  const relation = await catalogRelation(args.catalog, { map: args.map, skipInvalid: args["skip-invalid"] });
  reportSkippedRows(relation?.rejected ?? {});
  return relation;
}
