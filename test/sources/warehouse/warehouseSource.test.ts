import { mkdirSync, writeFileSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { globRegExp, isGlob, resolveWarehouseSource } from "../../../src/sources/warehouse/warehouseSource.js";
import { duckdb, tempDir, writeParquet } from "./fixtures.js";

const tmp = tempDir("fprisk-whsource-");
afterAll(() => tmp.cleanup());

/** A glob expansion that lists what it was asked, for the cases that must not expand. */
const asked: string[] = [];
const expand = async (glob: string) => {
  asked.push(glob);
  return glob.endsWith("*.parquet") ? [tmp.path("a.parquet"), tmp.path("b.parquet")] : glob.endsWith("*.csv") ? [tmp.path("x.csv")] : [];
};

describe("resolveWarehouseSource", () => {
  it("Parquet and DuckDB files by their magic bytes, whatever their names; CSV is not a warehouse source", async () => {
    const a = await writeParquet(tmp.path("a.parquet"), ["title VARCHAR"], [["A"]]);
    await writeParquet(tmp.path("b.parquet"), ["title VARCHAR"], [["B"]]);
    const named = await writeParquet(tmp.path("plays.bin"), ["title VARCHAR"], [["A"]]);
    const db = tmp.path("w.db");
    await duckdb(`ATTACH '${db}' AS w`, `CREATE TABLE w.t AS SELECT 1 AS x`);
    writeFileSync(tmp.path("x.csv"), "title,duration_ms\nA,1\n");
    expect(await resolveWarehouseSource(a, expand)).toEqual({ kind: "parquet", name: a, files: [a] });
    expect(await resolveWarehouseSource(named, expand)).toEqual({ kind: "parquet", name: named, files: [named] });
    expect(await resolveWarehouseSource(db, expand)).toEqual({ kind: "duckdb", name: db, file: db });
    expect(await resolveWarehouseSource(`${db}#t`, expand)).toEqual({ kind: "duckdb", name: `${db}#t`, file: db, table: "t" });
    expect(await resolveWarehouseSource(`${db}#`, expand)).toEqual({ kind: "duckdb", name: `${db}#`, file: db });
    expect(await resolveWarehouseSource(tmp.path("x.csv"), expand)).toBeNull();
    expect(await resolveWarehouseSource(tmp.path("missing.csv"), expand)).toBeNull();
    expect(asked).toEqual([]);
  });

  it("a glob: its Parquet matches; nothing matching, or a match that is not Parquet, is refused", async () => {
    expect(await resolveWarehouseSource(tmp.path("*.parquet"), expand)).toEqual({ kind: "parquet", name: tmp.path("*.parquet"), files: [tmp.path("a.parquet"), tmp.path("b.parquet")] });
    await expect(resolveWarehouseSource(tmp.path("*.nothing"), expand)).rejects.toThrow(`no file matches "${tmp.path("*.nothing")}"`);
    await expect(resolveWarehouseSource(tmp.path("*.csv"), expand)).rejects.toThrow(/x\.csv \(matched by ".*\*\.csv"\): not a Parquet file; a glob reads Parquet files only/);
  });

  it("a name promising a format its bytes do not hold is refused, not read as CSV", async () => {
    const p = tmp.path("fake.parquet");
    writeFileSync(p, "title\nA\n");
    await expect(resolveWarehouseSource(p, expand)).rejects.toThrow(`${p}: not a Parquet file (no "PAR1" magic bytes at its start)`);
    const d = tmp.path("fake.duckdb");
    writeFileSync(d, "");
    await expect(resolveWarehouseSource(d, expand)).rejects.toThrow(`${d}: not a DuckDB database file (the file is empty)`);
    await expect(resolveWarehouseSource(`${tmp.path("x.csv")}#plays`, expand)).rejects.toThrow(/x\.csv: not a DuckDB database file; ".*#plays" names a table/);
  });

  it("a folder is no warehouse source", async () => {
    mkdirSync(tmp.path("folder"));
    expect(await resolveWarehouseSource(tmp.path("folder"), expand)).toBeNull();
  });
});

describe("isGlob", () => {
  it("*, ? and [ make a glob", () => {
    expect(["logs/*.parquet", "a?.parquet", "[ab].parquet", "**/x.parquet"].every(isGlob)).toBe(true);
    expect(isGlob("plays.parquet")).toBe(false);
  });
});

describe("globRegExp", () => {
  it("* and ? within a folder, ** across folders, [abc] and [!abc], everything else literal", () => {
    const re = globRegExp("logs/*.parquet");
    expect(re.test("logs/a.parquet")).toBe(true);
    expect(re.test("logs/x/a.parquet")).toBe(false);
    expect(re.test("logs/aXparquet")).toBe(false);
    expect(globRegExp("logs/**/*.parquet").test("logs/2024/01/a.parquet")).toBe(true);
    expect(globRegExp("logs/**/*.parquet").test("logs/a.parquet")).toBe(true);
    expect(globRegExp("p?.parquet").test("p1.parquet")).toBe(true);
    expect(globRegExp("p?.parquet").test("p12.parquet")).toBe(false);
    expect(globRegExp("[ab].parquet").test("b.parquet")).toBe(true);
    expect(globRegExp("[!ab].parquet").test("b.parquet")).toBe(false);
    expect(globRegExp("[!ab].parquet").test("c.parquet")).toBe(true);
    expect(globRegExp("a+(b)*").test("a+(b)x")).toBe(true);
  });
});
