/**
 * The engines' guarantee, checked in the benches: integer metrics equal, fractions
 * within 1e-12 relative. The two floating sums (entropy_bits, kappa) are allowed the
 * in-memory engine's own rounding bound on top: it adds one term per class in plain
 * floating point, which can drift by up to (classes − 1)·2⁻⁵³ relative (all terms have
 * one sign), while the SQL engine's compensated sum is within an ulp of exact; at
 * millions of classes that drift exceeds 1e-12 (docs/warehouse.md).
 */
import type { Metrics } from "../../src/measures/metrics.js";

const INTEGERS = new Set(["rows", "titles", "classes", "k_min"]);
const SUMS = new Set(["entropy_bits", "kappa"]);

/** What differs beyond the guarantee, or undefined. `a` is the SQL engine's, `b` the in-memory engine's. */
export function metricsDisagree(a: Metrics, b: Metrics): string | undefined {
  const bad: string[] = [];
  const drift = Math.max(0, b.classes - 1) * 2 ** -53;
  for (const k of Object.keys(b)) {
    const [x, y] = [a[k], b[k]];
    const tolerance = 1e-12 + (SUMS.has(k) ? drift : 0);
    const ok = INTEGERS.has(k) || y === 0 ? x === y : Math.abs(x - y) <= tolerance * Math.abs(y);
    if (!ok) bad.push(`${k} ${x} vs ${y}`);
  }
  return bad.length ? bad.join("; ") : undefined;
}

/** The largest relative difference of the fractions, to report beside the timings. */
export function largestRelativeDifference(a: Metrics, b: Metrics): number {
  let worst = 0;
  for (const k of Object.keys(b)) if (!INTEGERS.has(k) && b[k] !== 0) worst = Math.max(worst, Math.abs(a[k] - b[k]) / Math.abs(b[k]));
  return worst;
}
