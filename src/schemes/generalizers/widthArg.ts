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
