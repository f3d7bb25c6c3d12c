import { createServer } from "node:net";
import { describe, expect, it } from "vitest";
import { UserError } from "../../../src/base/errors.js";
import { ClickHouseConnection, explainClickHouseError, parseServerError } from "../../../src/sources/clickhouse/clickhouseConnection.js";
import { parseClickHouseUrl } from "../../../src/sources/clickhouse/clickhouseUrl.js";

const W = "clickhouse://127.0.0.1:8123";
const server18 = (code: number, text: string) => new Error(`Code: ${code}, e.displayText() = DB::Exception: ${text}, e.what() = DB::Exception\n`);

describe("ClickHouse errors as one line", () => {
  it("reads the code and text of 18.x and later servers", () => {
    expect(parseServerError("Code: 60, e.displayText() = DB::Exception: Table t.x doesn't exist., e.what() = DB::Exception\n")).toEqual({ code: 60, text: "Table t.x doesn't exist." });
    expect(parseServerError("Code: 47. DB::Exception: Missing columns: 'zz' while processing query. (UNKNOWN_IDENTIFIER) (version 23.8.1)")).toEqual({
      code: 47,
      text: "Missing columns: 'zz' while processing query.",
    });
    expect(parseServerError("socket hang up")).toBeUndefined();
  });

  it("names a missing table, database or column and the refused credentials without the user", () => {
    expect(explainClickHouseError(server18(60, "Table t.x doesn't exist."), W, "t.x").message).toBe(`${W}: table t.x does not exist (server: Table t.x doesn't exist.)`);
    expect(explainClickHouseError(server18(81, "Database t doesn't exist"), W, "t.x").message).toMatch(/database t does not exist/);
    expect(explainClickHouseError(server18(47, "Unknown identifier: zz"), W, "t.x").message).toMatch(/a column the query needs is not in t.x \(server: Unknown identifier: zz\); check --map/);
    const auth = explainClickHouseError(server18(193, "Wrong password for user alice"), W, "t.x");
    expect(auth).toBeInstanceOf(UserError);
    expect(auth.message).not.toContain("alice");
    expect(auth.message).toMatch(/refused the credentials .*CLICKHOUSE_USER/);
    expect(explainClickHouseError(server18(62, "Syntax error:\n  here"), W, "t.x").message).toBe(`${W}: ClickHouse error 62: Syntax error: here`);
  });

  it("an unreachable server is one line saying what to check", () => {
    const e = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:8123"), { code: "ECONNREFUSED" });
    expect(explainClickHouseError(e, W, "t.x").message).toBe(`${W}: cannot reach a ClickHouse server (connection refused); check the host and that the port is the server's HTTP port (8123 by default)`);
  });

  it("a real query to a closed port fails that way, naming no credentials", async () => {
    const port = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, "127.0.0.1", () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => resolve(p));
      });
    });
    const c = new ClickHouseConnection(parseClickHouseUrl(`clickhouse://alice:pw123@127.0.0.1:${port}/t.x`, {}));
    try {
      await expect(c.query("SELECT 1")).rejects.toThrow(new UserError(`clickhouse://127.0.0.1:${port}: cannot reach a ClickHouse server (connection refused); check the host and that the port is the server's HTTP port (8123 by default)`));
    } finally {
      await c.close();
    }
  });
});
