/**
 * `ladder(a,b,…)`: buckets between given thresholds (e.g. a streaming bitrate ladder).
 * The key is the index of the last threshold ≤ x (boundary snapping as in snap.ts),
 * −1 below the first.
 *
 *   bitrate=ladder(1,3,6Mbps)  500, 1000, 2999, 3000, 6000 kbps → keys −1, 0, 0, 1, 2
 *
 * A value without a unit takes the unit of the next value that has one: ladder(1,3,6Mbps)
 * is 1, 3, 6 Mbps. Nesting: ladder(T) ⊑ ladder(U) when U ⊆ T.
 */
import { upperBound } from "../../base/bisect.js";
import { formatQuantity } from "../quantity.js";
import { ATTRIBUTE_FIELDS } from "../types.js";
import { ASK_COARSER, type GeneralizerDef } from "./generalizer.js";
import { SNAP, sqlNumber } from "./snap.js";
import { formatRange, formatValue } from "./valueLabel.js";

export interface LadderGeneralizer {
  kind: "ladder";
  /** Strictly increasing, internal units. */
  thresholds: number[];
}

export const ladder: GeneralizerDef<LadderGeneralizer> = {
  kind: "ladder",
  syntax: "ladder(a,b,…)",
  attributes: ["duration", "bitrate", "fps", "size"],
  randomized: false,
  rowLocal: true,
  parse(r) {
    const { args, attribute } = r;
    const hintUnit = attribute === "bitrate" ? "Mbps" : r.hintUnit;
    if (!args || args.length === 0) {
      return r.fail(r.argsAt, `ladder needs thresholds, e.g. ladder(${attribute === "fps" ? "24,30,60" : `1,3,6${hintUnit}`})`);
    }
    const values = new Array<number>(args.length);
    let unit: string | undefined;
    let unitArg = args[args.length - 1];
    for (let i = args.length - 1; i >= 0; i--) {
      if (args[i].unit !== undefined) {
        unit = args[i].unit;
        unitArg = args[i];
      }
      values[i] = r.quantity(args[i].unit !== undefined ? args[i] : { ...args[i], unitStart: unitArg.unitStart }, unit, args[args.length - 1], hintUnit);
    }
    for (let i = 1; i < values.length; i++) {
      if (!(values[i] > values[i - 1])) {
        const [a, b] = [formatQuantity(attribute, values[i - 1]), formatQuantity(attribute, values[i])];
        r.fail(args[i].start, `ladder thresholds must increase strictly, but ${b} follows ${a} in ${r.text}`);
      }
    }
    return { kind: "ladder", thresholds: values };
  },
  format: (g, attribute) => `ladder(${g.thresholds.map((t) => formatQuantity(attribute, t)).join(",")})`,
  same: (a, b) => a.thresholds.length === b.thresholds.length && a.thresholds.every((v, i) => v === b.thresholds[i]),
  scalarKeys(g, col) {
    const n = col.length;
    const out = new Float64Array(n);
    const t = Float64Array.from(g.thresholds);
    for (let i = 0; i < n; i++) {
      const x = col[i];
      out[i] = x === x ? upperBound(t, x + SNAP * Math.abs(x)) - 1 : NaN;
    }
    return out;
  },
  pairKeys: null,
  textKeys: null,
  fit: null,
  label(g, attribute, key) {
    const t = g.thresholds;
    if (key < 0) return `< ${formatValue(attribute, t[0])}`;
    if (key >= t.length - 1) return `≥ ${formatValue(attribute, t[t.length - 1])}`;
    return formatRange(attribute, t[key], t[key + 1]);
  },
  interval(g, key) {
    const t = g.thresholds;
    return [key < 0 ? -Infinity : t[key], key + 1 >= t.length ? Infinity : t[key + 1]];
  },
  keyWidth: () => 0,
  chartWidth: () => null,
  refines(f, c, ctx) {
    if (c.kind !== "ladder") return ASK_COARSER;
    const missing = c.thresholds.find((t) => !f.thresholds.includes(t));
    return missing === undefined ? null : `${ctx.no}: threshold ${ctx.quantity(missing)} of the coarser ladder is not in the finer one`;
  },
  refinedBy: (_c, _f, ctx) => ctx.no,
  sql(g, attribute, column) {
    const x = column(ATTRIBUTE_FIELDS[attribute][0]);
    const snapped = `(${x}) + ${sqlNumber(SNAP)} * abs(${x})`;
    const steps = g.thresholds.map((t, i) => ({ t, i })).reverse();
    return `CASE WHEN (${x}) IS NULL THEN NULL ${steps.map(({ t, i }) => `WHEN ${snapped} >= ${sqlNumber(t)} THEN ${i}`).join(" ")} ELSE -1 END`;
  },
};
