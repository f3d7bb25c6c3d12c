/** Repeat-play averaging against randomized schemes. (being written) */
import type { Catalog } from "../catalog/catalog.js";
import { UserError } from "../errors.js";
import type { Scheme } from "../schemes/types.js";
import type { AttackOutcome } from "./types.js";

export interface AveragingOptions {
  scheme: Scheme;
  /** Reports of the same item the attacker averages (k). */
  reports: number;
  targets: number | "all";
  seed: number;
  /** The attacker's catalog; the victim's own when absent. */
  attacker?: Catalog;
}

export function averagingAttack(_victim: Catalog, _options: AveragingOptions): AttackOutcome[] {
  throw new UserError("the averaging attack is being written");
}
