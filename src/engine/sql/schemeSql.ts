/**
 * A scheme as SQL: one key expression per scheme part, each the generalizer's own SQL
 * form from its registry file (generalizers/*.ts `sql`), over the columns of an
 * `SqlRelation`. Rows with equal key tuples are one class, exactly as the in-memory
 * engine groups equal bucket keys (NULL, like NaN there, is "not reported" and groups
 * with itself).
 *
 *   compileSchemeSql(parseScheme("duration=round(1min),resolution=class"), relation).keys
 *   // ["floor((duration_ms / CAST('60000' AS DOUBLE)) + …)", "(CASE WHEN width IS NULL AND height IS NULL THEN NULL ELSE (CASE WHEN … THEN 5 … ELSE 0 END) END)"]
 *
 * Before anything is read the scheme is checked against the relation's columns (the
 * message in-memory evaluation gives) and against what SQL can express: randomized
 * generalizers (geom, rround) are refused with a pointer to `--engine memory`, and
 * quantile needs its thresholds fitted on the data first (`fitted`, from
 * `quantileRunsSql` and quantileCuts.ts; see sqlEngine.ts).
 */
import { UserError } from "../../base/errors.js";
import type { NumericField, TextField } from "../../catalog/catalog.js";
import type { RelationTable, SqlRelation } from "../../sources/relation.js";
import { formatScheme } from "../../schemes/format.js";
import { missingFieldsOf } from "../../schemes/generalize.js";
import { generalizerOf } from "../../schemes/generalizers/registry.js";
import { dialectOf } from "./dialect.js";
import { type Attribute, type Scheme, type SchemePart } from "../../schemes/types.js";

/** Thresholds fitted on the relation, per attribute (quantile parts only). */
export type FittedState = Partial<Record<Attribute, Float64Array>>;

export interface CompiledScheme {
  scheme: Scheme;
  /** One SQL expression per scheme part, in part order; an empty scheme has none. */
  keys: string[];
  /** The table whose columns the keys read (`compileSchemeSql`'s `over`); else they read the relation's fields. */
  table?: RelationTable;
}

/** The fields a relation offers, for checking a scheme before reading anything. */
export type RelationColumns = Pick<SqlRelation, "dialect" | "numeric" | "text" | "source">;

/** Throws the in-memory engine's message when the relation lacks a field the scheme reads. */
export function assertSchemeFitsRelation(scheme: Scheme, relation: RelationColumns): void {
  const has = (f: NumericField | TextField) => (relation.numeric as string[]).includes(f) || (relation.text as string[]).includes(f);
  const missing = missingFieldsOf(scheme, has);
  if (missing.length > 0) {
    const present = [...relation.numeric, ...relation.text].join(", ") || "none";
    throw new UserError(`scheme "${formatScheme(scheme)}" needs ${missing.join(", ")}, which ${relation.source} does not have (fields present: ${present})`);
  }
}

/** Scheme parts whose buckets are fitted on the data (quantile), which `compileSchemeSql` needs fitted. */
export function fittedParts(scheme: Scheme): SchemePart[] {
  return scheme.parts.filter((p) => generalizerOf(p.generalizer).fit !== null);
}

/** Refuses, with a one-line UserError, a scheme SQL cannot express (randomized noise). */
export function assertSchemeCompiles(scheme: Scheme): void {
  for (const p of scheme.parts) {
    if (generalizerOf(p.generalizer).randomized) generalizerOf(p.generalizer).sql(p.generalizer, p.attribute, () => "NULL");
  }
}

/**
 * The scheme's keys over the relation's fields, or with `over` (the relation's `table`)
 * over that table's columns: each field then reads as its expression there.
 */
export function compileSchemeSql(scheme: Scheme, relation: RelationColumns, fitted: FittedState = {}, over?: RelationTable): CompiledScheme {
  assertSchemeFitsRelation(scheme, relation);
  assertSchemeCompiles(scheme);
  const present = new Set<string>([...relation.numeric, ...relation.text]);
  // a field the relation lacks reads as not reported, as a missing column does in memory
  const dialect = dialectOf(relation.dialect);
  const nothing = dialect.nullDouble;
  const field = (name: string) => {
    const expr = over?.fields[name as keyof RelationTable["fields"]];
    if (over && expr === undefined) throw new Error(`compileSchemeSql: the relation's table has no expression for ${name}`);
    return over ? `(${expr})` : name;
  };
  const column = (name: string) => (present.has(name) ? field(name) : nothing);
  const keys = scheme.parts.map((p) => generalizerOf(p.generalizer).sql(p.generalizer, p.attribute, column, fitted[p.attribute], dialect));
  return { scheme, keys, table: over };
}
