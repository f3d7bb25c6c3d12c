/**
 * Which rows (or libraries) an attack is run against. Shared by every attack so the
 * same `--targets N --seed s` names the same targets whatever the method.
 *
 *   sampleTargets(5, 3, new Rng(1))      // three distinct indexes of 0..4, ascending
 *   sampleTargets(5, "all", new Rng(1))  // 0, 1, 2, 3, 4
 */
import type { Rng } from "../base/random.js";
import { UserError } from "../base/errors.js";
import { upperBound } from "../base/bisect.js";

/**
 * `targets` distinct indexes of 0..n−1 drawn without replacement (a partial
 * Fisher–Yates shuffle), returned ascending so later passes read the columns in
 * order. "all", or a count ≥ n, gives every index and draws nothing.
 */
export function sampleTargets(n: number, targets: number | "all", rng: Rng): Int32Array {
  if (targets === "all" || targets >= n) return Int32Array.from({ length: n }, (_, i) => i);
  if (!Number.isSafeInteger(targets) || targets < 1) throw new UserError(`\`targets\` must be a whole number ≥ 1 or "all", got ${targets}`);
  const pool = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < targets; i++) {
    const j = i + rng.int(n - i);
    const t = pool[i];
    pool[i] = pool[j];
    pool[j] = t;
  }
  return pool.slice(0, targets).sort();
}

/** `--targets` text: a whole number ≥ 1 or "all". */
export function parseTargets(text: string | number): number | "all" {
  if (text === "all") return "all";
  const s = String(text).trim();
  if (!/^\d+$/.test(s) || Number(s) < 1) throw new UserError(`\`targets\` must be a whole number ≥ 1 or "all", got "${text}"`);
  return Number(s);
}

/**
 * `count` indexes drawn with replacement, index i with probability weights[i] / Σ
 * weights (popular titles are played more often), returned ascending. Binary search
 * on the running sums: O(n + count·log n).
 */
export function sampleWeightedTargets(weights: Float64Array, count: number, rng: Rng): Int32Array {
  if (!Number.isSafeInteger(count) || count < 1) throw new UserError(`\`targets\` must be a whole number ≥ 1 when plays follow the prior, got ${count}`);
  const cdf = new Float64Array(weights.length);
  let s = 0;
  for (let i = 0; i < weights.length; i++) {
    s += weights[i] > 0 ? weights[i] : 0;
    cdf[i] = s;
  }
  if (!(s > 0)) throw new UserError("the prior gives every target weight 0");
  const out = new Int32Array(count);
  for (let j = 0; j < count; j++) {
    // the first weight whose cumulative sum exceeds u (u < the total)
    out[j] = upperBound(cdf, rng.next() * s, 0, cdf.length - 1);
  }
  return out.sort();
}
