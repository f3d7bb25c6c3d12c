/** The engines' guarantee, checked in the benches: integer metrics equal, every other metric within 1e-12 relative. */
import type { Metrics } from "../../src/measures/metrics.js";

const INTEGERS = new Set(["rows", "titles", "classes", "k_min"]);

/** What differs beyond the guarantee, or undefined. */
export function metricsDisagree(a: Metrics, b: Metrics): string | undefined {
  const bad: string[] = [];
  for (const k of Object.keys(b)) {
    const [x, y] = [a[k], b[k]];
    const ok = INTEGERS.has(k) || y === 0 ? x === y : Math.abs(x - y) <= 1e-12 * Math.abs(y);
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
