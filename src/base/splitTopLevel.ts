/**
 * Splitting a list on a separator that is not inside parentheses:
 *
 *   splitTopLevel("exact,1s,ladder(1,3Mbps)")   // ["exact", "1s", "ladder(1,3Mbps)"]
 *   splitTopLevel("a, b,,c")                    // ["a", " b", "", "c"]
 *
 * Pieces come back exactly as written (not trimmed, empty ones kept), so each caller
 * decides what blanks and empty pieces mean. An unbalanced ")" does not make the depth
 * negative, so a stray one does not swallow the rest of the list.
 */
export function splitTopLevel(text: string, separator = ","): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === "(") depth++;
    else if (ch === ")") depth = Math.max(0, depth - 1);
    else if (ch === separator && depth === 0) {
      out.push(text.slice(start, i));
      start = i + 1;
    }
  }
  out.push(text.slice(start));
  return out;
}
