/**
 * The per-cell Poisson model of Skinner & Holmes (1998). A cell's population count is
 * F ~ Poisson(λ) and Bernoulli(π) sampling thins it to f ~ Poisson(πλ), independent of the
 * unsampled part F − f ~ Poisson((1 − π)λ). Given a sample unique (f = 1), F = 1 + Poisson((1 − π)λ):
 *
 *   P(F = 1 | f = 1)   = e^{−(1−π)λ}
 *   E[1/F | f = 1]     = Σ_k e^{−μ} μ^k / k! · 1/(1 + k) = (1 − e^{−μ}) / μ,   μ = (1 − π)λ.
 *
 * λ is the cell's expected population count; fprisk takes it from the copula model,
 * λ_x = N · p_x (copula.ts), the "fitted model for λ" the method asks for.
 *
 * Worked example: π = 0.5, λ = 2 (μ = 1): P(F = 1 | f = 1) = e^{−1} ≈ 0.368 and
 * E[1/F | f = 1] = 1 − e^{−1} ≈ 0.632.
 */

/** P(F = 1 | f = 1) for a cell with expected population count λ, sampling fraction π. */
export function posteriorUnique(lambda: number, pi: number): number {
  return Math.exp(-(1 - pi) * lambda);
}

/** E[1/F | f = 1]; → 1 as (1 − π)λ → 0. */
export function posteriorInverseSize(lambda: number, pi: number): number {
  const mu = (1 - pi) * lambda;
  return mu > 1e-12 ? -Math.expm1(-mu) / mu : 1 - mu / 2;
}
