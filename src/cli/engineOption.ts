/**
 * `--engine memory|duckdb|auto` and `--memory-limit` (evaluate, sweep, tune): which
 * engine computes the classes, checked with everything else before any input is read.
 *
 * - memory: the typed-array engine (engine/), on the loaded catalog.
 * - duckdb: the SQL engine (engine/sql/) in an embedded DuckDB limited to
 *   --memory-limit, spilling to a temporary directory beyond it; same numbers.
 * - auto (default): memory when the input fits in memory, else duckdb. "Fits": an input
 *   fprisk loads (a CSV, JSON, dataset, synthetic library, media folder or server
 *   database) is in memory already, so it fits; an input that stays in a database
 *   fits when rows × (4 + 8 × fields) bytes, times 3 for the engine's working arrays,
 *   is within --memory-limit (default a quarter of physical memory). See `fitsInMemory`.
 *
 *   fprisk evaluate big.parquet --engine duckdb --memory-limit 4GB --scheme …
 */
import type { Argv } from "yargs";
import { parseMemoryLimit } from "../engine/sql/memoryLimit.js";
import { assertSchemeCompiles } from "../engine/sql/schemeSql.js";
import type { Scheme } from "../schemes/types.js";
import { UsageError } from "./usageError.js";

export const ENGINES = ["auto", "memory", "duckdb"] as const;
export type EngineChoice = (typeof ENGINES)[number];

export interface EngineArgs {
  engine: EngineChoice;
  "memory-limit"?: string;
}

export function withEngine<T>(y: Argv<T>) {
  return y
    .option("engine", {
      choices: ENGINES,
      default: "auto" as const,
      describe: "memory: the in-memory engine; duckdb: SQL in embedded DuckDB, spilling to disk past --memory-limit (same numbers); auto: memory when the input fits",
    })
    .option("memory-limit", { type: "string", describe: "memory the duckdb engine may use before spilling to a temporary directory, e.g. 4GB (default: DuckDB's, 80% of RAM)" });
}

/** What the engine choice settled to, before any input is read. */
export interface EnginePlan {
  choice: EngineChoice;
  memoryLimitBytes?: number;
}

/**
 * Checks the engine options against the schemes and what else was asked: the duckdb
 * engine has no randomized noise (geom, rround) and no population estimates, and
 * --memory-limit only concerns it.
 */
export function checkEngineArgs(args: EngineArgs, schemes: Scheme[], needsMemory: string | undefined): EnginePlan {
  const memoryLimitBytes = args["memory-limit"] === undefined ? undefined : parseMemoryLimit(args["memory-limit"]);
  if (args.engine === "memory" && memoryLimitBytes !== undefined) throw new UsageError("--memory-limit limits the duckdb engine: drop it, or use --engine duckdb");
  if (args.engine === "duckdb") {
    if (needsMemory) throw new UsageError(`${needsMemory} needs the in-memory engine: use --engine memory`);
    for (const s of schemes) assertSchemeCompiles(s);
  }
  return { choice: args.engine, memoryLimitBytes };
}

/** The engine for an input fprisk has loaded into memory (auto: memory — it fits). */
export function engineForLoaded(plan: EnginePlan): "memory" | "duckdb" {
  return plan.choice === "duckdb" ? "duckdb" : "memory";
}
