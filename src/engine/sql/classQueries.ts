/**
 * The queries behind every metric, from per-(class, title) counts. The class key of a
 * row is its tuple of part keys (schemeSql.ts); three nested levels of GROUP BY then
 * give, per class size f, exact integer totals that the metrics need:
 *
 *   titleCounts   per (class, title): cnt = rows of that title in that class (c)
 *   classes       per class: class_size f = Σ c, class_titles d = #titles,
 *                 title_squares = Σ c², first_title = a title (THE title when d = 1)
 *   classSizes    per class size f: classes, single_title_classes (#classes with d = 1),
 *                 title_sum (Σ d), square_sum (Σ Σ c²)
 *   exposedTitles #distinct titles with a row in a class with d = 1
 *   titleCount    #distinct titles of the relation
 *
 * Every number here is a count or a sum of counts, so it is exact in any engine and any
 * summation order; the floating-point metrics are finished from them in JS
 * (measures/metrics.ts `metricsFromSizes`), the same way for every engine. A class-size
 * table has at most √(2n) rows (the sizes are distinct and sum to at most n).
 *
 * Example: titles [A, A, B, C] in classes [x, x, x, y] → titleCounts (x,A,2) (x,B,1)
 * (y,C,1); classes (f 3, d 2, Σc² 5) and (f 1, d 1, Σc² 1, title C); classSizes
 * (1: 1 class, 1 single-title, Σd 1, Σc² 1) and (3: 1 class, 0, 2, 5); exposedTitles 1.
 *
 * Only the subset all four dialects share is used: nested subqueries, no CTEs or window
 * functions, GROUP BY by name, aliases that never shadow a column.
 */
import type { SqlRelation } from "../../sources/relation.js";
import type { CompiledScheme } from "./schemeSql.js";

/** Key columns k0, k1, … of a compiled scheme; an empty scheme has one constant key (one class). */
function keyColumns(compiled: CompiledScheme): { select: string; names: string } {
  const keys = compiled.keys.length > 0 ? compiled.keys : ["0"];
  return { select: keys.map((k, i) => `${k} AS k${i}`).join(", "), names: keys.map((_, i) => `k${i}`).join(", ") };
}

/**
 * Rows of that title in that class: (k0, …, title, cnt). With keys compiled over the
 * relation's table (`compiled.table`), the grouping reads the table itself, so a
 * distributed engine groups on the servers holding the rows; its aliases (r_k0, …,
 * r_title, r_cnt) are renamed one level up, where no table column can be read instead.
 */
export function titleCountsSql(relation: Pick<SqlRelation, "from">, compiled: CompiledScheme): string {
  const { select, names } = keyColumns(compiled);
  const table = compiled.table;
  if (table) {
    const keys = compiled.keys.length > 0 ? compiled.keys : ["0"];
    const inner = keys.map((k, i) => `${k} AS r_k${i}`).join(", ");
    const innerNames = keys.map((_, i) => `r_k${i}`).join(", ");
    const where = table.where ? ` WHERE ${table.where}` : "";
    return (
      `SELECT ${keys.map((_, i) => `r_k${i} AS k${i}`).join(", ")}, r_title AS title, r_cnt AS cnt FROM ` +
      `(SELECT ${inner}, ${table.fields.title} AS r_title, count(*) AS r_cnt FROM ${table.name}${where} GROUP BY ${innerNames}, r_title) AS grouped`
    );
  }
  return `SELECT ${names}, title, count(*) AS cnt FROM (SELECT ${select}, title FROM ${relation.from} AS src) AS keyed GROUP BY ${names}, title`;
}

/** One row per class: class_size, class_titles, title_squares, first_title. */
export function classesSql(relation: Pick<SqlRelation, "from">, compiled: CompiledScheme): string {
  const { names } = keyColumns(compiled);
  return (
    `SELECT sum(cnt) AS class_size, count(*) AS class_titles, sum(cnt * cnt) AS title_squares, min(title) AS first_title ` +
    `FROM (${titleCountsSql(relation, compiled)}) AS title_counts GROUP BY ${names}`
  );
}

/**
 * Per class size: class_size, classes, single_title_classes, title_sum, square_sum,
 * ascending by size. `classes` is a FROM item holding `classesSql`'s rows (the query
 * in parentheses, or a table it was stored in).
 */
export function classSizesSql(classes: string): string {
  return (
    `SELECT class_size, count(*) AS classes, sum(CASE WHEN class_titles = 1 THEN 1 ELSE 0 END) AS single_title_classes, ` +
    `sum(class_titles) AS title_sum, sum(title_squares) AS square_sum FROM ${classes} AS cls GROUP BY class_size ORDER BY class_size`
  );
}

/** exposed_titles: titles with a row in a single-title class. `classes` as in `classSizesSql`. */
export function exposedTitlesSql(classes: string): string {
  return `SELECT count(DISTINCT first_title) AS exposed_titles FROM ${classes} AS cls WHERE class_titles = 1`;
}

/** titles: distinct titles of the relation (counted where the table's rows are, as `titleCountsSql`, when it has one). */
export function titleCountSql(relation: Pick<SqlRelation, "from" | "table">): string {
  const table = relation.table;
  if (table) return `SELECT count(DISTINCT ${table.fields.title}) AS titles FROM ${table.name}${table.where ? ` WHERE ${table.where}` : ""}`;
  return `SELECT count(DISTINCT title) AS titles FROM ${relation.from} AS src`;
}

/** `classesSql` as a FROM item. */
export function classesFrom(relation: Pick<SqlRelation, "from">, compiled: CompiledScheme): string {
  return `(${classesSql(relation, compiled)})`;
}

/**
 * The non-missing values of one column as runs, ascending: (value, value_count), the
 * input of quantile's cut rule (quantileCuts.ts). `n` is Σ value_count.
 */
export function valueRunsSql(relation: Pick<SqlRelation, "from">, field: string): string {
  return `SELECT ${field} AS value, count(*) AS value_count FROM ${relation.from} AS src WHERE ${field} IS NOT NULL GROUP BY ${field} ORDER BY value`;
}
