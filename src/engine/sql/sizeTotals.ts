/**
 * One scheme through a database: fit what must be fitted (quantile thresholds, by the
 * in-memory cut rule over the column's value runs), compile the scheme, and read the
 * class-size totals that every metric is finished from (classQueries.ts). Nothing here
 * is floating-point arithmetic: the totals are counts, so they are the same in every
 * engine; measures/sql/ turns them into metrics.
 *
 *   const totals = await classSizeTotals(runner, relation, parseScheme("duration=round(1min)"));
 *   // { classSize: [1, 2, 7], classes: [40, 3, 1], singleTitleClasses: [40, 2, 0], …, exposedTitles: 38 }
 */
import type { SqlRelation } from "../../sources/relation.js";
import { QuantileCuts } from "../../schemes/generalizers/quantileCuts.js";
import { ATTRIBUTE_FIELDS, type Scheme } from "../../schemes/types.js";
import { classesSql, classSizesSql, exposedTitlesSql, titleCountSql, valueRunsSql } from "./classQueries.js";
import { count, type SqlRunner } from "./runner.js";
import type { ClassSizeTotals } from "../sizeTotals.js";
import { assertSchemeCompiles, assertSchemeFitsRelation, compileSchemeSql, fittedParts, type FittedState } from "./schemeSql.js";

/** Quantile thresholds of the scheme's fitted parts, fitted on the relation as in memory. */
export async function fitOnRelation(runner: SqlRunner, relation: SqlRelation, scheme: Scheme): Promise<FittedState> {
  const fitted: FittedState = {};
  for (const p of fittedParts(scheme)) {
    if (p.generalizer.kind !== "quantile") throw new Error(`no SQL fit for ${p.generalizer.kind}`);
    const rows = await runner.query(valueRunsSql(relation, ATTRIBUTE_FIELDS[p.attribute][0]));
    let n = 0;
    for (const r of rows) n += count(r.value_count);
    const cuts = new QuantileCuts(n, p.generalizer.k);
    for (const r of rows) cuts.push(Number(r.value), count(r.value_count));
    fitted[p.attribute] = cuts.finish();
  }
  return fitted;
}

export async function classSizeTotals(runner: SqlRunner, relation: SqlRelation, scheme: Scheme): Promise<ClassSizeTotals> {
  assertSchemeFitsRelation(scheme, relation);
  assertSchemeCompiles(scheme);
  // Over the relation's table when it has one: then the grouping runs where its rows are.
  const compiled = compileSchemeSql(scheme, relation, await fitOnRelation(runner, relation, scheme), relation.table);
  const classes = classesSql(relation, compiled);
  const stored = runner.store ? await runner.store(classes) : undefined;
  try {
    const from = stored ? stored.from : `(${classes})`;
    const sizes = await runner.query(classSizesSql(from));
    const exposed = await runner.query(exposedTitlesSql(from));
    const column = (name: string) => Float64Array.from(sizes, (r) => count(r[name]));
    return {
      classSize: column("class_size"),
      classes: column("classes"),
      singleTitleClasses: column("single_title_classes"),
      titleSum: column("title_sum"),
      squareSum: column("square_sum"),
      exposedTitles: count(exposed[0]?.exposed_titles),
    };
  } finally {
    await stored?.drop();
  }
}

/** Distinct titles of the relation (a property of the data, not of a scheme). */
export async function relationTitles(runner: SqlRunner, relation: SqlRelation): Promise<number> {
  const rows = await runner.query(titleCountSql(relation));
  return count(rows[0]?.titles);
}
