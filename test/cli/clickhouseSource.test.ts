/**
 * `clickhouse://` catalogs from the CLI without a server: a bad URL and an unreachable
 * server are one line, exit 2, nothing written, and the password never appears (stderr,
 * --verbose). Runs against a real cluster: test/system/clickhouseCluster.test.ts.
 */
import { existsSync, readdirSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { expectUserError, fprisk, tmp } from "../cliHelpers.js";

const SECRET = "pw-s3cr3t-42";

async function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => resolve(p));
    });
  });
}

describe("clickhouse:// sources on the command line", () => {
  it("an unreachable server: one line naming the server without credentials, exit 2, no output file", async () => {
    const port = await closedPort();
    const dir = tmp();
    const out = join(dir, "r.json");
    const r = fprisk(["evaluate", `clickhouse://alice:${SECRET}@127.0.0.1:${port}/fp.plays`, "--scheme", "duration=round(1s)", "--out", out, "--verbose"]);
    expectUserError(r, new RegExp(`^fprisk: clickhouse://127\\.0\\.0\\.1:${port}: cannot reach a ClickHouse server \\(connection refused\\)`), 1);
    expect(r.stderr + r.stdout).not.toContain(SECRET);
    expect(r.stderr).not.toContain("alice");
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  });

  it("a password from CLICKHOUSE_PASSWORD is not printed either", async () => {
    const port = await closedPort();
    const r = fprisk(["inspect", `clickhouse://127.0.0.1:${port}/fp.plays`, "--verbose"], { CLICKHOUSE_USER: "bob", CLICKHOUSE_PASSWORD: SECRET });
    expectUserError(r, /cannot reach a ClickHouse server/, 1);
    expect(r.stderr + r.stdout).not.toContain(SECRET);
  });

  it.each([
    [`clickhouse://u:${SECRET}@127.0.0.1:8123/plays`, /bad ClickHouse source: "plays" is not db\.table/],
    [`clickhouse://u:${SECRET}@127.0.0.1:70000/fp.plays`, /bad ClickHouse source: port 70000 is not in 1–65535/],
    [`clickhouse://u:${SECRET}@/fp.plays`, /bad ClickHouse source: no host/],
  ])("a bad URL is refused before anything is sent: %s", (url, message) => {
    const r = fprisk(["evaluate", url, "--scheme", "duration=round(1s)"]);
    expectUserError(r, message, 1);
    expect(r.stderr).not.toContain(SECRET);
  });

  it("--engine duckdb on a clickhouse:// table is a usage error, before anything is sent", () => {
    const r = fprisk(["evaluate", "clickhouse://127.0.0.1:1/fp.plays", "--engine", "duckdb", "--scheme", "duration=round(1s)"]);
    expectUserError(r, /a clickhouse:\/\/ table is evaluated on its server \(--engine auto\) or loaded into memory \(--engine memory\)/);
    expect(r.stderr).not.toMatch(/cannot reach/);
  });

  describe("a clickhouse:// play log (attack --play-log, tune --play-log)", () => {
    const attack = (url: string, ...more: string[]) => ["attack", url, "--play-log", "--server-column", "server_id", "--plays", "4", "--scheme", "duration=round(1min)", ...more];
    const tune = (url: string, ...more: string[]) => ["tune", url, "--play-log", "--server-column", "server_id", "--target", "linkage(4)<=0.05", ...more];

    it.each([
      ["attack", attack],
      ["tune", tune],
    ])("%s: an unreachable server is one line without credentials, exit 2, no output file", async (_name, args) => {
      const port = await closedPort();
      const dir = tmp();
      const out = join(dir, "r.json");
      const r = fprisk(args(`clickhouse://alice:${SECRET}@127.0.0.1:${port}/telemetry.plays`, "--out", out));
      expectUserError(r, new RegExp(`^fprisk: clickhouse://127\\.0\\.0\\.1:${port}: cannot reach a ClickHouse server \\(connection refused\\)`), 1);
      expect(r.stderr + r.stdout).not.toContain(SECRET);
      expect(readdirSync(dir)).toEqual([]);
    });

    it.each([
      ["attack", attack],
      ["tune", tune],
    ])("%s: a bad URL is refused before anything is sent", (_name, args) => {
      const r = fprisk(args(`clickhouse://u:${SECRET}@127.0.0.1:8123/plays`));
      expectUserError(r, /bad ClickHouse source: "plays" is not db\.table/, 1);
      expect(r.stderr).not.toContain(SECRET);
    });

    it("--engine duckdb or --memory-limit with a clickhouse:// play log are usage errors, before anything is sent", () => {
      for (const args of [attack("clickhouse://127.0.0.1:1/fp.plays", "--engine", "duckdb"), tune("clickhouse://127.0.0.1:1/fp.plays", "--engine", "duckdb")]) {
        const r = fprisk(args);
        expectUserError(r, /clickhouse:\/\/ (play log is attacked|table is evaluated) on its server \(--engine auto\) or loaded into memory \(--engine memory\)/);
        expect(r.stderr).not.toMatch(/cannot reach/);
      }
      const r = fprisk(attack("clickhouse://127.0.0.1:1/fp.plays", "--memory-limit", "1GB"));
      expectUserError(r, /--memory-limit limits the duckdb engine, which a clickhouse:\/\/ play log does not use/);
    });
  });
});
