/**
 * The white-space list against JavaScript's own trim, by brute force over every code
 * point, and the RE2 patterns made from it run as JS regular expressions (RE2's
 * `\x{HHHH}` is JS's `\u{HHHH}` with the u flag). Real RE2 engines run them in
 * test/sources/sqlTrim.test.ts (DuckDB) and test/system (ClickHouse 18.16).
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { hex4, JS_WHITE_SPACE, RE2_TRIM, RE2_UNTRIMMED, RE2_WHITE_SPACE, whiteSpaceClass } from "../../src/base/jsWhiteSpace.js";
import { trimTestText } from "./trimChars.js";

const asJs = (re2: string, flags: string) => new RegExp(re2.replace(/\\x\{([0-9A-F]+)\}/g, "\\u{$1}"), flags);


describe("JavaScript's white space", () => {
  it("is exactly the code points trim removes (every code point tried)", () => {
    const removed: number[] = [];
    for (let cp = 0; cp <= 0x10ffff; cp++) if (String.fromCodePoint(cp).trim() === "") removed.push(cp);
    expect(JS_WHITE_SPACE).toEqual(removed);
  });

  it("spells a class with the escape given", () => {
    expect(hex4(0xa0)).toBe("00A0");
    expect(hex4(0x1f600)).toBe("1F600");
    expect(whiteSpaceClass((cp) => (cp < 0x20 ? "" : String.fromCodePoint(cp))).slice(0, 3)).toBe("[ \u00a0");
    expect(RE2_WHITE_SPACE.startsWith("[\\x{0009}\\x{000A}\\x{000B}")).toBe(true);
  });

  it("RE2 patterns: trimming removes exactly what trim removes, and the check flags exactly the texts it changes", () => {
    const trim = asJs(RE2_TRIM, "gu");
    const untrimmed = asJs(RE2_UNTRIMMED, "u");
    fc.assert(
      fc.property(trimTestText, (s) => {
        expect(s.replace(trim, "")).toBe(s.trim());
        expect(untrimmed.test(s)).toBe(s.trim() !== s);
      }),
      { numRuns: 1000 },
    );
    expect(" \t h264 \u00a0".replace(trim, "")).toBe("h264");
  });
});
