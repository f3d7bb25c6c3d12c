/**
 * The Pareto frontier of a tune run: schemes no other scheme beats on every target's
 * metric (worst catalog, lower risk better) and on the objective (higher better) at
 * once, strictly on one of them.
 *
 *   risk/objective (0.10, 9 bits), (0.05, 7 bits), (0.06, 6 bits)
 *   → the frontier is the first two: (0.06, 6) is beaten by (0.05, 7) on both.
 */
import { targetKey, type Target } from "./target.js";

export interface FrontierPoint {
  metrics: Record<string, number>[];
  objective: number;
  text: string;
}

/** Per target, the risk to minimize: the worst catalog's value (negated for ≥ targets). */
export function riskVector(p: FrontierPoint, targets: Target[]): number[] {
  return targets.map((t) => {
    const values = p.metrics.map((m) => m[targetKey(t)]);
    return t.op === "<=" ? Math.max(...values) : -Math.min(...values);
  });
}

/** Frontier members in the input's order. */
export function paretoFrontier<P extends FrontierPoint>(points: P[], targets: Target[]): P[] {
  const risks = points.map((p) => riskVector(p, targets));
  return points.filter((p, i) =>
    !points.some((q, j) => {
      if (j === i) return false;
      const ri = risks[i];
      const rj = risks[j];
      let strictly = q.objective > p.objective;
      if (q.objective < p.objective) return false;
      for (let k = 0; k < ri.length; k++) {
        if (rj[k] > ri[k]) return false;
        if (rj[k] < ri[k]) strictly = true;
      }
      return strictly;
    }),
  );
}
