/**
 * A synthetic play log written as Parquet reads back as the same log, and its unicity
 * is the same from the generator's log in memory, from the file in memory and from
 * the file in DuckDB.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";
import { writePlayLogParquet } from "../../src/output/playLogParquet.js";
import { playRowsOf, syntheticPlayLog } from "../../src/attacks/syntheticPlayLog.js";
import { playLogUnicity } from "../../src/attacks/playLogUnicity.js";
import { loadSynthetic } from "../../src/sources/synthetic/synthetic.js";
import { playLogFromRows } from "../../src/sources/playLog.js";
import { loadPlayLog, playLogRelation } from "../../src/sources/playLogFile.js";
import { runUnicity } from "../../src/engine/sql/unicitySql.js";
import { parseScheme } from "../../src/schemes/index.js";

let dir: string;
let instance: DuckDBInstance;
let con: DuckDBConnection;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "fprisk-plp-"));
  instance = await DuckDBInstance.create(":memory:");
  con = await instance.connect();
});
afterAll(() => {
  con.closeSync();
  instance.closeSync();
  rmSync(dir, { recursive: true, force: true });
});

const catalog = loadSynthetic("synthetic:video-library?titles=400&seed=3");

describe("writePlayLogParquet", () => {
  it("round-trips, and all three paths give the same unicity", async () => {
    const plays = syntheticPlayLog(catalog, { servers: 150, seed: 4, meanSize: 8 });
    const file = join(dir, "plays.parquet");
    await writePlayLogParquet(file, catalog, plays);
    const cols = (await con.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet('${file}')`)).getRowsJS().map((r) => `${r[0]} ${r[1]}`);
    expect(cols).toEqual(["server_id BIGINT", "played_at TIMESTAMP", "duration_ms DOUBLE", "bitrate_kbps DOUBLE", "width DOUBLE", "height DOUBLE", "fps DOUBLE"]);
    expect(Number((await con.runAndReadAll(`SELECT count(*) FROM read_parquet('${file}')`)).getRowsJS()[0][0])).toBe(plays.server.length);

    const fromGenerator = playLogFromRows(playRowsOf(catalog, plays, file));
    const fromFile = await loadPlayLog(file, { serverColumn: "server_id" });
    expect(fromFile.items.numeric).toEqual(fromGenerator.items.numeric);
    expect(fromFile.plays).toBe(fromGenerator.plays);
    // Server order differs (text order of ids in the file); compare each server's items by id.
    const itemsOf = (log: typeof fromFile) => Object.fromEntries(log.serverIds.map((id, j) => [id, Array.from(log.servers.items.subarray(log.servers.offsets[j], log.servers.offsets[j + 1]))]));
    expect(itemsOf(fromFile)).toEqual(itemsOf(fromGenerator));

    for (const s of ["duration=round(1min),bitrate=round(1Mbps)", "duration=round(1s)", "resolution=class"]) {
      const scheme = parseScheme(s);
      const [a] = playLogUnicity(fromGenerator, scheme, { plays: [3], seed: 9 });
      const [b] = playLogUnicity(fromFile, scheme, { plays: [3], seed: 9 });
      expect(b).toEqual(a);
      const { relation } = await playLogRelation(con, file, { serverColumn: "server_id" });
      const c = await runUnicity({ dialect: "duckdb", query: async (sql) => (await con.runAndReadAll(sql)).getRowObjectsJS() as Record<string, unknown>[] }, relation, scheme, { plays: 3, seed: 9 });
      expect(c).toEqual({ servers: a.servers, unique: a.unique, candidates: Math.round(a.mean_candidates * a.servers), short: a.short });
    }
  });

  it("leaves an existing file untouched and no temp file when the write fails", async () => {
    const file = join(dir, "keep.parquet");
    writeFileSync(file, "old");
    const plays = syntheticPlayLog(catalog, { servers: 2, seed: 1, meanSize: 2 });
    await expect(writePlayLogParquet(join(dir, "keep.parquet", "inside.parquet"), catalog, plays)).rejects.toThrow("cannot write");
    expect(existsSync(file)).toBe(true);
    expect(readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });
});
