/**
 * `geom(W, scale=S, seed=N[, memo|fresh])`: two-sided geometric noise (discrete
 * Laplace, Ghosh–Roughgarden–Sundararajan 2009) on the integer grid of step W: the key
 * is round(x / W) + Z with P(Z = z) ∝ α^|z|, α = exp(−1 / S). S counts grid steps; the
 * mechanism is ε = 1/S per step of metric DP (d_X-privacy). Keys are pure functions of
 * (seed, attribute, item, report) — see noise.ts.
 *
 *   duration=geom(1s,scale=5,seed=7)  90 s → key 90 + Z, label "1:31:00" for Z = 1
 */
import { UserError } from "../../base/errors.js";
import { formatQuantity } from "../quantity.js";
import type { NoiseMode } from "../types.js";
import { geomAlpha, twoSidedGeometric } from "../noise.js";
import type { GeneralizerDef } from "./generalizer.js";
import { noiseRows, randomizedReason, readNoiseArgs } from "./noiseArgs.js";
import { roundIndex } from "./snap.js";
import { formatValue } from "./valueLabel.js";

export interface GeomGeneralizer {
  kind: "geom";
  width: number;
  scale: number;
  seed: number;
  mode: NoiseMode;
}

export const geom: GeneralizerDef<GeomGeneralizer> = {
  kind: "geom",
  syntax: "geom(W,scale=S,seed=N)",
  attributes: ["duration", "bitrate", "fps", "size"],
  randomized: true,
  rowLocal: true,
  parse(r) {
    const { width, scale, seed, mode } = readNoiseArgs(r, "geom");
    return { kind: "geom", width, scale: scale!, seed, mode };
  },
  // every parameter printed, the mode too, so a result row says whether noise was memoized
  format: (g, attribute) => `geom(${formatQuantity(attribute, g.width)},scale=${String(g.scale)},seed=${String(g.seed)},${g.mode})`,
  same: (a, b) => a.width === b.width && a.scale === b.scale && a.seed === b.seed && a.mode === b.mode,
  scalarKeys(g, col, ctx) {
    const n = col.length;
    const out = new Float64Array(n);
    const { report, first, ids, stream } = noiseRows(g, n, ctx);
    const w = g.width;
    const alpha = geomAlpha(g.scale);
    for (let i = 0; i < n; i++) {
      const k = roundIndex(col[i], w);
      if (k !== k) {
        out[i] = NaN;
        continue;
      }
      const item = ids ? ids[i] : first + i;
      out[i] = k + twoSidedGeometric(stream, item, report, alpha) + 0;
    }
    return out;
  },
  pairKeys: null,
  textKeys: null,
  fit: null,
  // the reported value: the noisy grid point
  label: (g, attribute, key) => formatValue(attribute, key * g.width),
  interval: null,
  keyWidth: () => 0,
  chartWidth: () => null,
  refines: (_f, _c, ctx) => randomizedReason(ctx),
  refinedBy: (_c, _f, ctx) => randomizedReason(ctx),
  sql() {
    throw new UserError("geom noise is drawn per item and report, which the SQL engines do not reproduce: use --engine memory");
  },
};
