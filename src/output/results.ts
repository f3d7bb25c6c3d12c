/**
 * Evaluation results as tidy tables (one row per scheme) and as the JSON document
 * {"catalog": {…}, "results": [{"scheme", "metrics", …}]}, every scheme printed in its
 * canonical text (formatScheme).
 */
import type { EvaluationResult } from "../measures/evaluate.js";
import { METRIC_KEYS } from "../measures/metrics.js";
import { formatGeneralizer, formatScheme } from "../schemes/format.js";
import { ATTRIBUTES, isTextAttribute, type Attribute, type Scheme } from "../schemes/types.js";
import { renderCsv, renderTextTable, type Cell, type OutputFormat, type Table } from "./tabular.js";

/**
 * The generalizer each attribute got ("—" = not observed), in canonical text. Text
 * attributes (codec, container) appear only when the scheme observes them, so tables
 * of numeric schemes keep their columns.
 */
export function schemeColumns(scheme: Scheme): Partial<Record<Attribute, string>> {
  const columns: Partial<Record<Attribute, string>> = Object.fromEntries(ATTRIBUTES.filter((a) => !isTextAttribute(a)).map((a) => [a, "—"]));
  for (const p of scheme.parts) columns[p.attribute] = formatGeneralizer(p.attribute, p.generalizer);
  return columns;
}

/** Tidy table: source, scheme, one column per attribute, one per metric. */
export function resultsTable(result: EvaluationResult, withAttributes: boolean): Table {
  const byScheme = result.results.map((r) => schemeColumns(r.scheme));
  const attrs = withAttributes ? ATTRIBUTES.filter((a) => byScheme.some((cols) => a in cols)) : [];
  const keys = metricKeysOf(result);
  const columns = ["scheme", ...attrs, ...keys];
  const rows: Cell[][] = result.results.map((r, i) => {
    const byAttr = byScheme[i];
    return [formatScheme(r.scheme), ...attrs.map((a) => byAttr[a] ?? "—"), ...keys.map((k) => r.metrics[k])];
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

/** The JSON document: the same result, each scheme as its canonical text. */
function resultsDocument(result: EvaluationResult) {
  return { catalog: result.catalog, results: result.results.map((r) => ({ ...r, scheme: formatScheme(r.scheme) })) };
}

export function renderResults(result: EvaluationResult, format: OutputFormat): string {
  switch (format) {
    case "json":
      return JSON.stringify(resultsDocument(result), null, 2) + "\n";
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
        rows: result.results.map((r) => [formatScheme(r.scheme), ...keys.map((k) => r.metrics[k])]),
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
