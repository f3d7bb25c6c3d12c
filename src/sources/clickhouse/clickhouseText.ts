/**
 * Text in ClickHouse SQL: string literals, and trimming, which ClickHouse 18.16 can only
 * do with a regular expression (it has no `trim`; `trimBoth` came in 19.x). The pattern
 * removes what JavaScript's `String.prototype.trim` removes — white space and line
 * terminators — so a text ClickHouse trims equals the in-memory engine's.
 *
 *   quoteString("it's")     // "'it\\'s'"
 *   clickhouseTrim("codec") // "replaceRegexpAll(codec, '^[\\\\x{0009}…]+|[\\\\x{0009}…]+$', '')"
 */
import { RE2_TRIM } from "../../base/jsWhiteSpace.js";

/** A string literal for ClickHouse. */
export function quoteString(text: string): string {
  return "'" + text.replace(/\\/g, "\\\\").replace(/'/g, "\\'") + "'";
}

/** `expr` trimmed as JavaScript trims (base/jsWhiteSpace.ts's pattern), in ClickHouse 18.16's SQL. */
export function clickhouseTrim(expr: string): string {
  return `replaceRegexpAll(${expr}, ${quoteString(RE2_TRIM)}, '')`;
}
