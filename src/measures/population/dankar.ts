/**
 * The decision rule of Dankar, El Emam, Neisa & Roffey (2012), who compared the
 * population-uniqueness estimators on real data sets and recommend:
 *
 *   π ≤ 0.1:  Pitman, or Zayatz when Pitman has no estimate;
 *   π > 0.1:  min(Zayatz, SNB) when SNB has an estimate, else Zayatz.
 *
 * The result carries the status of the estimator it used and, in `detail.used`, its name.
 *
 * Example: at π = 0.05 with Pitman `ok` at 0.12, the rule returns 0.12 (used: "pitman");
 * at π = 0.3 with Zayatz 0.20 and SNB 0.15, it returns 0.15 (used: "snb").
 */
import type { PopulationEstimate } from "./estimate.js";

export function dankar(pi: number, estimates: { zayatz: PopulationEstimate; pitman: PopulationEstimate; snb: PopulationEstimate }): PopulationEstimate {
  const { zayatz, pitman, snb } = estimates;
  const valid = (e: PopulationEstimate) => e.status === "ok" || e.status === "no_uniques";
  const pick = (e: PopulationEstimate, used: string): PopulationEstimate => ({ value: e.value, status: e.status, detail: { used } });
  if (pi <= 0.1) return valid(pitman) ? pick(pitman, "pitman") : pick(zayatz, "zayatz");
  if (valid(snb) && snb.value < zayatz.value) return pick(snb, "snb");
  return pick(zayatz, "zayatz");
}
