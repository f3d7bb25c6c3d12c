/**
 * A warehouse source (Parquet files, a DuckDB table) loaded into a Catalog, by the rules of
 * the CSV loader: the same map, units, 0 = unknown, invalid rows and `skipInvalid` counting,
 * so a Parquet file gives the catalog its rows would give as CSV. Rows are named by their
 * number within their file ("plays.parquet row 3"), a table's by its row number.
 *
 * DuckDB computes each row's values in internal units and its reason to be invalid with the
 * SQL the relation uses (warehousePlan.ts), and numbers the titles; valid rows go straight
 * to the CSV loader's catalog assembler. An invalid row is handed, as its raw cells, to the
 * CSV loader's CatalogBuilder (`feedRows`), whose message names it: the first of each
 * reason (with `skipInvalid`, the others are counted in SQL), or the first of all, which
 * stops the load.
 * `feedRows` on every row is the reference the SQL is tested against.
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
  const values: CellValue[] = new Array(n);
  let file = -1;
  let lastRow = 0;
  for await (const chunk of chunksOf(scan, `SELECT ${plan.loadColumns.join(", ")}, __file, __row FROM ${scan.from} WHERE ${where} ORDER BY __file, __row`)) {
    const rows = chunk.rowCount;
    const vectors = Array.from({ length: n + 2 }, (_, k) => chunk.getColumnVector(k));
    for (let i = 0; i < rows; i++) {
      for (let k = 0; k < n; k++) values[k] = vectors[k].getItem(i) as CellValue;
      const f = Number(vectors[n].getItem(i));
      const row = Number(vectors[n + 1].getItem(i));
      if (f !== file) {
        if (f < file) throw new Error(`feedRows: DuckDB returned file ${f} after file ${file}`);
        file = f;
        builder.beginFile(scan.files[f]);
        lastRow = 0;
      } else if (row <= lastRow) throw new Error(`feedRows: DuckDB returned row ${row} after row ${lastRow}`);
      lastRow = row;
      builder.add(values, row);
    }
  }
}

/** The non-empty chunks of a query on the scan's connection; a failure names the input. */
async function* chunksOf(scan: WarehouseScan, sql: string): AsyncGenerator<DuckDBDataChunk> {
  try {
    const res = await scan.con.stream(sql);
    for (let chunk = await res.fetchChunk(); chunk && chunk.rowCount > 0; chunk = await res.fetchChunk()) yield chunk;
  } catch (e) {
    throw inputError(e, `${builderName(scan)}: cannot be read`);
  }
}

function builderName(scan: WarehouseScan): string {
  return scan.files.length === 1 ? scan.files[0] : `${scan.files[0]} (and ${scan.files.length - 1} more files)`;
}

/** Where an invalid row is: file index and row number. */
interface Invalid {
  file: number;
  row: number;
  count: number;
}

/**
 * The rows of `scan` into `builder`'s assembler, valid ones as DuckDB computed them; invalid
 * ones named by the CSV loader's builder (see the module comment).
 */
async function assembleRows(scan: WarehouseScan, plan: WarehousePlan, builder: CatalogBuilder, skipInvalid: boolean): Promise<void> {
  const a = builder.assembler;
  const k = plan.numbers;
  const t = plan.texts;
  const numbers = new Float64Array(k);
  const texts: string[] = new Array(t);
  const invalid = new Map<string, Invalid>();
  let file = -1;
  let fileNo = 0;
  let lastRow = 0;
  // Rows in file order (a parallel scan may hand row groups over out of order). Titles are
  // numbered by first appearance among valid rows, as the CSV loader numbers them, here in
  // SQL, and each is sent once, on that row: a string for every row, interned here, cost
  // more than the rest of the load (1M rows from two Parquet files, loaded and evaluated:
  // 2.2 s that way, 1.6 s this way). A row's place is one number, file · 2^40 + row.
  const at = "__file::BIGINT * 1099511627776 + __row";
  const sql =
    `WITH r AS (SELECT *, ${at} AS __at FROM (${plan.assemblerRows(scan.from)})), ` +
    `f AS (SELECT title, min(__at) AS __first FROM r WHERE reason IS NULL GROUP BY title), ` +
    `g AS (SELECT title, __first, CAST(row_number() OVER (ORDER BY __first) - 1 AS INTEGER) AS __code FROM f) ` +
    `SELECT g.__code, CASE WHEN r.__at = g.__first THEN r.title END AS __new, r.* EXCLUDE (title, __at) FROM r LEFT JOIN g USING (title) ORDER BY __file, __row`;
  read: for await (const chunk of chunksOf(scan, sql)) {
    const rows = chunk.rowCount;
    const vectors = Array.from({ length: k + t + 5 }, (_, j) => chunk.getColumnVector(j));
    const reasonAt = k + t + 2;
    for (let i = 0; i < rows; i++) {
      const f = Number(vectors[reasonAt + 1].getItem(i));
      const row = Number(vectors[reasonAt + 2].getItem(i));
      if (f !== file) {
        if (f < file) throw new Error(`assembleRows: DuckDB returned file ${f} after file ${file}`);
        file = f;
        builder.beginFile(scan.files[f]);
        fileNo = a.file(scan.files[f]);
        lastRow = 0;
      } else if (row <= lastRow) throw new Error(`assembleRows: DuckDB returned row ${row} after row ${lastRow}`);
      lastRow = row;
      const reason = vectors[reasonAt].getItem(i) as string | null;
      if (reason !== null) {
        const seen = invalid.get(reason);
        if (seen) seen.count++;
        else invalid.set(reason, { file: f, row, count: 1 });
        if (!skipInvalid) break read;
        continue;
      }
      const code = vectors[0].getItem(i) as number;
      const title = vectors[1].getItem(i) as string | null;
      // Each title is new on its first row: no lookup in the dictionary.
      if (title !== null && a.titles.addNew(title) !== code) throw new Error(`assembleRows: DuckDB numbered title ${code} out of order`);
      for (let j = 0; j < k; j++) {
        const x = vectors[2 + j].getItem(i) as number | null;
        numbers[j] = x === null ? NaN : x;
      }
      for (let j = 0; j < t; j++) texts[j] = vectors[2 + k + j].getItem(i) as string;
      if (!a.addCoded(code, numbers, texts, fileNo, row)) {
        throw new Error(`assembleRows: SQL finds ${scan.files[f]} row ${row} valid, the assembler does not`);
      }
    }
  }
  // Each reason's first row through the CSV loader's builder: it throws (no skipInvalid) or
  // says how it words that row, and SQL's count of the others is added to it.
  for (const [reason, at] of invalid) {
    const namer = builderFor(scan, plan, builder.assembler.spec.source, skipInvalid);
    await feedRows(scan, plan, namer, `__file = ${at.file} AND __row = ${at.row}`);
    const report = namer.rejected().get(reason);
    if (!report) throw new Error(`assembleRows: SQL finds ${scan.files[at.file]} row ${at.row} invalid (${reason}), the loader does not`);
    a.addRejected(reason, { count: at.count, first: report.first });
  }
}

/** Load `source` into a catalog (see the module comment). */
export async function loadWarehouse(source: WarehouseSource, options: WarehouseLoadOptions = {}): Promise<Catalog> {
  const { scan, plan } = await openPlanned(source, options.map);
  try {
    const skipInvalid = options.skipInvalid ?? false;
    const builder = builderFor(scan, plan, source.name, skipInvalid);
    await assembleRows(scan, plan, builder, skipInvalid);
    return builder.finish(source.name);
  } catch (e) {
    if (e instanceof UserError) throw e;
    throw inputError(e, `${source.name}: cannot be read`);
  } finally {
    scan.close();
  }
}
