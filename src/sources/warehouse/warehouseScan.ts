/**
 * A warehouse source opened in embedded DuckDB: its columns with their types, a FROM item
 * that reads them plus where each row is (`__file`: the file's index, `__row`: the row's
 * 1-based number within its file, or within the table), and a cheap row count (Parquet
 * footers, a table's stored size). Nothing is read beyond footers and the catalog here;
 * a DuckDB database is attached READ_ONLY, so an input is never written.
 *
 *   const scan = await openWarehouse(await resolveWarehouseSource("logs/*.parquet", expand));
 *   scan.columns   // [{ name: "name", type: "VARCHAR" }, { name: "seconds", type: "DOUBLE" }]
 *   scan.from      // (SELECT "name", "seconds", file_index AS __file, file_row_number + 1 AS __row FROM read_parquet([…]))
 *   scan.close()
 *
 * Input problems (a corrupt Parquet file, files of one glob with different columns, a
 * database DuckDB cannot open, a table that is not there) become one-line UserErrors
 * naming the source; anything else DuckDB throws is a bug and keeps its stack.
 */
import type { DuckDBConnection, DuckDBInstance } from "@duckdb/node-api";
import { createHash } from "node:crypto";
import { UserError } from "../../base/errors.js";
import type { WarehouseSource } from "./warehouseSource.js";

export interface WarehouseColumn {
  name: string;
  /** DuckDB's type name: "VARCHAR", "DOUBLE", "BIGINT", "DECIMAL(11,1)", … */
  type: string;
}

export interface WarehouseScan {
  con: DuckDBConnection;
  /** The source's columns, in order (`__file` and `__row` not included). */
  columns: WarehouseColumn[];
  /** A FROM item yielding the columns plus `__file` (index into `files`) and `__row` (1-based). */
  from: string;
  /** Names for messages, by `__file`: the Parquet files, or "<db>#<table>". */
  files: string[];
  /** Statements the FROM item needs on a connection first (attaching a database read-only). */
  setup: string[];
  /** Rows in the source before any rule is applied, from metadata. */
  rows: number;
  close(): void;
}

/** A SQL string literal. */
export function sqlString(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

/** A SQL identifier, always quoted (column names can be anything). */
export function sqlIdent(s: string): string {
  return `"${s.replace(/"/g, '""')}"`;
}

/** DuckDB's messages start with the error's class; these are about the input, not our SQL. */
const INPUT_ERROR = /^(IO|Invalid Input|Conversion|Catalog|Serialization|Out of Memory) Error/;

/** A DuckDB failure reading `what` as a one-line UserError, or the error itself when it is a bug. */
export function inputError(e: unknown, what: string): unknown {
  const message = (e as Error)?.message ?? "";
  if (!INPUT_ERROR.test(message)) return e;
  return new UserError(`${what} (${message.split("\n")[0]})`);
}

/** An embedded in-memory DuckDB instance and a connection to it. */
export async function openDuckDB(): Promise<{ instance: DuckDBInstance; con: DuckDBConnection; close(): void }> {
  const duck = await import("@duckdb/node-api");
  const instance = await duck.DuckDBInstance.create(":memory:");
  const con = await instance.connect();
  return {
    instance,
    con,
    close: () => {
      con.closeSync();
      instance.closeSync();
    },
  };
}

/** The files a glob matches, sorted, as DuckDB's readers would read them. */
export async function expandGlob(con: DuckDBConnection, glob: string): Promise<string[]> {
  let rows;
  try {
    rows = (await con.runAndReadAll(`SELECT file FROM glob(${sqlString(glob)}) ORDER BY file`)).getRowsJS();
  } catch (e) {
    throw inputError(e, `cannot list the files matching "${glob}"`);
  }
  return rows.map((r) => String(r[0]));
}

/** The attach alias of a database file: stable per path, so attaching twice is harmless. */
function aliasOf(file: string): string {
  return `fprisk_${createHash("sha256").update(file).digest("hex").slice(0, 12)}`;
}

async function rowsOf(con: DuckDBConnection, sql: string): Promise<unknown[][]> {
  return (await con.runAndReadAll(sql)).getRowsJS() as unknown[][];
}

async function describe(con: DuckDBConnection, from: string): Promise<WarehouseColumn[]> {
  return (await rowsOf(con, `DESCRIBE SELECT * FROM ${from}`)).map((r) => ({ name: String(r[0]), type: String(r[1]) }));
}

/** Open `source` on `con` (from openDuckDB; closed by the scan's close). */
export async function openWarehouse(source: WarehouseSource, duck: { con: DuckDBConnection; close(): void }): Promise<WarehouseScan> {
  try {
    return source.kind === "parquet" ? await openParquet(source, duck) : await openTable(source, duck);
  } catch (e) {
    duck.close();
    throw e;
  }
}

async function openParquet(source: Extract<WarehouseSource, { kind: "parquet" }>, duck: { con: DuckDBConnection; close(): void }): Promise<WarehouseScan> {
  const con = duck.con;
  const list = `[${source.files.map(sqlString).join(", ")}]`;
  const what = source.files.length === 1 ? `${source.files[0]}: not a readable Parquet file` : `${source.name}: the Parquet files cannot be read together`;
  let columns: WarehouseColumn[];
  let rows: number;
  try {
    columns = await describe(con, `read_parquet(${list})`);
    rows = Number((await rowsOf(con, `SELECT coalesce(sum(num_rows), 0) FROM parquet_file_metadata(${list})`))[0][0]);
  } catch (e) {
    throw inputError(e, what);
  }
  const cols = columns.map((c) => sqlIdent(c.name)).join(", ");
  return {
    con,
    columns,
    from: `(SELECT ${cols}, file_index AS __file, file_row_number + 1 AS __row FROM read_parquet(${list}))`,
    files: source.files,
    setup: [],
    rows,
    close: duck.close,
  };
}

async function openTable(source: Extract<WarehouseSource, { kind: "duckdb" }>, duck: { con: DuckDBConnection; close(): void }): Promise<WarehouseScan> {
  const con = duck.con;
  const alias = aliasOf(source.file);
  const setup = [`ATTACH IF NOT EXISTS ${sqlString(source.file)} AS ${alias} (READ_ONLY)`];
  try {
    for (const s of setup) await con.run(s);
  } catch (e) {
    throw inputError(e, `${source.file}: cannot open the DuckDB database`);
  }
  const tables = (await rowsOf(con, `SELECT schema_name, table_name, estimated_size FROM duckdb_tables() WHERE database_name = ${sqlString(alias)} ORDER BY schema_name, table_name`)).map(
    (r) => ({ schema: String(r[0]), table: String(r[1]), rows: Number(r[2]) }),
  );
  const shown = tables.map((t) => (t.schema === "main" ? t.table : `${t.schema}.${t.table}`));
  const listing = tables.length === 0 ? "it has no tables" : `its tables: ${shown.join(", ")}`;
  if (source.table === undefined) {
    throw new UserError(`${source.file}: a DuckDB database; name the table to read after "#", e.g. "${source.file}#${shown[0] ?? "plays"}" (${listing})`);
  }
  const wanted = source.table.toLowerCase();
  const found = tables.find((t) => `${t.schema}.${t.table}`.toLowerCase() === wanted) ?? tables.find((t) => t.schema === "main" && t.table.toLowerCase() === wanted);
  if (!found) throw new UserError(`${source.file}: no table "${source.table}" (${listing})`);
  const table = `${alias}.${sqlIdent(found.schema)}.${sqlIdent(found.table)}`;
  const columns = await describe(con, table);
  const cols = columns.map((c) => sqlIdent(c.name)).join(", ");
  const name = `${source.file}#${source.table}`;
  return {
    con,
    columns,
    from: `(SELECT ${cols}, 0 AS __file, rowid + 1 AS __row FROM ${table})`,
    files: [name],
    setup,
    rows: found.rows,
    close: duck.close,
  };
}
