/**
 * Evaluation results as tidy tables (one row per scheme) and as the JSON document of the
 * CLI's contract: {"catalog": {…}, "results": [{"scheme", "metrics", …}]}, every scheme
 * printed in its canonical text (formatScheme).
 */
import type { EvaluationResult } from "../measures/evaluate.js";
import { METRIC_KEYS } from "../measures/metrics.js";
import { formatGeneralizer, formatScheme } from "../schemes/format.js";
import { ATTRIBUTES, isTextAttribute, type Attribute, type Scheme } from "../schemes/types.js";
import { csvLines, leftOutNote, markdownLines, rowSource, TERMINAL_WIDTH, textTableLines, type Cell, type OutputFormat, type Table } from "./tabular.js";

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
export function resultsTable(result: EvaluationResult, withAttributes: boolean, metrics?: readonly string[]): Table {
  const byScheme = result.results.map((r) => schemeColumns(r.scheme));
  const attrs = withAttributes ? ATTRIBUTES.filter((a) => byScheme.some((cols) => a in cols)) : [];
  const keys = metrics ?? metricKeysOf(result);
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

/**
 * The metrics a person reads first, most telling first: the terminal table shows as
 * many of them as fit in `TABLE_WIDTH` columns and names the ones left out.
 */
export const TABLE_METRICS = [
  "classes",
  "title_unique_fraction",
  "kappa",
  "unique_fraction",
  "at_risk_0_2",
  "k_min",
  "prosecutor_avg",
  "entropy_bits",
  "mean_class_titles",
  "title_exposed_fraction",
] as const;

/** A terminal is at least this wide (the default table never exceeds it). */
export const TABLE_WIDTH = TERMINAL_WIDTH;

export type ResultsFormat = OutputFormat | "markdown";

export interface ResultsRenderOptions {
  /** Metric columns of the tabular formats, in this order (default: all in CSV/markdown, what fits in the table). */
  metrics?: readonly string[];
}

/** Every metric key of a result: the fixed ones, then the extra ones (at_risk_<τ>, model_*). */
export function resultMetricKeys(result: EvaluationResult): string[] {
  return metricKeysOf(result);
}

function tableOf(result: EvaluationResult, keys: readonly string[]): Table {
  return { columns: ["scheme", ...keys], rows: result.results.map((r) => [formatScheme(r.scheme), ...keys.map((k) => r.metrics[k])]) };
}

/** The JSON document: the same result, each scheme as its canonical text. */
function resultsDocument(result: EvaluationResult) {
  return { catalog: result.catalog, results: result.results.map((r) => ({ ...r, scheme: formatScheme(r.scheme) })) };
}

/**
 * The default terminal columns: metrics are taken in order of importance, up to the first that does not fit (title-unique
 * share and kappa, then any extras asked for, then the rest) while the table still fits
 * `TABLE_WIDTH`, and shown in the usual order. Those that do not fit are named.
 */
function fittingKeys(result: EvaluationResult): { keys: string[]; left: string[] } {
  const extras = metricKeysOf(result).slice(METRIC_KEYS.length);
  const shown = [...TABLE_METRICS, ...extras];
  const [first, second, ...rest] = TABLE_METRICS.filter((k) => k !== "classes");
  const priority = [first, second, ...extras, "classes", ...rest];
  const chosen = new Set<string>();
  const left: string[] = [];
  for (const key of priority) {
    const keys = shown.filter((k) => chosen.has(k) || k === key);
    if (chosen.size === 0 || (left.length === 0 && tableWidth(tableOf(result, keys)) <= TABLE_WIDTH)) chosen.add(key);
    else left.push(key);
  }
  return { keys: shown.filter((k) => chosen.has(k)), left: shown.filter((k) => left.includes(k)) };
}

function tableWidth(table: Table): number {
  let max = 0;
  for (const line of textTableLines(rowSource(table))) max = Math.max(max, line.length - 1);
  return max;
}

export function* resultsLines(result: EvaluationResult, format: ResultsFormat, options: ResultsRenderOptions = {}): Generator<string> {
  switch (format) {
    case "json":
      yield JSON.stringify(resultsDocument(result), null, 2) + "\n";
      return;
    case "csv": {
      const table = resultsTable(result, true, options.metrics);
      table.columns.unshift("source");
      for (const row of table.rows) row.unshift(result.catalog.source);
      yield* csvLines(rowSource(table));
      return;
    }
    case "markdown":
      yield* markdownLines(rowSource(tableOf(result, options.metrics ?? metricKeysOf(result))));
      return;
    case "table": {
      const { catalog } = result;
      yield `${catalog.source}: ${catalog.rows} rows, ${catalog.titles} titles\n\n`;
      const fit = options.metrics ? { keys: [...options.metrics], left: [] } : fittingKeys(result);
      yield* textTableLines(rowSource(tableOf(result, fit.keys)));
      if (fit.left.length > 0) yield "\n" + leftOutNote(fit.left, "choose with --metrics, or --format csv for all", TABLE_WIDTH);
      yield populationNotes(result);
    }
  }
}

export function renderResults(result: EvaluationResult, format: ResultsFormat, options: ResultsRenderOptions = {}): string {
  return Array.from(resultsLines(result, format, options)).join("");
}

/** Under the table: each population estimate that has no value, with its status and reason (a "—" is never left unexplained). */
function populationNotes(result: EvaluationResult): string {
  const lines: string[] = [];
  for (const r of result.results) {
    for (const [name, e] of Object.entries(r.population?.estimates ?? {})) {
      if (e && e.status !== "ok" && e.status !== "no_uniques") {
        const reason = typeof e.detail?.reason === "string" ? `: ${e.detail.reason}` : "";
        lines.push(`  ${formatScheme(r.scheme)}: pop_unique_${name} ${e.status}${reason}`);
      }
    }
  }
  const pop = result.results.find((r) => r.population)?.population;
  if (!pop) return "";
  const head = `\npop_* estimate the share of population records (files, not titles) unique on their observation, population ${pop.population}, sampling fraction ${pop.sampling_fraction.toPrecision(4)}.`;
  return head + "\n" + (lines.length ? `No estimate (shown as —):\n${lines.join("\n")}\n` : "");
}
