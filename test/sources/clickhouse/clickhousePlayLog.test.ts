/**
 * The plan of a ClickHouse play log, without a server: the relation's fields and SQL, the
 * checks, and every refusal; and the open's failures before or without a server. The
 * SELECT runs against a real two-shard cluster in test/system/playLogClickhouse.test.ts
 * (the same counts as in memory, from the library and from the CLI).
 */
import { createServer } from "node:net";
import { describe, expect, it } from "vitest";
import { clickhouseTrim } from "../../../src/sources/clickhouse/clickhouseText.js";
import { loadClickHousePlayLog, openClickHousePlayLog, planClickHousePlayLog } from "../../../src/sources/clickhouse/clickhousePlayLog.js";
import type { ClickHouseColumn } from "../../../src/sources/clickhouse/clickhouseRelation.js";
import { parseClickHouseUrl } from "../../../src/sources/clickhouse/clickhouseUrl.js";
import { parseFieldMap } from "../../../src/sources/table/fieldMap.js";

const target = parseClickHouseUrl("clickhouse://u:topsecret@127.0.0.1:8123/telemetry.plays", {});
const cols = (spec: string): ClickHouseColumn[] =>
  spec.split(",").map((c) => {
    const [name, type] = c.trim().split(" ");
    return { name, type };
  });

describe("planClickHousePlayLog", () => {
  it("server as text, the fields in catalog order, 0 as missing, blank text as missing", () => {
    const plan = planClickHousePlayLog(target, cols("codec Nullable(String), height UInt16, server_id UInt64, duration_ms UInt32, played_at DateTime"), "server_id");
    expect(plan.relation).toMatchObject({ dialect: "clickhouse", numeric: ["duration_ms", "height"], text: ["codec"], source: "clickhouse://127.0.0.1:8123/telemetry.plays" });
    const from = plan.relation.from;
    expect(from).toMatch(/^\(SELECT __pl_server AS server, __pl_duration_ms AS duration_ms, __pl_height AS height, __pl_codec AS codec FROM \(SELECT /);
    expect(from).toContain("toString(`server_id`) AS __pl_server");
    expect(from).toContain("if(toFloat64(`duration_ms`) = 0, NULL, toFloat64(`duration_ms`)) AS __pl_duration_ms");
    expect(from).toContain(`if(${clickhouseTrim("ifNull(toString(`codec`), '')")} = '', NULL, ifNull(toString(\`codec\`), '')) AS __pl_codec`);
    expect(from).toContain("FROM `telemetry`.`plays`)");
    expect(from).not.toContain("played_at");
    expect(plan.checkSql).toMatch(/^SELECT count\(\) AS plays, countIf\(isNull\(__pl_server\)\) AS c0, countIf\(__pl_duration_ms < 0 OR isNaN\(__pl_duration_ms\) OR isInfinite\(__pl_duration_ms\)\) AS c1, /);
    expect(plan.checkNames).toEqual(['have no server id (column "server_id")', 'have a negative or non-finite duration_ms (column "duration_ms")', 'have a negative or non-finite height (column "height")']);
  });

  it("applies a mapped unit in one exact step", () => {
    const plan = planClickHousePlayLog(target, cols("account String, secs Float64, bps UInt32"), "account", parseFieldMap("duration=secs:s,bitrate=bps:bps"));
    expect(plan.relation.numeric).toEqual(["duration_ms", "bitrate_kbps"]);
    expect(plan.relation.from).toContain("if(toFloat64(`secs`) * 1000 = 0, NULL, toFloat64(`secs`) * 1000) AS __pl_duration_ms");
    expect(plan.relation.from).toContain("toFloat64(`bps`) / 1000");
  });

  it.each([
    ["server_id String, duration_ms UInt32", "account", /^clickhouse:\/\/127\.0\.0\.1:8123\/telemetry\.plays: no column "account" \(--server-column\); its columns: server_id String, duration_ms UInt32$/],
    ["server_id String, duration_ms String", "server_id", /column "duration_ms" \(duration\) is String, not a number; convert it on the server/],
    ["server_id String, secs UInt32", "server_id", /no item attribute found/],
    ["server_id String, resolution String", "server_id", /a play log gives resolution as numeric width and height columns, not one "resolution" column/],
  ])("refuses %s with --server-column %s", (spec, server, message) => {
    expect(() => planClickHousePlayLog(target, cols(spec), server)).toThrow(message);
  });

  it("refuses a number without a unit, and a mapped column that is not there", () => {
    expect(() => planClickHousePlayLog(target, cols("s String, secs UInt32"), "s", parseFieldMap("duration=secs"))).toThrow('column "secs" (duration) needs a unit, e.g. --map "duration=secs:s"');
    expect(() => planClickHousePlayLog(target, cols("s String, secs UInt32"), "s", parseFieldMap("duration=seconds:s"))).toThrow('no column "seconds" (for duration) in telemetry.plays');
  });
});

describe("opening a ClickHouse play log", () => {
  it("a bad URL is refused before anything is sent; an unreachable server is one line without credentials", async () => {
    await expect(openClickHousePlayLog("clickhouse://127.0.0.1:8123/plays", { serverColumn: "s" })).rejects.toThrow(/bad ClickHouse source: "plays" is not db\.table/);
    const port = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, "127.0.0.1", () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => resolve(p));
      });
    });
    for (const open of [openClickHousePlayLog, loadClickHousePlayLog]) {
      const e = await open(`clickhouse://u:topsecret@127.0.0.1:${port}/fp.plays`, { serverColumn: "s" }).then(
        () => undefined,
        (err: Error) => err,
      );
      expect(e?.message).toMatch(new RegExp(`^clickhouse://127\\.0\\.0\\.1:${port}: cannot reach a ClickHouse server \\(connection refused\\)`));
      expect(e?.message).not.toContain("topsecret");
    }
  });
});
