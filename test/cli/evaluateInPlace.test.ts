/** evaluate and sweep where the data lives (evaluateInPlace.ts). */
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { checkClickHouseEngine, evaluateInPlace } from "../../src/cli/evaluateInPlace.js";
import { UsageError } from "../../src/cli/usageError.js";
import { parseScheme } from "../../src/schemes/parse.js";
import { tmp } from "../cliHelpers.js";
import { writeParquet } from "../sources/warehouse/fixtures.js";

const dir = tmp("fprisk-in-place-");
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const options = { needsRows: false, riskThreshold: 0.2, label: "test" };
const schemes = [parseScheme("duration=exact"), parseScheme("duration=round(10s)")];

describe("evaluateInPlace", () => {
  it("a Parquet file under duckdb: the metrics from SQL; null when the input is to be loaded", async () => {
    // 1 s, 2 s, 2 s, 14 s: exact → classes {A}, {B, C}, {D}; round(10s) → 0 s {A, B, C}, 10 s {D}
    const file = await writeParquet(join(dir, "p.parquet"), ["title VARCHAR", "duration_ms DOUBLE"], [["A", 1000], ["B", 2000], ["C", 2000], ["D", 14_000]]);
    const args = { catalog: file, "skip-invalid": false };
    const r = await evaluateInPlace(args, { choice: "duckdb" }, schemes, options);
    expect(r?.catalog).toEqual({ source: file, rows: 4, titles: 4 });
    expect(r?.results.map((x) => [x.metrics.classes, x.metrics.title_unique_fraction])).toEqual([
      [3, 0.5],
      [2, 0.25],
    ]);
    expect(await evaluateInPlace(args, { choice: "duckdb" }, schemes, { ...options, needsRows: true })).toBeNull();
    expect(await evaluateInPlace(args, { choice: "memory" }, schemes, options)).toBeNull();
    expect(await evaluateInPlace(args, { choice: "auto" }, schemes, options)).toBeNull();
    const csv = join(dir, "p.csv");
    writeFileSync(csv, "title,duration_ms\nA,1\n");
    expect(await evaluateInPlace({ catalog: csv, "skip-invalid": false }, { choice: "duckdb" }, schemes, options)).toBeNull();
    // a ClickHouse table is loaded under --engine memory (nothing is sent here)
    expect(await evaluateInPlace({ catalog: "clickhouse://127.0.0.1:1/db.t", "skip-invalid": false }, { choice: "memory" }, schemes, options)).toBeNull();
  });

  it("checkClickHouseEngine refuses a ClickHouse table in DuckDB, as a usage error", () => {
    expect(() => checkClickHouseEngine("clickhouse://127.0.0.1:1/db.t", { choice: "duckdb" })).toThrow(UsageError);
    expect(() => checkClickHouseEngine("clickhouse://127.0.0.1:1/db.t", { choice: "auto" })).not.toThrow();
    expect(() => checkClickHouseEngine("plays.parquet", { choice: "duckdb" })).not.toThrow();
  });
});
