/**
 * Boundary snapping: a value within 1e-13 (relative) below a bucket boundary counts as
 * on it. Decimal inputs then land where they are written (0.3 fps under floor(0.1) is
 * bucket 3, not 2 from 0.3/0.1 = 2.9999999999999996), and generalizers that nest on
 * paper also nest in floating point (floor, round and ladder all shift their boundaries
 * the same way in value space; log does the same in log space).
 */

/** Relative tolerance of boundary snapping. */
export const SNAP = 1e-13;

/**
 * floor(x / w) with boundary snapping. For a subnormal negative x, x / w underflows to −0;
 * its bucket is still −1. Keys never come out as −0 (the engine may hash the bits).
 */
export function floorIndex(x: number, w: number): number {
  const r = x / w;
  const k = Math.floor(r + SNAP * Math.abs(r));
  return k === 0 && x < 0 ? -1 : k + 0;
}

/** round(x / w), ties up, with boundary snapping (NaN stays NaN). */
export function roundIndex(x: number, w: number): number {
  const r = x / w;
  return Math.floor(r + 0.5 + SNAP * Math.abs(r));
}

/** The SQL form of `floor(x / w + half)` with the same snapping (NULL stays NULL). */
export function sqlGridIndex(x: string, w: number, half: 0 | 0.5): string {
  const r = `(${x} / ${sqlNumber(w)})`;
  return half ? `floor(${r} + ${sqlNumber(0.5)} + ${sqlNumber(SNAP)} * abs(${r}))` : `floor(${r} + ${sqlNumber(SNAP)} * abs(${r}))`;
}

/**
 * A double as an SQL constant: a string cast to DOUBLE, so the database reads the very
 * same double instead of a DECIMAL that it would round differently.
 */
export function sqlNumber(x: number): string {
  if (!Number.isFinite(x)) throw new RangeError(`${x} has no SQL literal`);
  return `CAST('${String(x)}' AS DOUBLE)`;
}
