/**
 * Writes a synthetic play log as Parquet through DuckDB's COPY, atomically: one row
 * per play, `server_id` (BIGINT), `played_at` (TIMESTAMP, UTC) and the item's fields
 * under their catalog names (duration_ms, bitrate_kbps, width, height, …; missing =
 * NULL), so `fprisk attack plays.parquet --play-log --server-column server_id` reads
 * it back with no map.
 *
 *   await writePlayLogParquet("plays.parquet", catalog, syntheticPlayLog(catalog, { servers: 1000, seed: 1 }));
 *
 * The catalog's rows go into DuckDB once and the plays as (server, row, time)
 * triples; the join happens in DuckDB, so the JS side appends three numbers a play.
 */
import type { Catalog } from "../catalog/catalog.js";
import { writeAtomicWith } from "../base/atomicWrite.js";
import { PLAY_LOG_NUMERIC, serverIdOf, type SyntheticPlays } from "../attacks/syntheticPlayLog.js";

export async function writePlayLogParquet(path: string, catalog: Catalog, plays: SyntheticPlays): Promise<void> {
  const { DuckDBInstance } = await import("@duckdb/node-api");
  const instance = await DuckDBInstance.create(":memory:");
  const con = await instance.connect();
  try {
    const numeric = PLAY_LOG_NUMERIC.filter((f) => catalog.numeric[f]);
    const text = (["codec", "container"] as const).filter((f) => catalog.text[f]);
    await con.run(`CREATE TABLE items (row_id INTEGER, ${[...numeric.map((f) => `${f} DOUBLE`), ...text.map((f) => `${f} VARCHAR`)].join(", ")})`);
    const items = await con.createAppender("items");
    for (let i = 0; i < catalog.rows; i++) {
      items.appendInteger(i);
      for (const f of numeric) {
        const x = catalog.numeric[f]![i];
        if (x === x) items.appendDouble(x);
        else items.appendNull();
      }
      for (const f of text) {
        const s = catalog.text[f]![i];
        if (s.trim() === "") items.appendNull();
        else items.appendVarchar(s);
      }
      items.endRow();
    }
    items.closeSync();
    await con.run(`CREATE TABLE plays (server_id BIGINT, row_id INTEGER, t BIGINT)`);
    const app = await con.createAppender("plays");
    const n = plays.server.length;
    for (let r = 0; r < n; r++) {
      app.appendBigInt(BigInt(serverIdOf(plays.server[r])));
      app.appendInteger(plays.row[r]);
      app.appendBigInt(BigInt(plays.timeS[r]));
      app.endRow();
    }
    app.closeSync();
    const cols = [...numeric, ...text].map((f) => `i.${f}`).join(", ");
    await writeAtomicWith(path, async (tmp) => {
      await con.run(
        `COPY (SELECT p.server_id, make_timestamp(p.t * 1000000) AS played_at, ${cols} FROM plays p JOIN items i USING (row_id) ORDER BY p.server_id, p.t, p.row_id) ` +
          `TO '${tmp.replaceAll("'", "''")}' (FORMAT parquet)`,
      );
    });
  } finally {
    con.closeSync();
    instance.closeSync();
  }
}
