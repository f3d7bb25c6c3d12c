/**
 * A catalog for `tune` (catalogSearch.ts) that stays where it lives: a Parquet file or
 * glob or a DuckDB table in embedded DuckDB, a ClickHouse table or Distributed table on
 * its server, or a loaded catalog put into DuckDB (`--engine duckdb`). Each scheme the
 * search evaluates is one grouping query there (engine/sql/sizeTotals.ts) and its
 * metrics are finished from the class-size totals in JS (`metricsFromSizes`, measures/metrics.ts):
 * the in-memory engine's numbers, integers exactly and floats within 1e-12 relative.
 * With a play log, `linkage(p)` is that log's unicity computed by the SQL query
 * (engine/sql/unicitySql.ts) on the same draw as in memory, and the metrics are over its
 * distinct items (sources/playLogItems.ts).
 *
 *   const duck = await DuckDbRunner.open({ memoryLimitBytes: 4e9 });
 *   const c = await SqlCatalog.open(duck, relation);          // 2 queries: titles, rows
 *   await tuneAsync([c], { targets: [parseTarget("title_unique_fraction<=0.01")] });
 *
 * The search orders schemes by each choice's distinct values, which `prepare` reads as
 * the class count of each one-choice scheme (a query per choice; `bits(attr)` objectives
 * reuse them). What needs rows in memory is refused before anything is read
 * (`memoryOnly`): class_success (it attacks sampled rows), linkage(p) on simulated
 * servers (no play log), quantile with a play log (the unicity query takes generalizers
 * of the values alone), and the objective error(attr): its unbounded buckets are closed
 * at the extreme values they hold, a per-bucket interval rule kept in memory.
 */
import { UserError } from "../../base/errors.js";
import { count, type SqlRunner } from "../../engine/sql/runner.js";
import { fittedParts } from "../../engine/sql/schemeSql.js";
import { classSizeTotals, relationTitles } from "../../engine/sql/sizeTotals.js";
import { runUnicity } from "../../engine/sql/unicitySql.js";
import type { CatalogSummary } from "../../measures/evaluate.js";
import type { Metrics } from "../../measures/metrics.js";
import { metricsFromSizes } from "../../measures/metrics.js";
import type { PlayLogRelation } from "../../sources/playLog.js";
import { playLogItems } from "../../sources/playLogItems.js";
import type { SqlRelation } from "../../sources/relation.js";
import { formatGeneralizer, formatScheme } from "../../schemes/format.js";
import { missingFieldsOf } from "../../schemes/generalize.js";
import { ATTRIBUTES, type Attribute, type Scheme, type SchemePart } from "../../schemes/types.js";
import type { AttackSettings, TuneCatalog } from "./catalogSearch.js";
import type { Objective } from "./objective.js";
import type { SearchSpace } from "./space.js";
import type { Target } from "./target.js";

/**
 * What of a tune run needs the in-memory engine (e.g. "the target class_success<=0.1"),
 * or undefined when the SQL engine can run all of it. `playLog`: linkage comes from the
 * user's play log. `space` undefined: the default space (no quantile).
 */
export function memoryOnly(targets: Target[], objective: Objective, playLog: boolean, space?: SearchSpace): string | undefined {
  for (const t of targets) {
    if (t.kind === "class_success") return `the target ${t.text}`;
    if (t.kind === "linkage" && !playLog) return `the target ${t.text} on simulated servers (without --play-log)`;
  }
  const error = objective.terms.find((t) => t.kind === "error");
  if (error) return `the objective error(${error.attribute})`;
  if (playLog && targets.some((t) => t.kind === "linkage")) {
    for (const axis of space ?? []) {
      for (const g of axis.choices) {
        if (g && fittedParts({ parts: [{ attribute: axis.attribute, generalizer: g }] }).length > 0) return `${axis.attribute}=${formatGeneralizer(axis.attribute, g)} with a play log's linkage`;
      }
    }
  }
  return undefined;
}

/** The attributes a relation can observe (resolution through width or height), as `catalogAttributes` for a catalog. */
export function relationAttributes(relation: Pick<SqlRelation, "numeric" | "text">): Set<Attribute> {
  const has = (f: string) => (relation.numeric as string[]).includes(f) || (relation.text as string[]).includes(f);
  return new Set(ATTRIBUTES.filter((attribute) => missingFieldsOf({ parts: [{ attribute, generalizer: { kind: "exact" } }] }, has).length === 0));
}

const partKey = (part: SchemePart) => `${part.attribute}=${formatGeneralizer(part.attribute, part.generalizer)}`;

export class SqlCatalog implements TuneCatalog {
  readonly attributes: Set<Attribute>;
  private readonly counts = new Map<string, number>();
  private readonly cache = new Map<string, Promise<Metrics>>();

  private constructor(
    private readonly runner: SqlRunner,
    readonly relation: SqlRelation,
    readonly summary: CatalogSummary,
    private readonly playLog?: PlayLogRelation,
  ) {
    this.attributes = relationAttributes(relation);
  }

  /** The relation on `runner` (its setup statements run first), with its rows and titles counted. */
  static async open(runner: SqlRunner, relation: SqlRelation): Promise<SqlCatalog> {
    return SqlCatalog.make(runner, relation);
  }

  /** A play log's distinct items, with linkage(p) from the log's own servers. */
  static async openPlayLog(runner: SqlRunner, log: PlayLogRelation): Promise<SqlCatalog> {
    return SqlCatalog.make(runner, playLogItems(log), log);
  }

  private static async make(runner: SqlRunner, relation: SqlRelation, log?: PlayLogRelation): Promise<SqlCatalog> {
    if (runner.dialect !== relation.dialect) throw new Error(`a ${runner.dialect} runner cannot read a ${relation.dialect} relation`);
    for (const statement of relation.setup ?? []) await runner.query(statement);
    const titles = await relationTitles(runner, relation);
    const [row] = await runner.query(`SELECT count(*) AS n FROM ${relation.from} AS src`);
    return new SqlCatalog(runner, relation, { source: relation.source, rows: count(row?.n), titles }, log);
  }

  refusal(targets: Target[], objective: Objective, space?: SearchSpace): string | undefined {
    const what = memoryOnly(targets, objective, this.playLog !== undefined, space);
    return what && `${what} needs the in-memory engine (${this.relation.source} is evaluated in ${this.relation.dialect}): use --engine memory`;
  }

  async prepare(space: SearchSpace): Promise<void> {
    for (const axis of space) {
      if (!this.attributes.has(axis.attribute)) continue;
      for (const g of axis.choices) {
        if (!g) continue;
        const part = { attribute: axis.attribute, generalizer: g };
        this.counts.set(partKey(part), (await this.metrics({ parts: [part] })).classes);
      }
    }
  }

  choiceClasses(part: SchemePart): number {
    const n = this.counts.get(partKey(part));
    if (n === undefined) throw new Error(`SqlCatalog: ${partKey(part)} was not in the space given to prepare`);
    return n;
  }

  metrics(scheme: Scheme): Promise<Metrics> {
    const key = formatScheme(scheme);
    let m = this.cache.get(key);
    if (!m) {
      m = classSizeTotals(this.runner, this.relation, scheme).then((totals) => metricsFromSizes(totals, this.summary.titles).metrics);
      this.cache.set(key, m);
    }
    return m;
  }

  async linkage(scheme: Scheme, plays: number, settings: AttackSettings): Promise<number> {
    if (!this.playLog) throw new UserError(`linkage(${plays}) on simulated servers needs the in-memory engine: use --engine memory`);
    const c = await runUnicity(this.runner, this.playLog, scheme, { plays, seed: settings.seed ?? 1 });
    return c.servers ? c.unique / c.servers : NaN;
  }

  classSuccess(): never {
    throw new UserError("class_success needs the in-memory engine: use --engine memory");
  }

  midpointError(_scheme: Scheme, attribute: Attribute): never {
    throw new UserError(`the objective error(${attribute}) needs the in-memory engine: use --engine memory`);
  }
}
