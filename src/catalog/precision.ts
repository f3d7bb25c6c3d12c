/**
 * The finest step a field was recorded with: the largest "round" step that every
 * present value is a multiple of. A runtime column in whole minutes has precision
 * 60 000 ms, which caps how identifying its durations can ever be.
 */
import type { Catalog, NumericField } from "./catalog.js";

/** Candidate steps per field, coarsest first, in internal units. */
const STEPS: Record<NumericField, number[]> = {
  duration_ms: [3_600_000, 60_000, 1000, 100, 10, 1],
  bitrate_kbps: [1000, 100, 10, 1, 0.1, 0.01, 0.001],
  width: [16, 8, 2, 1],
  height: [16, 8, 2, 1],
  size_bytes: [1 << 20, 1024, 1000, 1],
  fps: [1, 0.001],
  video_bitrate_kbps: [1000, 100, 10, 1, 0.1, 0.01, 0.001],
};

function isMultiple(x: number, step: number): boolean {
  const q = x / step;
  return Math.abs(q - Math.round(q)) <= 1e-9 * Math.max(1, Math.abs(q));
}

/**
 * Detected precision of one column, or NaN when it has no values. Returns 0 when
 * values are finer than every candidate step (e.g. bitrates derived from sizes).
 */
export function detectPrecision(field: NumericField, values: Float64Array): number {
  const steps = STEPS[field];
  let k = 0; // index of the coarsest step all values seen so far satisfy
  let seen = 0;
  for (let i = 0; i < values.length; i++) {
    const x = values[i];
    if (x !== x) continue;
    seen++;
    while (k < steps.length && !isMultiple(x, steps[k])) k++;
    if (k === steps.length) return 0;
  }
  return seen === 0 ? NaN : steps[k];
}

/**
 * Fill `catalog.precision` for fields not declared already (a registry may declare them).
 * Each is detected when first read: a pass over the column (about 3 ms per million rows)
 * that `evaluate` and `sweep` never need.
 */
export function detectCatalogPrecision(catalog: Catalog): void {
  const precision = catalog.precision;
  for (const field of Object.keys(catalog.numeric) as NumericField[]) {
    if (precision[field] !== undefined) continue;
    const settle = (value: number) => Object.defineProperty(precision, field, { value, writable: true, enumerable: true, configurable: true });
    Object.defineProperty(precision, field, {
      enumerable: true,
      configurable: true,
      get: () => {
        const column = catalog.numeric[field];
        const value = column ? detectPrecision(field, column) : NaN;
        settle(value);
        return value;
      },
      set: settle,
    });
  }
}
