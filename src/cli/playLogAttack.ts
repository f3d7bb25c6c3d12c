/**
 * `fprisk attack plays.parquet --play-log --server-column server_id --plays 4 --scheme …`:
 * the unicity of the user's own play log (attacks/playLogUnicity.ts) instead of
 * simulated servers, computed in memory or, with `--engine duckdb`, by the SQL query
 * (engine/sql/unicitySql.ts) where the file is, never loading it. Both give the same
 * integers.
 *
 *   plays  servers  unique  unique_fraction  mean_candidates  short  engine
 *       4     1000     912            0.912            1.302     17  memory
 */
import { playLogUnicity, type PlayLogUnicityRow } from "../attacks/playLogUnicity.js";
import { checkDrawOptions } from "../attacks/playDraw.js";
import { runUnicity } from "../engine/sql/unicitySql.js";
import { DuckDbRunner } from "../engine/sql/duckdbRunner.js";
import { fittedParts } from "../engine/sql/schemeSql.js";
import { checkEngineArgs, ENGINES, type EngineChoice } from "./engineOption.js";
import { formatScheme } from "../schemes/format.js";
import { parseScheme } from "../schemes/parse.js";
import type { Scheme } from "../schemes/types.js";
import { parseFieldMap, type FieldMap } from "../sources/table/fieldMap.js";
import { loadPlayLog, playLogReader, playLogRelation } from "../sources/playLogFile.js";
import { renderCsv, renderTextTable, type Table } from "../output/tabular.js";
import { UsageError } from "./usageError.js";

/** auto: the log is loaded (it fits, as any input fprisk loads); duckdb: SQL where the file is. */
export type PlayLogEngine = "memory" | "duckdb";

export interface PlayLogAttackArgs {
  log: string;
  scheme: string;
  serverColumn?: string;
  plays?: number;
  seed: number;
  engine: EngineChoice;
  memoryLimit?: string;
  map?: string;
  /** Options of `attack` that mean nothing for a play log, by flag, when given. */
  given: string[];
}

export interface PlayLogAttackPlan {
  log: string;
  scheme: Scheme;
  serverColumn: string;
  plays: number;
  seed: number;
  engine: PlayLogEngine;
  memoryLimitBytes?: number;
  map?: FieldMap;
}

/** Every check that needs no input: usage errors first, before anything is read. */
export function planPlayLogAttack(a: PlayLogAttackArgs): PlayLogAttackPlan {
  if (a.given.length > 0) throw new UsageError(`${a.given[0]} does not apply to --play-log (the log's own servers and plays are attacked)`);
  if (a.serverColumn === undefined || a.serverColumn.trim() === "") throw new UsageError("--play-log needs --server-column <column naming each play's server or account>");
  if (a.plays === undefined) throw new UsageError("--play-log needs --plays <p>, the distinct plays drawn per server, e.g. --plays 4");
  if (!(ENGINES as readonly string[]).includes(a.engine)) throw new UsageError(`--engine ${a.engine}: choose one of ${ENGINES.join(", ")}`);
  checkDrawOptions(a.seed, a.plays);
  const scheme = parseScheme(a.scheme);
  const { memoryLimitBytes } = checkEngineArgs({ engine: a.engine, "memory-limit": a.memoryLimit }, [scheme], undefined);
  if (a.engine === "duckdb" && fittedParts(scheme).length > 0) throw new UsageError("play-log unicity in SQL takes generalizers of the values alone, not quantile: use --engine memory");
  playLogReader(a.log);
  const engine: PlayLogEngine = a.engine === "duckdb" ? "duckdb" : "memory";
  if (engine === "memory" && memoryLimitBytes !== undefined) throw new UsageError("--memory-limit limits the duckdb engine: drop it, or use --engine duckdb");
  return { log: a.log, scheme, serverColumn: a.serverColumn, plays: a.plays, seed: a.seed, engine, memoryLimitBytes, map: a.map === undefined ? undefined : parseFieldMap(a.map) };
}

/** The unicity row of the plan, from the engine it names. */
export async function runPlayLogAttack(plan: PlayLogAttackPlan): Promise<PlayLogUnicityRow> {
  const fileOptions = { serverColumn: plan.serverColumn, map: plan.map };
  if (plan.engine === "memory") {
    const log = await loadPlayLog(plan.log, fileOptions);
    return playLogUnicity(log, plan.scheme, { plays: [plan.plays], seed: plan.seed })[0];
  }
  const duck = await DuckDbRunner.open({ memoryLimitBytes: plan.memoryLimitBytes });
  try {
    const { relation } = await playLogRelation(duck.connection, plan.log, fileOptions);
    const c = await runUnicity(duck, relation, plan.scheme, { plays: plan.plays, seed: plan.seed });
    return { plays: plan.plays, servers: c.servers, unique: c.unique, unique_fraction: c.unique / c.servers, mean_candidates: c.candidates / c.servers, short: c.short };
  } finally {
    await duck.close();
  }
}

/** The row as a table, CSV or JSON (with the log, scheme, seed and engine). */
export function renderPlayLogAttack(plan: PlayLogAttackPlan, row: PlayLogUnicityRow, format: "table" | "csv" | "json"): string {
  if (format === "json") {
    return JSON.stringify({ log: plan.log, scheme: formatScheme(plan.scheme), seed: plan.seed, engine: plan.engine, ...row }, null, 2) + "\n";
  }
  const table: Table = {
    columns: ["plays", "servers", "unique", "unique_fraction", "mean_candidates", "short", "engine"],
    rows: [[row.plays, row.servers, row.unique, row.unique_fraction, row.mean_candidates, row.short, plan.engine]],
  };
  if (format === "csv") return renderCsv(table);
  return `play log ${plan.log}, scheme ${formatScheme(plan.scheme)}, seed ${plan.seed}: servers singled out by ${plan.plays} distinct plays\n` + renderTextTable(table);
}
