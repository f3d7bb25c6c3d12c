/** Where `tune` puts each catalog (tuneInputs.ts): in memory, or read in place by the SQL engine. */
import { rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTuneCatalogs, type TuneInputArgs } from "../../src/cli/tuneInputs.js";
import type { EnginePlan } from "../../src/cli/engineOption.js";
import { MemoryCatalog } from "../../src/experiments/tune/memoryCatalog.js";
import { SqlCatalog } from "../../src/experiments/tune/sqlCatalog.js";
import { tmp } from "../cliHelpers.js";
import { writeParquet } from "../sources/warehouse/fixtures.js";

const dir = tmp("fprisk-tune-inputs-");
const file = join(dir, "p.parquet");
beforeAll(async () => {
  await writeParquet(file, ["title VARCHAR", "duration_ms DOUBLE"], [["A", 1000], ["B", 2000], ["B", 2000]]);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const args = (...catalogs: string[]): TuneInputArgs => ({ catalogs, "skip-invalid": false, "play-log": false });

/** The kind of each catalog opened for the plan, and their summaries. */
async function kinds(a: TuneInputArgs, plan: EnginePlan, memoryOnly?: string): Promise<string[]> {
  const inputs = await openTuneCatalogs(a, plan, memoryOnly);
  try {
    return inputs.catalogs.map((c) => `${c instanceof SqlCatalog ? "sql" : c instanceof MemoryCatalog ? "memory" : "?"} ${c.summary.rows}/${c.summary.titles}`);
  } finally {
    await inputs.close();
  }
}

describe("openTuneCatalogs", () => {
  it("Parquet: in place under duckdb; loaded under memory, under auto when it fits, and whenever the run needs rows", async () => {
    expect(await kinds(args(file), { choice: "duckdb" })).toEqual(["sql 3/2"]);
    expect(await kinds(args(file), { choice: "memory" })).toEqual(["memory 3/2"]);
    expect(await kinds(args(file), { choice: "auto" })).toEqual(["memory 3/2"]);
    // 3 rows × 60 bytes × 3 = 540 bytes do not fit in 500 (relationInput.test.ts), but the run needs the rows
    expect(await kinds(args(file), { choice: "auto", memoryLimitBytes: 500 }, "the target class_success<=0.1")).toEqual(["memory 3/2"]);
  });

  it("a loaded input goes into the one DuckDB under duckdb, beside a Parquet file", async () => {
    expect(await kinds(args("chinook-tracks", file), { choice: "duckdb", memoryLimitBytes: 256 * 2 ** 20 })).toEqual(["sql 3503/3351", "sql 3/2"]);
    expect(await kinds(args("chinook-tracks"), { choice: "auto" })).toEqual(["memory 3503/3351"]);
  });

  it("an input that cannot be read closes what was opened and reports it", async () => {
    await expect(openTuneCatalogs(args(file, join(dir, "none.parquet")), { choice: "duckdb" }, undefined)).rejects.toThrow(/none\.parquet/);
  });
});
