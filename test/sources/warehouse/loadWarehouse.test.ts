import { writeFileSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import type { Catalog } from "../../../src/catalog/catalog.js";
import { UserError } from "../../../src/base/errors.js";
import { loadCatalog } from "../../../src/sources/loadCatalog.js";
import { findWarehouseSource, loadWarehouse } from "../../../src/sources/warehouse/loadWarehouse.js";
import { parseFieldMap } from "../../../src/sources/table/fieldMap.js";
import { duckdb, tempDir, writeParquet } from "./fixtures.js";

const tmp = tempDir("fprisk-loadwh-");
afterAll(() => tmp.cleanup());

/** What a catalog says about its items, without where they came from (file names, lines, source). */
function content(c: Catalog) {
  const { source: _s, origin: _o, ...rest } = c;
  return rest;
}

const CSV = [
  "title,artist,seconds,kbps,resolution,codec,bytes",
  "Heat,Mann,170.5,8000,1920x1080,h264,2000000000",
  "Up,Docter,0,,720p,,",
  "Heat,Mann,1.001,4000,4K,hevc,0",
  "Alien,Scott,6960,5000,,h264,",
  "Bad,X,-1,1,sd,x,1",
  ",,5,5,sd,x,1",
  "Zed,Z,12.25,1e3,1280x720,NA,123",
].join("\n");

describe("loadWarehouse", () => {
  it("a Parquet file gives the catalog the same rows give as CSV (written from that CSV by DuckDB's COPY)", async () => {
    const csv = tmp.path("same.csv");
    writeFileSync(csv, CSV + "\n");
    const parquet = tmp.path("same.parquet");
    await duckdb(`COPY (SELECT * FROM read_csv('${csv}')) TO '${parquet}' (FORMAT parquet)`);
    const types = await duckdb(`SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_parquet('${parquet}'))`);
    expect(types).toEqual([
      ["title", "VARCHAR"],
      ["artist", "VARCHAR"],
      ["seconds", "DOUBLE"],
      ["kbps", "DOUBLE"],
      ["resolution", "VARCHAR"],
      ["codec", "VARCHAR"],
      ["bytes", "BIGINT"],
    ]);
    const fromCsv = await loadCatalog(csv, { skipInvalid: true });
    const fromParquet = await loadCatalog(parquet, { skipInvalid: true });
    expect(content(fromParquet)).toEqual(content(fromCsv));
    expect(fromParquet.rejected).toEqual({ "negative duration_ms": 1, "empty title": 1 });
    expect(fromParquet.titleNames).toEqual(["Heat — Mann", "Up — Docter", "Alien — Scott", "Zed — Z"]);
    expect([...fromParquet.numeric.duration_ms!]).toEqual([170_500, NaN, 1001, 6_960_000, 12_250]);
    expect(fromParquet.source).toBe(parquet);
    // rows are named by their number in the file, where CSV names lines
    expect([...fromParquet.origin!.line]).toEqual([1, 2, 3, 4, 7]);
    expect([...fromCsv.origin!.line]).toEqual([2, 3, 4, 5, 8]);
    await expect(loadCatalog(parquet)).rejects.toThrow(`${parquet} row 5: duration_ms -1000 is negative`);
    await expect(loadCatalog(csv)).rejects.toThrow(`${csv}:6: duration_ms -1000 is negative`);
  });

  it("a glob reads its files in order, rows numbered within each file; the map applies to all", async () => {
    await writeParquet(tmp.path("logs-a.parquet"), ["name VARCHAR", "ms BIGINT"], [["A", 1000], ["B", 2000]]);
    await writeParquet(tmp.path("logs-b.parquet"), ["name VARCHAR", "ms BIGINT"], [["A", 3000], ["C", -1]]);
    const source = (await findWarehouseSource(tmp.path("logs-*.parquet")))!;
    const c = await loadWarehouse(source, { map: parseFieldMap("duration=ms:ms"), skipInvalid: true });
    expect(c.titleNames).toEqual(["A", "B"]);
    expect([...c.titleCodes]).toEqual([0, 1, 0]);
    expect([...c.numeric.duration_ms!]).toEqual([1000, 2000, 3000]);
    expect(c.origin!.files).toEqual([tmp.path("logs-a.parquet"), tmp.path("logs-b.parquet")]);
    expect([...c.origin!.file]).toEqual([0, 0, 1]);
    expect([...c.origin!.line]).toEqual([1, 2, 1]);
    expect(c.rejected).toEqual({ "negative duration_ms": 1 });
    await expect(loadWarehouse(source, { map: parseFieldMap("duration=ms:ms") })).rejects.toThrow(`${tmp.path("logs-b.parquet")} row 2: duration_ms -1 is negative`);
  });

  it("titles are numbered by their first valid row, across files, as the CSV loader numbers them", async () => {
    // D's first row is invalid (negative), so D is numbered where its second row comes;
    // E has no valid row and is no title; titles recur across files and not next to each other.
    const a: [string, number][] = [["B", 1], ["D", -1], ["A", 2], ["B", 3], ["E", -1]];
    const b: [string, number][] = [["C", 4], ["D", 5], ["A", 6], ["C", 7], ["E", -2]];
    await writeParquet(tmp.path("codes-a.parquet"), ["title VARCHAR", "duration_ms DOUBLE"], a);
    await writeParquet(tmp.path("codes-b.parquet"), ["title VARCHAR", "duration_ms DOUBLE"], b);
    const c = await loadWarehouse((await findWarehouseSource(tmp.path("codes-*.parquet")))!, { skipInvalid: true });
    expect(c.titleNames).toEqual(["B", "A", "C", "D"]);
    expect([...c.titleCodes]).toEqual([0, 1, 0, 2, 3, 1, 2]);
    expect([...c.numeric.duration_ms!]).toEqual([1, 2, 3, 4, 5, 6, 7]);
    const csv = tmp.path("codes.csv");
    writeFileSync(csv, ["title,duration_ms", ...[...a, ...b].map(([t, d]) => `${t},${d}`)].join("\n") + "\n");
    const fromCsv = await loadCatalog(csv, { skipInvalid: true });
    expect([c.titleNames, [...c.titleCodes]]).toEqual([fromCsv.titleNames, [...fromCsv.titleCodes]]);
  });

  it("files of one glob whose columns differ: one line naming the file", async () => {
    await writeParquet(tmp.path("mix-a.parquet"), ["title VARCHAR", "ms BIGINT"], [["A", 1]]);
    await writeParquet(tmp.path("mix-b.parquet"), ["name VARCHAR"], [["B"]]);
    const err = await loadCatalog(tmp.path("mix-*.parquet"), { map: "duration=ms:ms" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as Error).message).toMatch(/: cannot be read \(Invalid Input Error: Failed to read file ".*mix-b\.parquet": schema mismatch/);
    expect((err as Error).message).not.toContain("\n");
  });

  it("a DuckDB table; decimals, wide integers and floats read as the decimals they print", async () => {
    const db = tmp.path("t.duckdb");
    await duckdb(
      `ATTACH '${db}' AS w`,
      `CREATE SCHEMA w.s`,
      `CREATE TABLE w.s.plays AS SELECT * FROM (VALUES ('A', 1.001::DECIMAL(9,3), 23.976::FLOAT, 5000::HUGEINT), ('B', 92.5::DECIMAL(9,3), 25::FLOAT, 0::HUGEINT)) t(title, seconds, fps, kbps)`,
    );
    const c = await loadCatalog(`${db}#s.plays`);
    expect(c.source).toBe(`${db}#s.plays`);
    expect([...c.numeric.duration_ms!]).toEqual([1001, 92_500]);
    expect([...c.numeric.fps!]).toEqual([23.976, 25]);
    expect([...c.numeric.bitrate_kbps!]).toEqual([5000, NaN]);
    expect(c.origin!.files).toEqual([`${db}#s.plays`]);
  });

  it("text where a number is expected is refused before any row is read", async () => {
    const file = await writeParquet(tmp.path("text.parquet"), ["title VARCHAR", "duration VARCHAR"], [["A", "92 min"]]);
    await expect(loadCatalog(file, { map: "duration=duration:min" })).rejects.toThrow(
      `${file}: column "duration" (mapped to duration) is VARCHAR; duration needs a number column (integer, floating point or decimal)`,
    );
  });
});
