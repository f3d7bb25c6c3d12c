/**
 * Warehouse inputs through the real binary: Parquet files and globs, DuckDB tables, gzip
 * CSV and NDJSON give the numbers the plain CSV gives; every input problem is one line,
 * exit 2, nothing written. Fixtures are written here, by DuckDB, in a temp folder.
 */
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { bin, expectUserError, fprisk, RUNUSER, tmp } from "../cliHelpers.js";
import { repoRoot } from "../helpers.js";
import { duckdb } from "../sources/warehouse/fixtures.js";

const dir = tmp("fprisk-cli-warehouse-");
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const at = (name: string) => join(dir, name);
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

const CSV = "title,seconds,kbps,height\nHeat,10200,8000,1080\nUp,5760,4000,720\nHeat,10200.4,6000,1080\nAlien,6960,0,480\n";
const SCHEME = "duration=round(1min),bitrate=round(1Mbps),resolution=height";

/** `evaluate` as JSON, the catalog's source left out (it names the input). */
function evaluate(source: string, ...extra: string[]): unknown {
  const r = fprisk(["evaluate", source, "--scheme", SCHEME, "--format", "json", ...extra]);
  expect(r.code, r.stderr).toBe(0);
  const out = JSON.parse(r.stdout) as { catalog: { source?: string } };
  delete out.catalog.source;
  return out;
}

describe("fprisk with warehouse inputs", () => {
  const csv = at("plays.csv");
  writeFileSync(csv, CSV);

  it("a Parquet file, a glob of them and a DuckDB table give the numbers the CSV gives", async () => {
    const parquet = at("plays.parquet");
    mkdirSync(at("logs"));
    await duckdb(
      `COPY (SELECT * FROM read_csv('${csv}')) TO '${parquet}' (FORMAT parquet)`,
      `COPY (SELECT * FROM read_csv('${csv}') LIMIT 2) TO '${at("logs/a.parquet")}' (FORMAT parquet)`,
      `COPY (SELECT * FROM read_csv('${csv}') OFFSET 2) TO '${at("logs/b.parquet")}' (FORMAT parquet)`,
      `ATTACH '${at("w.duckdb")}' AS w`,
      `CREATE TABLE w.plays AS SELECT * FROM read_csv('${csv}')`,
    );
    const want = evaluate(csv);
    expect(evaluate(parquet)).toEqual(want);
    expect(evaluate(at("logs/*.parquet"))).toEqual(want);
    expect(evaluate(`${at("w.duckdb")}#plays`)).toEqual(want);
    const r = fprisk(["inspect", parquet, "--format", "json"]);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).catalog).toMatchObject({ source: parquet, rows: 4, titles: 3 });
  });

  it(".csv.gz and .ndjson.gz load as their plain files", () => {
    const want = evaluate(csv);
    writeFileSync(at("plays.csv.gz"), gzipSync(CSV));
    expect(evaluate(at("plays.csv.gz"))).toEqual(want);
    const ndjson = CSV.trim()
      .split("\n")
      .slice(1)
      .map((line) => {
        const [title, seconds, kbps, height] = line.split(",");
        return JSON.stringify({ title, seconds: Number(seconds), kbps: Number(kbps), height: Number(height) });
      })
      .join("\n");
    writeFileSync(at("plays.ndjson.gz"), gzipSync(ndjson + "\n"));
    expect(evaluate(at("plays.ndjson.gz"))).toEqual(want);
    writeFileSync(at("cut.csv.gz"), gzipSync(CSV.repeat(2000)).subarray(0, 200));
    expectUserError(fprisk(["evaluate", at("cut.csv.gz"), "--scheme", SCHEME]), /cut\.csv\.gz: not a readable gzip file \(unexpected end of file\)/);
  });

  it("--skip-invalid counts Parquet rows by reason; without it the first invalid row is named by file and row", async () => {
    const bad = at("bad.parquet");
    await duckdb(`COPY (SELECT * FROM (VALUES ('A', 100.0), ('B', -1.0), ('', 5.0)) t(title, seconds)) TO '${bad}' (FORMAT parquet)`);
    expectUserError(fprisk(["evaluate", bad, "--scheme", "duration=round(1s)"]), new RegExp(`${escape(bad)} row 2: duration_ms -1000 is negative`));
    const r = fprisk(["evaluate", bad, "--scheme", "duration=round(1s)", "--skip-invalid", "--format", "json"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain("fprisk: skipped 2 rows: 1 negative duration_ms, 1 empty title");
    expect(JSON.parse(r.stdout).catalog.rows).toBe(1);
  });

  it("input problems: one line, exit 2, nothing written", async () => {
    const out = at("out.json");
    const check = (source: string, pattern: RegExp, ...extra: string[]) => {
      expectUserError(fprisk(["evaluate", source, "--scheme", SCHEME, "--out", out, ...extra]), pattern);
      expect(existsSync(out)).toBe(false);
    };
    const good = at("good.parquet");
    await duckdb(
      `COPY (SELECT 'A' AS title, 100.0 AS seconds, '92 min' AS runtime) TO '${good}' (FORMAT parquet)`,
      `COPY (SELECT 'A' AS title, 100.0 AS seconds) TO '${at("corrupt.parquet")}' (FORMAT parquet)`,
    );
    // corrupt: the footer cut off
    const whole = readFileSync(at("corrupt.parquet"));
    writeFileSync(at("corrupt.parquet"), whole.subarray(0, whole.length - 12));
    check(at("corrupt.parquet"), /corrupt\.parquet: not a readable Parquet file \(/);
    check(at("nothing/*.parquet"), /no file matches ".*nothing\/\*\.parquet"/);
    check(good, /good\.parquet: column "secs" \(mapped to duration\) is not in its columns; columns are: "title", "seconds", "runtime"/, "--map", "duration=secs:s");
    check(good, /good\.parquet: column "runtime" \(mapped to duration\) is VARCHAR; duration needs a number column/, "--map", "duration=runtime:min");
    writeFileSync(at("fake.duckdb"), "title,seconds\nA,1\n");
    check(`${at("fake.duckdb")}#plays`, /fake\.duckdb: not a DuckDB database file; ".*#plays" names a table/);
    check(at("fake.duckdb"), /fake\.duckdb: not a DuckDB database file \(no DuckDB header\)/);
    await duckdb(`ATTACH '${at("t.duckdb")}' AS t`, `CREATE TABLE t.plays AS SELECT 'A' AS title, 5 AS seconds`);
    check(at("t.duckdb"), /t\.duckdb: a DuckDB database; name the table to read after "#", e\.g\. ".*t\.duckdb#plays" \(its tables: plays\)/);
    check(`${at("t.duckdb")}#other`, /t\.duckdb: no table "other" \(its tables: plays\)/);
    expectUserError(fprisk(["inspect", "-"], {}, { input: whole }), /stdin: a Parquet file must be given as a plain file \(DuckDB reads it by path\), not on stdin/);
  });

  it("a Parquet file the user may not read (run as nobody; tests run as root, who may read anything)", () => {
    const locked = at("locked.parquet");
    writeFileSync(locked, Buffer.concat([Buffer.from("PAR1"), Buffer.alloc(16)]));
    chmodSync(locked, 0o000);
    chmodSync(dir, 0o755);
    const r = spawnSync(RUNUSER, ["-u", "nobody", "--", process.execPath, bin, "inspect", locked], { encoding: "utf8", cwd: repoRoot });
    expectUserError({ code: r.status, stdout: String(r.stdout), stderr: String(r.stderr) }, /locked\.parquet: cannot read: permission denied/);
  });
});
