/**
 * The shared shape of every attack: a target goes in, a ranked list of candidate
 * identities comes out. Item-level attacks (class, likelihood) rank titles;
 * library-level attacks (linkage, Scoreboard-RH) rank libraries. One evaluator
 * (success@k, no match, confident-but-wrong, precision/recall, bootstrap CIs)
 * scores them all.
 */

/** One candidate identity with the attacker's belief in it. */
export interface RankedCandidate {
  /** Title name (item attacks) or library id (library attacks). */
  id: string;
  /** Posterior probability (sums to ≤ 1 over the list) or a score, per `AttackAnswer.scoreKind`. */
  score: number;
}

export interface AttackAnswer {
  /** Best first; empty = no match. */
  ranked: RankedCandidate[];
  /**
   * How sure the attacker is of `ranked[0]`: the top posterior, or Scoreboard-RH's
   * eccentricity. Compared with the confidence threshold for `wrong_confident` and
   * the precision/recall curve.
   */
  confidence: number;
  scoreKind: "posterior" | "score";
}

/** One attacked target and what the attacker answered. */
export interface AttackOutcome {
  /** The true identity (title name or library id). */
  truth: string;
  /** False in open-world runs when the target is not in the attacker's catalog. */
  inCatalog: boolean;
  answer: AttackAnswer;
  /**
   * The whole posterior the attacker gave the truth, also when the truth fell outside
   * `answer.ranked` (item attacks set it; the evaluator's `expected_success` uses it,
   * falling back to the truth's score in `ranked`).
   */
  truthPosterior?: number;
}

/** A rate with its bootstrap confidence interval. */
export interface RateWithCI {
  value: number;
  ci_low: number;
  ci_high: number;
}
