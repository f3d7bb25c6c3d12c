/**
 * `evaluate` and `sweep` where the data lives: a ClickHouse table is evaluated on its
 * server (--engine auto), a Parquet file or glob or a DuckDB table by the SQL engine in
 * embedded DuckDB (--engine duckdb, or auto when it would not fit in memory;
 * relationInput.ts), each scheme one grouping query there — the in-memory engine's
 * numbers without loading the rows. Anything else, or an option that needs the rows in
 * memory (`needsRows`: --model, --plot, population estimates), is left to the caller
 * to load (null).
 *
 *   fprisk sweep "logs/*.parquet" --engine duckdb --memory-limit 4GB --duration 1s,1min
 *   // --verbose: "fprisk: logs/*.parquet evaluated in place by duckdb, not loaded"
 */
import type { EvaluationResult } from "../measures/evaluate.js";
import { evaluateClickHouse } from "../measures/sql/evaluateClickHouse.js";
import { evaluateSql } from "../measures/sql/evaluateSql.js";
import type { Scheme } from "../schemes/types.js";
import { isClickHouseUrl } from "../sources/clickhouse/clickhouseUrl.js";
import type { CatalogArgs } from "./common.js";
import type { EnginePlan } from "./engineOption.js";
import { progressBar } from "./progress.js";
import { relationForEngine } from "./relationInput.js";
import { UsageError } from "./usageError.js";

/** A clickhouse:// table runs on its server or is loaded, never copied into DuckDB (checked before anything is read). */
export function checkClickHouseEngine(catalog: string, plan: EnginePlan): void {
  if (isClickHouseUrl(catalog) && plan.choice === "duckdb") {
    throw new UsageError("a clickhouse:// table is evaluated on its server (--engine auto) or loaded into memory (--engine memory), not in DuckDB");
  }
}

export interface InPlaceOptions {
  /** An option needs the rows in memory: never evaluate in place. */
  needsRows: boolean;
  riskThreshold: number;
  /** The progress bar's label (the command). */
  label: string;
}

/** The schemes' metrics computed where the input lives, or null when it is to be loaded. */
export async function evaluateInPlace(args: CatalogArgs, plan: EnginePlan, schemes: Scheme[], options: InPlaceOptions): Promise<EvaluationResult | null> {
  if (options.needsRows) return null;
  const note = args.verbose ? (text: string) => process.stderr.write(`fprisk: ${text}\n`) : undefined;
  if (isClickHouseUrl(args.catalog)) {
    if (plan.choice !== "auto") return null;
    const bar = progressBar(options.label);
    const result = await evaluateClickHouse(args.catalog, schemes, { map: args.map, skipInvalid: args["skip-invalid"], riskThreshold: options.riskThreshold, onNote: note, onProgress: bar.update });
    bar.stop();
    return result;
  }
  const relation = await relationForEngine(args, plan, false);
  if (!relation) return null;
  note?.(`${relation.source} evaluated in place by duckdb, not loaded`);
  const bar = progressBar(options.label);
  const result = await evaluateSql(relation, schemes, { riskThreshold: options.riskThreshold, memoryLimitBytes: plan.memoryLimitBytes, threads: args.threads, onProgress: bar.update });
  bar.stop();
  return result;
}
