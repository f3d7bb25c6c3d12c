/**
 * `quantile(K)`: K equal-frequency buckets fitted on the catalog's non-missing values;
 * the key is the number of thresholds ≤ x. Each cut sits at a change of value — the
 * one nearest position round(jK/n) — so equal values never split.
 *
 *   size=quantile(4)  1, 2, 3, 4, 5, 6, 7, 8 → thresholds 3, 5, 7 → keys 0 0 1 1 2 2 3 3
 *
 * The thresholds are fitted per catalog, so the deployed scheme publishes the ones
 * fitted on the victim's catalog (`fit`) and an attacker keys its own catalog with
 * those (schemeView.ts). Quantile buckets only nest with themselves, and quantile is
 * not row-local.
 */
import { UserError } from "../../base/errors.js";
import { upperBound } from "../../base/bisect.js";
import { ATTRIBUTE_FIELDS } from "../types.js";
import type { GeneralizerDef } from "./generalizer.js";
import { QuantileCuts } from "./quantileCuts.js";
import { sqlNumber } from "./snap.js";

export interface QuantileGeneralizer {
  kind: "quantile";
  k: number;
}

/**
 * Thresholds of `k` equal-frequency buckets over the non-missing values (bucket key =
 * number of thresholds ≤ x). Each cut sits at a change of value, whichever of the two
 * nearest to the ideal position is closer, so equal values never split (quantileCuts.ts
 * has the rule, which the SQL engine feeds from a database).
 */
export function fitQuantileThresholds(values: Float64Array, k: number): Float64Array {
  let n = 0;
  for (let i = 0; i < values.length; i++) if (values[i] === values[i]) n++;
  const sorted = new Float64Array(n);
  for (let i = 0, j = 0; i < values.length; i++) if (values[i] === values[i]) sorted[j++] = values[i];
  sorted.sort();
  const cuts = new QuantileCuts(n, k);
  for (let i = 0; i < n; ) {
    const v = sorted[i];
    const end = upperBound(sorted, v, i);
    cuts.push(v, end - i);
    i = end;
  }
  return cuts.finish();
}

const ONLY_WITH_ITSELF = "quantile buckets are fitted per K and only nest with themselves";

export const quantile: GeneralizerDef<QuantileGeneralizer> = {
  kind: "quantile",
  syntax: "quantile(K)",
  attributes: ["duration", "bitrate", "fps", "size"],
  randomized: false,
  rowLocal: false,
  parse(r) {
    const expected = "quantile takes a positive whole number of buckets, e.g. quantile(10)";
    const arg = r.single("quantile needs a number of buckets, e.g. quantile(10)");
    const k = r.count(arg, expected);
    if (k < 1) r.fail(arg.start, expected);
    return { kind: "quantile", k };
  },
  format: (g) => `quantile(${g.k})`,
  same: (a, b) => a.k === b.k,
  scalarKeys(g, col, { fitted }) {
    const n = col.length;
    const out = new Float64Array(n);
    const t = fitted ?? fitQuantileThresholds(col, g.k);
    for (let i = 0; i < n; i++) {
      const x = col[i];
      out[i] = x === x ? upperBound(t, x) : NaN;
    }
    return out;
  },
  pairKeys: null,
  textKeys: null,
  fit: (g, col) => fitQuantileThresholds(col, g.k),
  // numbered, because the bounds depend on the catalog
  label: (g, _attribute, key) => `Q${key + 1}/${g.k}`,
  interval(_g, key, { fitted }) {
    if (!fitted) throw new Error("quantile intervals need the thresholds fitted on the victim's catalog");
    return [key === 0 ? -Infinity : fitted[key - 1], key >= fitted.length ? Infinity : fitted[key]];
  },
  keyWidth: () => 0,
  chartWidth: () => null,
  refines: (_f, _c, ctx) => `${ctx.no}: ${ONLY_WITH_ITSELF}`,
  refinedBy: (_c, _f, ctx) => `${ctx.no}: ${ONLY_WITH_ITSELF}`,
  sql(g, attribute, column, fitted) {
    if (!fitted) throw new UserError(`quantile(${g.k}) needs its thresholds fitted on the data before it has an SQL form (the SQL engine fits them with one query)`);
    // the number of thresholds ≤ x, as upperBound counts them (no snapping)
    const x = column(ATTRIBUTE_FIELDS[attribute][0]);
    const arms = Array.from(fitted, (t, i) => ({ t, key: i + 1 }))
      .reverse()
      .map(({ t, key }) => `WHEN ${x} >= ${sqlNumber(t)} THEN ${key}`);
    return `(CASE WHEN ${x} IS NULL THEN NULL ${arms.join(" ")} ELSE 0 END)`;
  },
};
