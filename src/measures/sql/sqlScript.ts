/**
 * What `fprisk sql` prints: for one scheme over a table of the relation's columns, the
 * class-size totals query (exact counts; what fprisk's own engines run) and the query
 * finishing the metrics in SQL from the same totals, in the dialect asked for.
 *
 *   sqlScript("trino", "telemetry.plays", parseScheme("duration=round(1min)"), ["rows", "kappa"])
 *   // -- duration=round(1min) on telemetry.plays (trino) …
 *   // SELECT class_size, count(*) AS classes, … ;
 *   // SELECT sum(class_size * classes) AS rows, … ;
 *
 * The table must have a `title` column and the catalog fields the scheme reads under
 * their catalog names and internal units (duration_ms, bitrate_kbps, width, height,
 * size_bytes, fps; codec and container as text), NULL where missing. quantile(K) is
 * refused: its thresholds are fitted on the data, which printing does not read.
 */
import { NUMERIC_FIELDS, TEXT_FIELDS } from "../../catalog/catalog.js";
import { UserError } from "../../base/errors.js";
import { classesFrom, classSizesSql, exposedTitlesSql, titleCountSql } from "../../engine/sql/classQueries.js";
import { dialectOf, type SqlDialect } from "../../engine/sql/dialect.js";
import { compileSchemeSql, fittedParts } from "../../engine/sql/schemeSql.js";
import type { SqlRelation } from "../../sources/relation.js";
import { formatScheme } from "../../schemes/format.js";
import { generalizerOf } from "../../schemes/generalizers/registry.js";
import type { Scheme } from "../../schemes/types.js";
import type { MetricKey } from "../metrics.js";
import { metricsSql } from "./metricSql.js";

const TABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*){0,2}$/;

/** The relation `fprisk sql` assumes: the named table with every catalog column. */
export function tableRelation(dialect: SqlDialect, table: string): SqlRelation {
  if (!TABLE_NAME.test(table)) throw new UserError(`--table takes a table name such as telemetry.plays (letters, digits, _ and up to two dots), not "${table}"`);
  return { dialect, from: table, numeric: [...NUMERIC_FIELDS], text: [...TEXT_FIELDS], source: table };
}

/** Refuses a scheme the printed SQL cannot express, before anything is printed. */
export function assertPrintable(scheme: Scheme): void {
  const [fitted] = fittedParts(scheme);
  if (fitted) {
    const text = generalizerOf(fitted.generalizer).format(fitted.generalizer, fitted.attribute);
    throw new UserError(`${fitted.attribute}=${text} is fitted on the data, which fprisk sql does not read: use ladder(…) with fixed thresholds, or evaluate with --engine duckdb`);
  }
}

export function sqlScript(dialect: SqlDialect, table: string, scheme: Scheme, metrics: readonly MetricKey[]): string {
  const relation = tableRelation(dialect, table);
  assertPrintable(scheme);
  const compiled = compileSchemeSql(scheme, relation);
  const classes = classesFrom(relation, compiled);
  const sizes = classSizesSql(classes);
  const d = dialectOf(dialect);
  const finished = metricsSql(metrics, `(${sizes})`, {
    d,
    n: `(SELECT count(*) FROM ${relation.from} AS src)`,
    titles: `(${titleCountSql(relation)})`,
    exposedTitles: `(${exposedTitlesSql(classes)})`,
  });
  return [
    `-- ${formatScheme(scheme)} on ${table} (${dialect})`,
    "-- Class-size totals, exact counts: per class size, the classes, those with one title, Σ titles and Σ (rows per title)² over them.",
    `${sizes};`,
    "",
    `-- The metrics, finished in SQL from the same totals: ${metrics.join(", ")}.`,
    `${finished};`,
    "",
  ].join("\n");
}
