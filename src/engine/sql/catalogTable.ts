/**
 * A loaded `Catalog` put into DuckDB as a table, and described as the `SqlRelation` the
 * SQL engine reads: for `--engine duckdb` on a catalog already in memory (a CSV, a
 * registry dataset, a synthetic library), and for checking the SQL engine against the
 * in-memory one on the very same rows.
 *
 * Columns follow the relation's contract (relation.ts): the numeric fields as DOUBLE
 * with NaN as NULL, the text fields as VARCHAR with a blank name (isBlank, the in-memory
 * rule) as NULL. The title is stored as its integer code: the engine only groups and
 * counts titles, and equal codes are equal titles.
 *
 * Rows go in through DuckDB's appender a vector (2048 rows) at a time, no SQL text.
 */
import type { DuckDBDataChunk as DataChunk } from "@duckdb/node-api";
import { NUMERIC_FIELDS, TEXT_FIELDS, type Catalog, type NumericField, type TextField } from "../../catalog/catalog.js";
import type { SqlRelation } from "../../sources/relation.js";
import { isBlank } from "../../schemes/generalizers/categories.js";
import type { DuckDbRunner } from "./duckdbRunner.js";

let tables = 0;

export async function catalogToDuckDb(duck: DuckDbRunner, catalog: Catalog): Promise<SqlRelation> {
  const api = await import("@duckdb/node-api");
  const numeric = NUMERIC_FIELDS.filter((f) => catalog.numeric[f]) as NumericField[];
  const text = TEXT_FIELDS.filter((f) => catalog.text[f]) as TextField[];
  const table = `fprisk_catalog_${++tables}`;
  const columns = ["title INTEGER", ...numeric.map((f) => `${f} DOUBLE`), ...text.map((f) => `${f} VARCHAR`)];
  await duck.connection.run(`CREATE TABLE ${table} (${columns.join(", ")})`);
  const appender = await duck.connection.createAppender(table);
  const types = [api.INTEGER, ...numeric.map(() => api.DOUBLE), ...text.map(() => api.VARCHAR)];
  const size = api.DuckDBVector.standardSize();
  const n = catalog.rows;
  let chunk: DataChunk | undefined;
  for (let from = 0; from < n; from += size) {
    const rows = Math.min(size, n - from);
    if (!chunk || chunk.rowCount !== rows) chunk = api.DuckDBDataChunk.create(types, rows);
    const titles = chunk.getColumnVector(0);
    for (let i = 0; i < rows; i++) titles.setItem(i, catalog.titleCodes[from + i]);
    titles.flush();
    numeric.forEach((f, c) => {
      const col = catalog.numeric[f]!;
      const v = chunk!.getColumnVector(1 + c);
      for (let i = 0; i < rows; i++) {
        const x = col[from + i];
        v.setItem(i, x === x ? x : null);
      }
      v.flush();
    });
    text.forEach((f, c) => {
      const col = catalog.text[f]!;
      const v = chunk!.getColumnVector(1 + numeric.length + c);
      for (let i = 0; i < rows; i++) {
        const s = col[from + i];
        v.setItem(i, isBlank(s) ? null : s);
      }
      v.flush();
    });
    appender.appendDataChunk(chunk);
  }
  appender.closeSync();
  return { dialect: "duckdb", from: table, numeric, text, source: catalog.source };
}
