/**
 * Evaluation results as tidy tables (one row per scheme) and as the JSON document
 * the CLI prints with --format json: {"catalog": {…}, "results": [{"scheme", "metrics", …}]}.
 */
import type { EvaluationResult } from "../measures/evaluate.js";
import { METRIC_KEYS } from "../measures/metrics.js";
import { ATTRIBUTES, isTextAttribute } from "../schemes/types.js";
import { renderCsv, renderTextTable, type Cell, type OutputFormat, type Table } from "./tabular.js";

/**
 * The generalizer each attribute got in a canonical scheme string ("—" = not observed).
 * Text attributes (codec, container) appear only when the scheme observes them, so
 * tables of numeric schemes keep their columns.
 */
export function schemeColumns(canonical: string): Record<string, string> {
  const parts: Record<string, string> = {};
  let depth = 0;
  let start = 0;
  const pieces: string[] = [];
  for (let i = 0; i <= canonical.length; i++) {
    const ch = canonical[i];
    if (ch === "(") depth++;
    else if (ch === ")") depth--;
    else if ((ch === "," && depth === 0) || i === canonical.length) {
      pieces.push(canonical.slice(start, i));
      start = i + 1;
    }
  }
  for (const p of pieces) {
    const eq = p.indexOf("=");
    if (eq > 0) parts[p.slice(0, eq)] = p.slice(eq + 1);
  }
  return Object.fromEntries(ATTRIBUTES.filter((a) => !isTextAttribute(a) || a in parts).map((a) => [a, parts[a] ?? "—"]));
}

/** Tidy table: source, scheme, one column per attribute, one per metric. */
export function resultsTable(result: EvaluationResult, withAttributes: boolean): Table {
  const byScheme = result.results.map((r) => schemeColumns(r.scheme));
  const attrs = withAttributes ? ATTRIBUTES.filter((a) => byScheme.some((cols) => a in cols)) : [];
  const keys = metricKeysOf(result);
  const columns = ["scheme", ...attrs, ...keys];
  const rows: Cell[][] = result.results.map((r, i) => {
    const byAttr = byScheme[i];
    return [r.scheme, ...attrs.map((a) => byAttr[a] ?? "—"), ...keys.map((k) => r.metrics[k])];
  });
  return { columns, rows };
}

/** The fixed keys, then any extra (at_risk_<τ>) in the order computed. */
function metricKeysOf(result: EvaluationResult): string[] {
  const extra = result.results.length ? Object.keys(result.results[0].metrics).filter((k) => !(METRIC_KEYS as readonly string[]).includes(k)) : [];
  return [...METRIC_KEYS, ...extra];
}

/** The metrics a person reads first, for the terminal table. */
const TABLE_METRICS = [
  "classes",
  "unique_fraction",
  "title_unique_fraction",
  "kappa",
  "k_min",
  "prosecutor_avg",
  "at_risk_0_2",
  "entropy_bits",
  "mean_class_titles",
  "title_exposed_fraction",
] as const;

export function renderResults(result: EvaluationResult, format: OutputFormat): string {
  switch (format) {
    case "json":
      return JSON.stringify(result, null, 2) + "\n";
    case "csv": {
      const table = resultsTable(result, true);
      table.columns.unshift("source");
      for (const row of table.rows) row.unshift(result.catalog.source);
      return renderCsv(table);
    }
    case "table": {
      const { catalog } = result;
      const head = `${catalog.source}: ${catalog.rows} rows, ${catalog.titles} titles\n\n`;
      const keys = [...TABLE_METRICS, ...metricKeysOf(result).slice(METRIC_KEYS.length)];
      const table: Table = {
        columns: ["scheme", ...keys],
        rows: result.results.map((r) => [r.scheme, ...keys.map((k) => r.metrics[k])]),
      };
      return head + renderTextTable(table) + populationNotes(result);
    }
  }
}

/** Under the table: each population estimate that has no value, with its status and reason (a "—" is never left unexplained). */
function populationNotes(result: EvaluationResult): string {
  const lines: string[] = [];
  for (const r of result.results) {
    for (const [name, e] of Object.entries(r.population?.estimates ?? {})) {
      if (e && e.status !== "ok" && e.status !== "no_uniques") {
        const reason = typeof e.detail?.reason === "string" ? `: ${e.detail.reason}` : "";
        lines.push(`  ${r.scheme}: pop_unique_${name} ${e.status}${reason}`);
      }
    }
  }
  const pop = result.results.find((r) => r.population)?.population;
  if (!pop) return "";
  const head = `\npop_* estimate the share of population records (files, not titles) unique on their observation, population ${pop.population}, sampling fraction ${pop.sampling_fraction.toPrecision(4)}.`;
  return head + "\n" + (lines.length ? `No estimate (shown as —):\n${lines.join("\n")}\n` : "");
}
