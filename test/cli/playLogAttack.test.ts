/**
 * `fprisk attack --play-log` on tiny generated logs (the real binary): the same numbers
 * in memory and in DuckDB, every output format, and one-line usage errors before
 * anything is read.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectUserError, fprisk, tmp } from "../cliHelpers.js";
import { planPlayLogAttack, renderPlayLogAttack } from "../../src/cli/playLogAttack.js";

const dir = tmp("fprisk-playlog-cli-");
const log = join(dir, "plays.parquet");
const scheme = "duration=round(1min),bitrate=round(1Mbps)";
const attack = (...extra: string[]) => fprisk(["attack", log, "--play-log", "--server-column", "server_id", "--plays", "3", "--scheme", scheme, ...extra]);

beforeAll(() => {
  const r = fprisk(["datasets", "generate-play-log", log, "--catalog", "synthetic:video-library?titles=300", "--servers", "60", "--mean-size", "6", "--seed", "2"]);
  expect(r.code, r.stderr).toBe(0);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("fprisk attack --play-log", () => {
  it("gives the same numbers in memory and in DuckDB (with a memory limit)", () => {
    const mem = attack("--format", "json");
    const duck = attack("--format", "json", "--engine", "duckdb", "--memory-limit", "500MB");
    expect(mem.code, mem.stderr).toBe(0);
    expect(duck.code, duck.stderr).toBe(0);
    const a = JSON.parse(mem.stdout);
    const b = JSON.parse(duck.stdout);
    expect(a.engine).toBe("memory");
    expect(b.engine).toBe("duckdb");
    expect({ ...a, engine: "" }).toEqual({ ...b, engine: "" });
    expect(a.servers).toBe(60);
    expect(a.unique).toBe(Math.round(a.unique_fraction * 60));
    expect(a.scheme).toBe(scheme);
  }, 240_000);

  it("prints a table and writes CSV", () => {
    const t = attack();
    expect(t.code, t.stderr).toBe(0);
    expect(t.stdout).toMatch(/servers singled out by 3 distinct plays/);
    expect(t.stdout).toMatch(/plays\s+servers\s+unique\s+unique_fraction\s+mean_candidates\s+short\s+engine/);
    const out = join(dir, "u.csv");
    expect(attack("--out", out).code).toBe(0);
    expect(readFileSync(out, "utf8").split("\n")[0]).toBe("plays,servers,unique,unique_fraction,mean_candidates,short,engine");
  });

  it("a CSV log with a map and units", () => {
    const csv = join(dir, "plays.csv");
    writeFileSync(csv, "account,secs\na,60\na,120\nb,60\nc,300\n");
    const r = fprisk(["attack", csv, "--play-log", "--server-column", "account", "--map", "duration=secs:s", "--plays", "1", "--scheme", "duration=round(1min)", "--format", "json", "--seed", "4"]);
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout);
    // c (5 min) is alone; b (1 min) shares with a; a is unique iff it shows 2 min.
    expect(j.servers).toBe(3);
    expect([1, 2]).toContain(j.unique);
    expect(j.short).toBe(0);
  });

  it.each([
    [["--scheme", scheme, "--plays", "3"], /--play-log needs --server-column/],
    [["--scheme", scheme, "--server-column", "server_id"], /--play-log needs --plays/],
    [["--scheme", scheme, "--server-column", "server_id", "--plays", "0"], /plays must be a whole number ≥ 1/],
    [["--scheme", scheme, "--server-column", "server_id", "--plays", "2", "--attacker", "chinook-tracks"], /--attacker does not apply to --play-log/],
    [["--scheme", scheme, "--server-column", "server_id", "--plays", "2", "--method", "scoreboard"], /--method does not apply/],
    [["--scheme", "duration=bogus(1)", "--server-column", "server_id", "--plays", "2"], /bogus/],
    [["--scheme", scheme, "--server-column", "nope", "--plays", "2"], /no column "nope" \(--server-column\)/],
    [["--scheme", "duration=quantile(4)", "--server-column", "server_id", "--plays", "2", "--engine", "duckdb"], /not quantile: use --engine memory/],
    [["--scheme", scheme, "--server-column", "server_id", "--plays", "2", "--memory-limit", "1GB"], /--memory-limit limits the duckdb engine/],
    [["--scheme", "codec=exact", "--server-column", "server_id", "--plays", "2", "--engine", "duckdb"], /needs codec, which .*plays\.parquet does not have/],
  ])("refuses %j with one line, exit 2", (args, pattern) => {
    expectUserError(fprisk(["attack", log, "--play-log", ...args]), pattern);
  });

  it("--server-column without --play-log is a usage error; a missing log writes nothing", () => {
    expectUserError(fprisk(["attack", "chinook-tracks", "--scheme", scheme, "--server-column", "x"]), /--server-column applies to --play-log only/);
    expectUserError(fprisk(["attack", "chinook-tracks", "--scheme", scheme, "--engine", "duckdb"]), /--engine duckdb and --memory-limit apply to --play-log/);
    const out = join(dir, "never.json");
    expectUserError(fprisk(["attack", join(dir, "missing.parquet"), "--play-log", "--server-column", "s", "--plays", "2", "--scheme", scheme, "--out", out]), /missing\.parquet/);
    expect(existsSync(out)).toBe(false);
  });
});

describe("planPlayLogAttack and renderPlayLogAttack", () => {
  const base = { log: "p.parquet", scheme: "duration=round(1s)", serverColumn: "s", plays: 2, seed: 1, engine: "memory" as const, given: [] };
  it("plans and refuses unknown file kinds and engines", () => {
    expect(planPlayLogAttack(base).plays).toBe(2);
    expect(() => planPlayLogAttack({ ...base, log: "p.json" })).toThrow(".parquet, .csv or .tsv");
    expect(() => planPlayLogAttack({ ...base, engine: "spark" as never })).toThrow("--engine spark");
  });
  it("renders JSON with the plan's facts", () => {
    const plan = planPlayLogAttack(base);
    const row = { plays: 2, servers: 4, unique: 1, unique_fraction: 0.25, mean_candidates: 2, short: 0 };
    expect(JSON.parse(renderPlayLogAttack(plan, row, "json"))).toEqual({ log: "p.parquet", scheme: "duration=round(1s)", seed: 1, engine: "memory", ...row });
    expect(renderPlayLogAttack(plan, row, "csv")).toBe("plays,servers,unique,unique_fraction,mean_candidates,short,engine\n2,4,1,0.25,2,0,memory\n");
  });
  it("a clickhouse:// log: on its server under auto, loaded under memory or when the scheme needs the rows, never in DuckDB; named without credentials", () => {
    const url = "clickhouse://alice:pw-s3cret@10.0.0.5:8123/telemetry.plays";
    const auto = planPlayLogAttack({ ...base, log: url, engine: "auto" });
    expect([auto.engine, auto.shown]).toEqual(["clickhouse", "clickhouse://10.0.0.5:8123/telemetry.plays"]);
    expect(planPlayLogAttack({ ...base, log: url, engine: "memory" }).engine).toBe("memory");
    expect(planPlayLogAttack({ ...base, log: url, engine: "auto", scheme: "duration=quantile(4)" }).engine).toBe("memory");
    expect(planPlayLogAttack({ ...base, log: "p.parquet", engine: "auto" }).engine).toBe("memory");
    expect(() => planPlayLogAttack({ ...base, log: url, engine: "duckdb" })).toThrow("a clickhouse:// play log is attacked on its server (--engine auto) or loaded into memory (--engine memory), not in DuckDB");
    expect(() => planPlayLogAttack({ ...base, log: "clickhouse://10.0.0.5/plays", engine: "auto" })).toThrow('"plays" is not db.table');
    for (const engine of ["auto", "memory"] as const) {
      expect(() => planPlayLogAttack({ ...base, log: url, engine, memoryLimit: "1GB" })).toThrow("--memory-limit limits the duckdb engine, which a clickhouse:// play log does not use: drop it");
    }
    const row = { plays: 2, servers: 4, unique: 1, unique_fraction: 0.25, mean_candidates: 2, short: 0 };
    for (const format of ["json", "table", "csv"] as const) expect(renderPlayLogAttack(auto, row, format)).not.toContain("pw-s3cret");
    expect(JSON.parse(renderPlayLogAttack(auto, row, "json")).log).toBe("clickhouse://10.0.0.5:8123/telemetry.plays");
  });
});
