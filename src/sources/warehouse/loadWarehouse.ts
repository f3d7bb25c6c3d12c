/**
 * A warehouse source (Parquet files, a DuckDB table) loaded into a Catalog. DuckDB reads
 * the typed columns; each row goes to the CSV loader's CatalogBuilder with the same map,
 * so units, 0 = unknown, invalid rows and `skipInvalid` counting are the CSV loader's own,
 * and a Parquet file gives the catalog its rows would give as CSV. Rows are named by their
 * number within their file ("plays.parquet row 3"), a table's by its row number.
 *
 *   const catalog = await loadWarehouse(await findWarehouseSource("logs/*.parquet"), { map: "title=name,duration=seconds:s" });
 */
import type { DuckDBDataChunk } from "@duckdb/node-api";
import type { Catalog } from "../../catalog/catalog.js";
import { UserError } from "../../base/errors.js";
import { CatalogBuilder, type CellValue } from "../catalogBuilder.js";
import { STDIN } from "../input.js";
import type { FieldMap } from "../table/fieldMap.js";
import { planWarehouse, type WarehousePlan } from "./warehousePlan.js";
import { expandGlob, inputError, openDuckDB, openWarehouse, type WarehouseScan } from "./warehouseScan.js";
import { resolveWarehouseSource, type WarehouseSource } from "./warehouseSource.js";

export interface WarehouseLoadOptions {
  map?: FieldMap;
  skipInvalid?: boolean;
}

/**
 * The warehouse source `source` names (Parquet file or glob, `db.duckdb#table`), or null.
 * Globs are expanded by DuckDB. Stdin, synthetic catalogs and URLs ("clickhouse://…",
 * whose "?" is no glob) are not files and give null.
 */
export async function findWarehouseSource(source: string): Promise<WarehouseSource | null> {
  if (source === STDIN || source.startsWith("synthetic:") || /^[a-z][a-z0-9+.-]*:\/\//i.test(source)) return null;
  return resolveWarehouseSource(source, async (glob) => {
    const duck = await openDuckDB();
    try {
      return await expandGlob(duck.con, glob);
    } finally {
      duck.close();
    }
  });
}

/** A scan of `source` and its plan under `map`; the caller closes the scan. */
export async function openPlanned(source: WarehouseSource, map: FieldMap | undefined): Promise<{ scan: WarehouseScan; plan: WarehousePlan }> {
  const scan = await openWarehouse(source, await openDuckDB());
  try {
    return { scan, plan: planWarehouse(scan.columns, map, source.kind === "parquet" && source.files.length === 1 ? source.files[0] : source.name) };
  } catch (e) {
    scan.close();
    throw e;
  }
}

/** The loader's builder for a plan: CSV semantics, rows named "<file> row <n>". */
export function builderFor(scan: WarehouseScan, plan: WarehousePlan, source: string, skipInvalid: boolean): CatalogBuilder {
  return new CatalogBuilder({ file: scan.files[0], header: plan.header, map: plan.map, skipInvalid, source, rowLabel: "row" });
}

/**
 * Rows of `scan` (those `where` selects, all by default) into `builder`, in file and row
 * order. Reading stops at the first invalid row unless the builder skips them.
 */
export async function feedRows(scan: WarehouseScan, plan: WarehousePlan, builder: CatalogBuilder, where = "true"): Promise<void> {
  const n = plan.header.length;
  let res;
  try {
    res = await scan.con.stream(`SELECT ${plan.loadColumns.join(", ")}, __file, __row FROM ${scan.from} WHERE ${where}`);
  } catch (e) {
    throw inputError(e, `${builderName(scan)}: cannot be read`);
  }
  const values: CellValue[] = new Array(n);
  let file = 0;
  let lastRow = 0;
  for (;;) {
    let chunk: DuckDBDataChunk | null;
    try {
      chunk = await res.fetchChunk();
    } catch (e) {
      throw inputError(e, `${builderName(scan)}: cannot be read`);
    }
    if (!chunk || chunk.rowCount === 0) break;
    const rows = chunk.rowCount;
    const vectors = Array.from({ length: n + 2 }, (_, k) => chunk!.getColumnVector(k));
    for (let i = 0; i < rows; i++) {
      for (let k = 0; k < n; k++) values[k] = vectors[k].getItem(i) as CellValue;
      const f = Number(vectors[n].getItem(i));
      const row = Number(vectors[n + 1].getItem(i));
      if (f !== file) {
        if (f < file) throw new Error(`feedRows: DuckDB returned file ${f} after file ${file}`);
        file = f;
        builder.beginFile(scan.files[f]);
      } else if (row <= lastRow) throw new Error(`feedRows: DuckDB returned row ${row} after row ${lastRow}`);
      lastRow = row;
      builder.add(values, row);
    }
  }
}

function builderName(scan: WarehouseScan): string {
  return scan.files.length === 1 ? scan.files[0] : `${scan.files[0]} (and ${scan.files.length - 1} more files)`;
}

/** Load `source` into a catalog (see the module comment). */
export async function loadWarehouse(source: WarehouseSource, options: WarehouseLoadOptions = {}): Promise<Catalog> {
  const { scan, plan } = await openPlanned(source, options.map);
  try {
    const builder = builderFor(scan, plan, source.name, options.skipInvalid ?? false);
    await feedRows(scan, plan, builder);
    return builder.finish(source.name);
  } catch (e) {
    if (e instanceof UserError) throw e;
    throw inputError(e, `${source.name}: cannot be read`);
  } finally {
    scan.close();
  }
}
