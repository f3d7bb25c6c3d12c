/**
 * `rround(W, seed=N[, memo|fresh])`: randomized rounding (dithering): x goes down to
 * floor(x / W)·W or up one step, up with probability frac(x / W), so the reported value
 * is unbiased: E = x. Keys are pure functions of (seed, attribute, item, report).
 *
 *   duration=rround(10s,seed=7)  93 s → key 9 with probability 0.7, 10 with 0.3
 */
import { UserError } from "../../base/errors.js";
import { formatQuantity } from "../quantity.js";
import type { NoiseMode } from "../types.js";
import type { GeneralizerDef } from "./generalizer.js";
import { noiseRows, randomizedReason, readNoiseArgs } from "./noiseArgs.js";
import { floorIndex } from "./snap.js";
import { formatValue } from "./valueLabel.js";

export interface RRoundGeneralizer {
  kind: "rround";
  width: number;
  seed: number;
  mode: NoiseMode;
}

export const rround: GeneralizerDef<RRoundGeneralizer> = {
  kind: "rround",
  syntax: "rround(W,seed=N)",
  attributes: ["duration", "bitrate", "fps", "size"],
  randomized: true,
  rowLocal: true,
  parse(r) {
    const { width, seed, mode } = readNoiseArgs(r, "rround");
    return { kind: "rround", width, seed, mode };
  },
  format: (g, attribute) => `rround(${formatQuantity(attribute, g.width)},seed=${String(g.seed)},${g.mode})`,
  same: (a, b) => a.width === b.width && a.seed === b.seed && a.mode === b.mode,
  scalarKeys(g, col, ctx) {
    const n = col.length;
    const out = new Float64Array(n);
    const { report, first, ids, stream } = noiseRows(g, n, ctx);
    const w = g.width;
    for (let i = 0; i < n; i++) {
      const x = col[i];
      if (x !== x) {
        out[i] = NaN;
        continue;
      }
      const k = floorIndex(x, w);
      const frac = x / w - k;
      // a value on the grid (frac ≤ 0 after snapping) is reported as is: no draw can move it
      const item = ids ? ids[i] : first + i;
      out[i] = frac > 0 && stream.uniform(item, report, 0) < frac ? k + 1 : k;
    }
    return out;
  },
  pairKeys: null,
  textKeys: null,
  fit: null,
  // the reported value: the grid point it was rounded to
  label: (g, attribute, key) => formatValue(attribute, key * g.width),
  interval: null,
  keyWidth: () => 0,
  chartWidth: () => null,
  refines: (_f, _c, ctx) => randomizedReason(ctx),
  refinedBy: (_c, _f, ctx) => randomizedReason(ctx),
  sql() {
    throw new UserError("rround noise is drawn per item and report, which the SQL engines do not reproduce: use --engine memory");
  },
};
