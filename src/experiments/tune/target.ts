/**
 * Risk targets a tuned scheme must meet, e.g. `title_unique_fraction<=0.01`, `k_min>=5`,
 * `linkage(4)<=0.05` (share of servers singled out by 4 linked plays: simulated servers
 * drawn from the catalog, or with `tune --play-log` the log's own servers, each showing
 * 4 distinct plays drawn with the seed — attacks/playLogUnicity.ts) or
 * `class_success<=0.1` (class-match success@1 of a uniform pick).
 *
 *   parseTarget("title_unique_fraction<=0.01")
 *   // → { kind: "metric", key: "title_unique_fraction", op: "<=", value: 0.01, text: "title_unique_fraction<=0.01" }
 *
 * Several targets must all hold, on every catalog.
 */
import { UserError } from "../../base/errors.js";
import { METRIC_KEYS, type MetricKey } from "../../measures/metrics.js";

export type TargetOp = "<=" | ">=";

export type Target =
  | { kind: "metric"; key: MetricKey; op: TargetOp; value: number; text: string }
  | { kind: "linkage"; plays: number; op: TargetOp; value: number; text: string }
  | { kind: "class_success"; op: TargetOp; value: number; text: string };

/** The key a target's value is reported under in a scheme's metrics (`linkage_4`, `class_success`). */
export function targetKey(t: Target): string {
  return t.kind === "metric" ? t.key : t.kind === "linkage" ? `linkage_${t.plays}` : "class_success";
}

/**
 * How a metric moves when classes are merged (a nested coarsening): "down" for the
 * risks (a merged class is never more unique, its kappa term (c₁+c₂)²/(f₁+f₂) never
 * exceeds c₁²/f₁ + c₂²/f₂), "up" for k_min and mean_class_titles, "none" for rows
 * and titles. Linkage with the same servers and plays only gains candidates, so it
 * moves down too (a play log's draw does not depend on the scheme, so this holds for
 * it as well). class_success is estimated from sampled targets: no guarantee.
 */
export function coarseningDirection(t: Target): "down" | "up" | "none" | "unknown" {
  if (t.kind === "linkage") return "down";
  if (t.kind === "class_success") return "unknown";
  switch (t.key) {
    case "rows":
    case "titles":
      return "none";
    case "k_min":
    case "mean_class_titles":
      return "up";
    default:
      return "down";
  }
}

/**
 * Whether a scheme failing `t` implies every finer (nesting) scheme fails it too: the
 * condition for pruning a finer scheme without evaluating it.
 */
export function failurePropagatesToFiner(t: Target): boolean {
  const dir = coarseningDirection(t);
  return (t.op === "<=" && dir === "down") || (t.op === ">=" && dir === "up");
}

export function meets(t: Target, value: number): boolean {
  return t.op === "<=" ? value <= t.value : value >= t.value;
}

/** How far a value is on the wrong side of the threshold (≤ 0 when met). */
export function violation(t: Target, value: number): number {
  return t.op === "<=" ? value - t.value : t.value - value;
}

const TARGET_RE = /^\s*([a-z_0-9]+)(?:\(\s*(\d+)\s*\))?\s*(<=|>=)\s*([0-9.eE+-]+)\s*$/;

export function parseTarget(text: string): Target {
  const m = TARGET_RE.exec(text);
  if (!m) {
    throw new UserError(`target "${text}": expected metric<=value or metric>=value, e.g. title_unique_fraction<=0.01, k_min>=5, linkage(4)<=0.05`);
  }
  const [, name, arg, op, num] = m;
  const value = Number(num);
  if (!Number.isFinite(value)) throw new UserError(`target "${text}": ${num} is not a number`);
  const base = { op: op as TargetOp, value, text: `${name}${arg !== undefined ? `(${Number(arg)})` : ""}${op}${value}` };
  if (name === "linkage") {
    const plays = Number(arg);
    if (arg === undefined || !Number.isInteger(plays) || plays < 1) throw new UserError(`target "${text}": linkage needs a number of plays ≥ 1, e.g. linkage(4)<=0.05`);
    return { kind: "linkage", plays, ...base };
  }
  if (arg !== undefined) throw new UserError(`target "${text}": only linkage takes an argument`);
  if (name === "class_success") return { kind: "class_success", ...base };
  if (!(METRIC_KEYS as readonly string[]).includes(name)) {
    throw new UserError(`target "${text}": unknown metric ${name}; use one of ${METRIC_KEYS.join(", ")}, linkage(p) or class_success`);
  }
  return { kind: "metric", key: name as MetricKey, ...base };
}
