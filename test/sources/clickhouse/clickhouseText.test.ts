/**
 * ClickHouse text helpers: string literals, and trimming by base/jsWhiteSpace.ts's RE2
 * pattern (its property test checks the pattern against JavaScript's trim). The pattern
 * run by a real ClickHouse 18.16 is checked in test/system (codec=exact on a cluster).
 */
import { describe, expect, it } from "vitest";
import { RE2_TRIM } from "../../../src/base/jsWhiteSpace.js";
import { clickhouseTrim, quoteString } from "../../../src/sources/clickhouse/clickhouseText.js";

describe("ClickHouse text", () => {
  it("quotes strings, escaping quotes and backslashes", () => {
    expect(quoteString("it's \\ ok")).toBe("'it\\'s \\\\ ok'");
  });

  it("trims with replaceRegexpAll, as 18.16 has no trim, the literal doubling the pattern's backslashes", () => {
    expect(clickhouseTrim("codec")).toBe(`replaceRegexpAll(codec, ${quoteString(RE2_TRIM)}, '')`);
    expect(clickhouseTrim("codec")).toMatch(/^replaceRegexpAll\(codec, '\^\[\\\\x\{0009\}\\\\x\{000A\}/);
  });
});
