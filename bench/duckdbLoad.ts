/**
 * The benchmark catalog into DuckDB: the synthetic catalog's columns (title code,
 * duration, bitrate, width, height) as table `t`, appended one data chunk at a time,
 * so the DuckDB side of every bench groups exactly the values fprisk groups.
 */
import { DOUBLE, DuckDBDataChunk, INTEGER, type DuckDBConnection } from "@duckdb/node-api";
import type { Catalog } from "../src/catalog/catalog.js";
import { COLUMNS } from "./duckdbSql.js";

/** The catalog's columns into a DuckDB table through the appender, one data chunk at a time (NaN → NULL). */
export async function loadIntoDuckDB(con: DuckDBConnection, catalog: Catalog): Promise<void> {
  const num = catalog.numeric;
  const cols: [string, Float64Array][] = [
    [COLUMNS.duration, num.duration_ms!],
    [COLUMNS.bitrate, num.bitrate_kbps!],
    [COLUMNS.width, num.width!],
    [COLUMNS.height, num.height!],
  ];
  await con.run(`CREATE TABLE t (${COLUMNS.title} INTEGER, ${cols.map(([name]) => `${name} DOUBLE`).join(", ")})`);
  const appender = await con.createAppender("t");
  const chunk = DuckDBDataChunk.create([INTEGER, ...cols.map(() => DOUBLE)]);
  const titles = catalog.titleCodes;
  const CHUNK = 2048; // DuckDB's vector size
  for (let off = 0; off < catalog.rows; off += CHUNK) {
    const m = Math.min(CHUNK, catalog.rows - off);
    chunk.rowCount = m;
    const tv = chunk.getColumnVector(0);
    for (let i = 0; i < m; i++) tv.setItem(i, titles[off + i]);
    tv.flush();
    for (let c = 0; c < cols.length; c++) {
      const v = chunk.getColumnVector(c + 1);
      const src = cols[c][1];
      for (let i = 0; i < m; i++) {
        const x = src[off + i];
        v.setItem(i, x === x ? x : null);
      }
      v.flush();
    }
    appender.appendDataChunk(chunk);
  }
  appender.closeSync();
}
