/**
 * How a warehouse table's typed columns become catalog fields, written once as SQL and
 * once as the loader's own row rules, which must agree:
 *
 *  - the map is the CSV loader's (`--map`, else detection from column names: detect.ts),
 *    and a number column needs a unit from its name or the map, as a CSV column does;
 *  - a field that is a number (duration, bitrate, size, width, height, fps) must come from
 *    a number column; text there is refused before anything is read ("column "seconds"
 *    (mapped to duration) is VARCHAR"), since the SQL engine cannot parse "92 min";
 *  - `resolution` is a text column ("1920x1080", "1080p", "4K"), parsed in SQL as
 *    units.ts's parseResolution parses it;
 *  - units are applied as units.ts's applyScale applies them: the number's shortest
 *    decimal form shifted by the unit's power of ten, then times its mantissa, so that
 *    1.001 s is 1001 ms exactly. Integers take the exact product or quotient, others the
 *    decimal shift through DuckDB's shortest round-trip text, the digits JavaScript prints;
 *  - then the rules every source shares (catalogAssembler.ts): 0 = unknown (NULL), NaN in
 *    a unit column is invalid ("non-finite duration_ms"), a negative or infinite value is
 *    invalid, an empty title is invalid; the first reason in the loader's order is the row's.
 *
 * `loadColumns` are the same columns for the loader, which hands each row to the CSV
 * loader's CatalogBuilder, so a Parquet file gives the catalog the same rows as CSV give.
 *
 * Example: columns name VARCHAR, seconds DOUBLE, kbps INTEGER, auto-detected:
 *   title        = trim(CAST("name" AS VARCHAR))                         (JavaScript's trim)
 *   duration_ms  = CASE WHEN r = 0 OR NOT isfinite(r) THEN r
 *                       WHEN r = trunc(r) AND abs(r * 1e3) <= 2^53 - 1 THEN r * 1e3
 *                       ELSE CAST(<shortest text of r, exponent + 3> AS DOUBLE) END
 *   reason       = CASE WHEN title = '' THEN 'empty title' WHEN NOT isfinite(seconds) THEN 'non-finite duration_ms' … END
 */
import type { NumericField, TextField } from "../../catalog/catalog.js";
import { NUMERIC_FIELDS, TEXT_FIELDS } from "../../catalog/catalog.js";
import { unitScale, type UnitScale } from "../../catalog/units.js";
import { UserError } from "../../base/errors.js";
import { NUMERIC_MAP_FIELDS } from "../catalogBuilder.js";
import { checkMapAgainstHeader, detectFieldMap } from "../table/detect.js";
import type { FieldMap } from "../table/fieldMap.js";
import { RE2_WHITE_SPACE } from "../../base/jsWhiteSpace.js";
import { duckdbTrim } from "../sqlTrim.js";
import { sqlIdent, sqlString, type WarehouseColumn } from "./warehouseScan.js";

export interface WarehousePlan {
  /** The resolved map (detection filled in). */
  map: FieldMap;
  /** The columns the loader reads, in order: its "header". */
  header: string[];
  /** SQL for each header column, cast so the loader's parsers see what a CSV cell would say. */
  loadColumns: string[];
  /** The relation's fields, in NUMERIC_FIELDS / TEXT_FIELDS order. */
  numeric: NumericField[];
  text: TextField[];
  /** Every source row with its fields in internal units (0 kept), `reason` (NULL = valid), `__file`, `__row`. */
  checked(from: string): string;
  /** The relation: valid rows only, 0 and NaN as NULL, the SqlRelation's columns. */
  relation(from: string): string;
  /**
   * Every row as the catalog assembler takes it: title, the numbers in the assembler's
   * column order (0 kept, NULL = missing), the texts ('' = missing), reason, __file, __row.
   */
  assemblerRows(from: string): string;
  /** How many numbers and texts `assemblerRows` gives per row. */
  numbers: number;
  texts: number;
}

/** JavaScript's \s (the characters its trim removes), as an RE2 class. */
const SPACE_CLASS = RE2_WHITE_SPACE;
/** The characters units.ts's isMissing trims: code points up to 32. */
const CONTROL_SPACE = Array.from({ length: 32 }, (_, i) => String.fromCharCode(i + 1)).join("");

/** JavaScript's trim (sources/sqlTrim.ts). */
const jsTrim = duckdbTrim;
const text = (col: string) => `CAST(${sqlIdent(col)} AS VARCHAR)`;

/** CatalogBuilder's missing cell: NULL, or (trimmed) "", NA, null, N/A, \N. */
const missingCell = (x: string) => `(${x} IS NULL OR ${jsTrim(x)} IN ('', 'NA', 'null', 'N/A', '\\N'))`;

/** Types DuckDB converts to DOUBLE exactly (correctly rounded for BIGINT). */
const EXACT_TO_DOUBLE = new Set(["TINYINT", "SMALLINT", "INTEGER", "BIGINT", "UTINYINT", "USMALLINT", "UINTEGER", "DOUBLE"]);
/** Types read through their text: FLOAT as the decimal it prints, wide integers and decimals exactly. */
const VIA_TEXT = /^(FLOAT|REAL|UBIGINT|HUGEINT|UHUGEINT|DECIMAL(\(.*\))?)$/;

function numberType(type: string): "exact" | "text" | undefined {
  if (EXACT_TO_DOUBLE.has(type)) return "exact";
  if (VIA_TEXT.test(type)) return "text";
  return undefined;
}

const MAX_SAFE = "9007199254740991";

/** Decimal places tried by scaleSql's fast path before it falls back to text. */
const FAST_DECIMALS = 6;

/**
 * `x` (DOUBLE) times the unit's factor, exactly as units.ts's applyScale: the double
 * nearest to (x's shortest decimal) · 10^exponent, times the mantissa.
 *
 * Integers take one exact multiplication (below 2^53) or one correctly rounded division,
 * as applyScale does. A number with d ≤ 6 decimals takes the fast path: t = round(x · 10^d)
 * is its digits if |t| < 10^15 and t / 10^d gives x back — two decimals of at most 15
 * significant digits that round to one double are equal, so t · 10^−d is x's shortest
 * decimal — and the result is t · 10^(exponent−d) or t / 10^(d−exponent), one correctly
 * rounded operation on exact operands. Anything else shifts the exponent of its shortest
 * text (DuckDB prints the digits JavaScript prints) and parses it back. Example, seconds
 * to ms (exponent 3): 170.5 → d = 1, t = 1705, 1705 · 10^2 = 170500; 0.1 → 1 · 10^2 = 100,
 * where 0.1 · 1000 in floating point is 100.00000000000001.
 */
export function scaleSql(x: string, scale: UnitScale): string {
  const { mantissa, exponent } = scale;
  const times = (y: string) => (mantissa === 1 ? y : `(${y} * ${mantissa}::DOUBLE)`);
  if (exponent === 0) return times(x);
  const s = `CAST(${x} AS VARCHAR)`;
  const exp = `coalesce(TRY_CAST(NULLIF(split_part(${s}, 'e', 2), '') AS INTEGER), 0)`;
  const shift = `CAST(split_part(${s}, 'e', 1) || 'e' || CAST(${exp} + ${exponent} AS VARCHAR) AS DOUBLE)`;
  const pow = (k: number) => `1e${k}::DOUBLE`;
  const integer =
    exponent > 0 && exponent < 23
      ? `WHEN ${x} = trunc(${x}) AND abs(${x} * ${pow(exponent)}) <= ${MAX_SAFE} THEN ${x} * ${pow(exponent)} `
      : exponent < 0 && -exponent < 23
        ? `WHEN ${x} = trunc(${x}) THEN ${x} / ${pow(-exponent)} `
        : "";
  let fast = "";
  for (let d = 1; d <= FAST_DECIMALS; d++) {
    const t = `round(${x} * ${pow(d)})`;
    const k = exponent - d;
    if (Math.abs(k) >= 23) continue;
    fast += `WHEN abs(${x}) < ${pow(15 - d)} AND ${t} / ${pow(d)} = ${x} THEN ${k >= 0 ? `${t} * ${pow(k)}` : `${t} / ${pow(-k)}`} `;
  }
  return times(`(CASE WHEN ${x} = 0 OR NOT isfinite(${x}) THEN ${x} ${integer}${fast}ELSE ${shift} END)`);
}

/** The pattern of units.ts's WXH and SCAN_LINES with JavaScript's \s, in RE2 syntax. */
const WXH = `^([0-9]+)${SPACE_CLASS}*[x×X*]${SPACE_CLASS}*([0-9]+)$`;
const SCAN_LINES = `^([0-9]+)${SPACE_CLASS}*[pPiI]$`;

/** width, height and "unparsable" of a resolution text, as parseResolution (after CatalogBuilder's missing-cell check). */
function resolutionSql(raw: string): { width: string; height: string; bad: string } {
  const t = jsTrim(raw);
  const missing = `(${missingCell(raw)} OR lower(trim(${raw}, ${sqlString(CONTROL_SPACE)})) IN ('', 'na', 'n/a', 'nan', 'null'))`;
  const group = (pattern: string, g: number) => `CAST(regexp_extract(${t}, ${sqlString(pattern)}, ${g}) AS DOUBLE)`;
  const isWxh = `regexp_matches(${t}, ${sqlString(WXH)})`;
  const isLines = `regexp_matches(${t}, ${sqlString(SCAN_LINES)})`;
  const zero = `(${group(WXH, 1)} = 0 AND ${group(WXH, 2)} = 0)`;
  const named = (w: string, h: string) =>
    `WHEN lower(${t}) IN ('4k', 'uhd') THEN ${w === "w" ? "3840" : "2160"} WHEN lower(${t}) = '8k' THEN ${w === "w" ? "7680" : "4320"} WHEN lower(${t}) = 'sd' THEN ${h}`;
  const width = `CASE WHEN ${missing} THEN NULL WHEN ${isWxh} THEN CASE WHEN ${zero} THEN NULL ELSE ${group(WXH, 1)} END ${named("w", "NULL")} END::DOUBLE`;
  const height = `CASE WHEN ${missing} THEN NULL WHEN ${isWxh} THEN CASE WHEN ${zero} THEN NULL ELSE ${group(WXH, 2)} END WHEN ${isLines} THEN ${group(SCAN_LINES, 1)} ${named("h", "480")} END::DOUBLE`;
  const bad = `(NOT ${missing} AND NOT ${isWxh} AND NOT ${isLines} AND lower(${t}) NOT IN ('4k', 'uhd', '8k', 'sd'))`;
  return { width, height, bad };
}

interface NumericPart {
  field: NumericField;
  /** The raw value as DOUBLE (NULL = not recorded). */
  raw: string;
  /** The unit's scale to internal units, if any. */
  scale?: UnitScale;
  /**
   * A non-finite raw value is invalid, not missing: in unit fields (duration, bitrate, size),
   * and in any field read through text ("nan", "inf"), as CatalogBuilder's cell parsers decide.
   */
  nonFiniteInvalid: boolean;
}

/**
 * The plan for a table with `columns`, under the user's map (detection fills the rest).
 * `file` names the source in messages. Refuses, before any row is read: a mapped column
 * that is not there, a number field from a column that holds no numbers, a number
 * column without a unit.
 */
export function planWarehouse(columns: WarehouseColumn[], userMap: FieldMap | undefined, file: string): WarehousePlan {
  const names = columns.map((c) => c.name);
  const typeOf = new Map(columns.map((c) => [c.name, c.type]));
  const map = detectFieldMap(names, userMap);
  checkMapAgainstHeader(map, names, file, "its columns");
  if (map.resolution && (map.width || map.height)) throw new UserError(`--map: give either resolution or width/height, not both`);

  const header: string[] = [];
  const loadColumns: string[] = [];
  const use = (col: string, sql: string) => {
    if (!header.includes(col)) {
      header.push(col);
      loadColumns.push(sql);
    }
  };
  const title = map.title!.columns;
  for (const c of title) use(c, text(c));
  const titleSql =
    title.length === 1 ? `coalesce(${jsTrim(text(title[0]))}, '')` : `coalesce(concat_ws(' — ', ${title.map((c) => `NULLIF(${jsTrim(text(c))}, '')`).join(", ")}), '')`;

  const parts: NumericPart[] = [];
  for (const f of NUMERIC_MAP_FIELDS) {
    const ref = map[f.name];
    if (!ref) continue;
    const col = ref.columns[0];
    const type = typeOf.get(col)!;
    const kind = numberType(type);
    if (!kind) {
      throw new UserError(`${file}: column "${col}" (mapped to ${f.name}) is ${type}; ${f.name} needs a number column (integer, floating point or decimal)`);
    }
    let scale: UnitScale | undefined;
    if (f.kind) {
      if (ref.unit === undefined || ref.unit.trim() === "") {
        throw new UserError(`${file}: column "${col}" (${f.name}) holds plain numbers but its unit is unknown; declare it, e.g. --map "${f.name}=${col}:${f.kind === "duration" ? "s" : f.kind === "bitrate" ? "kbps" : "B"}"`);
      }
      scale = unitScale(f.kind, ref.unit);
    }
    const raw = kind === "exact" ? `CAST(${sqlIdent(col)} AS DOUBLE)` : `CAST(${text(col)} AS DOUBLE)`;
    use(col, kind === "exact" ? `CAST(${sqlIdent(col)} AS DOUBLE)` : text(col));
    parts.push({ field: f.field, raw, scale, nonFiniteInvalid: f.kind !== undefined || kind === "text" });
  }
  let resolution: ReturnType<typeof resolutionSql> | undefined;
  if (map.resolution) {
    const col = map.resolution.columns[0];
    const type = typeOf.get(col)!;
    if (type !== "VARCHAR") {
      throw new UserError(`${file}: column "${col}" (mapped to resolution) is ${type}; resolution needs a text column ("1920x1080", "1080p"); map number columns to width and height`);
    }
    use(col, text(col));
    resolution = resolutionSql(sqlIdent(col));
    parts.push({ field: "width", raw: resolution.width, nonFiniteInvalid: false }, { field: "height", raw: resolution.height, nonFiniteInvalid: false });
  }
  const textFields: { field: TextField; col: string }[] = [];
  for (const f of TEXT_FIELDS) {
    const ref = map[f];
    if (!ref) continue;
    use(ref.columns[0], text(ref.columns[0]));
    textFields.push({ field: f, col: ref.columns[0] });
  }

  // Layer 1: title, raw numbers and texts. Layer 2: values in internal units and the reason.
  const v = (k: number) => `v${k}`;
  const layer1 = (from: string) =>
    `SELECT ${[
      `${titleSql} AS title`,
      ...parts.map((p, k) => `${p.raw} AS r${k}`),
      ...(resolution ? [`${resolution.bad} AS r_bad`] : []),
      ...textFields.map((t) => `CASE WHEN ${missingCell(text(t.col))} THEN NULL ELSE ${text(t.col)} END AS ${t.field}`),
      "__file",
      "__row",
    ].join(", ")} FROM ${from}`;
  const reasons: string[] = [`WHEN title = '' THEN 'empty title'`];
  parts.forEach((p, k) => {
    if (p.nonFiniteInvalid) reasons.push(`WHEN NOT isfinite(r${k}) THEN 'non-finite ${p.field}'`);
  });
  if (resolution) reasons.push(`WHEN r_bad THEN 'invalid resolution'`);
  parts.forEach((p, k) => reasons.push(`WHEN isinf(${v(k)}) THEN 'non-finite ${p.field}' WHEN ${v(k)} < 0 THEN 'negative ${p.field}'`));
  const layer2 = (from: string) =>
    `SELECT *, ${parts.map((p, k) => `${p.scale ? scaleSql(`r${k}`, p.scale) : `r${k}`} AS ${v(k)}`).join(", ")} FROM (${layer1(from)})`;
  const checked = (from: string) => `SELECT *, CASE ${reasons.join(" ")} END AS reason FROM (${layer2(from)})`;

  // The relation: valid rows, 0 (unknown) and NaN (width, height, fps) as NULL, and a
  // missing bitrate derived from size and duration as makeCatalog derives it.
  const known = (k: number) => `CASE WHEN ${v(k)} = 0 OR isnan(${v(k)}) THEN NULL ELSE ${v(k)} END`;
  const byField = new Map(parts.map((p, k) => [p.field, known(k)]));
  const size = byField.get("size_bytes");
  const duration = byField.get("duration_ms");
  if (size && duration) {
    const derived = `CASE WHEN (${size}) > 0 AND (${duration}) > 0 THEN (8 * (${size})) / (${duration}) END`;
    const given = byField.get("bitrate_kbps");
    byField.set("bitrate_kbps", given ? `coalesce(${given}, ${derived})` : derived);
  }
  const numeric = NUMERIC_FIELDS.filter((f) => byField.has(f));
  const textOut = TEXT_FIELDS.filter((f) => textFields.some((t) => t.field === f));
  const relation = (from: string) =>
    `SELECT title, ${numeric.map((f) => `${byField.get(f)} AS ${f}`).join(", ")}${textOut.map((t) => `, ${t}`).join("")} FROM (${checked(from)}) WHERE reason IS NULL`;

  const assemblerRows = (from: string) =>
    `SELECT title, ${parts.map((_, k) => v(k)).join(", ")}${textFields.map((t) => `, coalesce(${t.field}, '')`).join("")}, reason, __file, __row FROM (${checked(from)})`;

  return { map, header, loadColumns, numeric, text: textOut, checked, relation, assemblerRows, numbers: parts.length, texts: textFields.length };
}
