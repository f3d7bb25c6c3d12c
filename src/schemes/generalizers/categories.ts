/**
 * Category codes for text attributes (codec, container): each distinct name gets an
 * integer code, so the engine groups text like any other key.
 *
 *   categoryKeys("codec", ["h264", "", "hevc", "h264"])  // → [0, NaN, 1, 0] in a fresh process
 *   categoryName("codec", 1)                              // → "hevc"
 *
 * One dictionary per attribute (per column), shared by every catalog in the process:
 * attacks compare keys computed on the victim's catalog with keys computed on the
 * attacker's, so a name must get the same code whichever catalog it came from. A
 * per-catalog numbering would give "h264" code 0 in one and 3 in the other. Codes are
 * numbered by first appearance in the process; nothing prints them (labels go through
 * `categoryName`, classes are renumbered by first appearance among rows), so outputs do
 * not depend on the order catalogs were keyed in.
 *
 * An empty or blank name is "not reported" (NaN), like a missing number: loaders store
 * a missing text cell as "".
 */
import type { TextAttribute } from "../types.js";

interface Dictionary {
  codes: Map<string, number>;
  names: string[];
}

const DICTIONARIES = new Map<TextAttribute, Dictionary>();

function dictionary(attribute: TextAttribute): Dictionary {
  let d = DICTIONARIES.get(attribute);
  if (!d) {
    d = { codes: new Map(), names: [] };
    DICTIONARIES.set(attribute, d);
  }
  return d;
}

/** Whether a text cell is "not reported". */
export function isBlank(name: string): boolean {
  return name.trim() === "";
}

/** The code of a category name of `attribute` (assigned on first use). */
export function categoryCode(attribute: TextAttribute, name: string): number {
  const d = dictionary(attribute);
  let code = d.codes.get(name);
  if (code === undefined) {
    code = d.names.length;
    d.codes.set(name, code);
    d.names.push(name);
  }
  return code;
}

/**
 * Codes of a text column, each name first mapped by `normalize` (identity for exact);
 * blank cells → NaN.
 */
export function categoryKeys(attribute: TextAttribute, col: readonly string[], normalize: (name: string) => string = (s) => s): Float64Array {
  const n = col.length;
  const out = new Float64Array(n);
  // a column repeats few names: look each up once
  const seen = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const name = col[i];
    let code = seen.get(name);
    if (code === undefined) {
      code = isBlank(name) ? NaN : categoryCode(attribute, normalize(name));
      seen.set(name, code);
    }
    out[i] = code;
  }
  return out;
}

/** The name behind a code; a code never handed out is a bug. */
export function categoryName(attribute: TextAttribute, code: number): string {
  const name = dictionary(attribute).names[code];
  if (name === undefined) throw new Error(`no ${attribute} category has code ${code}`);
  return name;
}
