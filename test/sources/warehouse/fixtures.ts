/** Tiny Parquet files and DuckDB databases written by DuckDB in a test's temp folder. */
import { DuckDBInstance } from "@duckdb/node-api";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** A SQL literal for a cell: null, a string, or a number (NaN and ±Infinity spelled for DuckDB). */
export function literal(v: string | number | null): string {
  if (v === null) return "NULL";
  if (typeof v === "string") return `'${v.replace(/'/g, "''")}'`;
  if (Number.isNaN(v)) return "'nan'::DOUBLE";
  if (v === Infinity) return "'inf'::DOUBLE";
  if (v === -Infinity) return "'-inf'::DOUBLE";
  if (Object.is(v, -0)) return "'-0.0'::DOUBLE";
  return `'${String(v)}'::DOUBLE`;
}

/** Run statements on a fresh in-memory DuckDB. */
export async function duckdb(...statements: string[]): Promise<unknown[][]> {
  const instance = await DuckDBInstance.create(":memory:");
  const con = await instance.connect();
  try {
    let rows: unknown[][] = [];
    for (const s of statements) rows = (await con.runAndReadAll(s)).getRowsJS() as unknown[][];
    return rows;
  } finally {
    con.closeSync();
    instance.closeSync();
  }
}

/** `SELECT … FROM (VALUES …)` with typed columns: `columns` as "name TYPE". */
export function valuesQuery(columns: string[], rows: (string | number | null)[][]): string {
  const names = columns.map((c) => c.split(" ")[0]);
  const types = columns.map((c) => c.split(" ").slice(1).join(" "));
  if (rows.length === 0) return `SELECT ${names.map((n, i) => `CAST(NULL AS ${types[i]}) AS "${n}"`).join(", ")} LIMIT 0`;
  const body = rows.map((r) => `(${r.map(literal).join(", ")})`).join(", ");
  return `SELECT ${names.map((n, i) => `CAST(c${i} AS ${types[i]}) AS "${n}"`).join(", ")} FROM (VALUES ${body}) t(${names.map((_, i) => `c${i}`).join(", ")})`;
}

/** Write rows as a Parquet file. */
export async function writeParquet(path: string, columns: string[], rows: (string | number | null)[][]): Promise<string> {
  await duckdb(`COPY (${valuesQuery(columns, rows)}) TO '${path}' (FORMAT parquet)`);
  return path;
}

/** A temp folder, removed by `cleanup`. */
export function tempDir(prefix: string): { dir: string; path(name: string): string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, path: (name) => join(dir, name), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
