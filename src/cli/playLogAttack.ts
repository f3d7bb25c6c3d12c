/**
 * `fprisk attack plays.parquet --play-log --server-column server_id --plays 4 --scheme …`:
 * the unicity of the user's own play log (attacks/playLogUnicity.ts) instead of
 * simulated servers, computed in memory or, with `--engine duckdb`, by the SQL query
 * (engine/sql/unicitySql.ts) where the file is, never loading it. A `clickhouse://` play
 * log is attacked by the same query on its server (`--engine auto`, the default), or
 * loaded with `--engine memory`; never copied into DuckDB. All give the same integers.
 *
 *   plays  servers  unique  unique_fraction  mean_candidates  short  engine
 *       4     1000     912            0.912            1.302     17  memory
 */
import { playLogUnicity, type PlayLogUnicityRow } from "../attacks/playLogUnicity.js";
import { checkDrawOptions } from "../attacks/playDraw.js";
import { runUnicity, type UnicityCounts } from "../engine/sql/unicitySql.js";
import { ClickHouseRunner } from "../engine/sql/clickhouseRunner.js";
import { DuckDbRunner } from "../engine/sql/duckdbRunner.js";
import { fittedParts } from "../engine/sql/schemeSql.js";
import { checkEngineArgs, ENGINES, type EngineChoice } from "./engineOption.js";
import { formatScheme } from "../schemes/format.js";
import { generalizerOf } from "../schemes/generalizers/registry.js";
import { parseScheme } from "../schemes/parse.js";
import type { Scheme } from "../schemes/types.js";
import { parseFieldMap, type FieldMap } from "../sources/table/fieldMap.js";
import { loadPlayLog, playLogReader, playLogRelation } from "../sources/playLogFile.js";
import { loadClickHousePlayLog, openClickHousePlayLog } from "../sources/clickhouse/clickhousePlayLog.js";
import { isClickHouseUrl, parseClickHouseUrl } from "../sources/clickhouse/clickhouseUrl.js";
import { renderCsv, renderTextTable, type Table } from "../output/tabular.js";
import { UsageError } from "./usageError.js";

/**
 * auto: a file is loaded (it fits, as any input fprisk loads), a clickhouse:// table stays
 * on its server; duckdb: SQL where the file is.
 */
export type PlayLogEngine = "memory" | "duckdb" | "clickhouse";

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
  /** The log as outputs name it: a clickhouse:// URL without its credentials. */
  shown: string;
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
  const onServer = isClickHouseUrl(a.log);
  if (onServer) {
    if (a.engine === "duckdb") throw new UsageError("a clickhouse:// play log is attacked on its server (--engine auto) or loaded into memory (--engine memory), not in DuckDB");
    if (a.memoryLimit !== undefined) throw new UsageError("--memory-limit limits the duckdb engine, which a clickhouse:// play log does not use: drop it");
  } else playLogReader(a.log);
  const { memoryLimitBytes } = checkEngineArgs({ engine: a.engine, "memory-limit": a.memoryLimit }, [scheme], undefined);
  const shown = onServer ? parseClickHouseUrl(a.log).display : a.log;
  const fitted = fittedParts(scheme).length > 0;
  // auto: a clickhouse:// log stays on its server unless the scheme needs the rows here (quantile, noise)
  const inSql = !fitted && scheme.parts.every((p) => !generalizerOf(p.generalizer).randomized);
  const engine: PlayLogEngine = a.engine === "duckdb" ? "duckdb" : onServer && a.engine === "auto" && inSql ? "clickhouse" : "memory";
  if (engine === "duckdb" && fitted) throw new UsageError("play-log unicity in SQL takes generalizers of the values alone, not quantile: use --engine memory");
  if (engine === "memory" && memoryLimitBytes !== undefined) throw new UsageError("--memory-limit limits the duckdb engine: drop it, or use --engine duckdb");
  return { log: a.log, shown, scheme, serverColumn: a.serverColumn, plays: a.plays, seed: a.seed, engine, memoryLimitBytes, map: a.map === undefined ? undefined : parseFieldMap(a.map) };
}

/** The unicity row of the plan, from the engine it names. */
export async function runPlayLogAttack(plan: PlayLogAttackPlan): Promise<PlayLogUnicityRow> {
  const fileOptions = { serverColumn: plan.serverColumn, map: plan.map };
  const draw = { plays: plan.plays, seed: plan.seed };
  if (plan.engine === "memory") {
    const log = isClickHouseUrl(plan.log) ? await loadClickHousePlayLog(plan.log, fileOptions) : await loadPlayLog(plan.log, fileOptions);
    return playLogUnicity(log, plan.scheme, { plays: [plan.plays], seed: plan.seed })[0];
  }
  if (plan.engine === "clickhouse") {
    const { relation, connection } = await openClickHousePlayLog(plan.log, fileOptions);
    try {
      return unicityRow(plan.plays, await runUnicity(new ClickHouseRunner(connection), relation, plan.scheme, draw));
    } finally {
      await connection.close();
    }
  }
  const duck = await DuckDbRunner.open({ memoryLimitBytes: plan.memoryLimitBytes });
  try {
    const { relation } = await playLogRelation(duck.connection, plan.log, fileOptions);
    return unicityRow(plan.plays, await runUnicity(duck, relation, plan.scheme, draw));
  } finally {
    await duck.close();
  }
}

/** The SQL query's counts as the in-memory attack's row. */
function unicityRow(plays: number, c: UnicityCounts): PlayLogUnicityRow {
  return { plays, servers: c.servers, unique: c.unique, unique_fraction: c.unique / c.servers, mean_candidates: c.candidates / c.servers, short: c.short };
}

/** The row as a table, CSV or JSON (with the log, scheme, seed and engine). */
export function renderPlayLogAttack(plan: PlayLogAttackPlan, row: PlayLogUnicityRow, format: "table" | "csv" | "json"): string {
  if (format === "json") {
    return JSON.stringify({ log: plan.shown, scheme: formatScheme(plan.scheme), seed: plan.seed, engine: plan.engine, ...row }, null, 2) + "\n";
  }
  const table: Table = {
    columns: ["plays", "servers", "unique", "unique_fraction", "mean_candidates", "short", "engine"],
    rows: [[row.plays, row.servers, row.unique, row.unique_fraction, row.mean_candidates, row.short, plan.engine]],
  };
  if (format === "csv") return renderCsv(table);
  return `play log ${plan.shown}, scheme ${formatScheme(plan.scheme)}, seed ${plan.seed}: servers singled out by ${plan.plays} distinct plays\n` + renderTextTable(table);
}
