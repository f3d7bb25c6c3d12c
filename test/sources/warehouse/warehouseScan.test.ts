import { writeFileSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { UserError } from "../../../src/base/errors.js";
import { expandGlob, inputError, openDuckDB, openWarehouse, sqlIdent, sqlString } from "../../../src/sources/warehouse/warehouseScan.js";
import { duckdb, tempDir, writeParquet } from "./fixtures.js";

const tmp = tempDir("fprisk-whscan-");
afterAll(() => tmp.cleanup());

describe("openWarehouse", () => {
  it("Parquet files: columns and types, rows from the footers, a FROM item numbering rows within each file", async () => {
    const a = await writeParquet(tmp.path("a.parquet"), ["title VARCHAR", "ms BIGINT"], [["A", 1], ["B", 2]]);
    const b = await writeParquet(tmp.path("b.parquet"), ["title VARCHAR", "ms BIGINT"], [["C", 3]]);
    const scan = await openWarehouse({ kind: "parquet", name: "x", files: [a, b] }, await openDuckDB());
    try {
      expect(scan.columns).toEqual([
        { name: "title", type: "VARCHAR" },
        { name: "ms", type: "BIGINT" },
      ]);
      expect(scan.rows).toBe(3);
      expect(scan.files).toEqual([a, b]);
      expect(scan.setup).toEqual([]);
      const rows = (await scan.con.runAndReadAll(`SELECT title, __file, __row FROM ${scan.from}`)).getRowsJS();
      expect(rows.map((r) => r.map(String))).toEqual([
        ["A", "0", "1"],
        ["B", "0", "2"],
        ["C", "1", "1"],
      ]);
    } finally {
      scan.close();
    }
  });

  it("a DuckDB table, attached read-only; a missing or unnamed table lists the tables", async () => {
    const db = tmp.path("w.duckdb");
    await duckdb(`ATTACH '${db}' AS w`, `CREATE TABLE w.plays AS SELECT 'A' AS title, 5 AS ms`, `CREATE TABLE w.other AS SELECT 1 AS x`);
    const scan = await openWarehouse({ kind: "duckdb", name: `${db}#PLAYS`, file: db, table: "PLAYS" }, await openDuckDB());
    try {
      expect(scan.rows).toBe(1);
      expect(scan.files).toEqual([`${db}#PLAYS`]);
      expect(scan.setup[0]).toContain("(READ_ONLY)");
      expect((await scan.con.runAndReadAll(`SELECT title, __row FROM ${scan.from}`)).getRowsJS().map((r) => r.map(String))).toEqual([["A", "1"]]);
      await expect(scan.con.run(`INSERT INTO ${scan.from.match(/FROM (fprisk_\w+\.\S+)\)/)![1]} VALUES ('B', 1)`)).rejects.toThrow(/read-only/i);
    } finally {
      scan.close();
    }
    await expect(openWarehouse({ kind: "duckdb", name: `${db}#nope`, file: db, table: "nope" }, await openDuckDB())).rejects.toThrow(`${db}: no table "nope" (its tables: other, plays)`);
    await expect(openWarehouse({ kind: "duckdb", name: db, file: db }, await openDuckDB())).rejects.toThrow(
      `${db}: a DuckDB database; name the table to read after "#", e.g. "${db}#other" (its tables: other, plays)`,
    );
  });

  it("a corrupt Parquet file, a broken database: one line each, naming the source", async () => {
    const good = await writeParquet(tmp.path("g.parquet"), ["title VARCHAR", "ms BIGINT"], [["A", 1]]);
    const cut = tmp.path("cut.parquet");
    writeFileSync(cut, Buffer.concat([Buffer.from("PAR1"), Buffer.alloc(20)]));
    await expect(openWarehouse({ kind: "parquet", name: cut, files: [cut] }, await openDuckDB())).rejects.toThrow(new RegExp(`^${cut}: not a readable Parquet file \\(.+\\)$`));
    // Files of one glob whose columns differ are found when rows are read (loadWarehouse's test).
    expect((await openWarehouse({ kind: "parquet", name: good, files: [good] }, await openDuckDB())).rows).toBe(1);
    const broken = tmp.path("broken.duckdb");
    writeFileSync(broken, Buffer.concat([Buffer.alloc(8), Buffer.from("DUCK"), Buffer.alloc(100)]));
    await expect(openWarehouse({ kind: "duckdb", name: broken, file: broken, table: "t" }, await openDuckDB())).rejects.toThrow(new RegExp(`^${broken}: cannot open the DuckDB database \\(`));
  });
});

describe("helpers", () => {
  it("quote SQL strings and identifiers", () => {
    expect(sqlString("it's")).toBe("'it''s'");
    expect(sqlIdent('a "b"')).toBe('"a ""b"""');
  });
  it("expandGlob lists matches sorted; inputError keeps bugs as they are", async () => {
    const duck = await openDuckDB();
    try {
      await writeParquet(tmp.path("z1.parquet"), ["t VARCHAR"], [["A"]]);
      await writeParquet(tmp.path("z0.parquet"), ["t VARCHAR"], [["A"]]);
      expect(await expandGlob(duck.con, tmp.path("z*.parquet"))).toEqual([tmp.path("z0.parquet"), tmp.path("z1.parquet")]);
    } finally {
      duck.close();
    }
    const bug = new TypeError("x is undefined");
    expect(inputError(bug, "f")).toBe(bug);
    expect(inputError(new Error("IO Error: No files found\nmore"), "f: cannot read")).toEqual(new UserError("f: cannot read (IO Error: No files found)"));
  });
});
