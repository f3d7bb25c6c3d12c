/**
 * Whole-number tests for nesting rules. Ratios count as whole numbers up to
 * floating-point noise (16 ulp, relative), so decimal widths such as 0.1 and 0.3 fps
 * nest despite 0.3 / 0.1 = 2.9999999999999996, and log(10%) nests in log(21%) despite
 * ln 1.21 / ln 1.1 = 1.9999999999999982. A looser tolerance would accept bucket edges
 * that really differ, further apart than the boundary snapping (snap.ts) can absorb.
 */

const TOLERANCE = 16 * Number.EPSILON;

/** The nearest whole number to a ratio (≥ ½) if it is one within tolerance, else undefined. */
export function wholeNumber(ratio: number): number | undefined {
  const k = Math.round(ratio);
  return k >= 1 && Math.abs(ratio - k) <= TOLERANCE * k ? k : undefined;
}

/**
 * Is t an edge of a grid of step `a` shifted by `offset` steps, i.e. t = (k + offset)·a for
 * a whole k? Compared in value space, so that only 0 is a multiple near 0.
 */
export function onGrid(t: number, a: number, offset: number): boolean {
  const k = Math.round(t / a - offset);
  return Math.abs(t - (k + offset) * a) <= TOLERANCE * Math.abs(t);
}

/**
 * Why a floor/round grid (`offset` −½ for round) does not refine a ladder: the first
 * threshold that is not one of its bucket edges; null when all are.
 */
export function ladderOnGrid(thresholds: readonly number[], width: number, round: boolean, ctx: { no: string; finer: string; quantity(v: number): string }): string | null {
  const offset = round ? -0.5 : 0;
  for (const t of thresholds) {
    if (!onGrid(t, width, offset)) {
      const edges = round ? `odd multiples of ${ctx.quantity(width / 2)}` : `multiples of ${ctx.quantity(width)}`;
      return `${ctx.no}: threshold ${ctx.quantity(t)} is not a bucket edge of ${ctx.finer} (its edges are ${edges})`;
    }
  }
  return null;
}
