import { existsSync, rmSync, writeFileSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DuckDBInstance } from "@duckdb/node-api";
import { expectUserError, fprisk, tmp } from "../../cliHelpers.js";

const dir = tmp("fprisk-genlog-");
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const gen = (...args: string[]) => fprisk(["datasets", "generate-play-log", ...args]);

async function rows(file: string): Promise<unknown[][]> {
  const db = await DuckDBInstance.create(":memory:");
  const con = await db.connect();
  try {
    return (await con.runAndReadAll(`SELECT server_id::VARCHAR, epoch(played_at)::BIGINT::VARCHAR, duration_ms FROM read_parquet('${file}')`)).getRowsJS();
  } finally {
    con.closeSync();
    db.closeSync();
  }
}

describe("fprisk datasets generate-play-log", () => {
  it("writes a seeded Parquet play log: the same seed, the same rows", async () => {
    const a = join(dir, "a.parquet");
    const b = join(dir, "b.parquet");
    const c = join(dir, "c.parquet");
    const args = ["--catalog", "synthetic:video-library?titles=200", "--servers", "20", "--mean-size", "4"];
    const r = gen(a, ...args, "--seed", "7");
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/wrote \d+ plays of 20 servers/);
    expect(gen(b, ...args, "--seed", "7").code).toBe(0);
    expect(gen(c, ...args, "--seed", "8").code).toBe(0);
    const ra = await rows(a);
    expect(ra).toEqual(await rows(b));
    expect(ra).not.toEqual(await rows(c));
    expect(new Set(ra.map((x) => x[0])).size).toBe(20);
  });

  it.each([
    [["x.csv"], /writes Parquet; name a \.parquet file/],
    [["x.parquet", "--servers", "0"], /--servers must be a whole number from 1/],
    [["x.parquet", "--seed", "-1"], /--seed must be a whole number ≥ 0/],
    [["x.parquet", "--mean-size", "0"], /--mean-size must be ≥ 1/],
    [["x.parquet", "--repeat-share", "1"], /--repeat-share must be from 0 to below 1/],
  ])("refuses %j with one line, writing nothing", (args, pattern) => {
    const r = fprisk(["datasets", "generate-play-log", ...args.map((a, i) => (i === 0 ? join(dir, a) : a))]);
    expectUserError(r, pattern);
    expect(existsSync(join(dir, args[0]))).toBe(false);
  });

  it("never writes over its input", () => {
    const input = join(dir, "in.parquet");
    writeFileSync(input, "x");
    expectUserError(gen(input, "--catalog", input), /./);
    expect(readFileSync(input, "utf8")).toBe("x");
  });
});
