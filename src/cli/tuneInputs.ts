/**
 * `tune`'s catalogs, each where `--engine` puts it (engineOption.ts): the search
 * (experiments/tune/) then asks each one the same questions, answered from memory
 * (`MemoryCatalog`) or by grouping queries in a database (`SqlCatalog`).
 *
 * - a clickhouse:// table: on its server under --engine auto (loaded with --engine memory);
 * - a Parquet file or glob or a DuckDB table: in embedded DuckDB under --engine duckdb, or
 *   auto when it would not fit in memory (relationInput.ts); loaded otherwise;
 * - any other input is loaded; --engine duckdb then puts it into DuckDB;
 * - with --play-log, each log is read in place by --engine duckdb (the metrics over its
 *   distinct items, linkage(p) from the SQL unicity), loaded otherwise, as for
 *   `attack --play-log`; a clickhouse:// play log stays on its server under --engine
 *   auto (the same queries in ClickHouse's dialect), loaded with --engine memory.
 *
 * When the run needs rows in memory (`memoryOnly`: class_success, linkage on simulated
 * servers, error(attr)), auto loads everything; --engine duckdb was refused before.
 * One embedded DuckDB serves every catalog that goes there; `close` shuts it and every
 * ClickHouse connection, also after a failure.
 */
import { DuckDbRunner } from "../engine/sql/duckdbRunner.js";
import { catalogToDuckDb } from "../engine/sql/catalogTable.js";
import { ClickHouseRunner } from "../engine/sql/clickhouseRunner.js";
import type { TuneCatalog } from "../experiments/tune/catalogSearch.js";
import { MemoryCatalog } from "../experiments/tune/memoryCatalog.js";
import { SqlCatalog } from "../experiments/tune/sqlCatalog.js";
import { openClickHouseRelation } from "../sources/clickhouse/clickhouseRelation.js";
import { loadClickHousePlayLog, openClickHousePlayLog } from "../sources/clickhouse/clickhousePlayLog.js";
import { isClickHouseUrl } from "../sources/clickhouse/clickhouseUrl.js";
import { loadPlayLog, playLogRelation } from "../sources/playLogFile.js";
import { loadFromArgs, type CatalogArgs } from "./common.js";
import { engineForLoaded, type EnginePlan } from "./engineOption.js";
import { relationForEngine } from "./relationInput.js";

export type TuneInputArgs = Omit<CatalogArgs, "catalog"> & { catalogs: string[]; "play-log": boolean; "server-column"?: string };

export interface TuneInputs {
  catalogs: TuneCatalog[];
  close(): Promise<void>;
}

/** `memoryOnly`: what of the run needs rows in memory (experiments/tune/sqlCatalog.ts), if anything. */
export async function openTuneCatalogs(args: TuneInputArgs, plan: EnginePlan, memoryOnly: string | undefined): Promise<TuneInputs> {
  let duck: DuckDbRunner | undefined;
  const connections: { close(): Promise<void> }[] = [];
  const close = async () => {
    for (const c of connections) await c.close();
    await duck?.close();
  };
  const note = args.verbose ? (text: string) => process.stderr.write(`fprisk: ${text}\n`) : undefined;
  const duckdb = async () => (duck ??= await DuckDbRunner.open({ memoryLimitBytes: plan.memoryLimitBytes, threads: args.threads }));
  const catalogs: TuneCatalog[] = [];
  try {
    for (const source of args.catalogs) {
      const one = { ...args, catalog: source };
      if (args["play-log"]) {
        const fileOptions = { serverColumn: args["server-column"]!, map: args.map };
        if (isClickHouseUrl(source)) {
          if (plan.choice === "auto" && !memoryOnly) {
            const { relation, connection } = await openClickHousePlayLog(source, fileOptions);
            connections.push(connection);
            note?.(`${relation.source} tuned on its server, not loaded`);
            catalogs.push(await SqlCatalog.openPlayLog(new ClickHouseRunner(connection), relation));
          } else {
            const log = await loadClickHousePlayLog(source, fileOptions);
            catalogs.push(new MemoryCatalog(log.items, log));
          }
        } else if (plan.choice === "duckdb") {
          const runner = await duckdb();
          const { relation } = await playLogRelation(runner.connection, source, fileOptions);
          note?.(`${source} tuned in place by duckdb, not loaded`);
          catalogs.push(await SqlCatalog.openPlayLog(runner, relation));
        } else {
          const log = await loadPlayLog(source, fileOptions);
          catalogs.push(new MemoryCatalog(log.items, log, { threads: args.threads }));
        }
        continue;
      }
      if (isClickHouseUrl(source) && plan.choice === "auto" && !memoryOnly) {
        const { relation, connection } = await openClickHouseRelation(source, { map: args.map, skipInvalid: args["skip-invalid"], onNote: note });
        connections.push(connection);
        catalogs.push(await SqlCatalog.open(new ClickHouseRunner(connection), relation));
        continue;
      }
      const relation = await relationForEngine(one, plan, memoryOnly !== undefined);
      if (relation) {
        note?.(`${relation.source} tuned in place by duckdb, not loaded`);
        catalogs.push(await SqlCatalog.open(await duckdb(), relation));
        continue;
      }
      const catalog = await loadFromArgs(one);
      // Said even without --verbose: a table of plays may be far larger than a catalog.
      if (isClickHouseUrl(source) && memoryOnly) {
        process.stderr.write(`fprisk: ${catalog.source}: loaded into memory (${catalog.rows} rows), since ${memoryOnly} needs its rows there; a table of plays is tuned on its server with --play-log --server-column <column>\n`);
      }
      if (engineForLoaded(plan) === "duckdb") {
        const runner = await duckdb();
        catalogs.push(await SqlCatalog.open(runner, await catalogToDuckDb(runner, catalog)));
      } else catalogs.push(new MemoryCatalog(catalog, undefined, { threads: args.threads }));
    }
  } catch (e) {
    await close();
    throw e;
  }
  return { catalogs, close };
}
