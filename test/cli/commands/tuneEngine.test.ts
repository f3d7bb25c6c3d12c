/**
 * `fprisk tune --engine` and `fprisk sweep --engine` on a Parquet file read in place by
 * DuckDB (the real binary): the in-memory engine's results, and the usage errors before
 * anything is read.
 */
import { rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectUserError, fprisk, tmp } from "../../cliHelpers.js";
import { writeParquet } from "../../sources/warehouse/fixtures.js";

const dir = tmp("fprisk-tune-engine-");
const file = join(dir, "plays.parquet");
const missing = join(dir, "missing.parquet");
beforeAll(async () => {
  // 400 rows, 90 titles: durations on a 0.75 s grid, bitrates on 250 kbps steps, four resolutions
  const rows: (string | number | null)[][] = [];
  for (let i = 0; i < 400; i++) rows.push([`T${(i * 7) % 90}`, ((i * 37) % 300) * 750 + 60_000, ((i * 11) % 37) * 250 + 500, [480, 720, 1080, 2160][(i * 5) % 4]]);
  await writeParquet(file, ["title VARCHAR", "duration_ms DOUBLE", "bitrate_kbps DOUBLE", "height DOUBLE"], rows);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Tuned = {
  catalogs: unknown;
  evaluated: number;
  pruned: number;
  frontier: { scheme: string; metrics: Record<string, Record<string, number>>; objective: number; meets: boolean }[];
  recommended: { scheme: string; metrics: Record<string, Record<string, number>>; objective: number } | null;
};
const near = (a: number, b: number) => Math.abs(a - b) <= 1e-12 * Math.max(Math.abs(a), Math.abs(b));

describe("fprisk tune --engine duckdb", () => {
  it("tunes a Parquet file in place with the in-memory result (recommendation, counts, frontier, metrics)", () => {
    const args = ["tune", file, "--target", "title_unique_fraction<=0.2", "--target", "k_min>=2", "--space", "duration=round(1s)|round(15s)|round(1min)|round(5min),bitrate=exact|round(1Mbps)|drop,resolution=exact|class|drop", "--format", "json"];
    const m = fprisk([...args, "--engine", "memory"]);
    expect(m.code, m.stderr).toBe(0);
    const d = fprisk([...args, "--engine", "duckdb", "--memory-limit", "256MiB", "--verbose"]);
    expect(d.code, d.stderr).toBe(0);
    expect(d.stderr).toContain(`fprisk: ${file} tuned in place by duckdb, not loaded`);
    const [mem, duck] = [JSON.parse(m.stdout) as Tuned, JSON.parse(d.stdout) as Tuned];
    expect(duck.catalogs).toEqual(mem.catalogs);
    expect([duck.evaluated, duck.pruned]).toEqual([mem.evaluated, mem.pruned]);
    expect(mem.pruned).toBeGreaterThan(0);
    expect(mem.recommended).not.toBeNull();
    expect(duck.recommended!.scheme).toBe(mem.recommended!.scheme);
    expect(duck.frontier.map((f) => [f.scheme, f.meets])).toEqual(mem.frontier.map((f) => [f.scheme, f.meets]));
    duck.frontier.forEach((f, i) => {
      expect(near(f.objective, mem.frontier[i].objective)).toBe(true);
      for (const [k, v] of Object.entries(mem.frontier[i].metrics[file])) expect(near(f.metrics[file][k], v), `${f.scheme} ${k}`).toBe(true);
    });
    // auto loads a file this small
    const a = fprisk([...args, "--verbose"]);
    expect(a.stderr).not.toContain("in place");
    expect((JSON.parse(a.stdout) as Tuned).recommended!.scheme).toBe(mem.recommended!.scheme);
  }, 120_000);

  it("a loaded input (a registry dataset) goes into DuckDB under --engine duckdb, with the same recommendation", () => {
    const args = ["tune", "chinook-tracks", "--target", "title_unique_fraction<=0.01", "--space", "duration=round(1s)|round(5s)|round(15s)|round(1min),bitrate=exact|round(100kbps)|drop", "--format", "json"];
    const [m, d] = [fprisk(args), fprisk([...args, "--engine", "duckdb"])];
    expect(d.code, d.stderr).toBe(0);
    const [mem, duck] = [JSON.parse(m.stdout) as Tuned, JSON.parse(d.stdout) as Tuned];
    expect(duck.recommended!.scheme).toBe("duration=round(15s)");
    expect([duck.recommended!.scheme, duck.evaluated, duck.pruned]).toEqual([mem.recommended!.scheme, mem.evaluated, mem.pruned]);
  }, 120_000);

  it("what needs rows in memory is a usage error under --engine duckdb, before anything is read", () => {
    const base = ["tune", missing, "--engine", "duckdb"];
    expectUserError(fprisk([...base, "--target", "class_success<=0.1"]), /^fprisk: the target class_success<=0\.1 needs the in-memory engine: use --engine memory/);
    expectUserError(fprisk([...base, "--target", "linkage(4)<=0.05"]), /the target linkage\(4\)<=0\.05 on simulated servers \(without --play-log\) needs the in-memory engine: use --engine memory/);
    expectUserError(fprisk([...base, "--target", "k_min>=2", "--objective", "entropy-0.001*error(duration)"]), /the objective error\(duration\) needs the in-memory engine: use --engine memory/);
    expectUserError(fprisk([...base, "--play-log", "--server-column", "s", "--target", "linkage(2)<=0.5", "--space", "duration=quantile(4)"]), /duration=quantile\(4\) with a play log's linkage needs the in-memory engine/);
    expectUserError(fprisk(["tune", missing, "--engine", "memory", "--memory-limit", "1GB", "--target", "k_min>=2"]), /--memory-limit limits the duckdb engine/);
    expectUserError(fprisk(["tune", "clickhouse://127.0.0.1:1/db.t", "--engine", "duckdb", "--target", "k_min>=2"]), /a clickhouse:\/\/ table is evaluated on its server/);
    // auto is not refused: it loads (here the file is missing, which is then the error)
    expectUserError(fprisk(["tune", missing, "--target", "class_success<=0.1"]), /missing\.parquet/);
  });

  it("--play-log --engine duckdb: linkage from the SQL unicity, the in-memory result", () => {
    const log = join(dir, "log.parquet");
    const g = fprisk(["datasets", "generate-play-log", log, "--catalog", "synthetic:video-library?titles=300", "--servers", "50", "--mean-size", "5", "--seed", "3"]);
    expect(g.code, g.stderr).toBe(0);
    const args = ["tune", log, "--play-log", "--server-column", "server_id", "--target", "linkage(3)<=0.5", "--space", "duration=round(1s)|round(1min)|round(10min),bitrate=drop|round(1Mbps)", "--seed", "7", "--format", "json"];
    const [m, d] = [fprisk(args), fprisk([...args, "--engine", "duckdb"])];
    expect(d.code, d.stderr).toBe(0);
    const [mem, duck] = [JSON.parse(m.stdout) as Tuned, JSON.parse(d.stdout) as Tuned];
    expect(duck.recommended).not.toBeNull();
    expect([duck.recommended!.scheme, duck.evaluated, duck.pruned]).toEqual([mem.recommended!.scheme, mem.evaluated, mem.pruned]);
    expect(duck.recommended!.metrics[log].linkage_3).toBe(mem.recommended!.metrics[log].linkage_3);
  }, 120_000);
});

describe("fprisk sweep --engine duckdb on Parquet", () => {
  it("reads the file in place, with the in-memory numbers", () => {
    const args = ["sweep", file, "--duration", "exact,1s,1min", "--bitrate", "exact,drop", "--format", "json"];
    const m = fprisk([...args, "--engine", "memory"]);
    const d = fprisk([...args, "--engine", "duckdb", "--memory-limit", "256MiB", "--verbose"]);
    expect(d.code, d.stderr).toBe(0);
    expect(d.stderr).toContain(`fprisk: ${file} evaluated in place by duckdb, not loaded`);
    const [mem, duck] = [JSON.parse(m.stdout), JSON.parse(d.stdout)];
    expect(duck.catalog).toEqual(mem.catalog);
    expect(duck.results).toHaveLength(6);
    duck.results.forEach((r: { scheme: string; metrics: Record<string, number> }, i: number) => {
      expect(r.scheme).toBe(mem.results[i].scheme);
      for (const [k, v] of Object.entries(mem.results[i].metrics as Record<string, number>)) expect(near(r.metrics[k], v), `${r.scheme} ${k}`).toBe(true);
    });
    // --model needs the rows: loaded even under --engine duckdb (then evaluated in DuckDB)
    const model = fprisk([...args, "--engine", "duckdb", "--model", "--verbose"]);
    expect(model.code, model.stderr).toBe(0);
    expect(model.stderr).not.toContain("in place");
  }, 120_000);

  it("a clickhouse:// table under --engine duckdb is a usage error before anything is sent", () => {
    expectUserError(fprisk(["sweep", "clickhouse://127.0.0.1:1/db.t", "--engine", "duckdb", "--duration", "1s"]), /a clickhouse:\/\/ table is evaluated on its server \(--engine auto\) or loaded into memory \(--engine memory\), not in DuckDB/);
  });
});
