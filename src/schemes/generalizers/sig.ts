/**
 * `sig(D)`: the value rounded half up (on the magnitude) to D significant digits; the
 * key is the rounded value itself.
 *
 *   bitrate=sig(2)  8523 kbps → 8500 ("8.5 Mbps"); 1250 → 1300; 1249 → 1200
 *
 * sig nests only with itself: sig(3) puts 1249 at 1250 and sig(2) puts 1250 at 1300
 * but 1249 at 1200.
 */
import { ATTRIBUTE_FIELDS } from "../types.js";
import type { GeneralizerDef } from "./generalizer.js";
import { SNAP, sqlNumber } from "./snap.js";
import { formatValue } from "./valueLabel.js";

export interface SigGeneralizer {
  kind: "sig";
  digits: number;
}

/** 10^k for k = 0..308, each the double nearest to the decimal (10 ** k can be off by an ulp). */
const POW10 = Array.from({ length: 309 }, (_, k) => Number(`1e${k}`));

/** x rounded half up (on magnitude) to `digits` significant digits. */
export function roundSignificant(x: number, digits: number): number {
  if (x === 0 || !Number.isFinite(x)) return x;
  const a = Math.abs(x);
  // scale a into [10^(digits-1), 10^digits) by a power of ten (exact up to 1e22), rounding once
  let p = digits - 1 - Math.floor(Math.log10(a));
  if (p > 308 || p < -308) return x; // beyond any media quantity
  let y = p >= 0 ? a * POW10[p] : a / POW10[-p];
  // log10 can be off by one next to powers of ten
  if (y >= POW10[digits] && p > -308) {
    p--;
    y = p >= 0 ? a * POW10[p] : a / POW10[-p];
  } else if (y < POW10[digits - 1] && p < 308) {
    p++;
    y = p >= 0 ? a * POW10[p] : a / POW10[-p];
  }
  const m = Math.floor(y + 0.5 + SNAP * y);
  // a whole number m divided by an exact power of ten gives the double nearest the decimal
  const v = p >= 0 ? m / POW10[p] : m * POW10[-p];
  return x < 0 ? -v : v;
}

/**
 * The SQL form of `roundSignificant`, step for step (the same power-of-ten scaling,
 * the same off-by-one correction of log10, the same snapped half-up rounding), so the
 * database computes the very same double. The correction picks one of three exponents,
 * each written out:
 *
 *   sig(2) of 1249: log10 → 3, p = 2 − 1 − 3 = −2, y = 1249 / 100 = 12.49,
 *   m = floor(12.49 + 0.5 + 1e-13 · 12.49) = 12, v = 12 · 100 = 1200
 */
export function sqlSignificant(x: string, digits: number): string {
  const p0 = `(${sqlNumber(digits - 1)} - floor(log10(abs(${x}))))`;
  const ten = sqlNumber(10);
  const scale = (q: string) => `(CASE WHEN ${q} >= 0 THEN abs(${x}) * power(${ten}, ${q}) ELSE abs(${x}) / power(${ten}, -(${q})) END)`;
  const value = (q: string) => {
    const y = scale(q);
    const m = `floor(${y} + ${sqlNumber(0.5)} + ${sqlNumber(SNAP)} * ${y})`;
    return `(CASE WHEN ${q} >= 0 THEN ${m} / power(${ten}, ${q}) ELSE ${m} * power(${ten}, -(${q})) END)`;
  };
  const y0 = scale(p0);
  const sign = `(CASE WHEN ${x} < 0 THEN -1 ELSE 1 END)`;
  return (
    `(CASE WHEN ${x} IS NULL THEN NULL WHEN ${x} = 0 THEN ${sqlNumber(0)} WHEN ${p0} > 308 OR ${p0} < -308 THEN ${x} ` +
    `WHEN ${y0} >= ${sqlNumber(POW10[digits])} AND ${p0} > -308 THEN ${sign} * ${value(`(${p0} - 1)`)} ` +
    `WHEN ${y0} < ${sqlNumber(POW10[digits - 1])} AND ${p0} < 308 THEN ${sign} * ${value(`(${p0} + 1)`)} ` +
    `ELSE ${sign} * ${value(p0)} END)`
  );
}

const SIG_ONLY_WITH_ITSELF = "sig only nests with itself (significant-digit buckets of different sizes overlap)";

export const sig: GeneralizerDef<SigGeneralizer> = {
  kind: "sig",
  syntax: "sig(D)",
  attributes: ["duration", "bitrate", "fps", "size"],
  randomized: false,
  rowLocal: true,
  parse(r) {
    const expected = "sig takes a whole number of significant digits from 1 to 15, e.g. sig(2)";
    const arg = r.single("sig needs a number of significant digits, e.g. sig(2)");
    const digits = r.count(arg, expected);
    if (digits < 1 || digits > 15) r.fail(arg.start, expected);
    return { kind: "sig", digits };
  },
  format: (g) => `sig(${g.digits})`,
  same: (a, b) => a.digits === b.digits,
  scalarKeys(g, col) {
    const n = col.length;
    const out = new Float64Array(n);
    const d = g.digits;
    for (let i = 0; i < n; i++) out[i] = roundSignificant(col[i], d) + 0;
    return out;
  },
  pairKeys: null,
  textKeys: null,
  fit: null,
  label: (_g, attribute, key) => formatValue(attribute, key),
  /**
   * Values that round to `key` at D digits: ± half a unit in the last kept digit; on the
   * side below a power of ten the digits are ten times finer (1000 at 2 digits: [995, 1050)).
   */
  interval(g, key) {
    if (key === 0) return [0, 0];
    const m = Math.abs(key);
    const mag = Math.floor(Math.log10(m));
    const half = 0.5 * 10 ** (mag - g.digits + 1);
    const inner = Number(`1e${mag}`) === m ? half / 10 : half;
    return key > 0 ? [key - inner, key + half] : [key - half, key + inner];
  },
  keyWidth: () => 0,
  chartWidth: () => null,
  refines: (_f, _c, ctx) => `${ctx.no}: ${SIG_ONLY_WITH_ITSELF}`,
  refinedBy: (_c, _f, ctx) => `${ctx.no}: ${SIG_ONLY_WITH_ITSELF}`,
  sql: (g, attribute, column) => sqlSignificant(column(ATTRIBUTE_FIELDS[attribute][0]), g.digits),
};
