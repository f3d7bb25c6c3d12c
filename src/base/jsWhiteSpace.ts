/**
 * The characters JavaScript's `String.prototype.trim` removes (and `\s` matches): the
 * ECMAScript WhiteSpace and LineTerminator code points. Titles and text attributes are
 * trimmed with `trim` in memory, so every SQL dialect that trims must remove exactly
 * these (sources/sqlTrim.ts, sources/clickhouse/clickhouseText.ts) — not only spaces,
 * as SQL's own `trim(x)` does, and not a regex engine's idea of `\s` or `\p{Zs}`, which
 * differ between engines and Unicode versions (U+0085 and U+180E are the usual strays).
 *
 *   RE2_WHITE_SPACE                                // "[\x{0009}\x{000A}…\x{FEFF}]": whiteSpaceClass((cp) => `\\x{${hex4(cp)}}`)
 *   "\u3000 a\t".trim()                            // "a": U+3000 and TAB are in the list
 */

/**
 * TAB, LF, VT, FF, CR, SPACE, NBSP, OGHAM SPACE MARK, EN QUAD … HAIR SPACE, LINE and
 * PARAGRAPH SEPARATOR, NARROW NBSP, MEDIUM MATHEMATICAL SPACE, IDEOGRAPHIC SPACE, BOM.
 */
export const JS_WHITE_SPACE: readonly number[] = [
  0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20, 0xa0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a, 0x2028, 0x2029,
  0x202f, 0x205f, 0x3000, 0xfeff,
];

/** A code point as four (or more) upper-case hex digits: 0xa0 → "00A0". */
export function hex4(codePoint: number): string {
  return codePoint.toString(16).toUpperCase().padStart(4, "0");
}

/**
 * A regular-expression character class of the list, each code point written by `escape`
 * (none of them is special inside brackets, so an escape may also give the character itself).
 */
export function whiteSpaceClass(escape: (codePoint: number) => string): string {
  return `[${JS_WHITE_SPACE.map(escape).join("")}]`;
}

/** The class in RE2's syntax (DuckDB's and ClickHouse's regular expressions), as text: `[\x{0009}…\x{FEFF}]`. */
export const RE2_WHITE_SPACE = whiteSpaceClass((cp) => `\\x{${hex4(cp)}}`);
/** Matches a text that trimming would change (RE2). */
export const RE2_UNTRIMMED = `^${RE2_WHITE_SPACE}|${RE2_WHITE_SPACE}$`;
/** Leading or trailing white space (RE2); replacing every match by '' trims. */
export const RE2_TRIM = `^${RE2_WHITE_SPACE}+|${RE2_WHITE_SPACE}+$`;
