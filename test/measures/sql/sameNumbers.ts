/** Shared by the SQL-engine tests: the engines' metrics compared as the guarantee states it. */
import { expect } from "vitest";
import type { Metrics } from "../../../src/measures/metrics.js";

/** Integer metrics exactly, fractions within 1e-12 relative (absolute near zero). */
export const INTEGER_METRICS = new Set(["rows", "titles", "classes", "k_min"]);

export function expectSameMetrics(got: Metrics, want: Metrics, label: string): void {
  expect(Object.keys(got).sort(), label).toEqual(Object.keys(want).sort());
  for (const key of Object.keys(want)) {
    const [g, w] = [got[key], want[key]];
    if (INTEGER_METRICS.has(key) || w === 0) expect(g, `${label}: ${key}`).toBe(w);
    else expect(Math.abs(g - w) / Math.abs(w), `${label}: ${key} ${g} vs ${w}`).toBeLessThanOrEqual(1e-12);
  }
}
