/**
 * Evaluation results as tidy tables (one row per scheme) and as the JSON document
 * of the CLI's contract: {"catalog": {…}, "results": [{"scheme", "metrics", …}]}.
 */
import type { EvaluationResult } from "../measures/evaluate.js";
import { METRIC_KEYS } from "../measures/metrics.js";
import { ATTRIBUTES } from "../schemes/types.js";
import { csvLines, leftOutNote, markdownLines, rowSource, TERMINAL_WIDTH, textTableLines, type Cell, type OutputFormat, type Table } from "./tabular.js";

/** The generalizer each attribute got in a canonical scheme string ("—" = not observed). */
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
  return Object.fromEntries(ATTRIBUTES.map((a) => [a, parts[a] ?? "—"]));
}

/** Tidy table: source, scheme, one column per attribute, one per metric. */
export function resultsTable(result: EvaluationResult, withAttributes: boolean, metrics?: readonly string[]): Table {
  const attrs = withAttributes ? [...ATTRIBUTES] : [];
  const keys = metrics ?? metricKeysOf(result);
  const columns = ["scheme", ...attrs, ...keys];
  const rows: Cell[][] = result.results.map((r) => {
    const byAttr = schemeColumns(r.scheme);
    return [r.scheme, ...attrs.map((a) => byAttr[a]), ...keys.map((k) => r.metrics[k])];
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
  return { columns: ["scheme", ...keys], rows: result.results.map((r) => [r.scheme, ...keys.map((k) => r.metrics[k])]) };
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
      yield JSON.stringify(result, null, 2) + "\n";
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
    }
  }
}

export function renderResults(result: EvaluationResult, format: ResultsFormat, options: ResultsRenderOptions = {}): string {
  return Array.from(resultsLines(result, format, options)).join("");
}
