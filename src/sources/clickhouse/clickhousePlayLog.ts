/**
 * A play log that stays on a ClickHouse server (`clickhouse://host:port/db.plays`): the
 * `PlayLogRelation` the unicity query (engine/sql/unicitySql.ts) runs on where the plays
 * are, or the same rows loaded into a `PlayLog` for the in-memory engine. Both read the
 * table through one SELECT, so both engines see the same values.
 *
 *   const { relation, connection } = await openClickHousePlayLog("clickhouse://127.0.0.1:8123/telemetry.plays", { serverColumn: "server_id" });
 *   // relation.from = "(SELECT __pl_server AS server, __pl_duration_ms AS duration_ms, … FROM (SELECT toString(`server_id`) AS __pl_server, … FROM `telemetry`.`plays`))"
 *
 * The rules are those of a play-log file (playLogFile.ts): columns found as for catalogs
 * (`--map`, or names such as duration_ms, bitrate_kbps, width, height, codec); a number
 * column whose name gives no unit needs one in the map; units applied by one exact step
 * (clickhouseRelation.ts's scaleSql); 0 = unknown; a blank text (JavaScript's white space
 * only) = missing; the server id read as text. A play without a server id or with a
 * negative or non-finite number is an error naming how many plays have it. A text column
 * under a numeric field is refused, as for a ClickHouse catalog.
 */
import { NUMERIC_FIELDS, TEXT_FIELDS, type NumericField, type TextField } from "../../catalog/catalog.js";
import { UserError } from "../../base/errors.js";
import { NUMERIC_MAP_FIELDS } from "../catalogBuilder.js";
import { playLogFromRows, type PlayLog, type PlayLogRelation } from "../playLog.js";
import { detectFieldMap } from "../table/detect.js";
import { parseFieldMap, type FieldMap } from "../table/fieldMap.js";
import { MAX_LOADED_ROWS } from "./clickhouseCatalog.js";
import { ClickHouseConnection } from "./clickhouseConnection.js";
import { isNumericType, quoteIdentifier, scaleSql, type ClickHouseColumn } from "./clickhouseRelation.js";
import { clickhouseTrim } from "./clickhouseText.js";
import { parseClickHouseUrl, type ClickHouseTarget } from "./clickhouseUrl.js";

export interface ClickHousePlayLogOptions {
  /** The column naming the server (or account) of each play. */
  serverColumn: string;
  /** A `--map` spec or parsed map for the item attributes; the rest is detected from names. */
  map?: string | FieldMap;
  /** Where CLICKHOUSE_USER / CLICKHOUSE_PASSWORD come from (process.env by default). */
  env?: NodeJS.ProcessEnv;
}

export interface ClickHousePlayLog {
  relation: PlayLogRelation;
  /** The open connection the relation is read through; close it when done. */
  connection: ClickHouseConnection;
  /** Rows (plays) in the table. */
  plays: number;
}

/** Computed columns get a prefix, so no alias can shadow one of the table's own names. */
const own = (f: string) => `__pl_${f}`;

export interface PlayLogPlan {
  relation: PlayLogRelation;
  /** One SELECT of the table: `plays` (its rows), then c0, c1, … counting the plays with each problem. */
  checkSql: string;
  /** What c0, c1, … count, as "… plays <what>". */
  checkNames: string[];
}

/**
 * Plan the play log of `target` with these columns: the relation's SELECT and the query
 * checking every play. Throws UserError for a missing or unusable column.
 */
export function planClickHousePlayLog(target: ClickHouseTarget, columns: readonly ClickHouseColumn[], serverColumn: string, given: FieldMap = {}): PlayLogPlan {
  const where = target.display;
  const table = `${quoteIdentifier(target.database)}.${quoteIdentifier(target.table)}`;
  const typeOf = new Map(columns.map((c) => [c.name, c.type]));
  const listing = columns.map((c) => `${c.name} ${c.type}`).join(", ");
  if (!typeOf.has(serverColumn)) throw new UserError(`${where}: no column "${serverColumn}" (--server-column); its columns: ${listing}`);
  const map = detectFieldMap(
    columns.map((c) => c.name).filter((n) => n !== serverColumn),
    given,
  );
  delete map.title;
  if (map.resolution) throw new UserError(`${where}: a play log gives resolution as numeric width and height columns, not one "${map.resolution.columns[0]}" column`);
  for (const [field, ref] of Object.entries(map)) {
    for (const c of ref!.columns) if (!typeOf.has(c)) throw new UserError(`${where}: no column "${c}" (for ${field}) in ${target.database}.${target.table}; its columns: ${listing}`);
  }

  const select = [`toString(${quoteIdentifier(serverColumn)}) AS ${own("server")}`];
  const checks = [`countIf(isNull(${own("server")})) AS c0`];
  const checkNames = [`have no server id (column "${serverColumn}")`];
  const numeric: NumericField[] = [];
  for (const f of NUMERIC_MAP_FIELDS) {
    const ref = map[f.name];
    if (!ref) continue;
    const col = ref.columns[0];
    if (!isNumericType(typeOf.get(col)!)) {
      throw new UserError(`${where}: column "${col}" (${f.name}) is ${typeOf.get(col)}, not a number; convert it on the server, or export the plays to a file`);
    }
    if (f.kind && !ref.unit) throw new UserError(`${where}: column "${col}" (${f.name}) needs a unit, e.g. --map "${f.name}=${col}:${f.kind === "duration" ? "s" : f.kind === "bitrate" ? "kbps" : "B"}"`);
    const x = `toFloat64(${quoteIdentifier(col)})`;
    const scaled = f.kind ? scaleSql(x, f.kind, ref.unit!) : x;
    select.push(`if(${scaled} = 0, NULL, ${scaled}) AS ${own(f.field)}`);
    const v = own(f.field);
    checks.push(`countIf(${v} < 0 OR isNaN(${v}) OR isInfinite(${v})) AS c${checks.length}`);
    checkNames.push(`have a negative or non-finite ${f.field} (column "${col}")`);
    numeric.push(f.field);
  }
  const text: TextField[] = [];
  for (const f of TEXT_FIELDS) {
    const ref = map[f];
    if (!ref) continue;
    const col = quoteIdentifier(ref.columns[0]);
    const t = typeOf.get(ref.columns[0])!.startsWith("Nullable(") ? `ifNull(toString(${col}), '')` : `toString(${col})`;
    // blank (JavaScript's white space only) is missing, as the in-memory log reads it
    select.push(`if(${clickhouseTrim(t)} = '', NULL, ${t}) AS ${own(f)}`);
    text.push(f);
  }
  if (numeric.length + text.length === 0) {
    throw new UserError(`${where}: no item attribute found (looked for duration_ms, bitrate_kbps, width, height, codec, …); name them with --map "duration=<column>:s,…"`);
  }
  // Fields in the catalog's order, which is the play's tuple order.
  numeric.sort((a, b) => NUMERIC_FIELDS.indexOf(a) - NUMERIC_FIELDS.indexOf(b));
  const raw = `(SELECT ${select.join(", ")} FROM ${table})`;
  const from = `(SELECT ${["server", ...numeric, ...text].map((f) => `${own(f)} AS ${f}`).join(", ")} FROM ${raw})`;
  return {
    relation: { dialect: "clickhouse", from, numeric, text, source: where },
    checkSql: `SELECT count() AS plays, ${checks.join(", ")} FROM ${raw}`,
    checkNames,
  };
}

/**
 * Open the play log at `source`: read the table's columns, plan the SELECT, check every
 * play. The URL and the map are checked before anything is sent; the connection is
 * closed on failure.
 */
export async function openClickHousePlayLog(source: string, options: ClickHousePlayLogOptions): Promise<ClickHousePlayLog> {
  const target = parseClickHouseUrl(source, options.env);
  const given = typeof options.map === "string" ? parseFieldMap(options.map) : (options.map ?? {});
  const connection = new ClickHouseConnection(target);
  try {
    const columns = await connection.query<{ name: string; type: string }>(`DESCRIBE TABLE ${quoteIdentifier(target.database)}.${quoteIdentifier(target.table)}`);
    const plan = planClickHousePlayLog(target, columns, options.serverColumn, given);
    const [counts] = await connection.query<Record<string, number>>(plan.checkSql);
    const plays = Number(counts.plays);
    if (plays === 0) throw new UserError(`${target.display}: the play log has no plays`);
    plan.checkNames.forEach((what, i) => {
      const k = Number(counts[`c${i}`]);
      if (k > 0) throw new UserError(`${target.display}: ${k} of ${plays} plays ${what}`);
    });
    return { relation: plan.relation, connection, plays };
  } catch (e) {
    await connection.close();
    throw e;
  }
}

/**
 * The play log at `source` loaded into memory, for the in-memory engine: every play read
 * through the relation, sorted (a Distributed table answers in whatever order its shards
 * finish), so the log is the same every run.
 */
export async function loadClickHousePlayLog(source: string, options: ClickHousePlayLogOptions): Promise<PlayLog> {
  const { relation, connection, plays } = await openClickHousePlayLog(source, options);
  try {
    if (plays > MAX_LOADED_ROWS) {
      throw new UserError(`${relation.source}: ${plays} plays is more than fprisk loads into memory (${MAX_LOADED_ROWS}); attack it on the server (--engine auto)`);
    }
    const fields = [...relation.numeric, ...relation.text];
    const serverIds: string[] = [];
    const server = new Int32Array(plays);
    const numeric: Partial<Record<NumericField, Float64Array>> = {};
    for (const f of relation.numeric) numeric[f] = new Float64Array(plays);
    const text: Partial<Record<TextField, string[]>> = {};
    for (const f of relation.text) text[f] = new Array<string>(plays);
    let r = 0;
    let last: string | undefined;
    await connection.eachRow(`SELECT ${["server", ...fields].join(", ")} FROM ${relation.from} ORDER BY ${["server", ...fields].join(", ")}`, (row) => {
      if (r >= plays) throw new UserError(`${relation.source}: the table grew while it was read; read it again`);
      const id = String(row.server);
      if (id !== last) {
        serverIds.push(id);
        last = id;
      }
      server[r] = serverIds.length - 1;
      for (const f of relation.numeric) numeric[f]![r] = row[f] === null ? NaN : Number(row[f]);
      for (const f of relation.text) text[f]![r] = row[f] === null ? "" : String(row[f]);
      r++;
    });
    if (r !== plays) throw new UserError(`${relation.source}: the table changed while it was read; read it again`);
    return { ...playLogFromRows({ source: relation.source, serverIds, server, numeric, text }), plays };
  } finally {
    await connection.close();
  }
}
