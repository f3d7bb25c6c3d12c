/**
 * What every population-uniqueness estimator returns: the estimated fraction of
 * population *records* (files, not titles) that are alone in their class, and a status
 * that says whether that number is an estimate at all. A failed fit is never reported as
 * a silent 0: its value is NaN and its status names the failure.
 *
 * - `ok`: the estimate is the model's answer.
 * - `no_uniques`: the sample has no unique records, so every estimator here (each is
 *   proportional to, or driven by, the sample uniques c_1) estimates 0 — a real 0.
 * - `not_converged`: the solver found no root of the model's equations.
 * - `outside_parameter_space`: the likelihood's maximum or the equations' root lies
 *   outside the model's parameter space; the value is NaN (see pitman.ts / snb.ts for
 *   what the solver saw, reported in `detail`).
 */
export type EstimateStatus = "ok" | "no_uniques" | "not_converged" | "outside_parameter_space";

export interface PopulationEstimate {
  /** Estimated fraction of population records that are unique, in [0, 1]; NaN when there is no estimate. */
  value: number;
  status: EstimateStatus;
  /** Solver iterations, for the estimators that iterate. */
  iterations?: number;
  /** Fitted parameters or the reason for a failure, for the curious. */
  detail?: Record<string, number | string>;
}

/** The population and sample sizes every estimator takes: n records drawn from N (π = n/N). */
export interface SampleSize {
  /** n: records in the catalog (the sample). */
  n: number;
  /** N: records in the population, N ≥ n. */
  N: number;
}

export function noUniques(): PopulationEstimate {
  return { value: 0, status: "no_uniques" };
}

/** Keep a computed fraction inside [0, 1] against rounding (never to hide a wrong model). */
export function clampFraction(x: number): number {
  return x < 0 ? 0 : x > 1 ? 1 : x;
}
