/**
 * Play-log files (Parquet, CSV/TSV, plain or gzip) read through embedded DuckDB: as a
 * SQL relation the unicity query runs on where the file is (`playLogRelation`), or
 * loaded into a `PlayLog` for the in-memory engine (`loadPlayLog`). Both read the file
 * through the same relation, so both engines see the same values.
 *
 *   const { relation } = await playLogRelation(con, "plays.parquet", { serverColumn: "server_id" });
 *   // relation.from = "(SELECT CAST("server_id" AS VARCHAR) AS server, … FROM read_parquet('plays.parquet'))"
 *   const log = await loadPlayLog("plays.parquet", { serverColumn: "server_id" });
 *
 * Columns are found as for catalogs (`--map`, or names such as duration_ms, bitrate_kbps,
 * width, height, codec; sources/table/detect.ts); a column whose name gives no unit
 * needs one in the map (`--map duration=secs:s`). Units are applied in DuckDB, by
 * multiplying (10^k for whole k) or dividing (10^-k). 0 = unknown, as in catalogs;
 * a negative or non-finite number, or a play without a server id, is an error naming
 * how many plays have it. Server ids are read as text (an integer column gives its
 * decimal digits); a time column may be present and is not used.
 */
import { stat } from "node:fs/promises";
import { NUMERIC_FIELDS, TEXT_FIELDS, type NumericField, type TextField } from "../catalog/catalog.js";
import { unitScale } from "../catalog/units.js";
import { UserError } from "../base/errors.js";
import { NUMERIC_MAP_FIELDS } from "./catalogBuilder.js";
import { detectFieldMap } from "./table/detect.js";
import { parseFieldMap, type FieldMap } from "./table/fieldMap.js";
import { duckdbTrim } from "./sqlTrim.js";
import { readDoubles } from "./warehouse/readDoubles.js";
import { fileError } from "./input.js";
import { itemsCatalog, type PlayLog, type PlayLogRelation } from "./playLog.js";

type Connection = import("@duckdb/node-api").DuckDBConnection;

export interface PlayLogFileOptions {
  /** The column naming the server (or account) of each play. */
  serverColumn: string;
  /** A `--map` spec or parsed map for the item attributes; the rest is detected from names. */
  map?: string | FieldMap;
}

const quote = (s: string) => `'${s.replaceAll("'", "''")}'`;
const ident = (s: string) => `"${s.replaceAll('"', '""')}"`;

/** The DuckDB table function reading `file`, by its extension; a CSV's server column is read as the text it holds. */
export function playLogReader(file: string, serverColumn?: string): string {
  const lower = file.toLowerCase();
  if (lower.endsWith(".parquet")) return `read_parquet(${quote(file)})`;
  if (/\.(csv|tsv|txt)(\.gz)?$/.test(lower)) return `read_csv(${quote(file)}, header = true, sample_size = -1${serverColumn === undefined ? "" : `, types = {${quote(serverColumn)}: 'VARCHAR'}`})`;
  throw new UserError(`${file}: a play log is a .parquet, .csv or .tsv file (optionally .gz)`);
}

/** DuckDB's messages about the input (not about our SQL) become one-line user errors. */
export function duckInputError(file: string, e: unknown): UserError | undefined {
  const message = (e as Error)?.message ?? "";
  if (/^(IO|Invalid Input|Conversion|Binder|Parser) Error/.test(message)) return new UserError(`${file}: ${message.split("\n")[0]}`);
  return undefined;
}

async function query(con: Connection, file: string, sql: string): Promise<unknown[][]> {
  try {
    return (await con.runAndReadAll(sql)).getRowsJS() as unknown[][];
  } catch (e) {
    throw duckInputError(file, e) ?? e;
  }
}

/**
 * The relation of a play-log file (DuckDB dialect) and how many plays it has, after
 * checking its columns and values.
 */
export async function playLogRelation(con: Connection, file: string, options: PlayLogFileOptions): Promise<{ relation: PlayLogRelation; plays: number }> {
  try {
    await stat(file);
  } catch (e) {
    throw fileError(file, e);
  }
  const header = (await query(con, file, `DESCRIBE SELECT * FROM ${playLogReader(file)}`)).map((r) => String(r[0]));
  const cols = header.map((h) => JSON.stringify(h)).join(", ");
  if (!header.includes(options.serverColumn)) throw new UserError(`${file}: no column "${options.serverColumn}" (--server-column); columns are: ${cols}`);
  const reader = playLogReader(file, options.serverColumn);
  const given = typeof options.map === "string" ? parseFieldMap(options.map) : (options.map ?? {});
  const map = detectFieldMap(
    header.filter((h) => h !== options.serverColumn),
    given,
  );
  delete map.title;
  if (map.resolution) throw new UserError(`${file}: a play log gives resolution as width and height columns, not one "${map.resolution.columns[0]}" column`);
  for (const [field, ref] of Object.entries(map)) {
    for (const c of ref!.columns) if (!header.includes(c)) throw new UserError(`${file}: column "${c}" (mapped to ${field}) is not in the file; columns are: ${cols}`);
  }
  // Computed columns get a prefix so they cannot clash with the file's own names.
  const own = (f: string) => `__pl_${f}`;
  const select = [`CAST(${ident(options.serverColumn)} AS VARCHAR) AS ${own("server")}`];
  const numeric: NumericField[] = [];
  const checks: string[] = [`count(*) FILTER (WHERE ${own("server")} IS NULL)`];
  const checkNames: string[] = [`have no server id (column "${options.serverColumn}")`];
  for (const f of NUMERIC_MAP_FIELDS) {
    const ref = map[f.name];
    if (!ref) continue;
    let scaled = `TRY_CAST(${ident(ref.columns[0])} AS DOUBLE)`;
    if (f.kind) {
      if (!ref.unit) throw new UserError(`${file}: column "${ref.columns[0]}" (${f.name}) needs a unit, e.g. --map "${f.name}=${ref.columns[0]}:${f.kind === "duration" ? "s" : f.kind === "bitrate" ? "kbps" : "B"}"`);
      const { mantissa, exponent } = unitScale(f.kind, ref.unit);
      if (exponent > 0) scaled = `${scaled} * ${10 ** exponent}`;
      if (exponent < 0) scaled = `${scaled} / ${10 ** -exponent}`;
      if (mantissa !== 1) scaled = `${scaled} * ${mantissa}`;
    }
    select.push(`CASE WHEN ${scaled} = 0 THEN NULL ELSE ${scaled} END AS ${own(f.field)}`);
    numeric.push(f.field);
    checks.push(`count(*) FILTER (WHERE ${own(f.field)} < 0 OR NOT isfinite(${own(f.field)}))`, `count(*) FILTER (WHERE ${ident(ref.columns[0])} IS NOT NULL AND TRY_CAST(${ident(ref.columns[0])} AS DOUBLE) IS NULL)`);
    checkNames.push(`have a negative or non-finite ${f.field} (column "${ref.columns[0]}")`, `have a value that is not a number in column "${ref.columns[0]}" (${f.field})`);
  }
  const text: TextField[] = [];
  for (const f of TEXT_FIELDS) {
    const ref = map[f];
    if (!ref) continue;
    const c = `CAST(${ident(ref.columns[0])} AS VARCHAR)`;
    select.push(`CASE WHEN ${duckdbTrim(c)} = '' THEN NULL ELSE ${c} END AS ${own(f)}`);
    text.push(f);
  }
  if (numeric.length + text.length === 0) {
    throw new UserError(`${file}: no item attribute found (looked for duration_ms, bitrate_kbps, width, height, codec, …); name them with --map "duration=<column>:s,…"`);
  }
  // Fields in the catalog's order, which is the play's tuple order.
  numeric.sort((a, b) => NUMERIC_FIELDS.indexOf(a) - NUMERIC_FIELDS.indexOf(b));
  // The raw columns stay visible to the checks; the relation keeps only the fields.
  const raw = `(SELECT *, ${select.join(", ")} FROM ${reader} AS f)`;
  const counts = (await query(con, file, `SELECT count(*), ${checks.join(", ")} FROM ${raw} AS r`))[0].map(Number);
  if (counts[0] === 0) throw new UserError(`${file}: the play log has no plays`);
  counts.slice(1).forEach((k, i) => {
    if (k > 0) throw new UserError(`${file}: ${k} of ${counts[0]} plays ${checkNames[i]}`);
  });
  const from = `(SELECT ${["server", ...numeric, ...text].map((f) => `${own(f)} AS ${f}`).join(", ")} FROM ${raw} AS r)`;
  return { relation: { dialect: "duckdb", from, numeric, text, source: file }, plays: counts[0] };
}

/** A play-log file loaded into memory (distinct items, each server's distinct items). */
export async function loadPlayLog(file: string, options: PlayLogFileOptions): Promise<PlayLog> {
  const { DuckDBInstance } = await import("@duckdb/node-api");
  const instance = await DuckDBInstance.create(":memory:");
  const con = await instance.connect();
  try {
    const { relation, plays } = await playLogRelation(con, file, options);
    return await playLogFromRelation(con, relation, plays);
  } finally {
    con.closeSync();
    instance.closeSync();
  }
}

/** Reads a DuckDB play-log relation into memory, items in SQL's tuple order. */
export async function playLogFromRelation(con: Connection, rel: PlayLogRelation, plays: number): Promise<PlayLog> {
  const fields = [...rel.numeric, ...rel.text];
  const run = (sql: string) => query(con, rel.source, sql);
  await run(`CREATE OR REPLACE TEMP TABLE pl_plays AS SELECT * FROM ${rel.from} AS r`);
  await run(
    `CREATE OR REPLACE TEMP TABLE pl_items AS SELECT (row_number() OVER (ORDER BY ${fields.map((f) => `${f} NULLS LAST`).join(", ")}) - 1)::INTEGER AS item, * ` +
      `FROM (SELECT DISTINCT ${fields.join(", ")} FROM pl_plays) AS d`,
  );
  await run(`CREATE OR REPLACE TEMP TABLE pl_servers AS SELECT (row_number() OVER (ORDER BY server) - 1)::INTEGER AS sid, server FROM (SELECT DISTINCT server FROM pl_plays) AS s`);
  const m = Number((await run(`SELECT count(*) FROM pl_items`))[0][0]);
  const ids = (await run(`SELECT server FROM pl_servers ORDER BY sid`)).map((r) => String(r[0]));
  const numericCols = rel.numeric.length ? await readDoubles(con, `SELECT ${rel.numeric.map((f) => `coalesce(${f}, 'NaN'::DOUBLE)`).join(", ")} FROM pl_items ORDER BY item`, rel.numeric.length, m) : [];
  const numeric: Partial<Record<NumericField, Float64Array>> = {};
  rel.numeric.forEach((f, k) => (numeric[f] = numericCols[k]));
  const textCols: Partial<Record<TextField, string[]>> = {};
  for (const f of rel.text) textCols[f] = (await run(`SELECT coalesce(${f}, '') FROM pl_items ORDER BY item`)).map((r) => String(r[0]));
  const same = fields.map((f) => `p.${f} IS NOT DISTINCT FROM i.${f}`).join(" AND ");
  const pairs = `SELECT DISTINCT s.sid::DOUBLE AS sid, i.item::DOUBLE AS item FROM pl_plays p JOIN pl_items i ON ${same} JOIN pl_servers s ON p.server = s.server`;
  const k = Number((await run(`SELECT count(*) FROM (${pairs}) AS c`))[0][0]);
  const [sid, item] = await readDoubles(con, `SELECT sid, item FROM (${pairs}) AS c ORDER BY sid, item`, 2, k);
  const offsets = new Int32Array(ids.length + 1);
  for (let r = 0; r < k; r++) offsets[sid[r] + 1]++;
  for (let j = 0; j < ids.length; j++) offsets[j + 1] += offsets[j];
  const items = itemsCatalog(rel.source, m, numeric, textCols);
  await run(`DROP TABLE pl_plays; DROP TABLE pl_items; DROP TABLE pl_servers`);
  return { source: rel.source, items, servers: { offsets, items: Int32Array.from(item) }, serverIds: ids, plays };
}
