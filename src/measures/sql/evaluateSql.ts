/**
 * The evaluator on the SQL engine: schemes in, one metrics row per scheme out, the same
 * `EvaluationResult` as `evaluate` with the same numbers (integers exactly, floats
 * within 1e-12 relative; docs/warehouse.md). The rows stay in the database: each scheme
 * is one grouping query there and a few hundred class-size totals back.
 *
 *   const relation = { dialect: "duckdb", from: "read_parquet('plays/*.parquet')", numeric: ["duration_ms"], text: [], source: "plays/*.parquet" };
 *   const { results } = await evaluateSql(relation, ["duration=round(1min)"], { memoryLimitBytes: 4e9 });
 *
 * The input is an `SqlRelation` (a Parquet glob, a DuckDB table, …) or a loaded
 * `Catalog`, which is first put into DuckDB (catalogTable.ts). DuckDB relations run in
 * an embedded DuckDB opened with the memory limit and a spill directory, closed after;
 * other dialects need `runner` (e.g. a ClickHouse connection).
 */
import type { Catalog } from "../../catalog/catalog.js";
import { catalogToDuckDb } from "../../engine/sql/catalogTable.js";
import { DuckDbRunner } from "../../engine/sql/duckdbRunner.js";
import type { SqlRunner } from "../../engine/sql/runner.js";
import { assertSchemeCompiles, assertSchemeFitsRelation } from "../../engine/sql/schemeSql.js";
import { classSizeTotals, relationTitles } from "../../engine/sql/sizeTotals.js";
import { UserError } from "../../base/errors.js";
import type { SqlRelation } from "../../sources/relation.js";
import { parseScheme } from "../../schemes/parse.js";
import type { Scheme } from "../../schemes/types.js";
import type { EvaluationResult, SchemeResult } from "../evaluate.js";
import { metricsFromSizes, riskThreshold, type MetricOptions } from "../metrics.js";

export interface SqlEvaluateOptions extends MetricOptions {
  /** The database to run in; default an embedded DuckDB (DuckDB relations and catalogs only). */
  runner?: SqlRunner;
  /** The embedded DuckDB's memory limit before it spills to its temporary directory. */
  memoryLimitBytes?: number;
  /** The embedded DuckDB's threads (default one per core). */
  threads?: number;
  /** Called after each scheme, e.g. to drive a progress bar. */
  onProgress?: (done: number, total: number) => void;
}

function isCatalog(input: SqlRelation | Catalog): input is Catalog {
  return (input as Catalog).titleCodes !== undefined;
}

export async function evaluateSql(input: SqlRelation | Catalog, schemes: Array<Scheme | string>, options: SqlEvaluateOptions = {}): Promise<EvaluationResult> {
  riskThreshold(options);
  const parsed = schemes.map((s) => (typeof s === "string" ? parseScheme(s) : s));
  const shape = isCatalog(input) ? catalogShape(input) : input;
  // everything that can be refused is refused before the database is opened
  for (const s of parsed) {
    assertSchemeFitsRelation(s, shape);
    assertSchemeCompiles(s);
  }
  if (!options.runner && shape.dialect !== "duckdb") {
    throw new UserError(`${shape.source} is read with ${shape.dialect} SQL, which needs a connection to that engine`);
  }
  if (options.runner && isCatalog(input)) throw new UserError("a loaded catalog is evaluated in the embedded DuckDB: leave out the runner");
  const own = options.runner ? undefined : await DuckDbRunner.open({ memoryLimitBytes: options.memoryLimitBytes, threads: options.threads });
  const runner = options.runner ?? own!;
  try {
    let relation: SqlRelation;
    let titles: number;
    let rows: number | undefined;
    if (isCatalog(input)) {
      relation = await catalogToDuckDb(own!, input);
      titles = input.titleNames.length;
      rows = input.rows;
    } else {
      relation = input;
      // e.g. attaching the DuckDB database file a table relation reads (read-only)
      for (const statement of relation.setup ?? []) await runner.query(statement);
      titles = await relationTitles(runner, relation);
    }
    const results: SchemeResult[] = [];
    for (const scheme of parsed) {
      const totals = await classSizeTotals(runner, relation, scheme);
      results.push({ scheme, ...metricsFromSizes(totals, titles, options) });
      options.onProgress?.(results.length, parsed.length);
    }
    rows ??= results.length > 0 ? results[0].metrics.rows : await relationRows(runner, relation);
    return { catalog: { source: relation.source, rows, titles }, results };
  } finally {
    await own?.close();
  }
}

/** The relation a catalog becomes (its fields), for checking schemes before DuckDB opens. */
function catalogShape(catalog: Catalog): Pick<SqlRelation, "dialect" | "numeric" | "text" | "source"> {
  return {
    dialect: "duckdb",
    numeric: Object.keys(catalog.numeric) as SqlRelation["numeric"],
    text: Object.keys(catalog.text) as SqlRelation["text"],
    source: catalog.source,
  };
}

async function relationRows(runner: SqlRunner, relation: SqlRelation): Promise<number> {
  const [row] = await runner.query(`SELECT count(*) AS n FROM ${relation.from} AS src`);
  return Number(row.n);
}
