import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { applyScale, parseResolution, unitScale, type UnitKind } from "../../../src/catalog/units.js";
import { planWarehouse, scaleSql } from "../../../src/sources/warehouse/warehousePlan.js";
import { parseFieldMap } from "../../../src/sources/table/fieldMap.js";
import { duckdb, literal, tempDir, valuesQuery, writeParquet } from "./fixtures.js";

const tmp = tempDir("fprisk-plan-");
afterAll(() => tmp.cleanup());

const UNITS: [UnitKind, string][] = [
  ["duration", "ms"],
  ["duration", "s"],
  ["duration", "min"],
  ["duration", "h"],
  ["bitrate", "bps"],
  ["bitrate", "Mbps"],
  ["bitrate", "Gbps"],
  ["bitrate", "kB/s"],
  ["size", "KiB"],
  ["size", "MB"],
  ["size", "TB"],
];

/** scaleSql over `xs` in DuckDB, one column per unit. */
async function scaledInDuckDB(xs: number[]): Promise<number[][]> {
  const cols = UNITS.map(([kind, unit], j) => `${scaleSql("x", unitScale(kind, unit))} AS u${j}`).join(", ");
  const rows = await duckdb(`SELECT ${cols} FROM (${valuesQuery(["i INTEGER", "x DOUBLE"], xs.map((x, i) => [i, x]))}) ORDER BY i`);
  return rows.map((r) => r.map(Number));
}

describe("scaleSql", () => {
  it("1.001 s is 1001 ms; 1e21 bps is 1e18 kbps; 0, NaN and infinities pass through", async () => {
    const [a, b, c] = await duckdb(
      `SELECT ${scaleSql("x", unitScale("duration", "s"))} FROM (VALUES (1.001::DOUBLE), (0.1::DOUBLE), ('nan'::DOUBLE), ('-inf'::DOUBLE)) t(x)`,
    ).then((rows) => [rows[0][0], rows[1][0], rows[2][0]]);
    expect(a).toBe(1001);
    expect(b).toBe(100); // 0.1 · 1000 in binary floating point would be 100.00000000000001
    expect(Number.isNaN(c)).toBe(true);
    expect((await duckdb(`SELECT ${scaleSql("1e21::DOUBLE", unitScale("bitrate", "bps"))}`))[0][0]).toBe(1e18);
  });

  it("equals units.ts's applyScale for every unit on random doubles (integers, decimals, extremes)", async () => {
    const value = fc.oneof(
      fc.integer({ min: -1e9, max: 1e9 }),
      fc.integer({ min: 0, max: 999_999 }).map((n) => n / 1000),
      // decimals with up to 8 places and up to 16 digits: both sides of the fast path's limits
      fc
        .tuple(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), fc.integer({ min: 0, max: 999_999 }), fc.integer({ min: 1, max: 8 }))
        .map(([a, b, d]) => (a * 1e6 + b) / 10 ** d),
      fc.double({ noNaN: true, min: -1e300, max: 1e300 }),
      fc.constantFrom(2 ** 53 + 2, 9007199254740991, 1e21, 1e-7, 5e-324, 0.1 + 0.2, 123456789.123),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(value, { minLength: 1, maxLength: 200 }), async (xs) => {
        const got = await scaledInDuckDB(xs);
        xs.forEach((x, i) => UNITS.forEach(([kind, unit], j) => expect(got[i][j], `${x} ${unit}`).toBe(applyScale(x, unitScale(kind, unit)))));
      }),
      { numRuns: 25 },
    );
  });
});

describe("planWarehouse", () => {
  const columns = [
    { name: "name", type: "VARCHAR" },
    { name: "seconds", type: "DOUBLE" },
    { name: "kbps", type: "BIGINT" },
    { name: "res", type: "VARCHAR" },
    { name: "label", type: "VARCHAR" },
  ];

  it("detects fields as for CSV and lists the relation's fields in catalog order", () => {
    const plan = planWarehouse(columns, parseFieldMap("resolution=res"), "p.parquet");
    expect(plan.map.title).toEqual({ columns: ["name"] });
    expect(plan.map.duration).toEqual({ columns: ["seconds"], unit: "s" });
    expect(plan.map.bitrate).toEqual({ columns: ["kbps"], unit: "kbps" });
    expect(plan.numeric).toEqual(["duration_ms", "bitrate_kbps", "width", "height"]);
    expect(plan.header).toEqual(["name", "seconds", "kbps", "res"]);
  });

  it("refuses text where a number is expected, a number column without a unit, a number as resolution, a missing column", () => {
    expect(() => planWarehouse(columns, parseFieldMap("duration=label:s"), "p.parquet")).toThrow(
      'p.parquet: column "label" (mapped to duration) is VARCHAR; duration needs a number column (integer, floating point or decimal)',
    );
    expect(() => planWarehouse([...columns, { name: "length_x", type: "DOUBLE" }], parseFieldMap("duration=length_x"), "p.parquet")).toThrow(/holds plain numbers but its unit is unknown; declare it, e\.g\. --map "duration=length_x:s"/);
    expect(() => planWarehouse(columns, parseFieldMap("resolution=kbps"), "p.parquet")).toThrow(/"kbps" \(mapped to resolution\) is BIGINT; resolution needs a text column/);
    expect(() => planWarehouse(columns, parseFieldMap("size=bytes:B"), "p.parquet")).toThrow(/column "bytes" \(mapped to size\) is not in its columns; columns are: "name", "seconds"/);
    expect(() => planWarehouse(columns, parseFieldMap("resolution=res,width=kbps"), "p.parquet")).toThrow(/either resolution or width\/height/);
  });

  it("the relation: units applied, 0 = NULL, invalid rows out; checked names the first reason of each row", async () => {
    const file = await writeParquet(
      tmp.path("plan.parquet"),
      ["name VARCHAR", "seconds DOUBLE", "kbps BIGINT", "res VARCHAR", "codec VARCHAR"],
      [
        [" Heat ", 170.5, 8000, "1920x1080", "h264"],
        ["Up", 0, 4000, "720p", "NA"],
        ["", 1, 1, "4K", null],
        ["Bad", -1, -5, "1080p", "x"],
        ["Odd", 1, 1, "wide", "x"],
        ["Inf", Infinity, 1, "sd", "x"],
      ],
    );
    const plan = planWarehouse(
      [
        { name: "name", type: "VARCHAR" },
        { name: "seconds", type: "DOUBLE" },
        { name: "kbps", type: "BIGINT" },
        { name: "res", type: "VARCHAR" },
        { name: "codec", type: "VARCHAR" },
      ],
      parseFieldMap("resolution=res"),
      file,
    );
    const from = `(SELECT *, 0 AS __file, file_row_number + 1 AS __row FROM read_parquet(${literal(file)}))`;
    const reasons = await duckdb(`SELECT reason FROM (${plan.checked(from)}) ORDER BY __row`);
    expect(reasons.map((r) => r[0])).toEqual([null, null, "empty title", "negative duration_ms", "invalid resolution", "non-finite duration_ms"]);
    const rows = await duckdb(`SELECT * FROM (${plan.relation(from)})`);
    expect(rows).toEqual([
      ["Heat", 170500, 8000, 1920, 1080, "h264"],
      ["Up", null, 4000, null, 720, null],
    ]);
  });

  it("resolution text is read as parseResolution reads it", async () => {
    const texts = ["1920x1080", "1920 × 1080", "1280*720", "0x0", "0x720", "720p", "1080i", "4k", "UHD", "8K", "sd", " 576P ", "", "NA", "n/a", "NaN", "wide", "1920x", "x1080", "１０８０p"];
    const plan = planWarehouse(
      [
        { name: "title", type: "VARCHAR" },
        { name: "resolution", type: "VARCHAR" },
      ],
      undefined,
      "r",
    );
    const rows = texts.map((t, i) => [String(i), t]);
    const from = `(SELECT *, 0 AS __file, CAST(title AS INTEGER) + 1 AS __row FROM (${valuesQuery(["title VARCHAR", "resolution VARCHAR"], rows)}))`;
    const got = await duckdb(`SELECT r0, r1, reason FROM (${plan.checked(from)}) ORDER BY __row`);
    texts.forEach((t, i) => {
      let want: { width: number; height: number } | "invalid";
      try {
        want = parseResolution(t);
      } catch {
        want = "invalid";
      }
      if (want === "invalid") expect(got[i][2], t).toBe("invalid resolution");
      else {
        expect(got[i][2], t).toBe(null);
        expect(got[i][0] ?? NaN, t).toEqual(want.width);
        expect(got[i][1] ?? NaN, t).toEqual(want.height);
      }
    });
  });
});
