/**
 * The generated unicity SQL, run on DuckDB, equals the in-memory play-log unicity
 * (same draw, same definition) on random logs, schemes, plays and seeds.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";
import type { SqlRunner } from "../../../src/engine/sql/runner.js";
import { parseScheme } from "../../../src/schemes/index.js";
import { playLogFromRows, type PlayLogRelation, type PlayRows } from "../../../src/sources/playLog.js";
import { playLogUnicity } from "../../../src/attacks/playLogUnicity.js";
import { DUCKDB_KEEP_JOINS, runUnicity, unicityCounts, unicitySql } from "../../../src/engine/sql/unicitySql.js";

let instance: DuckDBInstance;
let con: DuckDBConnection;
let run: SqlRunner;
beforeAll(async () => {
  instance = await DuckDBInstance.create(":memory:");
  con = await instance.connect();
  run = { dialect: "duckdb", query: async (sql) => (await con.runAndReadAll(sql)).getRowObjectsJS() as Record<string, unknown>[] };
});
afterAll(() => {
  con.closeSync();
  instance.closeSync();
});

const num = (x: number) => (x !== x ? "NULL" : `CAST('${String(x)}' AS DOUBLE)`);
const txt = (s: string) => (s.trim() === "" ? "NULL" : `'${s.replaceAll("'", "''")}'`);

/** Loads plays into a DuckDB table `name` and returns its relation. */
async function table(rows: PlayRows, name: string): Promise<PlayLogRelation> {
  const values = Array.from(rows.server, (s, r) => `(${txt(rows.serverIds[s])}, ${num(rows.numeric.duration_ms![r])}, ${num(rows.numeric.bitrate_kbps![r])}, ${txt(rows.text.codec![r])})`);
  await con.run(`CREATE OR REPLACE TABLE ${name} (server VARCHAR, duration_ms DOUBLE, bitrate_kbps DOUBLE, codec VARCHAR)`);
  if (values.length) await con.run(`INSERT INTO ${name} VALUES ${values.join(", ")}`);
  return { dialect: "duckdb", from: name, numeric: ["duration_ms", "bitrate_kbps"], text: ["codec"], source: name };
}

const arbLog = fc
  .record({
    servers: fc.integer({ min: 1, max: 9 }),
    items: fc.array(
      fc.record({
        d: fc.oneof(fc.constantFrom(1000, 1400, 2000, 2600, 61_000, NaN), fc.integer({ min: 1, max: 90_000 }).map((x) => x / 7)),
        b: fc.constantFrom(NaN, 800, 850, 1200, 5000.5),
        c: fc.constantFrom("h264", "hevc", "", "it's"),
      }),
      { minLength: 1, maxLength: 12 },
    ),
  })
  .chain(({ servers, items }) =>
    fc.record({
      servers: fc.constant(servers),
      items: fc.constant(items),
      plays: fc.array(fc.tuple(fc.integer({ min: 0, max: servers - 1 }), fc.integer({ min: 0, max: items.length - 1 })), { minLength: servers, maxLength: 40 }),
    }),
  )
  .map(({ servers, items, plays }): PlayRows => {
    // Every server plays at least once.
    const pairs = [...Array.from({ length: servers }, (_, s) => [s, s % items.length] as const), ...plays];
    return {
      source: "random log",
      serverIds: Array.from({ length: servers }, (_, s) => (s % 2 ? `srv-${s}` : String(1000 + s))),
      server: Int32Array.from(pairs, ([s]) => s),
      numeric: { duration_ms: Float64Array.from(pairs, ([, i]) => items[i].d), bitrate_kbps: Float64Array.from(pairs, ([, i]) => items[i].b) },
      text: { codec: pairs.map(([, i]) => items[i].c) },
    };
  });

const SCHEMES = ["duration=round(1s)", "duration=exact", "duration=floor(2s),bitrate=round(100kbps)", "codec=exact", "codec=exact,bitrate=exact", "duration=round(1min)"];

describe("unicity SQL on DuckDB equals the in-memory unicity", () => {
  it("on random logs, schemes, plays and seeds", async () => {
    await fc.assert(
      fc.asyncProperty(arbLog, fc.constantFrom(...SCHEMES), fc.integer({ min: 1, max: 5 }), fc.integer({ min: 0, max: 2 ** 40 }), async (rows, schemeText, plays, seed) => {
        const scheme = parseScheme(schemeText);
        const rel = await table(rows, "plays");
        const [mem] = playLogUnicity(playLogFromRows(rows), scheme, { plays: [plays], seed });
        const sql = await runUnicity(run, rel, scheme, { plays, seed });
        expect(sql).toEqual({ servers: mem.servers, unique: mem.unique, candidates: Math.round(mem.mean_candidates * mem.servers), short: mem.short });
      }),
      { numRuns: 60 },
    );
  }, 240_000);

  it("a hand-computed log: two servers sharing a class are not unique, a third is", async () => {
    // a: 1 s, 2 s; b: 1 s; c: 5 s. One play each (seed irrelevant for b and c; a draws one of its two).
    const rows: PlayRows = {
      source: "hand",
      serverIds: ["a", "b", "c"],
      server: Int32Array.of(0, 0, 1, 2),
      numeric: { duration_ms: Float64Array.of(1000, 2000, 1000, 5000), bitrate_kbps: Float64Array.of(NaN, NaN, NaN, NaN) },
      text: { codec: ["", "", "", ""] },
    };
    const rel = await table(rows, "hand");
    const scheme = parseScheme("duration=round(1s)");
    const got = await runUnicity(run, rel, scheme, { plays: 1, seed: 3 });
    // b's 1 s is also a's: 2 candidates. c is alone. a: if it shows 2 s it is unique (1 candidate), if 1 s, 2 candidates.
    const [mem] = playLogUnicity(playLogFromRows(rows), scheme, { plays: [1], seed: 3 });
    expect(got.servers).toBe(3);
    expect(got.unique).toBe(mem.unique);
    expect([1 + 2 + 1, 2 + 2 + 1]).toContain(got.candidates);
    // With two plays, a shows both classes: only a holds 2 s, so a is unique; b (one play) is short.
    const two = await runUnicity(run, rel, scheme, { plays: 2, seed: 3 });
    expect(two).toEqual({ servers: 3, unique: 2, candidates: 2 + 1 + 1, short: 2 });
  });

  it("one class every server holds: its holders counted, not paired (hand-computed)", async () => {
    // 30 servers all play P (1 s); s0…s9 also play a rare item of their own (10+i s),
    // s10…s19 also play Q (5 s), s20…s29 nothing else. With 2 plays every server shows all
    // it has: s0…s9 are unique, s10…s19 have the 10 of them, s20…s29 (short) all 30.
    const pairs: [number, number][] = [];
    for (let s = 0; s < 30; s++) {
      pairs.push([s, 1000]);
      if (s < 10) pairs.push([s, (10 + s) * 1000]);
      else if (s < 20) pairs.push([s, 5000]);
    }
    const rows: PlayRows = {
      source: "popular",
      serverIds: Array.from({ length: 30 }, (_, s) => `s${s}`),
      server: Int32Array.from(pairs, ([s]) => s),
      numeric: { duration_ms: Float64Array.from(pairs, ([, d]) => d), bitrate_kbps: new Float64Array(pairs.length).fill(NaN) },
      text: { codec: pairs.map(() => "") },
    };
    const rel = await table(rows, "popular");
    const scheme = parseScheme("duration=round(1s)");
    const want = { servers: 30, unique: 10, candidates: 10 * 1 + 10 * 10 + 10 * 30, short: 10 };
    expect(await runUnicity(run, rel, scheme, { plays: 2, seed: 11 })).toEqual(want);
    const [mem] = playLogUnicity(playLogFromRows(rows), scheme, { plays: [2], seed: 11 });
    expect({ servers: mem.servers, unique: mem.unique, candidates: Math.round(mem.mean_candidates * mem.servers), short: mem.short }).toEqual(want);
    // One play: who shows P has all 30 servers as candidates, whatever the draw.
    const one = await runUnicity(run, rel, scheme, { plays: 1, seed: 11 });
    const [mem1] = playLogUnicity(playLogFromRows(rows), scheme, { plays: [1], seed: 11 });
    expect(one).toEqual({ servers: 30, unique: mem1.unique, candidates: Math.round(mem1.mean_candidates * 30), short: 0 });
  });

  it("keeps DuckDB's joins as written for the query only", async () => {
    const setting = async () => (await con.runAndReadAll("SELECT current_setting('disabled_optimizers') AS d")).getRowObjectsJS()[0].d;
    const before = await setting();
    const seen: string[] = [];
    const spy: SqlRunner = { dialect: "duckdb", query: async (sql) => (seen.push(sql), run.query(sql)) };
    const rows: PlayRows = { source: "t", serverIds: ["a"], server: Int32Array.of(0), numeric: { duration_ms: Float64Array.of(1000), bitrate_kbps: Float64Array.of(NaN) }, text: { codec: [""] } };
    await runUnicity(spy, await table(rows, "one"), parseScheme("duration=round(1s)"), { plays: 1, seed: 1 });
    expect(seen[0]).toBe(`SET disabled_optimizers = '${DUCKDB_KEEP_JOINS}'`);
    expect(seen.at(-1)).toBe("RESET disabled_optimizers");
    expect(await setting()).toBe(before);
  });

  it("reads counts as drivers give them, and refuses a runner of another dialect", async () => {
    expect(unicityCounts([3n, "1", 4, null])).toEqual({ servers: 3, unique: 1, candidates: 4, short: 0 });
    const rel: PlayLogRelation = { dialect: "clickhouse", from: "t", numeric: ["duration_ms"], text: [], source: "t" };
    await expect(runUnicity(run, rel, parseScheme("duration=round(1s)"), { plays: 1, seed: 1 })).rejects.toThrow("cannot read a clickhouse relation");
  });

  it("refuses other dialects, fitted generalizers and schemes reading fields the log lacks", () => {
    const rel: PlayLogRelation = { dialect: "duckdb", from: "t", numeric: ["duration_ms"], text: [], source: "t" };
    expect(() => unicitySql({ ...rel, dialect: "spark" }, parseScheme("duration=round(1s)"), { plays: 1, seed: 1 })).toThrow("not spark");
    expect(() => unicitySql(rel, parseScheme("bitrate=round(1Mbps)"), { plays: 1, seed: 1 })).toThrow("needs bitrate_kbps, which t does not have");
    expect(() => unicitySql(rel, parseScheme("duration=quantile(4)"), { plays: 1, seed: 1 })).toThrow("use --engine memory");
  });
});
