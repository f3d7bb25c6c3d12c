/**
 * Play-log unicity as one SQL query, for DuckDB and for ClickHouse 18.16 (no window
 * functions, no CTEs: subqueries, `LIMIT n BY`, `ALL INNER JOIN … USING`), equal to
 * the in-memory `playLogUnicity` (attacks/playLogUnicity.ts) on the same log, scheme,
 * plays and seed: the same draw (base/drawHash.ts, attacks/playDraw.ts) and the same
 * definition (a server is singled out when no other server has a play in every class
 * its drawn plays show).
 *
 *   unicitySql(relation, parseScheme("duration=round(1min)"), { plays: 4, seed: 1 })
 *   // SELECT servers, unique, candidates, short → 1000, 912, 1300, 17
 *   // (unique_fraction = unique / servers, mean_candidates = candidates / servers)
 *
 * The query, inside out:
 *   P        distinct (server, item) with the item's class key `cls` (the scheme's SQL,
 *            from each generalizer's `sql()`) and its draw key `dkey` (hash layers, one
 *            subquery per step so no expression is repeated)
 *   Drawn    per server the first p rows of P by (dkey, fields…), NULLs last
 *   Hold     distinct (server, cls) straight from the log: the classes each server holds
 *   Targets  per server its observed classes (as columns c1…cp, padded with the seed),
 *            how many plays it shows, and its seed: the observed class with the fewest
 *            holders (any observed class gives the same answer; the rarest, the least work)
 *   Single   a target showing one class: its candidates are that class's holders, a count
 *   Pairs    otherwise the seed's holders, kept where their class list (one row per
 *            server) has every observed class; counted per target
 * The work is Σ over targets showing ≥ 2 classes of their seed's holders, streamed through
 * two hash joins whose built sides hold one row per target and one per server, never the
 * pairs (DuckDB is told to keep the joins as written: its pair estimate is far too low).
 * Most of the pairs a popular class would make come from servers that show only it (short
 * libraries): those are counted, not paired. At 100k synthetic servers (bench/warehouse,
 * 4 plays, exact duration and bitrate): 5.0M seed pairs in all, 0.59M from targets
 * showing ≥ 2 classes.
 * Hold and Targets are materialized CTEs on DuckDB and repeated inline on ClickHouse.
 * and counts servers, singled-out servers (one candidate: themselves), candidates and
 * servers with fewer than p distinct plays. Integers only, so engines agree exactly.
 */
import { UserError } from "../../base/errors.js";
import { HASH_SQL, seedWord, type HashDialect } from "../../base/drawHash.js";
import { compileSchemeSql, fittedParts } from "./schemeSql.js";
import { count, type SqlRunner } from "./runner.js";
import type { Scheme } from "../../schemes/types.js";
import type { PlayLogRelation } from "../../sources/playLog.js";

export interface UnicitySqlOptions {
  plays: number;
  seed: number;
}

/** The integers the query returns (one row). */
export interface UnicityCounts {
  servers: number;
  unique: number;
  candidates: number;
  short: number;
}

const UNICITY_DIALECTS: HashDialect[] = ["duckdb", "clickhouse"];

/** The DuckDB optimizers that would reorder the query's joins or swap their sides. */
export const DUCKDB_KEEP_JOINS = "join_order,build_side_probe_side";

/** The query's column names, in order. */
export const UNICITY_COLUMNS = ["servers", "unique_servers", "candidates", "short_servers"] as const;

export function unicitySql(rel: PlayLogRelation, scheme: Scheme, options: UnicitySqlOptions): string {
  const dialect = rel.dialect as HashDialect;
  if (!UNICITY_DIALECTS.includes(dialect)) throw new UserError(`play-log unicity is written for ${UNICITY_DIALECTS.join(" and ")}, not ${rel.dialect}`);
  const { plays, seed } = options;
  if (!Number.isSafeInteger(seed) || seed < 0) throw new UserError(`seed must be a whole number ≥ 0, got ${seed}`);
  if (!Number.isSafeInteger(plays) || plays < 1) throw new UserError(`plays must be a whole number ≥ 1, got ${plays}`);
  const fields: string[] = [...rel.numeric, ...rel.text];
  if (fields.length === 0) throw new UserError(`${rel.source}: a play log needs at least one item attribute (duration, bitrate, …)`);
  if (fittedParts(scheme).length > 0) throw new UserError(`play-log unicity in SQL takes generalizers of the values alone, not ones fitted to a whole column (quantile): use --engine memory`);
  // The scheme's class key per part, as the SQL engine compiles it (the relation lacking a field the scheme reads is refused there).
  const ch = dialect === "clickhouse";
  const h = HASH_SQL[dialect];
  const asText = (k: string) => (ch ? `ifNull(toString(${k}), '~')` : `coalesce(CAST(${k} AS VARCHAR), '~')`);
  const keys = compileSchemeSql(scheme, rel).keys.map(asText);
  const cls = keys.length === 0 ? "''" : keys.length === 1 ? keys[0] : `concat(${keys.flatMap((k, i) => (i ? ["'|'", k] : [k])).join(", ")})`;
  const list = fields.join(", ");

  // P: distinct plays, their words, then the hash steps one layer each.
  let p = `(SELECT DISTINCT server AS srv, ${list} FROM ${rel.from} AS log)`;
  const words = fields.map((f, i) => `${rel.numeric.includes(f as never) ? h.numberWord(f) : h.textWord(f)} AS v${i}`);
  p = `(SELECT srv, ${list}, ${h.step(String(seedWord(seed)), h.textWord("srv"))} AS sw, ${words.join(", ")} FROM ${p} AS d)`;
  p = `(SELECT *, ${h.step("0", "v0")} AS w0 FROM ${p} AS l)`;
  for (let i = 1; i < fields.length; i++) p = `(SELECT *, ${h.step(`w${i - 1}`, `v${i}`)} AS w${i} FROM ${p} AS l${i})`;
  p = `(SELECT srv, ${list}, ${h.step("sw", `w${fields.length - 1}`)} AS dkey, ${cls} AS cls FROM ${p} AS k)`;

  const join = ch ? "ALL INNER JOIN" : "JOIN";
  const order = ch ? `dkey, ${list}` : `dkey, ${fields.map((f) => `${f} NULLS LAST`).join(", ")}`;
  const drawn = ch
    ? `(SELECT srv, cls FROM ${p} AS pd ORDER BY srv, ${order} LIMIT ${plays} BY srv)`
    : `(SELECT srv, cls FROM ${p} AS pd QUALIFY row_number() OVER (PARTITION BY srv ORDER BY ${order}) <= ${plays})`;
  // A part read more than once: a materialized CTE on DuckDB, repeated inline on ClickHouse 18.16 (which has no CTEs).
  const shared: string[] = [];
  const share = (name: string, query: string) => {
    if (ch) return query;
    shared.push(`${name} AS MATERIALIZED ${query}`);
    return name;
  };
  // Hold needs no draw key: the classes straight from the log.
  const hold = share("hold", `(SELECT DISTINCT server AS srv, ${cls} AS cls FROM ${rel.from} AS lh)`);
  const holders = `(SELECT cls, count(*) AS n FROM ${hold} AS hc GROUP BY cls)`;
  // (No alias names a column its own SELECT reads: ClickHouse would read the alias.)
  const distinctClasses = ch ? "groupUniqArray(c)" : "list(DISTINCT c)";
  const observed = `(SELECT srv AS tgt, argMin(c, h) AS cls, min(h) AS n, ${distinctClasses} AS obs, count(*) AS shown FROM (SELECT srv, cls AS c, n AS h FROM ${drawn} AS dr ${join} ${holders} AS hn USING (cls)) AS dn GROUP BY srv)`;
  // The observed classes as columns c1 … cp, the seed class where a target shows fewer.
  const nth = (i: number) => (ch ? `if(length(obs) >= ${i}, obs[${i}], cls)` : `coalesce(obs[${i}], cls)`);
  const cols = Array.from({ length: plays }, (_, i) => `c${i + 1}`);
  const targets = share("targets", `(SELECT tgt, cls, n, length(obs) AS k, ${cols.map((c, i) => `${nth(i + 1)} AS ${c}`).join(", ")}, shown FROM ${observed} AS ob)`);
  // One observed class: its holders are the candidates.
  const single = `(SELECT tgt, n AS cands, shown AS shows FROM ${targets} AS t1 WHERE k = 1)`;
  // More: the holders of the seed class (the join streams over Hold; its right side has one row per target) …
  const pairs = `(SELECT srv, tgt, ${cols.join(", ")}, shown FROM ${hold} AS hp ${join} (SELECT * FROM ${targets} AS t2 WHERE k > 1) AS tk USING (cls))`;
  // … kept where they hold every observed class (one row per server on the right).
  const held = `(SELECT srv, ${ch ? "groupArray" : "list"}(cls) AS classes FROM ${hold} AS hs GROUP BY srv)`;
  const holds = cols.map((c) => `${ch ? "has" : "list_contains"}(classes, ${c})`).join(" AND ");
  const matched = `(SELECT tgt, shown FROM ${pairs} AS pr ${join} ${held} AS hd USING (srv) WHERE ${holds})`;
  const multi = `(SELECT tgt, count(*) AS cands, ${ch ? "any" : "any_value"}(shown) AS shows FROM ${matched} AS mt GROUP BY tgt)`;
  const perTarget = `(SELECT tgt, cands, shows FROM ${single} AS s UNION ALL SELECT tgt, cands, shows FROM ${multi} AS m)`;
  const ctes = shared.length ? `WITH ${shared.join(", ")} ` : "";
  return (
    `${ctes}SELECT count(*) AS servers, sum(CASE WHEN cands = 1 THEN 1 ELSE 0 END) AS unique_servers, ` +
    `sum(cands) AS candidates, sum(CASE WHEN shows < ${plays} THEN 1 ELSE 0 END) AS short_servers FROM ${perTarget} AS pt`
  );
}

/** The counts of a result row (whatever the driver gives, in UNICITY_COLUMNS order). */
export function unicityCounts(row: readonly unknown[]): UnicityCounts {
  const [servers, unique, candidates, short] = row.map(count);
  return { servers, unique, candidates, short };
}

/**
 * The unicity counts of a play log computed by `runner` (DuckDB, a ClickHouse server
 * or cluster: any SqlRunner speaking the relation's dialect), as `playLogUnicity`'s.
 */
export async function runUnicity(runner: SqlRunner, rel: PlayLogRelation, scheme: Scheme, options: UnicitySqlOptions): Promise<UnicityCounts> {
  if (runner.dialect !== rel.dialect) throw new Error(`a ${runner.dialect} runner cannot read a ${rel.dialect} relation`);
  const sql = unicitySql(rel, scheme, options);
  // DuckDB's estimate of the pairs is far too small, so it would build its hash table on
  // them (spilling tens of GB at 1M servers): keep the joins as written, small side right.
  const asWritten = runner.dialect === "duckdb";
  if (asWritten) await runner.query(`SET disabled_optimizers = '${DUCKDB_KEEP_JOINS}'`);
  let rows: Record<string, unknown>[];
  try {
    rows = await runner.query(sql);
  } finally {
    if (asWritten) await runner.query("RESET disabled_optimizers");
  }
  if (rows.length !== 1) throw new Error(`unicity query returned ${rows.length} rows`);
  return unicityCounts(UNICITY_COLUMNS.map((c) => rows[0][c]));
}
