/**
 * `round(W)`: the nearest multiple of W, ties going up. The key is the multiple's
 * index, floor(x / W + ½) with boundary snapping (snap.ts); resolution rounds each
 * dimension and packs the pair (pair.ts).
 *
 *   duration=round(10ms)  14, 15, 16, 25, −5, −6 ms → keys 1, 2, 2, 3, 0, −1
 *   duration=round(1min)  1:32:29 → 92 ("1:32:00"), 1:32:30 → 93
 *
 * Nesting: round(b) edges sit at (k + ½)·b, round(a) edges at (j + ½)·a; the former are
 * among the latter only when b/a is odd. With b = 2a, round(a)'s bucket [a/2, 3a/2)
 * straddles round(2a)'s edge at a. Ratio 60 is even too: 29.5 s and 30.4 s share
 * round(1s)'s bucket 30, but round(1min) puts them in buckets 0 and 1.
 */
import { formatQuantity } from "../quantity.js";
import { ATTRIBUTE_FIELDS } from "../types.js";
import { ASK_COARSER, type GeneralizerDef } from "./generalizer.js";
import { packPair, pairLabel, sqlPackPair, unpackPair } from "./pair.js";
import { roundIndex, sqlGridIndex } from "./snap.js";
import { formatValue } from "./valueLabel.js";
import { ladderOnGrid, wholeNumber } from "./wholeRatio.js";
import { readGridWidth } from "./widthArg.js";

export interface RoundGeneralizer {
  kind: "round";
  /** Internal units: ms, kbps, px, fps, bytes. */
  width: number;
}

export const round: GeneralizerDef<RoundGeneralizer> = {
  kind: "round",
  syntax: "round(W)",
  attributes: ["duration", "bitrate", "resolution", "fps", "size"],
  randomized: false,
  rowLocal: true,
  parse: (r) => ({ kind: "round", width: readGridWidth(r, "round") }),
  format: (g, attribute) => `round(${formatQuantity(attribute, g.width)})`,
  same: (a, b) => a.width === b.width,
  scalarKeys(g, col) {
    const n = col.length;
    const out = new Float64Array(n);
    const w = g.width;
    for (let i = 0; i < n; i++) out[i] = roundIndex(col[i], w);
    return out;
  },
  pairKeys(g, width, height) {
    const n = height.length;
    const out = new Float64Array(n);
    const s = g.width;
    for (let i = 0; i < n; i++) out[i] = packPair(roundIndex(width[i], s), roundIndex(height[i], s));
    return out;
  },
  textKeys: null,
  fit: null,
  label(g, attribute, key) {
    if (attribute === "resolution") {
      const [w, h] = unpackPair(key);
      return pairLabel(w * g.width, h * g.width);
    }
    return formatValue(attribute, key * g.width);
  },
  interval: (g, key) => [(key - 0.5) * g.width, (key + 0.5) * g.width],
  keyWidth: (g) => g.width,
  chartWidth: (g) => g.width,
  refines(f, c, ctx) {
    if (c.kind === "round") {
      const ratio = c.width / f.width;
      const k = wholeNumber(ratio);
      if (k !== undefined && k % 2 === 1) return null;
      if (k !== undefined) {
        return `${ctx.no}: the width ratio ${k} is even, so a ${ctx.quantity(f.width)} bucket straddles two ${ctx.quantity(c.width)} buckets (round nests only for odd ratios)`;
      }
      return `${ctx.no}: the width ratio ${Number(ratio.toPrecision(6))} is not a whole number`;
    }
    if (c.kind === "floor") return `${ctx.no}: floor has an edge at 0, which lies inside round's bucket around 0`;
    if (c.kind === "ladder") return ladderOnGrid(c.thresholds, f.width, true, ctx);
    return ASK_COARSER;
  },
  refinedBy: (_c, _f, ctx) => ctx.no,
  sql(g, attribute, column) {
    if (attribute !== "resolution") return sqlGridIndex(column(ATTRIBUTE_FIELDS[attribute][0]), g.width, 0.5);
    return sqlPackPair(sqlGridIndex(column("width"), g.width, 0.5), sqlGridIndex(column("height"), g.width, 0.5));
  },
};
