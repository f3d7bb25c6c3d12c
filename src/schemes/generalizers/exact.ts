/**
 * `exact`: the value as recorded, nothing removed.
 *
 *   duration=exact    5525120 ms → key 5525120, label "1:32:05.120"
 *   resolution=exact  1920×800   → key 1920·65536 + 800 (see pair.ts), label "1920×800"
 *   codec=exact       "h264"     → its category code (categories.ts), label "h264"
 *
 * It refines every generalizer that is not randomized: equal values get equal keys
 * under any deterministic function of the value.
 */
import { ATTRIBUTE_FIELDS, isTextAttribute } from "../types.js";
import { categoryKeys, categoryName } from "./categories.js";
import { DEFAULT_SQL_TEXT, type GeneralizerDef } from "./generalizer.js";
import { packPair, pairLabel, sqlPackPair, unpackPair } from "./pair.js";
import { formatValue } from "./valueLabel.js";

export interface ExactGeneralizer {
  kind: "exact";
}

export const exact: GeneralizerDef<ExactGeneralizer> = {
  kind: "exact",
  syntax: "exact",
  attributes: ["duration", "bitrate", "resolution", "fps", "size", "codec", "container"],
  randomized: false,
  rowLocal: true,
  parse(r) {
    r.noArguments();
    return { kind: "exact" };
  },
  format: () => "exact",
  same: () => true,
  scalarKeys(_g, col) {
    const n = col.length;
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = col[i] + 0; // + 0 turns −0 into 0
    return out;
  },
  pairKeys(_g, width, height) {
    const n = height.length;
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = packPair(width[i], height[i]);
    return out;
  },
  textKeys(_g, col, { attribute }) {
    if (!isTextAttribute(attribute)) throw new Error(`${attribute} is not a text attribute`);
    return categoryKeys(attribute, col);
  },
  fit: null,
  label(_g, attribute, key) {
    if (isTextAttribute(attribute)) return categoryName(attribute, key);
    if (attribute === "resolution") {
      const [w, h] = unpackPair(key);
      return pairLabel(w, h);
    }
    return formatValue(attribute, key);
  },
  /**
   * An exact key stands for the value as recorded: [x − p/2, x + p/2) with p the
   * victim's precision of the field (a point when p is 0 or unknown).
   */
  interval: (_g, key, { precision }) => (precision > 0 ? [key - precision / 2, key + precision / 2] : [key, key]),
  keyWidth: () => 1,
  chartWidth: (_g, exactPrecision) => Math.max(exactPrecision, 1),
  refines: () => null,
  refinedBy: (_c, _f, ctx) => ctx.no,
  sql(_g, attribute, column, _fitted, text = DEFAULT_SQL_TEXT) {
    if (attribute === "resolution") return sqlPackPair(column("width"), column("height"));
    const x = column(ATTRIBUTE_FIELDS[attribute][0]);
    // a blank name is not reported
    return isTextAttribute(attribute) ? `(CASE WHEN ${text.trim(x)} = '' THEN NULL ELSE ${x} END)` : x;
  },
};

