/**
 * `resolution=class`: the nominal resolution class (SD, 720p, 1080p, 1440p, 4K, 8K);
 * the key is the class index.
 *
 *   1920×800 (2.40:1 letterbox) → 2 ("1080p"); 1440×1080 (4:3 pillarbox) → 2; 1280×800 → 1
 *
 * Class reads both dimensions, so height does not refine it (1920×800 and 1280×800
 * share a height but not a class), nor it height.
 */
import { RESOLUTION_CLASSES, resolutionClass } from "../../catalog/resolutionClass.js";
import { ASK_COARSER, type GeneralizerDef } from "./generalizer.js";
import { sqlNumber } from "./snap.js";

export interface ClassGeneralizer {
  kind: "class";
}

export const classGeneralizer: GeneralizerDef<ClassGeneralizer> = {
  kind: "class",
  syntax: "class",
  attributes: ["resolution"],
  randomized: false,
  rowLocal: true,
  parse(r) {
    r.noArguments();
    return { kind: "class" };
  },
  format: () => "class",
  same: () => true,
  scalarKeys: null,
  pairKeys(_g, width, height) {
    const n = height.length;
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = resolutionClass(width[i], height[i]);
    return out;
  },
  textKeys: null,
  fit: null,
  label: (_g, _attribute, key) => RESOLUTION_CLASSES[key]?.name ?? String(key),
  interval: null,
  keyWidth: () => 0,
  chartWidth: () => null,
  refines(_f, c, ctx) {
    if (c.kind === "height") return `${ctx.no}: 1920×1080 and 1920×800 share a class but not a height`;
    return ASK_COARSER;
  },
  refinedBy(_c, f, ctx) {
    // class also looks at width: letterboxed 1920×800 is 1080p but 1280×800 is 720p
    if (f.kind === "height") return `${ctx.no}: 1920×800 and 1280×800 share a height but not a class (class also reads the width)`;
    return `${ctx.no}: a pixel bucket can straddle a class boundary (0.9 × the nominal size)`;
  },
  sql(_g, _attribute, column) {
    // NULL comparisons are false in CASE, as NaN comparisons are in resolutionClass, so
    // a missing dimension is ignored the same way.
    const w = column("width");
    const h = column("height");
    const long = `(CASE WHEN ${h} > ${w} THEN ${h} ELSE ${w} END)`;
    const short = `(CASE WHEN ${h} > ${w} THEN ${w} ELSE ${h} END)`;
    const arms: string[] = [];
    for (let c = RESOLUTION_CLASSES.length - 1; c >= 1; c--) {
      const { width, height } = RESOLUTION_CLASSES[c];
      arms.push(`WHEN ${long} >= ${sqlNumber(0.9 * width)} OR ${short} >= ${sqlNumber(0.9 * height)} THEN ${c}`);
    }
    return `(CASE WHEN ${w} IS NULL AND ${h} IS NULL THEN NULL ELSE (CASE ${arms.join(" ")} ELSE 0 END) END)`;
  },
};
