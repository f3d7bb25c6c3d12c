/**
 * An attack run as table, CSV or JSON. JSON carries every rate as
 * {"value", "ci_low", "ci_high"}; CSV is tidy (one row per rate); the table adds the
 * precision/recall curve.
 */
import { renderCsv, renderTextTable, type OutputFormat, type Table } from "./tabular.js";
import type { AttackRun } from "../attacks/runAttack.js";
import type { RateWithCI } from "../attacks/types.js";

const RATES = ["success_at_1", "success_at_k", "no_match", "wrong_confident", "expected_success"] as const;

/** The JSON document of a run (outcomes left out: they are per target). */
export function attackJson(run: AttackRun): Record<string, unknown> {
  const e = run.evaluation;
  return {
    catalog: run.catalog,
    attacker: run.attacker,
    prior: run.prior,
    scheme: run.scheme,
    method: run.method,
    targets: run.targets,
    seed: run.seed,
    in_catalog: e.in_catalog,
    k: e.k,
    threshold: e.threshold,
    bootstrap: e.bootstrap,
    open_world_share: run.open_world_share,
    ...(run.tolerance ? { tolerance: { duration_ms: run.tolerance.durationMs, bitrate_percent: run.tolerance.bitratePercent, offset_ms: run.tolerance.offsetMs, pal_share: run.tolerance.palShare } } : {}),
    success_at_1: e.success_at_1,
    success_at_k: e.success_at_k,
    no_match: e.no_match,
    wrong_confident: e.wrong_confident,
    expected_success: e.expected_success,
    precision_recall: e.precision_recall,
    open_world: e.open_world,
    notes: run.notes,
  };
}

function rateRows(run: AttackRun): [string, RateWithCI][] {
  const e = run.evaluation;
  const out: [string, RateWithCI][] = [];
  for (const key of RATES) {
    const r = e[key];
    if (r) out.push([key === "success_at_k" ? `success_at_${e.k}` : key, r]);
  }
  if (e.open_world.precision_confident) out.push(["precision_confident", e.open_world.precision_confident]);
  return out;
}

export function renderAttack(run: AttackRun, format: OutputFormat): string {
  if (format === "json") return JSON.stringify(attackJson(run), null, 2) + "\n";
  const e = run.evaluation;
  if (format === "csv") {
    const table: Table = {
      columns: ["scheme", "attacker", "method", "prior", "targets", "seed", "metric", "value", "ci_low", "ci_high"],
      rows: rateRows(run).map(([name, r]) => [run.scheme, run.attacker, run.method, run.prior, run.targets, run.seed, name, r.value, r.ci_low, r.ci_high]),
    };
    return renderCsv(table);
  }
  const head = [
    `catalog    ${run.catalog.source} (${run.catalog.rows} rows, ${run.catalog.titles} titles)`,
    `attacker   ${run.attacker}, prior ${run.prior}`,
    `scheme     ${run.scheme}`,
    `method     ${run.method}, ${run.targets} targets (${e.in_catalog} in the attacker's catalog), seed ${run.seed}`,
    `confident  confidence ≥ ${e.threshold}; intervals: 95 % bootstrap, B = ${e.bootstrap}`,
    ...run.notes.map((n) => `note       ${n}`),
  ].join("\n");
  const rates = renderTextTable({ columns: ["metric", "value", "ci_low", "ci_high"], rows: rateRows(run).map(([name, r]) => [name, r.value, r.ci_low, r.ci_high]) });
  const pr = renderTextTable({
    columns: ["threshold", "answered", "precision", "recall"],
    rows: e.precision_recall.map((p) => [p.threshold, p.answered, p.precision, p.recall]),
  });
  const ow = e.open_world.precision_at_base_rate;
  return `${head}\n\n${rates}\nprecision at base rate ${e.open_world.base_rate}: ${ow === null ? "—" : ow.toPrecision(4)}\n\n${pr}`;
}
