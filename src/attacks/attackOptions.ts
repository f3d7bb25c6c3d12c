/**
 * The checks on an attack's options that need no data: ranges, whole numbers, and
 * which options go together. `runAttack` runs them first; the CLI runs them before it
 * reads a catalog, so a typo never costs a load. Messages name options as the library
 * does, in backticks (`openWorld`); the CLI shows its flags instead (--open-world).
 *
 * Example: checkAttackOptions({ method: "scoreboard" }) throws
 * "`method` scoreboard needs `plays` …"; { k: 0 } throws "`k` must be a whole number ≥ 1, got 0".
 */
import { UserError } from "../base/errors.js";
import { MAX_LIBRARIES } from "./libraries.js";

export interface AttackOptionValues {
  method?: string;
  /** An attacker catalog other than the victim's own is given. */
  otherAttacker?: boolean;
  /** A title prior is given. */
  prior?: boolean;
  targets?: number | "all";
  seed?: number;
  openWorld?: number;
  k?: number;
  threshold?: number;
  bootstrap?: number;
  baseRate?: number;
  plays?: number;
  libraries?: number;
  wrongPlays?: number;
  durationErrorMs?: number;
  phi?: number;
  reports?: number;
  playsFollowPrior?: boolean;
}

const whole = (x: number, min: number) => Number.isSafeInteger(x) && x >= min;

export function checkAttackOptions(o: AttackOptionValues): void {
  const bad = (message: string) => {
    throw new UserError(message);
  };
  if (o.seed !== undefined && !whole(o.seed, 0)) bad(`\`seed\` must be a whole number ≥ 0, got ${o.seed}`);
  if (o.targets !== undefined && o.targets !== "all" && !whole(o.targets, 1)) bad(`\`targets\` must be a whole number ≥ 1 or "all", got ${o.targets}`);
  if (o.k !== undefined && !whole(o.k, 1)) bad(`\`k\` must be a whole number ≥ 1, got ${o.k}`);
  if (o.bootstrap !== undefined && !whole(o.bootstrap, 0)) bad(`\`bootstrap\` must be a whole number ≥ 0, got ${o.bootstrap}`);
  if (o.threshold !== undefined && !Number.isFinite(o.threshold)) bad(`\`threshold\` must be a number, got ${o.threshold}`);
  if (o.openWorld !== undefined && !(o.openWorld >= 0 && o.openWorld <= 1)) bad(`\`openWorld\` must be a share between 0 and 1, got ${o.openWorld}`);
  if (o.baseRate !== undefined && !(o.baseRate >= 0 && o.baseRate <= 1)) bad(`\`baseRate\` must be between 0 and 1, got ${o.baseRate}`);
  if (o.plays !== undefined && !whole(o.plays, 1)) bad(`\`plays\` must be a whole number ≥ 1, got ${o.plays}`);
  if (o.libraries !== undefined && !(whole(o.libraries, 1) && o.libraries <= MAX_LIBRARIES)) bad(`\`libraries\` must be a whole number from 1 to ${MAX_LIBRARIES}, got ${o.libraries}`);
  if (o.wrongPlays !== undefined && !(whole(o.wrongPlays, 0) && o.wrongPlays <= (o.plays ?? 1))) {
    bad(`\`wrongPlays\` must be a whole number from 0 to \`plays\` (${o.plays ?? 1}), got ${o.wrongPlays}`);
  }
  if (o.durationErrorMs !== undefined && !(o.durationErrorMs >= 0 && Number.isFinite(o.durationErrorMs))) bad(`\`durationErrorMs\` must be ≥ 0, got ${o.durationErrorMs}`);
  if (o.phi !== undefined && !(o.phi >= 0 && Number.isFinite(o.phi))) bad(`\`phi\` (eccentricity threshold φ) must be ≥ 0, got ${o.phi}`);
  if (o.reports !== undefined && !(whole(o.reports, 1) && o.reports <= 1_000_000)) bad(`\`reports\` must be a whole number from 1 to 1000000, got ${o.reports}`);

  const method = o.method === "class" && o.plays !== undefined ? "linkage" : (o.method ?? "class");
  if (method === "linkage" || method === "scoreboard") {
    if (o.prior) bad(`\`prior\` applies to the item attacks (class, likelihood), not \`method\` ${method}`);
    if (o.otherAttacker) bad(`\`method\` ${method} matches against the victim's own catalog; its auxiliary-data error is \`durationErrorMs\`, not \`attacker\``);
    // one play can never stand out in Scoreboard-RH (every holder scores the same): make p explicit
    if (method === "scoreboard" && o.plays === undefined) bad("`method` scoreboard needs `plays`: how many of the server's plays the attacker knows (e.g. 8)");
  }
  if (method === "average" && o.reports === undefined) bad("`method` average needs `reports` (reports of one item the attacker averages)");
  if (method !== "average" && o.reports !== undefined) bad(`\`reports\` applies to \`method\` average, not ${method}`);
  if (o.playsFollowPrior) {
    if (!o.prior) bad("`playsFollowPrior` needs a `prior` (<source>:<column>)");
    if (o.targets === "all") bad('`playsFollowPrior` draws plays with replacement: give `targets` a count, not "all"');
  }
}
