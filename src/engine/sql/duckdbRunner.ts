/**
 * The embedded DuckDB engine: an in-process database with a memory limit and a fresh
 * temporary directory to spill to, so a catalog larger than memory is grouped on disk
 * instead of failing. The directory is made when the runner opens and removed, with
 * anything spilled into it, when it closes.
 *
 *   const duck = await DuckDbRunner.open({ memoryLimitBytes: 4e9 });
 *   try { await duck.query("SELECT 42 AS x"); } finally { await duck.close(); }
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DuckDBConnection, DuckDBInstance } from "@duckdb/node-api";
import type { SqlRunner } from "./runner.js";

export interface DuckDbOptions {
  /** Memory DuckDB may use before spilling (default: DuckDB's own, 80 % of RAM). */
  memoryLimitBytes?: number;
  /** Worker threads (default: DuckDB's own, one per core). */
  threads?: number;
}

export class DuckDbRunner implements SqlRunner {
  readonly dialect = "duckdb" as const;
  private stored = 0;

  private constructor(
    readonly instance: DuckDBInstance,
    readonly connection: DuckDBConnection,
    /** The spill directory, removed by `close`. */
    readonly tempDirectory: string,
  ) {}

  static async open(options: DuckDbOptions = {}): Promise<DuckDbRunner> {
    const { DuckDBInstance } = await import("@duckdb/node-api");
    const dir = await mkdtemp(join(tmpdir(), "fprisk-duckdb-"));
    try {
      const config: Record<string, string> = { temp_directory: dir };
      if (options.memoryLimitBytes !== undefined) config.memory_limit = `${Math.floor(options.memoryLimitBytes)}B`;
      if (options.threads !== undefined) config.threads = String(options.threads);
      // spilled intermediates need not keep insertion order, which lets large GROUP BYs stream
      config.preserve_insertion_order = "false";
      const instance = await DuckDBInstance.create(":memory:", config);
      return new DuckDbRunner(instance, await instance.connect(), dir);
    } catch (e) {
      await rm(dir, { recursive: true, force: true });
      throw e;
    }
  }

  async query(sql: string): Promise<Record<string, unknown>[]> {
    const reader = await this.connection.runAndReadAll(sql);
    return reader.getRowObjectsJS() as Record<string, unknown>[];
  }

  async store(sql: string): Promise<{ from: string; drop(): Promise<void> }> {
    const name = `fprisk_stored_${++this.stored}`;
    await this.connection.run(`CREATE TEMP TABLE ${name} AS ${sql}`);
    return { from: name, drop: async () => void (await this.connection.run(`DROP TABLE IF EXISTS ${name}`)) };
  }

  /** Close the database and remove the spill directory. */
  async close(): Promise<void> {
    try {
      this.connection.closeSync();
      this.instance.closeSync();
    } finally {
      await rm(this.tempDirectory, { recursive: true, force: true });
    }
  }
}
