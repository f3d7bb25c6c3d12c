/**
 * ClickHouse text helpers: string literals, and the trimming pattern, checked against
 * JavaScript's own `trim` (the in-memory engine's) by running the same pattern in a JS
 * RegExp (RE2's `\x{HHHH}` is JS's `\u{HHHH}`; both know `\p{Zs}`). The pattern run by a
 * real ClickHouse 18.16 is checked in test/system (codec=exact on a cluster).
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { clickhouseTrim, quoteString, TRIM_PATTERN, UNTRIMMED_PATTERN } from "../../../src/sources/clickhouse/clickhouseText.js";

const asJs = (re2: string, flags: string) => new RegExp(re2.replace(/\\x\{([0-9A-F]+)\}/g, "\\u{$1}"), flags);

describe("ClickHouse text", () => {
  it("quotes strings, escaping quotes and backslashes", () => {
    expect(quoteString("it's \\ ok")).toBe("'it\\'s \\\\ ok'");
  });

  it("trims with replaceRegexpAll, as 18.16 has no trim", () => {
    expect(clickhouseTrim("codec")).toBe(`replaceRegexpAll(codec, ${quoteString(TRIM_PATTERN)}, '')`);
    expect(clickhouseTrim("codec")).toMatch(/^replaceRegexpAll\(codec, '\^\[\\\\t/);
  });

  it("removes exactly what JavaScript's trim removes, and flags exactly the texts it changes", () => {
    const trim = asJs(TRIM_PATTERN, "gu");
    const untrimmed = asJs(UNTRIMMED_PATTERN, "u");
    const chars = fc.constantFrom(" ", "\t", "\n", "\v", "\f", "\r", "\u00a0", "\ufeff", "\u2028", "\u2029", "\u3000", "\u2003", "a", "h", "2", "6", "4", "-", "é");
    fc.assert(
      fc.property(fc.array(chars, { maxLength: 12 }).map((a) => a.join("")), (s) => {
        expect(s.replace(trim, "")).toBe(s.trim());
        expect(untrimmed.test(s)).toBe(s.trim() !== s);
      }),
      { numRuns: 500 },
    );
    expect(" \t h264 \u00a0".replace(trim, "")).toBe("h264");
  });
});
