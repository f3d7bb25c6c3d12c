/**
 * Each dialect's trim removes exactly what JavaScript's trim removes: DuckDB's SQL run on
 * embedded DuckDB against random texts of white space, look-alikes and letters
 * (fast-check); Spark's and Trino's patterns, whose engines are not here, decoded as
 * their string literals decode them and run as JavaScript regular expressions (their
 * `regexp_replace` replaces every match, as the g flag does).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { DuckDbRunner } from "../../src/engine/sql/duckdbRunner.js";
import { clickhouseTrim } from "../../src/sources/clickhouse/clickhouseText.js";
import { duckdbTrim, sparkTrim, SQL_TRIM, trinoTrim } from "../../src/sources/sqlTrim.js";
import { trimTestText } from "../base/trimChars.js";

const duckString = (s: string) => `'${s.replaceAll("'", "''")}'`;

describe("JavaScript's trim in SQL", () => {
  let duck: DuckDbRunner;
  beforeAll(async () => {
    duck = await DuckDbRunner.open({ threads: 1 });
  });
  afterAll(() => duck.close());

  it("DuckDB: the text equals JavaScript's trim (random texts, 40 per query)", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(trimTestText, { minLength: 1, maxLength: 40 }), async (texts) => {
        const values = texts.map((s, i) => `(${i}, ${duckString(s)})`).join(", ");
        const rows = await duck.query(`SELECT i, ${duckdbTrim("s")} AS t FROM (VALUES ${values}) AS v(i, s) ORDER BY i`);
        expect(rows.map((r) => r.t)).toEqual(texts.map((s) => s.trim()));
      }),
      { numRuns: 150 },
    );
  });

  it("DuckDB: worked cases, NULL stays NULL", async () => {
    const [row] = await duck.query(
      `SELECT ${duckdbTrim("'\t Foo\n'")} AS a, ${duckdbTrim(`' h264\u00a0\u3000'`)} AS b, ${duckdbTrim("'\u200bx\u0085'")} AS c, ${duckdbTrim("CAST(NULL AS VARCHAR)")} AS d, ${duckdbTrim("' \r\n '")} AS e`,
    );
    expect(row).toEqual({ a: "Foo", b: "h264", c: "\u200bx\u0085", d: null, e: "" });
  });

  it("Spark: its pattern, with the literal's \\uHHHH escapes decoded, is JavaScript's trim", () => {
    const sql = sparkTrim("x");
    const m = /^regexp_replace\(x, '(.*)', ''\)$/.exec(sql);
    expect(m).not.toBeNull();
    expect(sql).not.toMatch(/[^\x20-\x7e]/); // printable ASCII only
    const pattern = m![1].replace(/\\u([0-9A-F]{4})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
    const re = new RegExp(pattern, "g");
    fc.assert(
      fc.property(trimTestText, (s) => {
        expect(s.replace(re, "")).toBe(s.trim());
      }),
      { numRuns: 500 },
    );
  });

  it("Trino: its U& literal, decoded, is a pattern of characters that is JavaScript's trim", () => {
    const sql = trinoTrim("x");
    const m = /^regexp_replace\(x, U&'(.*)'\)$/.exec(sql);
    expect(m).not.toBeNull();
    expect(sql).not.toMatch(/[^\x20-\x7e]/);
    const pattern = m![1].replace(/\\([0-9A-F]{4})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
    expect(pattern).not.toContain("\\"); // the regular expression sees characters, no escapes
    const re = new RegExp(pattern, "g");
    fc.assert(
      fc.property(trimTestText, (s) => {
        expect(s.replace(re, "")).toBe(s.trim());
      }),
      { numRuns: 500 },
    );
  });

  it("one spelling per dialect", () => {
    expect(SQL_TRIM).toEqual({ duckdb: duckdbTrim, clickhouse: clickhouseTrim, spark: sparkTrim, trino: trinoTrim });
  });
});
