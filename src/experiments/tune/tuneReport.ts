/**
 * A tune run as JSON, CSV (one row per evaluated scheme × catalog) or a text report:
 * the recommendation ready to paste, why nothing finer was chosen, and the frontier.
 */
import type { OutputFormat, Table } from "../../output/tabular.js";
import { formatNumber, renderCsv, renderTextTable } from "../../output/tabular.js";
import type { FrontierChartOptions, FrontierChartPoint } from "../../figures/frontierChart.js";
import type { FrontierPageRow } from "../../figures/frontierPage.js";
import { PLEX_LIKE_SCHEMES, type SchemeOutcome, type TuneResult } from "./tune.js";

function metricsByCatalog(result: TuneResult, o: SchemeOutcome): Record<string, Record<string, number>> {
  return Object.fromEntries(result.catalogs.map((c, i) => [c.source, o.metrics[i]]));
}

/** The JSON document: {targets, space, catalogs, evaluated, pruned, frontier, recommended}. */
export function tuneJson(result: TuneResult): object {
  const onFrontier = (o: SchemeOutcome) => ({ scheme: o.text, metrics: metricsByCatalog(result, o), objective: o.objective, meets: o.meets });
  return {
    targets: result.targets,
    space: result.space,
    objective: result.objective,
    catalogs: result.catalogs,
    evaluated: result.evaluated,
    pruned: result.pruned,
    frontier: result.frontier.map(onFrontier),
    recommended: result.recommended
      ? { ...onFrontier(result.recommended), binding: result.recommended.binding, finer: result.recommended.finer }
      : null,
    ...(result.recommended ? {} : { closest: result.closest }),
  };
}

/** Target metric keys as they appear in the metrics (linkage(4) → linkage_4). */
function targetColumns(result: TuneResult): string[] {
  return result.targets.map((t) => t.replace(/(<=|>=).*$/, "").replace(/^linkage\((\d+)\)$/, "linkage_$1"));
}

export function tuneTable(result: TuneResult): Table {
  const keys = [...new Set(targetColumns(result))];
  const frontier = new Set(result.frontier.map((o) => o.text));
  const rows: Table["rows"] = [];
  for (const o of result.outcomes) {
    result.catalogs.forEach((c, i) => {
      rows.push([o.text, c.source, ...keys.map((k) => o.metrics[i][k]), o.metrics[i].entropy_bits, o.objective, o.meets ? "yes" : "no", frontier.has(o.text) ? "yes" : "no"]);
    });
  }
  return { columns: ["scheme", "catalog", ...keys, "entropy_bits", "objective", "meets", "frontier"], rows };
}

function textReport(result: TuneResult): string {
  const lines: string[] = [];
  lines.push(`targets: ${result.targets.join(", ")}   objective: ${result.objective}`);
  lines.push(`catalogs: ${result.catalogs.map((c) => `${c.source} (${c.rows} rows, ${c.titles} titles)`).join("; ")}`);
  lines.push(`schemes: ${result.evaluated + result.pruned} (${result.evaluated} evaluated, ${result.pruned} pruned as finer than a failing one)`);
  lines.push("");
  const rec = result.recommended;
  if (rec) {
    lines.push(`recommended: ${rec.text}`);
    lines.push(`  objective ${formatNumber(rec.objective)}; binding: ${rec.binding.target} on ${rec.binding.catalog} (${formatNumber(rec.binding.value)})`);
    for (const f of rec.finer) {
      const why = f.breaks
        ? `${f.breaks.target.replace(/(<=|>=).*$/, "")} ${formatNumber(f.breaks.value)} on ${f.breaks.catalog} breaks ${f.breaks.target}${f.pruned ? " (pruned: a coarser scheme already breaks it)" : ""}`
        : `meets every target but carries less information (objective ${formatNumber(f.objective ?? NaN)})`;
      lines.push(`  ${f.attribute} ${f.choice} → ${why}`);
    }
  } else {
    lines.push("recommended: none — no scheme of the space meets every target");
    for (const c of result.closest) lines.push(`  closest for ${c.target}: ${c.scheme} (${formatNumber(c.value)} on ${c.catalog})`);
  }
  lines.push("");
  lines.push("Pareto frontier (no scheme has less risk on every target and more information):");
  const keys = [...new Set(targetColumns(result))];
  const table: Table = {
    columns: ["scheme", ...keys.map((k) => `${k} (worst)`), "objective", "meets"],
    rows: result.frontier.map((o) => [
      o.text,
      ...keys.map((k, j) => {
        const values = o.metrics.map((m) => m[k]);
        return result.targets[j].includes(">=") ? Math.min(...values) : Math.max(...values);
      }),
      o.objective,
      o.meets ? "yes" : "no",
    ]),
  };
  return lines.join("\n") + "\n" + renderTextTable(table);
}

export function renderTune(result: TuneResult, format: OutputFormat): string {
  switch (format) {
    case "json":
      return JSON.stringify(tuneJson(result), null, 2) + "\n";
    case "csv":
      return renderCsv(tuneTable(result));
    case "table":
      return textReport(result);
  }
}

/** The frontier chart's data and labels, shared by `--plot` (vega-lite) and `--html`. */
export function tuneFigureData(result: TuneResult): { points: FrontierChartPoint[]; rows: FrontierPageRow[]; options: FrontierChartOptions } {
  const key = targetColumns(result)[0];
  const first = result.targets[0];
  const ge = first.includes(">=");
  const worst = (o: SchemeOutcome) => {
    const values = o.metrics.map((m) => m[key]);
    return ge ? Math.min(...values) : Math.max(...values);
  };
  const frontier = new Set(result.frontier.map((o) => o.text));
  const rec = result.recommended?.text;
  const points: FrontierChartPoint[] = result.outcomes.map((o) => ({
    scheme: o.text,
    objective: o.objective,
    risk: worst(o),
    meets: o.meets,
    // the recommendation is told by its marker and named in the subtitle: a label of its
    // own would sit on the target's, which it is always near
    role: o.text === rec ? "recommended" : frontier.has(o.text) ? "frontier" : "evaluated",
  }));
  for (const r of result.references) {
    const label = PLEX_LIKE_SCHEMES.find((p) => p.scheme === r.text)?.label ?? r.text;
    points.push({ scheme: r.text, objective: r.objective, risk: worst(r), meets: r.meets, role: "reference", label });
  }
  const keys = [...new Set(targetColumns(result))];
  const rows: FrontierPageRow[] = [...result.outcomes, ...result.references].map((o) => ({
    scheme: o.text,
    values: {
      ...Object.fromEntries(keys.map((k) => [`${k} (worst)`, o.metrics.map((m) => m[k]).reduce((a, b) => (ge ? Math.min(a, b) : Math.max(a, b)))])),
      objective: o.objective,
      meets: o.meets ? "yes" : "no",
      frontier: frontier.has(o.text) ? "yes" : "no",
    },
  }));
  const catalogs = result.catalogs.map((c) => c.source).join(", ");
  return {
    points,
    rows,
    options: {
      title: `Risk against information kept: ${result.evaluated} schemes`,
      subtitle: [`${catalogs}; target ${result.targets.join(", ")} (dashed line)`, `recommended: ${rec ?? "none qualifies"}`],
      riskTitle: `${key} (worst catalog)`,
      objectiveTitle: `${result.objective} (summed over catalogs)`,
      threshold: Number(first.split(/<=|>=/)[1]),
      thresholdLabel: `target ${first}`,
    },
  };
}
