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
});
