/**
 * Scheme grids: every combination of per-attribute generalizers, as canonical schemes.
 * A bare width on an axis means round(width); `exact` and `drop` are themselves.
 */
import { UserError } from "../base/errors.js";
import { splitTopLevel } from "../base/splitTopLevel.js";
import { formatScheme } from "../schemes/format.js";
import { parseScheme } from "../schemes/parse.js";
import type { Scheme } from "../schemes/types.js";

export type SweepAxes = Partial<Record<"duration" | "bitrate" | "resolution" | "fps" | "size", string[]>>;

/** Split "exact,1s,ladder(1,3Mbps)" on commas outside parentheses, trimmed; a trailing comma adds nothing. */
export function splitList(text: string): string[] {
  const pieces = splitTopLevel(text).map((p) => p.trim());
  if (pieces[pieces.length - 1] === "") pieces.pop();
  return pieces;
}

function generalizerText(value: string): string {
  if (/^[a-z]+(\(.*\))?$/i.test(value)) return value; // exact, drop, class, round(…) …
  return `round(${value})`;
}

/** All schemes of the grid, in axis order (first axis varies slowest). */
export function sweepSchemes(axes: SweepAxes): Scheme[] {
  const entries = Object.entries(axes).filter(([, v]) => v && v.length > 0) as [string, string[]][];
  if (entries.length === 0) throw new UserError("a sweep needs at least one axis, e.g. { duration: [\"exact\", \"1s\", \"60s\"] }");
  let combos: string[][] = [[]];
  for (const [attr, values] of entries) {
    const next: string[][] = [];
    for (const c of combos) for (const v of values) next.push([...c, `${attr}=${generalizerText(v)}`]);
    combos = next;
  }
  const seen = new Set<string>();
  const schemes: Scheme[] = [];
  for (const parts of combos) {
    const scheme = parseScheme(parts.join(","));
    const key = formatScheme(scheme);
    if (!seen.has(key)) {
      seen.add(key);
      schemes.push(scheme);
    }
  }
  return schemes;
}
