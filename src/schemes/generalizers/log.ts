/**
 * `log(P%)`: buckets of constant ratio 1 + P/100, so every bucket is P % wide. The key
 * is floor(ln x / ln(1 + P/100)) with boundary snapping in log space; x ≤ 0 gets a
 * bucket of its own (`logZeroKey`).
 *
 *   bitrate=log(100%)  8–16 kbps → key 3 ("8 kbps–16 kbps"), since 2³ = 8
 *
 * Nesting: log(p) ⊑ log(q) when ln(1 + q) / ln(1 + p) is whole: log(10%) ⊑ log(21%),
 * since 1.1² = 1.21.
 */
import { ATTRIBUTE_FIELDS } from "../types.js";
import { ASK_COARSER, type GeneralizerDef } from "./generalizer.js";
import { SNAP, sqlNumber } from "./snap.js";
import { formatRange } from "./valueLabel.js";
import { wholeNumber } from "./wholeRatio.js";

export interface LogGeneralizer {
  kind: "log";
  percent: number;
}

/** ln(1 + P/100): the width of one log bucket in log space. */
export function logBase(percent: number): number {
  return Math.log1p(percent / 100);
}

/**
 * Key of the x ≤ 0 bucket under log(P%): one below the index of the smallest positive
 * double, so it never collides with a real bucket and stays a small integer.
 */
export function logZeroKey(percent: number): number {
  return Math.floor(Math.log(Number.MIN_VALUE) / logBase(percent)) - 1;
}

export const log: GeneralizerDef<LogGeneralizer> = {
  kind: "log",
  syntax: "log(P%)",
  attributes: ["duration", "bitrate", "fps", "size"],
  randomized: false,
  rowLocal: true,
  parse(r) {
    const arg = r.single("log needs a percent, e.g. log(10%)");
    if (arg.unit === undefined) r.fail(arg.numEnd, `log takes a percent — write log(${arg.numText}%)`);
    if (arg.unit !== "%") r.fail(arg.unitStart, `log takes a percent, not "${arg.unit}" — write e.g. log(10%)`);
    const percent = Number(arg.numText);
    if (!(percent > 0) || !Number.isFinite(percent)) r.fail(arg.start, `percent must be positive in ${r.text}`);
    return { kind: "log", percent };
  },
  format: (g) => `log(${String(g.percent)}%)`,
  same: (a, b) => a.percent === b.percent,
  scalarKeys(g, col) {
    const n = col.length;
    const out = new Float64Array(n);
    const base = logBase(g.percent);
    const zero = logZeroKey(g.percent);
    for (let i = 0; i < n; i++) {
      const x = col[i];
      if (x > 0) {
        const r = Math.log(x) / base;
        out[i] = Math.floor(r + SNAP * Math.abs(r));
      } else {
        out[i] = x === x ? zero : NaN;
      }
    }
    return out;
  },
  pairKeys: null,
  textKeys: null,
  fit: null,
  label(g, attribute, key) {
    if (key === logZeroKey(g.percent)) return "≤ 0";
    const b = 1 + g.percent / 100;
    // the edges are irrational: the unit's default decimals
    return formatRange(attribute, b ** key, b ** (key + 1), null);
  },
  interval(g, key) {
    if (key === logZeroKey(g.percent)) return [-Infinity, Number.MIN_VALUE];
    const b = logBase(g.percent);
    return [Math.exp(key * b), Math.exp((key + 1) * b)];
  },
  keyWidth: () => 0,
  chartWidth: () => null,
  refines(f, c, ctx) {
    if (c.kind !== "log") return ASK_COARSER;
    const ratio = logBase(c.percent) / logBase(f.percent);
    if (wholeNumber(ratio) !== undefined) return null;
    return `${ctx.no}: ln(1+${c.percent}%)/ln(1+${f.percent}%) = ${Number(ratio.toPrecision(6))} is not a whole number`;
  },
  refinedBy: (_c, _f, ctx) => ctx.no,
  sql(g, attribute, column) {
    // ln only sees positive values (NULL otherwise), so no engine is asked for ln(0)
    const x = column(ATTRIBUTE_FIELDS[attribute][0]);
    const r = `(ln(CASE WHEN ${x} > 0 THEN ${x} END) / ${sqlNumber(logBase(g.percent))})`;
    return `(CASE WHEN ${x} IS NULL THEN NULL WHEN ${x} > 0 THEN floor(${r} + ${sqlNumber(SNAP)} * abs(${r})) ELSE ${logZeroKey(g.percent)} END)`;
  },
};
