/**
 * Loading a ClickHouse table into memory, against a stand-in HTTP server that answers the
 * three queries fprisk sends (DESCRIBE, the invalid-row counts, the sorted SELECT) with
 * canned JSON rows: NULLs become NaN or "", titles are coded in order, a count that does not
 * match the rows read is an error. Real servers: test/system/clickhouseCluster.test.ts.
 */
import { createServer, type Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadClickHouseCatalog } from "../../../src/sources/clickhouse/clickhouseCatalog.js";

let server: Server;
let port: number;
/** What the stand-in answers to the final SELECT, and to the row count. */
let rows: object[];
let counted: number;
const seen: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (b: Buffer) => (body += b.toString()));
    req.on("end", () => {
      const sql = body || new URL(req.url ?? "/", "http://x").searchParams.get("query") || "";
      seen.push(sql);
      let out: object[];
      if (sql.startsWith("DESCRIBE")) {
        out = [
          { name: "title", type: "String" },
          { name: "duration_ms", type: "Nullable(UInt32)" },
          { name: "codec", type: "String" },
        ];
      } else if (sql.includes("countIf")) {
        out = [{ rows: counted, empty_title: 0, negative_duration_ms: 0, nonfinite_duration_ms: 0 }];
      } else out = rows;
      res.writeHead(200, { "Content-Type": "application/x-ndjson" });
      res.end(out.map((r) => JSON.stringify(r)).join("\n") + "\n");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as { port: number }).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("loadClickHouseCatalog", () => {
  it("reads the relation's rows into typed columns, NULL as missing, titles in order of appearance", async () => {
    rows = [
      { title: "Heat", duration_ms: 10_200_000, codec: "h264" },
      { title: "Heat", duration_ms: null, codec: null },
      { title: "Alien", duration_ms: 7_020_000, codec: "hevc" },
    ];
    counted = 3;
    const catalog = await loadClickHouseCatalog(`clickhouse://u:pw@127.0.0.1:${port}/fp.plays`, {});
    expect(catalog.source).toBe(`clickhouse://127.0.0.1:${port}/fp.plays`);
    expect(catalog.titleNames).toEqual(["Heat", "Alien"]);
    expect(Array.from(catalog.titleCodes)).toEqual([0, 0, 1]);
    expect(Array.from(catalog.numeric.duration_ms!)).toEqual([10_200_000, NaN, 7_020_000]);
    expect(catalog.text.codec).toEqual(["h264", "", "hevc"]);
    // the rows are asked for sorted, so a Distributed table's shard order cannot change the catalog
    expect(seen.at(-1)).toMatch(/ORDER BY title, duration_ms, codec\s+FORMAT JSONEachRow\s*$/);
  });

  it("a table that changes between the count and the read is an error, not a partial catalog", async () => {
    rows = [{ title: "Heat", duration_ms: 1, codec: "" }];
    counted = 2;
    await expect(loadClickHouseCatalog(`clickhouse://127.0.0.1:${port}/fp.plays`, {})).rejects.toThrow(/the table changed while it was read \(2 rows counted, 1 read\)/);
  });
});
