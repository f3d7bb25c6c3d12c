/**
 * DuckDB's end-to-end run for the benchmark, as its own process so that it pays the
 * same process start-up as `fprisk evaluate`: read the CSV with read_csv, run the
 * schemes' group-bys, print the numbers and the in-process timings as JSON.
 *
 *   node dist/bench/duckdbE2e.js <file.csv> <scheme> [<scheme> …]
 */
import { DuckDBInstance } from "@duckdb/node-api";
import { parseScheme } from "../src/schemes/parse.js";
import { groupNumbersSql, type GroupNumbers } from "./duckdbSql.js";

async function main(): Promise<void> {
  const t0 = performance.now();
  const [file, ...schemes] = process.argv.slice(2);
  const instance = await DuckDBInstance.create(":memory:");
  const con = await instance.connect();
  const path = file.replace(/'/g, "''");
  const t1 = performance.now();
  await con.run(`CREATE TABLE t AS SELECT * FROM read_csv('${path}', header = true)`);
  const rows = Number((await con.runAndReadAll("SELECT count(*) FROM t")).getRowsJS()[0][0]);
  const t2 = performance.now();
  const results: GroupNumbers[] = [];
  for (const s of schemes) {
    const reader = await con.runAndReadAll(groupNumbersSql(parseScheme(s), "t", rows));
    results.push(reader.getRowObjectsJS()[0] as unknown as GroupNumbers);
  }
  const t3 = performance.now();
  con.closeSync();
  instance.closeSync();
  process.stdout.write(JSON.stringify({ rows, results, startup_ms: t1 - t0, read_ms: t2 - t1, query_ms: t3 - t2 }) + "\n");
}

await main();
