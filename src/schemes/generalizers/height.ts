/**
 * `resolution=height`: the frame height alone (what "1080p" labels carry); the key is
 * the height in pixels. A catalog of "1080p" labels has heights only, and this is all
 * it can be keyed by.
 *
 *   1920×800 → 800 ("800p"); 1280×800 → 800; 1920×? → not reported
 */
import { ASK_COARSER, type GeneralizerDef } from "./generalizer.js";

export interface HeightGeneralizer {
  kind: "height";
}

export const height: GeneralizerDef<HeightGeneralizer> = {
  kind: "height",
  syntax: "height",
  attributes: ["resolution"],
  randomized: false,
  rowLocal: true,
  parse(r) {
    r.noArguments();
    return { kind: "height" };
  },
  format: () => "height",
  same: () => true,
  scalarKeys: null,
  pairKeys(_g, _width, heights) {
    const n = heights.length;
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = heights[i] + 0;
    return out;
  },
  textKeys: null,
  fit: null,
  label: (_g, _attribute, key) => `${key}p`,
  interval: null,
  keyWidth: () => 0,
  chartWidth: () => null,
  refines: () => ASK_COARSER,
  refinedBy: (_c, _f, ctx) => ctx.no,
  sql: (_g, _attribute, column) => column("height"),
};
