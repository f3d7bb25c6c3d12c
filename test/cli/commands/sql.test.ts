/** `fprisk sql`: the queries per dialect, checked before anything is printed. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { expectUserError, fprisk as run, tmp } from "../../cliHelpers.js";
import { repoRoot } from "../../helpers.js";

const fprisk = (...args: string[]) => run(args);
const SCHEME = "duration=round(1min),bitrate=log(10%),resolution=class,codec=exact";

describe("fprisk sql", () => {
  it.each(["duckdb", "clickhouse", "spark", "trino"])("prints the %s queries (the golden file)", (dialect) => {
    const r = fprisk("sql", "--dialect", dialect, "--table", "telemetry.plays", "--scheme", SCHEME);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(readFileSync(join(repoRoot, "test/golden/sql", `${dialect}.sql`), "utf8"));
  });

  it("computes only the metrics asked for, and writes --out atomically", () => {
    const out = join(tmp(), "q.sql");
    const r = fprisk("sql", "--dialect", "spark", "--table", "t", "--scheme", "duration=round(1s)", "--metrics", "rows,kappa", "--out", out);
    expect(r.code, r.stderr).toBe(0);
    const text = readFileSync(out, "utf8");
    expect(text).toMatch(/AS `rows`, .* AS `kappa` FROM/);
    expect(text).not.toContain("entropy_bits");
  });

  it("refuses, in one line, a bad dialect, table, metric, quantile and noise", () => {
    expectUserError(fprisk("sql", "--dialect", "postgres", "--table", "t", "--scheme", SCHEME), /--dialect postgres: choose one of duckdb, clickhouse, spark, trino/);
    expectUserError(fprisk("sql", "--dialect", "trino", "--table", "t;x", "--scheme", SCHEME), /--table takes a table name/);
    expectUserError(fprisk("sql", "--dialect", "trino", "--table", "t", "--scheme", SCHEME, "--metrics", "kapa"), /unknown metric kapa; did you mean kappa\?/);
    expectUserError(fprisk("sql", "--dialect", "trino", "--table", "t", "--scheme", "size=quantile(4)"), /size=quantile\(4\) is fitted on the data/);
    expectUserError(fprisk("sql", "--dialect", "trino", "--table", "t", "--scheme", "duration=rround(1s,seed=1)"), /use --engine memory/);
  });
});
