/**
 * A ClickHouse table as a catalog that stays on the server: a `SqlRelation` in ClickHouse's
 * dialect whose SELECT turns the table's columns into the catalog's fields, under the same
 * rules a loader applies to a file, so the SQL engine computes the numbers the in-memory
 * engine would on the same rows.
 *
 * Columns are found by the same detection as for CSV (`duration_ms`, `seconds`, `bitrate`,
 * …) or named with `--map`, e.g. `--map "title=name+artist,duration=secs:s,bitrate=bps:bps"`.
 * The rules, in ClickHouse SQL:
 *  - title: the column's text, trimmed; several columns are trimmed, empty parts dropped,
 *    and joined with " — " (as `joinTitleParts`); an empty title makes the row invalid;
 *  - numbers: a numeric column (Int*, UInt*, Float*, Decimal*, possibly Nullable) converted to
 *    Float64 and to internal units by one exact step, `x * 60000` for minutes or `x / 1000`
 *    for bit/s; NULL and NaN are missing, 0 is "unknown" (NULL), a negative or infinite
 *    value makes the row invalid. A text column under a numeric field is refused (its
 *    units would need parsing row by row): convert it on the server, or export a file;
 *  - bitrate: when size and duration are both present, a missing bitrate is 8·size/duration
 *    (`deriveBitrateFromSize`), the same IEEE operations as the loader;
 *  - codec, container: the column's text, '' = missing.
 * Invalid rows fail the open with one line (how many, for what), or with `skipInvalid` are
 * left out of the relation and counted by reason.
 *
 * Exactness: integers travel and convert exactly. A fractional value in a unit other than
 * the internal one (1.001 s) is scaled by one IEEE multiplication (1000.9999999999999 ms),
 * where a CSV loader shifts the decimal point of the text (1001 ms); store such columns in
 * internal units (ms, kbps, bytes) when results must match a file load bit for bit.
 *
 * Example: columns (name String, secs UInt32, kbps Float64) with --map "title=name,duration=secs:s"
 * and `kbps` detected give
 *   SELECT r_title AS title, duration_ms, bitrate_kbps FROM (SELECT replaceRegexpAll(toString(`name`), '<trim>', '') AS r_title,
 *     ifNull(toFloat64(`secs`) * 1000, nan) AS r_duration_ms, … ) WHERE …
 */
import { NUMERIC_FIELDS, type NumericField, type TextField } from "../../catalog/catalog.js";
import { unitScale, type UnitKind } from "../../catalog/units.js";
import { UserError } from "../../base/errors.js";
import { NUMERIC_MAP_FIELDS, TEXT_MAP_FIELDS } from "../catalogBuilder.js";
import { detectFieldMap } from "../table/detect.js";
import { parseFieldMap, type FieldMap, type MapField } from "../table/fieldMap.js";
import type { SqlRelation } from "../relation.js";
import { ClickHouseConnection } from "./clickhouseConnection.js";
import { parseClickHouseUrl, type ClickHouseTarget } from "./clickhouseUrl.js";
import { RE2_UNTRIMMED } from "../../base/jsWhiteSpace.js";
import { clickhouseTrim, quoteString } from "./clickhouseText.js";

export interface ClickHouseColumn {
  name: string;
  type: string;
}


/** A column name quoted for ClickHouse (backticks, inner backticks and backslashes escaped). */
export function quoteIdentifier(name: string): string {
  return "`" + name.replace(/\\/g, "\\\\").replace(/`/g, "\\`") + "`";
}


/** The type under Nullable(…) / LowCardinality(…). */
function baseType(type: string): string {
  const m = /^(?:Nullable|LowCardinality)\((.*)\)$/.exec(type);
  return m ? baseType(m[1]) : type;
}

/** Whether a column type (Nullable/LowCardinality unwrapped) holds numbers. */
export function isNumericType(type: string): boolean {
  return /^(U?Int(8|16|32|64|128|256)|Float(32|64)|Decimal(32|64|128|256)?\(.*\))$/.test(baseType(type));
}

/**
 * `x` scaled to internal units in one exact-as-possible step: an integral factor multiplies,
 * a factor below 1 divides by a power of ten (bit/s → kbps is `x / 1000`, not `x * 0.001`).
 */
export function scaleSql(x: string, kind: UnitKind, unit: string): string {
  const { mantissa, exponent } = unitScale(kind, unit);
  if (exponent >= 0) {
    const factor = mantissa * 10 ** exponent;
    return factor === 1 ? x : `${x} * ${factor}`;
  }
  const scaled = mantissa === 1 ? x : `(${x} * ${mantissa})`;
  return `${scaled} / ${10 ** -exponent}`;
}

export interface RelationPlan {
  relation: SqlRelation;
  /**
   * Counts of invalid rows by reason (loader's names), as one SELECT of the table: `count()` as
   * `rows`, `untrimmed_titles` (rows whose title parts trimming changes), then one column per reason.
   */
  checkSql: string;
  /** Reason per check column of `checkSql` (after `rows`). */
  reasons: { column: string; reason: string; detail: string }[];
}

/**
 * Plan the relation for `db.table` with these columns: the SELECT, the fields it yields, and
 * the query that counts invalid rows. Throws UserError for a missing or unusable column.
 */
export function planClickHouseRelation(
  target: ClickHouseTarget,
  columns: readonly ClickHouseColumn[],
  userMap: FieldMap = {},
  skipInvalid = false,
  /** Trim title parts; false when the check found none that needs it (a regex per row saved). */
  trimTitles = true,
): RelationPlan {
  const where = target.display;
  const table = `${quoteIdentifier(target.database)}.${quoteIdentifier(target.table)}`;
  const header = columns.map((c) => c.name);
  const typeOf = new Map(columns.map((c) => [c.name, c.type]));
  const map = detectFieldMap(header, userMap);
  const listing = () => columns.map((c) => `${c.name} ${c.type}`).join(", ");
  const column = (field: MapField, name: string): string => {
    if (!typeOf.has(name)) throw new UserError(`${where}: no column "${name}" (for ${field}) in ${target.database}.${target.table}; its columns: ${listing()}`);
    return name;
  };
  if (!map.title) throw new UserError(`${where}: no title column found; name one with --map title=COLUMN (its columns: ${listing()})`);
  if (map.resolution) {
    throw new UserError(`${where}: resolution=${map.resolution.columns[0]} is one text column; a ClickHouse table needs numeric width and height columns (--map width=COLUMN,height=COLUMN)`);
  }

  const textOf = (name: string) => {
    const q = quoteIdentifier(name);
    return typeOf.get(name)!.startsWith("Nullable(") ? `ifNull(toString(${q}), '')` : `toString(${q})`;
  };
  const titleCols = map.title.columns.map((c) => column("title", c));
  const trim = (sql: string) => (trimTitles ? clickhouseTrim(sql) : sql);
  const titleSql =
    titleCols.length === 1 ? trim(textOf(titleCols[0])) : `arrayStringConcat(arrayFilter(p -> p != '', [${titleCols.map((c) => trim(textOf(c))).join(", ")}]), ' — ')`;

  // Inner aliases never repeat a column name: ClickHouse resolves a name to a same-level
  // alias before a column, so `… AS title` would make every later `title` the trimmed one.
  const inner: string[] = [`${titleSql} AS r_title`];
  /** Each inner alias's expression, for the same fields written over the table alone (`RelationTable`). */
  const rawSql = new Map<string, string>([["r_title", titleSql]]);
  const reasons: RelationPlan["reasons"] = [{ column: "empty_title", reason: "empty title", detail: `the title (${titleCols.join("+")}) is empty` }];
  const untrimmed = titleCols.map((c) => `match(${textOf(c)}, ${quoteString(RE2_UNTRIMMED)})`).join(" OR ");
  const checks: string[] = [`countIf(r_title = '') AS empty_title`, `sum(r_untrimmed) AS untrimmed_titles`];
  const invalid: string[] = [`r_title = ''`];
  const present = new Map<NumericField, string>();
  for (const info of NUMERIC_MAP_FIELDS) {
    const ref = map[info.name];
    if (!ref) continue;
    const name = column(info.name, ref.columns[0]);
    const type = typeOf.get(name)!;
    if (!isNumericType(type)) {
      throw new UserError(`${where}: column "${name}" (${info.name}) is ${type}, not a number; the SQL engine reads ${info.name} from a numeric column (convert it on the server, or export the table to a file)`);
    }
    if (info.kind && ref.unit === undefined) {
      throw new UserError(`${where}: column "${name}" holds bare numbers: declare its unit, e.g. --map ${info.name}=${name}:${info.kind === "duration" ? "s" : info.kind === "bitrate" ? "kbps" : "B"}`);
    }
    const x = `toFloat64(${quoteIdentifier(name)})`;
    const raw = `r_${info.field}`;
    rawSql.set(raw, `ifNull(${info.kind ? scaleSql(x, info.kind, ref.unit!) : x}, nan)`);
    inner.push(`${rawSql.get(raw)} AS ${raw}`);
    present.set(info.field, raw);
    const from = `column "${name}"${ref.unit ? ` (${ref.unit})` : ""}`;
    checks.push(`countIf(${raw} < 0) AS negative_${info.field}`, `countIf(isInfinite(${raw})) AS nonfinite_${info.field}`);
    reasons.push(
      { column: `negative_${info.field}`, reason: `negative ${info.field}`, detail: `${info.field} from ${from} is negative` },
      { column: `nonfinite_${info.field}`, reason: `non-finite ${info.field}`, detail: `${info.field} from ${from} is not finite` },
    );
    invalid.push(`${raw} < 0`, `isInfinite(${raw})`);
  }
  const text: TextField[] = [];
  for (const field of TEXT_MAP_FIELDS) {
    const ref = map[field];
    if (!ref) continue;
    const textSql = `nullIf(${textOf(column(field, ref.columns[0]))}, '')`;
    inner.push(`${textSql} AS ${field}`);
    rawSql.set(field, textSql);
    text.push(field);
  }

  // The catalog's fields: 0 and NaN read as missing (NULL); bitrate derived from size.
  // `at` reads an inner alias: by its name in the nested SELECT, as its expression over the table.
  const fieldsSql = (at: (raw: string) => string) => {
    const value = (raw: string) => `if(isNaN(${at(raw)}) OR ${at(raw)} = 0, NULL, ${at(raw)})`;
    const fields: [field: string, sql: string][] = [["title", at("r_title")]];
    const dur = present.get("duration_ms");
    const size = present.get("size_bytes");
    for (const field of NUMERIC_FIELDS) {
      const raw = present.get(field);
      if (field === "bitrate_kbps" && dur && size) {
        const derived = `if(${at(size)} > 0 AND ${at(dur)} > 0, (8 * ${at(size)}) / ${at(dur)}, NULL)`;
        fields.push([field, raw ? `ifNull(${value(raw)}, ${derived})` : derived]);
      } else if (raw) fields.push([field, value(raw)]);
    }
    for (const field of text) fields.push([field, at(field)]);
    return fields;
  };
  const nested = fieldsSql((raw) => raw);
  const numeric = nested.map(([f]) => f).filter((f): f is NumericField => (NUMERIC_FIELDS as readonly string[]).includes(f));
  const outer = nested.map(([f, sql]) => (sql === f ? f : `${sql} AS ${f}`));
  const overTable = (raw: string) => `(${rawSql.get(raw)})`;
  const filter = skipInvalid ? ` WHERE NOT (${invalid.join(" OR ")})` : "";
  const source = `SELECT ${inner.join(", ")} FROM ${table}`;
  return {
    relation: {
      dialect: "clickhouse",
      from: `(SELECT ${outer.join(", ")} FROM (${source})${filter})`,
      numeric,
      text,
      source: target.display,
      table: {
        name: table,
        fields: Object.fromEntries(fieldsSql(overTable)),
        where: skipInvalid ? `NOT (${invalid.map((c) => c.replace(/\br_[a-z_]+\b/g, overTable)).join(" OR ")})` : undefined,
      },
    },
    checkSql: `SELECT count() AS rows, ${checks.join(", ")} FROM (SELECT ${inner.join(", ")}, ${untrimmed} AS r_untrimmed FROM ${table})`,
    reasons,
  };
}

export interface ClickHouseRelationOptions {
  /** A map spec or parsed map, as for CSV; fields not named are detected from column names. */
  map?: string | FieldMap;
  /** Leave invalid rows out (counted by reason) instead of failing. */
  skipInvalid?: boolean;
  /** Where CLICKHOUSE_USER / CLICKHOUSE_PASSWORD come from (process.env by default). */
  env?: NodeJS.ProcessEnv;
  /** Told, one line each, how the open went (rows, rows left out). */
  onNote?: (text: string) => void;
}

export interface ClickHouseSource {
  relation: SqlRelation;
  /** The open connection the relation is read through; close it when done. */
  connection: ClickHouseConnection;
  /** Valid rows in the relation. */
  rows: number;
  /** Rows left out with `skipInvalid`, by reason. */
  rejected: Record<string, number>;
}

/**
 * Open `clickhouse://…/db.table` as a relation: read the table's columns, plan the SELECT,
 * count invalid rows (failing on the first reason found unless `skipInvalid`). The URL and
 * the map are checked before anything is sent.
 */
export async function openClickHouseRelation(source: string, options: ClickHouseRelationOptions = {}): Promise<ClickHouseSource> {
  const target = parseClickHouseUrl(source, options.env);
  const userMap = typeof options.map === "string" ? parseFieldMap(options.map) : (options.map ?? {});
  const connection = new ClickHouseConnection(target);
  try {
    const columns = await connection.query<{ name: string; type: string }>(`DESCRIBE TABLE ${quoteIdentifier(target.database)}.${quoteIdentifier(target.table)}`);
    let plan = planClickHouseRelation(target, columns, userMap, options.skipInvalid);
    const [counts] = await connection.query<Record<string, number>>(plan.checkSql);
    // No title needs trimming (the usual case): every later scan reads the titles as they are.
    if (Number(counts.untrimmed_titles) === 0) plan = planClickHouseRelation(target, columns, userMap, options.skipInvalid, false);
    const rejected: Record<string, number> = {};
    let bad = 0;
    for (const r of plan.reasons) {
      const n = Number(counts[r.column]);
      if (n === 0) continue;
      if (!options.skipInvalid) {
        throw new UserError(`${target.display}: ${n} row${n === 1 ? "" : "s"} with ${r.detail} — fix the table or pass --skip-invalid to skip such rows`);
      }
      rejected[r.reason] = n;
      bad += n;
    }
    // A row may be invalid for several reasons: count the rows kept directly.
    const rows = bad === 0 ? Number(counts.rows) : Number((await connection.query<{ n: number }>(`SELECT count() AS n FROM ${plan.relation.from}`))[0].n);
    if (rows === 0) throw new UserError(`${target.display}: no rows${bad > 0 ? " left after skipping invalid ones" : ""}`);
    options.onNote?.(`${target.display}: ${rows} rows${bad > 0 ? `, skipped ${Object.entries(rejected).map(([k, v]) => `${v} ${k}`).join(", ")}` : ""}`);
    return { relation: { ...plan.relation, rows: Number(counts.rows), rejected }, connection, rows, rejected };
  } catch (e) {
    await connection.close();
    throw e;
  }
}
