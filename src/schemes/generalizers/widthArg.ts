/**
 * The width argument of round/floor and of the noise generalizers: positive, finite,
 * whole pixels for resolution.
 */
import type { Arg, ArgReader } from "./generalizer.js";

export function readWidth(r: ArgReader, arg: Arg): number {
  const width = r.quantity(arg, arg.unit);
  if (!(width > 0) || !Number.isFinite(width)) r.fail(arg.start, `width must be positive in ${r.text}`);
  return width;
}

/** `round(W)` / `floor(W)`: one width, whole pixels when it applies to resolution. */
export function readGridWidth(r: ArgReader, kind: "round" | "floor"): number {
  const arg = r.single(`${kind} needs a width, e.g. ${kind}(${r.exampleWidth})`);
  const width = readWidth(r, arg);
  if (r.attribute === "resolution" && !Number.isInteger(width)) r.fail(arg.start, `resolution widths are whole pixels, not ${arg.numText}px`);
  return width;
}
