/**
 * Text in ClickHouse SQL: string literals, and trimming, which ClickHouse 18.16 can only
 * do with a regular expression (it has no `trim`; `trimBoth` came in 19.x). The pattern
 * removes what JavaScript's `String.prototype.trim` removes — white space and line
 * terminators — so a text ClickHouse trims equals the in-memory engine's.
 *
 *   quoteString("it's")     // "'it\\'s'"
 *   clickhouseTrim("codec") // "replaceRegexpAll(codec, '^[\\\\t…]+|[\\\\t…]+$', '')"
 */

/** A string literal for ClickHouse. */
export function quoteString(text: string): string {
  return "'" + text.replace(/\\/g, "\\\\").replace(/'/g, "\\'") + "'";
}

/** What JavaScript's trim removes, as an RE2 character class. */
const WHITE = "[\\t\\n\\v\\f\\r \\x{00A0}\\x{FEFF}\\x{2028}\\x{2029}\\p{Zs}]";
/** Leading or trailing white space (replace it by '' to trim). */
export const TRIM_PATTERN = `^${WHITE}+|${WHITE}+$`;
/** Matches a text that trimming would change. */
export const UNTRIMMED_PATTERN = `^${WHITE}|${WHITE}$`;

/** `expr` trimmed, in ClickHouse 18.16's SQL. */
export function clickhouseTrim(expr: string): string {
  return `replaceRegexpAll(${expr}, ${quoteString(TRIM_PATTERN)}, '')`;
}
