/**
 * Library-level attacks (multi-play linkage, Scoreboard-RH): the target is a
 * server's library, observed through p generalized plays. (being written)
 */
import type { Catalog } from "../catalog/catalog.js";
import { UserError } from "../errors.js";
import type { Scheme } from "../schemes/types.js";
import type { AttackOutcome } from "./types.js";

/** Libraries as CSR: library j holds catalog rows items[offsets[j] .. offsets[j+1]). */
export interface Libraries {
  offsets: Int32Array;
  items: Int32Array;
}

export interface LibraryAttackOptions {
  method: "linkage" | "scoreboard";
  scheme: Scheme;
  /** Observed plays per target library. */
  plays: number;
  targets: number | "all";
  seed: number;
  /** Plays that do not come from the target's library (Scoreboard-RH robustness). */
  wrongPlays?: number;
  /** Error of the attacker's auxiliary durations, ± ms (Scoreboard-RH). */
  durationErrorMs?: number;
  mode?: "best-guess" | "entropic";
  /** Eccentricity threshold φ (Narayanan & Shmatikov 2008), default 1.5. */
  phi?: number;
  /** Share of targets removed from the attacker's set (open world). */
  openWorldShare?: number;
}

export function runLibraryAttack(_catalog: Catalog, _libraries: Libraries, _options: LibraryAttackOptions): AttackOutcome[] {
  throw new UserError("library attacks are being written");
}
