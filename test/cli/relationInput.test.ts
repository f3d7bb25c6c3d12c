/** Which inputs the SQL engine reads in place (relationInput.ts), and evaluate doing so through the real binary. */
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { fitsInMemory, relationForEngine } from "../../src/cli/relationInput.js";
import { fprisk, tmp } from "../cliHelpers.js";
import { duckdb, writeParquet } from "../sources/warehouse/fixtures.js";

const dir = tmp("fprisk-cli-relation-");
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const args = (catalog: string) => ({ catalog, "skip-invalid": true });

describe("fitsInMemory", () => {
  it("rows × (4 + 8 × fields) × 3 bytes within the limit", () => {
    expect(fitsInMemory(10e6, 7, 1.8e9)).toBe(true);
    expect(fitsInMemory(10e6, 7, 1.8e9 - 1)).toBe(false);
    expect(fitsInMemory(0, 7, 0)).toBe(true);
  });
});

describe("relationForEngine", () => {
  it("a Parquet file is read in place by --engine duckdb, and by auto only when it would not fit; other inputs are loaded", async () => {
    const file = await writeParquet(join(dir, "p.parquet"), ["title VARCHAR", "duration_ms DOUBLE"], [["A", 1000], ["B", -1], ["C", 3000]]);
    const csv = join(dir, "p.csv");
    writeFileSync(csv, "title,duration_ms\nA,1\n");
    expect(await relationForEngine(args(file), { choice: "memory" }, false)).toBeNull();
    expect(await relationForEngine(args(file), { choice: "duckdb" }, true)).toBeNull();
    expect(await relationForEngine(args(csv), { choice: "duckdb" }, false)).toBeNull();
    expect(await relationForEngine(args(file), { choice: "auto" }, false)).toBeNull();
    // 3 rows × 60 bytes × 3 = 540 bytes
    expect(await relationForEngine(args(file), { choice: "auto", memoryLimitBytes: 540 }, false)).toBeNull();
    expect((await relationForEngine(args(file), { choice: "auto", memoryLimitBytes: 539 }, false))?.rejected).toEqual({ "negative duration_ms": 1 });
    expect((await relationForEngine(args(file), { choice: "duckdb" }, false))?.source).toBe(file);
  });
});

describe("fprisk evaluate --engine duckdb on Parquet and DuckDB tables", () => {
  it("reads them in place and prints the in-memory engine's numbers; skipped rows reported as when loaded", async () => {
    const rows: (string | number | null)[][] = [];
    for (let i = 0; i < 200; i++) rows.push([`T${(i * 7) % 60}`, i === 5 ? -3 : ((i * 37) % 120) + 30, ((i * 11) % 37) * 250]);
    const file = await writeParquet(join(dir, "e.parquet"), ["name VARCHAR", "seconds DOUBLE", "kbps BIGINT"], rows);
    const db = join(dir, "e.duckdb");
    await duckdb(`ATTACH '${db}' AS e`, `CREATE TABLE e.plays AS SELECT * FROM read_parquet('${file}')`);
    const scheme = "duration=round(10s),bitrate=round(1Mbps)";
    const run = (source: string, ...engine: string[]) => {
      const r = fprisk(["evaluate", source, "--scheme", scheme, "--scheme", "duration=exact", "--skip-invalid", "--format", "json", ...engine]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toContain("fprisk: skipped 1 row: 1 negative duration_ms");
      return JSON.parse(r.stdout) as { catalog: unknown; results: { scheme: string; metrics: Record<string, number> }[] };
    };
    for (const source of [file, `${db}#plays`]) {
      const memory = run(source, "--engine", "memory");
      const inPlace = run(source, "--engine", "duckdb", "--memory-limit", "64MiB");
      expect(inPlace.catalog).toEqual(memory.catalog);
      inPlace.results.forEach((r, i) => {
        expect(r.scheme).toBe(memory.results[i].scheme);
        for (const [k, v] of Object.entries(memory.results[i].metrics)) expect(Math.abs(r.metrics[k] - v), `${source} ${k}`).toBeLessThanOrEqual(1e-12 * Math.abs(v));
      });
    }
  }, 120_000);
});
