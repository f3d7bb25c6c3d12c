/**
 * `evaluate` on a ClickHouse table where it lives: open `clickhouse://…/db.table` as a
 * relation (the loaders' rules applied on the server), run every scheme's class queries
 * there through the ClickHouse runner, finish the metrics in JS from exact class-size
 * totals — the same numbers as the in-memory engine (integers exactly, floats within
 * 1e-12 relative). The connection is closed when done, also on failure.
 *
 *   const { results } = await evaluateClickHouse("clickhouse://127.0.0.1:8123/telemetry.plays", ["duration=round(1min)"]);
 */
import { ClickHouseRunner } from "../../engine/sql/clickhouseRunner.js";
import { assertSchemeCompiles } from "../../engine/sql/schemeSql.js";
import { openClickHouseRelation, type ClickHouseRelationOptions } from "../../sources/clickhouse/clickhouseRelation.js";
import { parseClickHouseUrl } from "../../sources/clickhouse/clickhouseUrl.js";
import { parseFieldMap } from "../../sources/table/fieldMap.js";
import { parseScheme } from "../../schemes/parse.js";
import type { Scheme } from "../../schemes/types.js";
import type { EvaluationResult } from "../evaluate.js";
import { riskThreshold } from "../metrics.js";
import { evaluateSql, type SqlEvaluateOptions } from "./evaluateSql.js";

export type ClickHouseEvaluateOptions = ClickHouseRelationOptions & Omit<SqlEvaluateOptions, "runner" | "memoryLimitBytes" | "threads">;

export async function evaluateClickHouse(source: string, schemes: Array<Scheme | string>, options: ClickHouseEvaluateOptions = {}): Promise<EvaluationResult> {
  // everything that can be refused is refused before the server is contacted
  parseClickHouseUrl(source, options.env);
  if (typeof options.map === "string") parseFieldMap(options.map);
  riskThreshold(options);
  const parsed = schemes.map((s) => (typeof s === "string" ? parseScheme(s) : s));
  for (const s of parsed) assertSchemeCompiles(s);
  const { relation, connection } = await openClickHouseRelation(source, options);
  try {
    return await evaluateSql(relation, parsed, { ...options, runner: new ClickHouseRunner(connection) });
  } finally {
    await connection.close();
  }
}
