/**
 * The distinct items of a play log that stays in its database, as the `SqlRelation` the
 * SQL engine evaluates: what `tune --play-log` measures its metrics on, matching the
 * loaded log's `items` catalog (playLog.ts: one row per distinct attribute tuple,
 * missing equal to missing, each item its own title).
 *
 * The title is the tuple written as text, injective: each field as text (NULL as `~`),
 * text fields prefixed with their length so no separator inside a value can make two
 * tuples read alike, joined by `|`. Doubles print in their shortest round-trip form in
 * DuckDB and ClickHouse, so distinct values print differently.
 *
 *   playLogItems({ dialect: "duckdb", from: "plays", numeric: ["duration_ms"], text: ["codec"], source: "plays.parquet" }).from
 *   // (SELECT concat_ws('|', coalesce(CAST(duration_ms AS VARCHAR), '~'), coalesce(…length(codec)… || ':' || codec, '~')) AS title,
 *   //         duration_ms, codec FROM (SELECT DISTINCT duration_ms, codec FROM plays AS log) AS items)
 */
import { UserError } from "../base/errors.js";
import type { PlayLogRelation } from "./playLog.js";
import type { SqlRelation } from "./relation.js";

export function playLogItems(log: PlayLogRelation): SqlRelation {
  const fields = [...log.numeric, ...log.text];
  if (fields.length === 0) throw new UserError(`${log.source}: a play log needs at least one item attribute (duration, bitrate, …)`);
  const isText = (f: string) => (log.text as string[]).includes(f);
  let parts: string[];
  let title: string;
  if (log.dialect === "duckdb") {
    parts = fields.map((f) => (isText(f) ? `coalesce(CAST(length(${f}) AS VARCHAR) || ':' || ${f}, '~')` : `coalesce(CAST(${f} AS VARCHAR), '~')`));
    title = `concat_ws('|', ${parts.join(", ")})`;
  } else if (log.dialect === "clickhouse") {
    parts = fields.map((f) => (isText(f) ? `ifNull(concat(toString(length(${f})), ':', ${f}), '~')` : `ifNull(toString(${f}), '~')`));
    title = parts.length === 1 ? parts[0] : `concat(${parts.flatMap((p, i) => (i ? ["'|'", p] : [p])).join(", ")})`;
  } else {
    throw new UserError(`a play log's items are read in duckdb or clickhouse SQL, not ${log.dialect}`);
  }
  const list = fields.join(", ");
  return {
    dialect: log.dialect,
    from: `(SELECT ${title} AS title, ${list} FROM (SELECT DISTINCT ${list} FROM ${log.from} AS log) AS items)`,
    numeric: [...log.numeric],
    text: [...log.text],
    source: log.source,
  };
}
