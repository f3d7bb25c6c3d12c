/**
 * Canonical scheme printing, so results are keyed consistently: attributes in ATTRIBUTES
 * order, no spaces, each width in the largest unit in which it is a whole number.
 *
 *   formatScheme(parseScheme("bitrate=round(2000kbps), duration=round(60000ms)"))
 *   // → "duration=round(1min),bitrate=round(2Mbps)"
 *
 * Randomized generalizers print every parameter and the noise mode:
 * `duration=geom(1s,scale=5,seed=7,memo)`, `bitrate=rround(100kbps,seed=7,fresh)`.
 *
 * parseScheme(formatScheme(s)) reproduces s exactly (checked by a property test).
 */
import { CANONICAL_UNITS, applyScale, unitScale, type UnitKind } from "../catalog/units.js";
import { ATTRIBUTES, type Attribute, type Generalizer, type Scheme } from "./types.js";

/** Unit kind of an attribute's widths; resolution (px) and fps (unitless) have their own. */
export function unitKindOf(attribute: Attribute): UnitKind | undefined {
  return attribute === "duration" || attribute === "bitrate" || attribute === "size" ? attribute : undefined;
}

/** Internal unit name, used when a width is a whole number in no unit (e.g. 0.5 ms). */
const INTERNAL_UNIT: Record<UnitKind, string> = { duration: "ms", bitrate: "kbps", size: "B" };

/**
 * A width or threshold (internal units) with its unit: the largest unit in which it is a
 * whole number and that parses back to the very same double.
 */
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

export function formatGeneralizer(attribute: Attribute, g: Generalizer): string {
  switch (g.kind) {
    case "exact":
    case "class":
    case "height":
      return g.kind;
    case "round":
    case "floor":
      return `${g.kind}(${formatQuantity(attribute, g.width)})`;
    case "sig":
      return `sig(${g.digits})`;
    case "log":
      return `log(${String(g.percent)}%)`;
    case "quantile":
      return `quantile(${g.k})`;
    case "ladder":
      return `ladder(${g.thresholds.map((t) => formatQuantity(attribute, t)).join(",")})`;
    // randomized: every parameter printed, the mode too, so a result row says whether noise was memoized
    case "geom":
      return `geom(${formatQuantity(attribute, g.width)},scale=${String(g.scale)},seed=${String(g.seed)},${g.mode})`;
    case "rround":
      return `rround(${formatQuantity(attribute, g.width)},seed=${String(g.seed)},${g.mode})`;
  }
}

/** The canonical form; the scheme that observes nothing prints as "none". */
export function formatScheme(scheme: Scheme): string {
  const parts = [...scheme.parts].sort((a, b) => ATTRIBUTES.indexOf(a.attribute) - ATTRIBUTES.indexOf(b.attribute));
  if (parts.length === 0) return "none";
  return parts.map((p) => `${p.attribute}=${formatGeneralizer(p.attribute, p.generalizer)}`).join(",");
}
