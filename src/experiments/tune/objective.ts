/**
 * What `tune` maximizes: the information the telemetry still carries. Terms:
 *
 * - `entropy` (default): `entropy_bits` of the generalized tuple. For a deterministic
 *   scheme the report R is a function of the raw tuple X, so H(R) = I(X; R): the bits
 *   about the file that survive generalization.
 * - `bits(attr)`: the same for one attribute alone (its marginal entropy).
 * - `error(attr)`: mean absolute error, in the attribute's unit (ms, kbps…), of the
 *   reported bucket's midpoint against the raw value; lower is better, so it enters
 *   the objective with a minus sign. An unbounded bucket side (a ladder's top rung,
 *   `drop`) is closed at the most extreme catalog value in the bucket.
 *
 * Weighted sums: `entropy+2*bits(bitrate)`, `bits(duration)-0.001*error(duration)`
 * (error terms always count against; the sign written before them only reads better).
 * Summed over the catalogs.
 *
 * Worked example: durations 100, 130, 170 s under round(60s) land in buckets 120 s
 * (100, 130) and 180 s (170): entropy = −(⅔·log₂⅔ + ⅓·log₂⅓) = 0.918 bits; error =
 * (20 + 10 + 10) / 3 s = 13.3 s.
 */
import { UserError } from "../../base/errors.js";
import type { Catalog } from "../../catalog/catalog.js";
import { densify } from "../../base/densify.js";
import { bucketKeys } from "../../schemes/generalize.js";
import { bucketInterval, hasInterval, scalarField, schemeView } from "../../schemes/schemeView.js";
import { ATTRIBUTES, isScalarAttribute, type Attribute, type Scheme } from "../../schemes/types.js";

export interface ObjectiveTerm {
  kind: "entropy" | "bits" | "error";
  attribute?: Attribute;
  weight: number;
}

export interface Objective {
  terms: ObjectiveTerm[];
  text: string;
}

const TERM_RE = /^\s*(?:([0-9.eE]+)\s*\*\s*)?(entropy|bits|error)(?:\(\s*([a-z]+)\s*\))?\s*$/;

export function parseObjective(text: string): Objective {
  const terms: ObjectiveTerm[] = [];
  for (const raw of text.replace(/-/g, "+").split("+")) {
    if (!raw.trim()) continue;
    const m = TERM_RE.exec(raw);
    if (!m) throw new UserError(`objective "${text}": "${raw.trim()}" should be entropy, bits(attr) or error(attr), optionally weighted as 2*bits(bitrate)`);
    const [, w, kind, attr] = m;
    const weight = w === undefined ? 1 : Number(w);
    if (!(weight > 0) || !Number.isFinite(weight)) throw new UserError(`objective "${text}": weight ${w} must be a positive number`);
    if (kind === "entropy") {
      if (attr !== undefined) throw new UserError(`objective "${text}": entropy takes no attribute (use bits(${attr}))`);
      terms.push({ kind: "entropy", weight });
      continue;
    }
    if (attr === undefined || !(ATTRIBUTES as readonly string[]).includes(attr)) {
      throw new UserError(`objective "${text}": ${kind} needs an attribute, one of ${ATTRIBUTES.join(", ")}`);
    }
    if (kind === "error" && !isScalarAttribute(attr as Attribute)) throw new UserError(`objective "${text}": error(${attr}) is not defined (not a number); use bits(${attr})`);
    terms.push({ kind: kind as "bits" | "error", attribute: attr as Attribute, weight });
  }
  if (terms.length === 0) throw new UserError(`objective "${text}": give at least one term, e.g. entropy`);
  return { terms, text: text.replace(/\s+/g, "") };
}

/** The scheme's part for one attribute alone (none when the scheme drops it). */
export function marginal(scheme: Scheme, attribute: Attribute): Scheme {
  return { parts: scheme.parts.filter((p) => p.attribute === attribute) };
}

/**
 * Mean absolute error of the bucket midpoints for `attribute` under `scheme` on
 * `catalog` (NaN when the catalog has no such values).
 */
export function midpointError(catalog: Catalog, scheme: Scheme, attribute: Attribute): number {
  const one = marginal(scheme, attribute);
  const part = one.parts[0];
  if (!isScalarAttribute(attribute)) throw new UserError(`error(${attribute}) needs a numeric attribute (duration, bitrate, fps, size)`);
  const field = scalarField({ attribute, generalizer: { kind: "exact" } });
  const col = catalog.numeric[field];
  if (!col) return NaN;
  if (part && !hasInterval(part.generalizer)) {
    throw new UserError(`error(${attribute}) needs buckets that are value intervals; ${part.generalizer.kind} has none`);
  }
  const n = catalog.rows;
  // Bucket codes per row (one bucket for a dropped attribute), then each bucket's
  // interval, closed at the extreme values it holds where it is unbounded.
  const keys = part ? bucketKeys(part, catalog) : new Float64Array(n);
  const codes = densify(keys);
  const k = codes.count;
  const lo = new Float64Array(k).fill(Infinity);
  const hi = new Float64Array(k).fill(-Infinity);
  const keyOf = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    const x = col[i];
    if (x !== x) continue;
    const c = codes.codes[i];
    keyOf[c] = keys[i];
    if (x < lo[c]) lo[c] = x;
    if (x > hi[c]) hi[c] = x;
  }
  const mid = new Float64Array(k);
  const view = part ? schemeView(one, catalog) : undefined;
  const precision = catalog.precision[field] ?? 0;
  for (let c = 0; c < k; c++) {
    if (lo[c] > hi[c]) continue;
    let a = lo[c];
    let b = hi[c];
    if (view) {
      const [ia, ib] = bucketInterval(view, 0, keyOf[c], part!.generalizer.kind === "exact" ? 0 : precision);
      if (Number.isFinite(ia)) a = ia;
      if (Number.isFinite(ib)) b = ib;
    }
    mid[c] = (a + b) / 2;
  }
  let sum = 0;
  let m = 0;
  for (let i = 0; i < n; i++) {
    const x = col[i];
    if (x !== x) continue;
    sum += Math.abs(x - mid[codes.codes[i]]);
    m++;
  }
  return m > 0 ? sum / m : NaN;
}
