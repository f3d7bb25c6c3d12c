/**
 * Canonical scheme printing, so results are keyed consistently: attributes in ATTRIBUTES
 * order, no spaces, each width in the largest unit in which it is a whole number
 * (quantity.ts). Each generalizer prints itself (its `format` in generalizers/).
 *
 *   formatScheme(parseScheme("bitrate=round(2000kbps), duration=round(60000ms)"))
 *   // → "duration=round(1min),bitrate=round(2Mbps)"
 *
 * Randomized generalizers print every parameter and the noise mode:
 * `duration=geom(1s,scale=5,seed=7,memo)`, `bitrate=rround(100kbps,seed=7,fresh)`.
 *
 * parseScheme(formatScheme(s)) reproduces s exactly (checked by a property test).
 */
import { generalizerOf } from "./generalizers/registry.js";
import { ATTRIBUTES, type Attribute, type Generalizer, type Scheme } from "./types.js";

export { formatQuantity, unitKindOf } from "./quantity.js";

export function formatGeneralizer(attribute: Attribute, g: Generalizer): string {
  return generalizerOf(g).format(g, attribute);
}

/** The canonical form; the scheme that observes nothing prints as "none". */
export function formatScheme(scheme: Scheme): string {
  const parts = [...scheme.parts].sort((a, b) => ATTRIBUTES.indexOf(a.attribute) - ATTRIBUTES.indexOf(b.attribute));
  if (parts.length === 0) return "none";
  return parts.map((p) => `${p.attribute}=${formatGeneralizer(p.attribute, p.generalizer)}`).join(",");
}
