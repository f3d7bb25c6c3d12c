/**
 * A DuckDB query's DOUBLE columns as Float64Arrays of a known row count, read through
 * the public vector API (NULLs must have been coalesced away, e.g. to 'NaN'::DOUBLE):
 *
 *   const [x, y] = await readDoubles(con, "SELECT x, y FROM t ORDER BY id", 2, rows);
 */
import type { DuckDBConnection } from "@duckdb/node-api";

export async function readDoubles(con: DuckDBConnection, sql: string, cols: number, n: number): Promise<Float64Array[]> {
  const res = await con.run(sql);
  const out = Array.from({ length: cols }, () => new Float64Array(n));
  let off = 0;
  for (let ci = 0; ci < res.chunkCount; ci++) {
    const chunk = res.getChunk(ci);
    const m = chunk.rowCount;
    if (off + m > n) throw new Error(`readDoubles: more than the ${n} rows counted`);
    for (let k = 0; k < cols; k++) {
      const vec = chunk.getColumnVector(k);
      const dst = out[k];
      for (let i = 0; i < m; i++) {
        const v = vec.getItem(i);
        if (typeof v !== "number") throw new Error(`readDoubles: column ${k} row ${off + i} is ${String(v)}, expected a double`);
        dst[off + i] = v;
      }
    }
    off += m;
  }
  if (off !== n) throw new Error(`readDoubles: ${off} rows where ${n} were counted`);
  return out;
}
