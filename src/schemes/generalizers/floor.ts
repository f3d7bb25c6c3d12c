/**
 * `floor(W)`: the multiple of W at or below the value. The key is the bucket index
 * floor(x / W) with boundary snapping (snap.ts); resolution floors each dimension and
 * packs the pair (pair.ts).
 *
 *   duration=floor(10ms)  0, 9, 10, 19.999, −1 ms → keys 0, 0, 1, 1, −1
 *   fps=floor(0.1)        0.3 → 3 (not 2 from 0.3/0.1 = 2.9999999999999996)
 *
 * Nesting: floor(a) ⊑ floor(b) when b/a is whole; floor(a) ⊑ round(b) when b/a is even
 * (round(b)'s edges (k − ½)·b are then multiples of a); floor(a) ⊑ ladder(t…) when every
 * threshold is a multiple of a.
 */
import { formatQuantity } from "../quantity.js";
import { ATTRIBUTE_FIELDS } from "../types.js";
import { ASK_COARSER, type GeneralizerDef } from "./generalizer.js";
import { packPair, sqlPackPair, unpackPair } from "./pair.js";
import { SNAP, floorIndex, sqlGridIndex } from "./snap.js";
import { formatRange } from "./valueLabel.js";
import { ladderOnGrid, wholeNumber } from "./wholeRatio.js";
import { readGridWidth } from "./widthArg.js";

export interface FloorGeneralizer {
  kind: "floor";
  /** Internal units: ms, kbps, px, fps, bytes. */
  width: number;
}

export const floor: GeneralizerDef<FloorGeneralizer> = {
  kind: "floor",
  syntax: "floor(W)",
  attributes: ["duration", "bitrate", "resolution", "fps", "size"],
  randomized: false,
  rowLocal: true,
  parse: (r) => ({ kind: "floor", width: readGridWidth(r, "floor") }),
  format: (g, attribute) => `floor(${formatQuantity(attribute, g.width)})`,
  same: (a, b) => a.width === b.width,
  scalarKeys(g, col) {
    const n = col.length;
    const out = new Float64Array(n);
    const w = g.width;
    for (let i = 0; i < n; i++) out[i] = floorIndex(col[i], w);
    return out;
  },
  pairKeys(g, width, height) {
    const n = height.length;
    const out = new Float64Array(n);
    const s = g.width;
    for (let i = 0; i < n; i++) out[i] = packPair(pixelFloor(width[i], s), pixelFloor(height[i], s));
    return out;
  },
  textKeys: null,
  fit: null,
  label(g, attribute, key) {
    if (attribute === "resolution") {
      const [w, h] = unpackPair(key);
      const range = (i: number) => (i === i ? `${i * g.width}–${(i + 1) * g.width - 1}` : "?");
      return `${range(w)}×${range(h)}`;
    }
    return formatRange(attribute, key * g.width, (key + 1) * g.width);
  },
  interval: (g, key) => [key * g.width, (key + 1) * g.width],
  keyWidth: (g) => g.width,
  chartWidth: (g) => g.width,
  refines(f, c, ctx) {
    if (c.kind === "floor") {
      const k = wholeNumber(c.width / f.width);
      return k !== undefined ? null : `${ctx.no}: ${ctx.quantity(c.width)} is not a whole multiple of ${ctx.quantity(f.width)}`;
    }
    if (c.kind === "round") {
      // round(b) edges (k − ½)·b are multiples of a exactly when b/a is even
      const k = wholeNumber(c.width / f.width);
      if (k !== undefined && k % 2 === 0) return null;
      return `${ctx.no}: round(${ctx.quantity(c.width)}) has edges at odd multiples of ${ctx.quantity(c.width / 2)}, which floor(${ctx.quantity(f.width)}) does not share (floor nests in round only when the ratio is even)`;
    }
    if (c.kind === "ladder") return ladderOnGrid(c.thresholds, f.width, false, ctx);
    return ASK_COARSER;
  },
  refinedBy: (_c, _f, ctx) => ctx.no,
  sql(g, attribute, column) {
    if (attribute !== "resolution") return sqlGridIndex(column(ATTRIBUTE_FIELDS[attribute][0]), g.width, 0);
    return sqlPackPair(sqlGridIndex(column("width"), g.width, 0), sqlGridIndex(column("height"), g.width, 0));
  },
};

/** A pixel dimension's floor index (pixels are whole, so no subnormal care as in floorIndex). */
function pixelFloor(x: number, s: number): number {
  const r = x / s;
  return Math.floor(r + SNAP * Math.abs(r));
}
