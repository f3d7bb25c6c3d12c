/**
 * The plan of a ClickHouse table as a relation, without a server: which fields it yields,
 * which columns it reads and how, and every refusal. The SELECT itself runs against real
 * servers in test/system/clickhouseCluster.test.ts.
 */
import { describe, expect, it } from "vitest";
import { parseFieldMap } from "../../../src/sources/table/fieldMap.js";
import { planClickHouseRelation, quoteIdentifier, type ClickHouseColumn } from "../../../src/sources/clickhouse/clickhouseRelation.js";
import { openClickHouseRelation } from "../../../src/sources/clickhouse/clickhouseRelation.js";
import { parseClickHouseUrl } from "../../../src/sources/clickhouse/clickhouseUrl.js";

const target = parseClickHouseUrl("clickhouse://u:topsecret@127.0.0.1:8123/fp.plays", {});
const cols = (spec: string): ClickHouseColumn[] => spec.split(",").map((c) => {
  const [name, type] = c.trim().split(" ");
  return { name, type };
});

describe("planClickHouseRelation", () => {
  it("detects columns as for CSV and yields the catalog's fields in catalog order", () => {
    const plan = planClickHouseRelation(target, cols("name String, duration_ms UInt32, bitrate_kbps Float64, width UInt16, height UInt16, codec LowCardinality(String)"));
    expect(plan.relation).toMatchObject({ dialect: "clickhouse", numeric: ["duration_ms", "bitrate_kbps", "width", "height"], text: ["codec"], source: "clickhouse://127.0.0.1:8123/fp.plays" });
    expect(plan.relation.from).toContain("FROM `fp`.`plays`");
    expect(plan.relation.source).not.toContain("topsecret");
    expect(plan.reasons.map((r) => r.reason)).toEqual([
      "empty title",
      ...["duration_ms", "bitrate_kbps", "width", "height"].flatMap((f) => [`negative ${f}`, `non-finite ${f}`]),
    ]);
  });

  it("scales units in one exact step: integral factors multiply, sub-unit factors divide by a power of ten", () => {
    const plan = planClickHouseRelation(target, cols("t String, mins Float64, bps UInt64, kb Float64"), parseFieldMap("title=t,duration=mins:min,bitrate=bps:bps,size=kb:KiB"));
    expect(plan.relation.from).toContain("toFloat64(`mins`) * 60000");
    expect(plan.relation.from).toContain("toFloat64(`bps`) / 1000");
    expect(plan.relation.from).toContain("toFloat64(`kb`) * 1024");
    const bytes = planClickHouseRelation(target, cols("t String, r Float64"), parseFieldMap("title=t,bitrate=r:MB/s"));
    expect(bytes.relation.from).toContain("toFloat64(`r`) * 8000");
  });

  it("derives a missing bitrate from size and duration, as the loaders do", () => {
    const plan = planClickHouseRelation(target, cols("title String, milliseconds UInt32, bytes UInt64"));
    expect(plan.relation.numeric).toEqual(["duration_ms", "bitrate_kbps", "size_bytes"]);
    expect(plan.relation.from).toContain("(8 * r_size_bytes) / r_duration_ms");
  });

  it("joins several title columns and filters invalid rows only with skipInvalid", () => {
    const plan = planClickHouseRelation(target, cols("a String, b Nullable(String), duration_ms Int32"), parseFieldMap("title=a+b"));
    expect(plan.relation.from).toContain("' — '");
    expect(plan.relation.from).toContain("ifNull(toString(`b`), '')");
    expect(plan.relation.from).not.toContain("WHERE");
    expect(planClickHouseRelation(target, cols("title String, duration_ms Int32"), {}, true).relation.from).toContain("WHERE NOT (r_title = '' OR r_duration_ms < 0");
  });

  it.each([
    ["title String, duration String", "", /column "duration" \(duration\) is String, not a number/],
    ["title String, duration Float64", "", /column "duration" holds bare numbers: declare its unit, e.g. --map duration=duration:s/],
    ["title String", "duration=secs:s", /no column "secs" \(for duration\) in fp.plays; its columns: title String/],
    ["x String, y Float64", "", /no title column found; name one with --map title=COLUMN/],
    ["title String, res String", "resolution=res", /needs numeric width and height columns/],
  ])("refuses %s with map %s", (spec, map, message) => {
    expect(() => planClickHouseRelation(target, cols(spec), parseFieldMap(map))).toThrow(message);
  });

  it("trims titles unless told none needs it, and counts the titles that do", () => {
    const trimmed = planClickHouseRelation(target, cols("title String, duration_ms UInt32"));
    expect(trimmed.relation.from).toContain("replaceRegexpAll(toString(`title`)");
    expect(trimmed.checkSql).toContain("AS untrimmed_titles");
    expect(planClickHouseRelation(target, cols("title String, duration_ms UInt32"), {}, false, false).relation.from).not.toContain("replaceRegexpAll");
  });

  it("writes every field over the table too (for groupings on the shards), with the invalid rows' filter only under skipInvalid", () => {
    const c = cols("name String, secs UInt32, bytes UInt64, codec String");
    const map = parseFieldMap("title=name,duration=secs:s,size=bytes:B");
    const kept = planClickHouseRelation(target, c, map).relation;
    expect(kept.table!.name).toBe("`fp`.`plays`");
    expect(Object.keys(kept.table!.fields)).toEqual(["title", ...kept.numeric, ...kept.text]);
    // No alias of the nested SELECT is left: each field reads the table's own columns.
    for (const sql of Object.values(kept.table!.fields)) expect(sql).not.toMatch(/\br_/);
    expect(kept.table!.fields.duration_ms).toContain("toFloat64(`secs`) * 1000");
    expect(kept.table!.fields.bitrate_kbps).toContain("(8 * (ifNull(toFloat64(`bytes`), nan)))");
    expect(kept.table!.where).toBeUndefined();
    const where = planClickHouseRelation(target, c, map, true).relation.table!.where!;
    expect(where).toMatch(/^NOT \(/);
    expect(where).not.toMatch(/\br_/);
    expect(where).toContain("isInfinite((ifNull(toFloat64(`secs`) * 1000, nan)))");
  });

  it("quotes identifiers for ClickHouse", () => {
    expect(quoteIdentifier("a`b\\c")).toBe("`a\\`b\\\\c`");
  });

  it("checks the URL and the map before connecting", async () => {
    await expect(openClickHouseRelation("clickhouse://h:1/plays")).rejects.toThrow(/is not db.table/);
    await expect(openClickHouseRelation("clickhouse://127.0.0.1:1/a.b", { map: "colour=x" })).rejects.toThrow(/unknown field "colour"/);
  });
});
