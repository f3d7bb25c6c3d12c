/**
 * The occupancy (birthday / Poisson) model of uniqueness: N items
 * drawn i.i.d. into buckets with probabilities p_b. A row in bucket b shares it with
 * X ~ Binomial(N − 1, p_b) others, so its class size is f = 1 + X and
 *
 *   P(unique | b) = (1 − p_b)^(N−1)                 U = Σ_b p_b (1 − p_b)^(N−1)
 *   E[1/f | b]    = (1 − (1 − p_b)^N) / (N p_b)      κ = Σ_b p_b · E[1/f | b] = Σ_b (1 − (1 − p_b)^N) / N
 *
 * (E[1/(1+X)] for X ~ Bin(m, p) is (1 − (1 − p)^(m+1)) / ((m + 1) p), summing the
 * binomial against 1/(x+1).) κ is the expected number of occupied buckets over N, i.e.
 * E[prosecutor_avg]. It equals kappa when every row has its own title. With multi-release
 * titles a class mate of the same title also counts as a correct guess, so the measured
 * kappa is at least this value (the model does not know which rows share a title).
 *
 *   occupancyUniqueFraction(Float64Array.of(0.5, 0.5), 2)  // 0.5
 *   occupancyKappa(Float64Array.of(0.5, 0.5), 2)           // 0.75
 *
 * Powers go through log1p/expm1, which keeps (1 − p)^N accurate for tiny p and large N.
 */

/** (1 − p)^m, accurate for tiny p. */
export function survival(p: number, m: number): number {
  return p >= 1 ? (m === 0 ? 1 : 0) : Math.exp(m * Math.log1p(-p));
}

/** E[1/f] for a row whose bucket has mass p among n rows: (1 − (1 − p)^n) / (n p), → 1 as p → 0. */
export function expectedInverseClassSize(p: number, n: number): number {
  if (!(p > 0)) return 1;
  const occupied = p >= 1 ? 1 : -Math.expm1(n * Math.log1p(-p));
  return occupied / (n * p);
}

/** U = Σ_b p_b (1 − p_b)^(n−1) over exact bins. */
export function occupancyUniqueFraction(p: Float64Array, n: number): number {
  let u = 0;
  for (let b = 0; b < p.length; b++) if (p[b] > 0) u += p[b] * survival(p[b], n - 1);
  return u;
}

/** κ = Σ_b (1 − (1 − p_b)^n) / n over exact bins (titles all distinct). */
export function occupancyKappa(p: Float64Array, n: number): number {
  let k = 0;
  for (let b = 0; b < p.length; b++) if (p[b] > 0) k += p[b] * expectedInverseClassSize(p[b], n);
  return k;
}

/**
 * The same two sums written over rows instead of bins: row i lies in a bucket of mass
 * pRow[i], and Σ_b p_b g(p_b) = E[g(p of a random row's bucket)], estimated by the mean
 * over the catalog's own rows (which are draws from the density the model fitted).
 */
export function occupancyFromRows(pRow: Float64Array, n: number): { unique_fraction: number; kappa: number } {
  const rows = pRow.length;
  if (rows === 0) return { unique_fraction: 0, kappa: 0 };
  let u = 0;
  let k = 0;
  for (let i = 0; i < rows; i++) {
    u += survival(pRow[i], n - 1);
    k += expectedInverseClassSize(pRow[i], n);
  }
  return { unique_fraction: u / rows, kappa: k / rows };
}
