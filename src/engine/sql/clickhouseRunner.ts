/**
 * The SQL engine's runner on a ClickHouse server or cluster: the compiled queries
 * (classQueries.ts, in the subset ClickHouse 18.16 shares with the other dialects) sent
 * through one `ClickHouseConnection`, rows read as JSON with 64-bit counts as numbers
 * (`output_format_json_quote_64bit_integers=0`; `count` accepts strings too).
 *
 * It keeps no intermediate table (`store` is left out): a table created on the user's
 * server would be a write where fprisk only reads, so the class query is nested instead.
 * On a Distributed table the (class, title) grouping reads the table itself (the relation's
 * `table`, classQueries.ts), so each shard groups its own rows first and the initiator
 * merges the partial groups; the counts are exact whatever shard a row lives on.
 *
 *   const runner = new ClickHouseRunner(connection);
 *   await classSizeTotals(runner, relation, parseScheme("duration=round(1min)"));
 */
import type { ClickHouseConnection } from "../../sources/clickhouse/clickhouseConnection.js";
import type { SqlRunner } from "./runner.js";

export class ClickHouseRunner implements SqlRunner {
  readonly dialect = "clickhouse" as const;

  constructor(private readonly connection: ClickHouseConnection) {}

  async query(sql: string): Promise<Record<string, unknown>[]> {
    return this.connection.query(sql);
  }
}
