/**
 * The ClickHouse runner hands the compiled queries to its connection unchanged and returns
 * its rows; against a stand-in server speaking ClickHouse's HTTP interface, the class-size
 * totals come out of what the server answered (real servers: test/system/clickhouseCluster.test.ts).
 */
import { createServer, type Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ClickHouseRunner } from "../../../src/engine/sql/clickhouseRunner.js";
import { classSizeTotals } from "../../../src/engine/sql/sizeTotals.js";
import { ClickHouseConnection } from "../../../src/sources/clickhouse/clickhouseConnection.js";
import { parseClickHouseUrl } from "../../../src/sources/clickhouse/clickhouseUrl.js";
import { parseScheme } from "../../../src/schemes/parse.js";

let server: Server;
let port: number;
const seen: { sql: string; settings: string }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (b: Buffer) => (body += b.toString()));
    req.on("end", () => {
      seen.push({ sql: body, settings: req.url ?? "" });
      // 64-bit counts as ClickHouse sends them without the setting: strings
      const out = body.includes("GROUP BY class_size")
        ? [{ class_size: "1", classes: "3", single_title_classes: "3", title_sum: "3", square_sum: "3" }, { class_size: "4", classes: "1", single_title_classes: 0, title_sum: 2, square_sum: 10 }]
        : [{ exposed_titles: 3 }];
      res.writeHead(200, { "Content-Type": "application/x-ndjson" });
      res.end(out.map((r) => JSON.stringify(r)).join("\n") + "\n");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as { port: number }).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("ClickHouseRunner", () => {
  it("runs the class queries on the server with 64-bit counts as numbers and reads the totals", async () => {
    const conn = new ClickHouseConnection(parseClickHouseUrl(`clickhouse://127.0.0.1:${port}/fp.plays`, {}));
    const runner = new ClickHouseRunner(conn);
    expect(runner.dialect).toBe("clickhouse");
    try {
      const relation = { dialect: "clickhouse" as const, from: "`fp`.`plays`", numeric: ["duration_ms" as const], text: [], source: "t" };
      const totals = await classSizeTotals(runner, relation, parseScheme("duration=round(1s)"));
      expect(Array.from(totals.classSize)).toEqual([1, 4]);
      expect(Array.from(totals.classes)).toEqual([3, 1]);
      expect(Array.from(totals.squareSum)).toEqual([3, 10]);
      expect(totals.exposedTitles).toBe(3);
      expect(seen.map((s) => s.sql).join("\n")).toContain("FROM `fp`.`plays`");
      expect(seen.every((s) => s.settings.includes("output_format_json_quote_64bit_integers=0"))).toBe(true);
    } finally {
      await conn.close();
    }
  });
});
