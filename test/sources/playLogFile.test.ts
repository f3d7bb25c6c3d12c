/**
 * Play-log files read through DuckDB: columns found by name or map, units applied,
 * bad values refused with one line; the loaded log and the SQL relation agree.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";
import { loadPlayLog, playLogReader, playLogRelation } from "../../src/sources/playLogFile.js";
import { playLogUnicity } from "../../src/attacks/playLogUnicity.js";
import { runUnicity } from "../../src/engine/sql/unicitySql.js";
import { parseScheme } from "../../src/schemes/parse.js";

let dir: string;
let instance: DuckDBInstance;
let con: DuckDBConnection;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "fprisk-playlog-"));
  instance = await DuckDBInstance.create(":memory:");
  con = await instance.connect();
});
afterAll(() => {
  con.closeSync();
  instance.closeSync();
  rmSync(dir, { recursive: true, force: true });
});

function csv(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe("loadPlayLog", () => {
  it("a codec of JavaScript's white space only is missing, a padded one is kept as written: the same in memory and in DuckDB's SQL", async () => {
    // "\u3000" and "\t " are blank; " h264\t" is its own name under exact, H.264 under family
    const file = csv("padded.csv", 'account,duration_ms,codec\n1,1000,"\u3000"\n1,2000," h264\t"\n2,1000,"\t "\n2,2000,h264\n3,2000," h264\t"\n3,3000,hevc\n');
    const log = await loadPlayLog(file, { serverColumn: "account" });
    expect(log.items.text.codec).toEqual(["", " h264\t", "h264", "hevc"]);
    const { relation } = await playLogRelation(con, file, { serverColumn: "account" });
    const runner = { dialect: "duckdb" as const, query: async (sql: string) => (await con.runAndReadAll(sql)).getRowObjectsJS() as Record<string, unknown>[] };
    for (const scheme of ["codec=exact", "codec=family", "codec=exact,duration=exact"]) {
      for (const plays of [1, 2]) {
        const [mem] = playLogUnicity(log, parseScheme(scheme), { plays: [plays], seed: 3 });
        const sql = await runUnicity(runner, relation, parseScheme(scheme), { plays, seed: 3 });
        expect(sql, `${scheme} ${plays}`).toEqual({ servers: mem.servers, unique: mem.unique, candidates: Math.round(mem.mean_candidates * mem.servers), short: mem.short });
      }
    }
  });

  it("reads servers, distinct items sorted by tuple (missing last) and each server's distinct plays", async () => {
    const file = csv("a.csv", "account,secs,kbps,codec,when\n7,90,800,h264,1\n7,90,800,h264,2\n08,60,,hevc,3\n08,90,800,h264,4\n9,60,0,,5\n");
    const log = await loadPlayLog(file, { serverColumn: "account", map: "duration=secs:s,bitrate=kbps:kbps" });
    expect(log.plays).toBe(5);
    expect(log.serverIds).toEqual(["08", "7", "9"]);
    // Items: (60 s, missing, hevc), (60 s, missing, missing), (90 s, 800, h264): 0 kbps is unknown.
    expect(Array.from(log.items.numeric.duration_ms!)).toEqual([60000, 60000, 90000]);
    expect(Array.from(log.items.numeric.bitrate_kbps!)).toEqual([NaN, NaN, 800]);
    expect(log.items.text.codec).toEqual(["hevc", "", "h264"]);
    expect(Array.from(log.servers.offsets)).toEqual([0, 2, 3, 4]);
    expect(Array.from(log.servers.items)).toEqual([0, 2, 2, 1]);
  });

  it("detects catalog column names and keeps integer server ids as digits (Parquet)", async () => {
    const file = join(dir, "b.parquet");
    await con.run(`COPY (SELECT * FROM (VALUES (12::BIGINT, 1000.0, 720), (12, 2000.0, 1080), (3, 1000.0, 720)) t(server_id, duration_ms, height)) TO '${file}' (FORMAT parquet)`);
    const log = await loadPlayLog(file, { serverColumn: "server_id" });
    expect(log.serverIds).toEqual(["12", "3"]);
    expect(Object.keys(log.items.numeric)).toEqual(["duration_ms", "height"]);
    expect(log.items.rows).toBe(2);
  });

  it.each([
    ["no server column", "s,duration_ms\n1,5\n", { serverColumn: "server" }, 'no column "server" (--server-column); columns are: "s", "duration_ms"'],
    ["a missing server id", "server,duration_ms\n1,5\n,6\n", { serverColumn: "server" }, "1 of 2 plays have no server id"],
    ["a negative duration", "server,duration_ms\n1,-5\n", { serverColumn: "server" }, "1 of 1 plays have a negative or non-finite duration_ms"],
    ["a word for a number", "server,duration_ms\n1,5\n2,long\n", { serverColumn: "server" }, 'have a value that is not a number in column "duration_ms"'],
    ["a duration without unit", "server,duration\n1,5\n", { serverColumn: "server" }, 'column "duration" (duration) needs a unit'],
    ["no attribute", "server,x\n1,5\n", { serverColumn: "server" }, "no item attribute found"],
    ["no plays", "server,duration_ms\n", { serverColumn: "server" }, "the play log has no plays"],
  ])("refuses %s with one line", async (name, text, options, message) => {
    const file = csv(`${name.replaceAll(" ", "_")}.csv`, text);
    const err = await loadPlayLog(file, options).catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).name).toBe("UserError");
    expect((err as Error).message).toContain(message);
    expect((err as Error).message).not.toContain("\n");
  });

  it("refuses other file types and missing files", async () => {
    expect(() => playLogReader("plays.json")).toThrow("a .parquet, .csv or .tsv file");
    await expect(playLogRelation(con, join(dir, "nope.csv"), { serverColumn: "s" })).rejects.toThrow("nope.csv");
  });
});
