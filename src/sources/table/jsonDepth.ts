/**
 * A depth limit for JSON text, checked before parsing. V8's JSON.parse copes with deep
 * nesting, but everything after it that walks the value recursively (JSON.stringify of a
 * nested cell, for one) overflows the stack at a few thousand levels. A catalog needs two
 * levels (an array of objects) plus whatever a cell holds; MAX_JSON_DEPTH leaves room.
 *
 *   jsonTooDeep('[{"a": [[1]]}]', 3)   // { line: 1, depth: 4 }
 */
export const MAX_JSON_DEPTH = 64;

/** The first place where arrays/objects nest deeper than `limit`, or undefined. Strings are skipped. */
export function jsonTooDeep(text: string, limit = MAX_JSON_DEPTH): { line: number; depth: number } | undefined {
  let depth = 0;
  let line = 1;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) line++;
    if (inString) {
      if (c === 92) i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 || c === 123) {
      if (++depth > limit) return { line, depth };
    } else if (c === 93 || c === 125) depth--;
  }
  return undefined;
}
