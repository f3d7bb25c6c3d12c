/**
 * A source described as a SqlRelation (relation.ts) instead of loaded, so that the SQL
 * engine reads it where it is and a catalog larger than memory works: Parquet files and
 * globs, and tables of DuckDB database files. Other sources (CSV, JSON, folders, datasets,
 * synthetic catalogs) give null: they are loaded (loadCatalog).
 *
 * The relation's SELECT applies the map, the units and the validity rules in SQL
 * (warehouse/warehousePlan.ts). Before it is returned, one streaming pass over the source
 * checks the rows: an invalid row stops with the loader's own message naming the file and
 * row ("plays.parquet row 3: duration_ms -1000 is negative …"), or with `skipInvalid` the
 * relation leaves such rows out and `rejected` counts them by reason. `rows` is the source's
 * row count from metadata, known before that pass: `sourceRowCount` gives it alone, for
 * `--engine auto` to choose between loading and the SQL engine.
 *
 *   const rel = await catalogRelation("logs/*.parquet", { map: "title=name,duration=seconds:s" });
 *   rel?.from     // (SELECT title, duration_ms FROM (… read_parquet(['logs/a.parquet', 'logs/b.parquet']) …) WHERE reason IS NULL)
 */
import { stat } from "node:fs/promises";
import { getDataset } from "./registry/registry.js";
import { parseFieldMap, type FieldMap } from "./table/fieldMap.js";
import type { SqlRelation } from "./relation.js";
import { builderFor, feedRows, findWarehouseSource, openPlanned } from "./warehouse/loadWarehouse.js";
import { inputError, openDuckDB, openWarehouse } from "./warehouse/warehouseScan.js";

export interface RelationOptions {
  /** A map spec or parsed map, as for loadCatalog; fields not named are detected from column names. */
  map?: string | FieldMap;
  /** Leave invalid rows out (counted by reason in `rejected`) instead of failing. */
  skipInvalid?: boolean;
}

/** A registry dataset's name, not shadowed by a file of that name (as loadCatalog decides). */
async function isDataset(source: string): Promise<boolean> {
  if (!getDataset(source)) return false;
  try {
    await stat(source);
    return false;
  } catch {
    return true;
  }
}

/** Row numbers of several files in one sortable number: file · 2^40 + row. */
const FILE_SHIFT = 2 ** 40;

/** `source` as a SQL relation, or null when it is not a SQL-readable file (see the module comment). */
export async function catalogRelation(source: string, options: RelationOptions = {}): Promise<SqlRelation | null> {
  const map = typeof options.map === "string" ? parseFieldMap(options.map) : options.map;
  if (await isDataset(source)) return null;
  const warehouse = await findWarehouseSource(source);
  if (!warehouse) return null;
  const { scan, plan } = await openPlanned(warehouse, map);
  try {
    const checked = plan.checked(scan.from);
    let groups: unknown[][];
    try {
      const sql = `SELECT reason, count(*), min(__file * ${FILE_SHIFT} + __row) FROM (${checked}) GROUP BY reason`;
      groups = (await scan.con.runAndReadAll(sql)).getRowsJS() as unknown[][];
    } catch (e) {
      throw inputError(e, `${warehouse.name}: cannot be read`);
    }
    let valid = 0;
    const rejected: Record<string, number> = {};
    let first = Infinity;
    let firstReason = "";
    for (const [reason, count, at] of groups) {
      if (reason === null) valid = Number(count);
      else {
        rejected[String(reason)] = Number(count);
        if (Number(at) < first) {
          first = Number(at);
          firstReason = String(reason);
        }
      }
    }
    if (first < Infinity && !options.skipInvalid) {
      // The loader's message for that row: feed it to the loader's builder, which refuses it.
      const file = Math.floor(first / FILE_SHIFT);
      const row = first - file * FILE_SHIFT;
      await feedRows(scan, plan, builderFor(scan, plan, warehouse.name, false), `__file = ${file} AND __row = ${row}`);
      throw new Error(`catalogRelation: SQL finds ${scan.files[file]} row ${row} invalid (${firstReason}), the loader does not`);
    }
    if (valid === 0) {
      // The loader's message for an empty catalog: load it (no row stays), which refuses it.
      const builder = builderFor(scan, plan, warehouse.name, true);
      await feedRows(scan, plan, builder);
      builder.finish();
      throw new Error(`catalogRelation: SQL finds no valid row in ${warehouse.name}, the loader does`);
    }
    const relation: SqlRelation = {
      dialect: "duckdb",
      from: `(${plan.relation(scan.from)})`,
      numeric: plan.numeric,
      text: plan.text,
      source: warehouse.name,
      rows: scan.rows,
    };
    if (scan.setup.length > 0) relation.setup = scan.setup;
    if (Object.keys(rejected).length > 0) relation.rejected = rejected;
    return relation;
  } finally {
    scan.close();
  }
}

/**
 * The number of rows of a SQL-readable source from its metadata alone (Parquet footers, a
 * table's stored size), before any rule is applied; null for any other source.
 */
export async function sourceRowCount(source: string): Promise<number | null> {
  if (await isDataset(source)) return null;
  const warehouse = await findWarehouseSource(source);
  if (!warehouse) return null;
  const scan = await openWarehouse(warehouse, await openDuckDB());
  scan.close();
  return scan.rows;
}
