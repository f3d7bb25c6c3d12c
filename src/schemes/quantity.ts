/**
 * Widths and thresholds of an attribute with their unit, as the grammar prints them:
 * the largest unit in which the value is a whole number and that parses back to the
 * very same double.
 *
 *   formatQuantity("duration", 60_000)  // "1min"
 *   formatQuantity("bitrate", 0.5)      // "500bps"
 *   formatQuantity("resolution", 16)    // "16px"
 */
import { CANONICAL_UNITS, applyScale, unitScale, type UnitKind } from "../catalog/units.js";
import type { Attribute } from "./types.js";

/** Unit kind of an attribute's widths; resolution (px) and fps (unitless) have their own. */
export function unitKindOf(attribute: Attribute): UnitKind | undefined {
  return attribute === "duration" || attribute === "bitrate" || attribute === "size" ? attribute : undefined;
}

/** Internal unit name, used when a width is a whole number in no unit (e.g. 0.5 ms). */
const INTERNAL_UNIT: Record<UnitKind, string> = { duration: "ms", bitrate: "kbps", size: "B" };

/** A width or threshold (internal units) with its unit. */
export function formatQuantity(attribute: Attribute, value: number): string {
  if (attribute === "resolution") return `${String(value)}px`;
  const kind = unitKindOf(attribute);
  if (!kind) return String(value);
  const units = CANONICAL_UNITS[kind];
  for (let i = units.length - 1; i >= 0; i--) {
    const scale = unitScale(kind, units[i]);
    const r = Math.round(value / (scale.mantissa * 10 ** scale.exponent));
    if (r !== 0 && applyScale(r, scale) === value) return `${String(r)}${units[i]}`;
  }
  return `${String(value)}${INTERNAL_UNIT[kind]}`;
}
