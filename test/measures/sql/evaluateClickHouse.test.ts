/**
 * evaluateClickHouse refuses what it can before contacting a server (bad URL, bad map, a
 * scheme SQL cannot express, a bad risk threshold) and says so in one line when no server
 * answers. Its numbers on a real two-shard cluster: test/system/clickhouseCluster.test.ts.
 */
import { createServer } from "node:net";
import { describe, expect, it } from "vitest";
import { UserError } from "../../../src/base/errors.js";
import { evaluateClickHouse } from "../../../src/measures/sql/evaluateClickHouse.js";

/** A local port that a stand-in listener counts connections on. */
async function countingPort(): Promise<{ port: number; connections: () => number; close: () => Promise<void> }> {
  let n = 0;
  const s = createServer((sock) => {
    n++;
    sock.destroy();
  });
  await new Promise<void>((resolve) => s.listen(0, "127.0.0.1", resolve));
  return { port: (s.address() as { port: number }).port, connections: () => n, close: () => new Promise((r) => s.close(() => r())) };
}

describe("evaluateClickHouse", () => {
  it.each([
    [["duration=round(1s)"], { map: "colour=x" }, /unknown field "colour"/],
    [["duration=geom(1s,scale=5,seed=7)"], {}, /--engine memory/],
    [["duration=round(1s)"], { riskThreshold: 2 }, /risk threshold/],
    [["duration=nonsense(3)"], {}, /nonsense/],
  ] as const)("refuses %j %j without connecting", async (schemes, options, message) => {
    const server = await countingPort();
    try {
      await expect(evaluateClickHouse(`clickhouse://127.0.0.1:${server.port}/fp.plays`, [...schemes], options)).rejects.toThrow(message);
      expect(server.connections()).toBe(0);
    } finally {
      await server.close();
    }
  });

  it("a bad URL or a closed port is a UserError", async () => {
    await expect(evaluateClickHouse("clickhouse://127.0.0.1:8123/plays", ["duration=exact"])).rejects.toThrow(/is not db.table/);
    const server = await countingPort();
    await server.close();
    await expect(evaluateClickHouse(`clickhouse://127.0.0.1:${server.port}/fp.plays`, ["duration=exact"])).rejects.toThrow(UserError);
  });
});
