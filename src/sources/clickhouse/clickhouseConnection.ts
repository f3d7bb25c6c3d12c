/**
 * One ClickHouse server reached over its HTTP port through the official @clickhouse/client,
 * with what fprisk needs of it: queries read as JSON rows, commands, inserts, and every
 * failure turned into one line a user can act on (a `UserError`, exit 2).
 *
 * Settings sent with every request, because ClickHouse 18.16 (Debian's) needs them:
 *  - `output_format_json_quote_64bit_integers=0`: counts (UInt64) come back as JSON
 *    numbers, not strings;
 *  - inserts add `insert_distributed_sync=1`: an insert into a Distributed table returns
 *    only when every shard holds its rows, so a query right after it sees them all.
 *
 * Nothing is sent anywhere but to the server the user named; the client's own logging is
 * off (it would print request details on stderr), and messages name the server by its
 * credential-free URL. The server's own error text is kept (one line), after its
 * "Code: N, e.displayText() = DB::Exception:" wrapper is stripped.
 */
import { createRequire } from "node:module";
import type { ClickHouseClient } from "@clickhouse/client";
import { UserError } from "../../base/errors.js";
import type { ClickHouseTarget } from "./clickhouseUrl.js";

/** A value in a row read back from ClickHouse (JSONEachRow). */
export type ClickHouseValue = string | number | null;
export type ClickHouseRow = Record<string, ClickHouseValue>;

/** The error codes fprisk explains in its own words (ClickHouse's ErrorCodes.cpp). */
const CODES = {
  UNKNOWN_IDENTIFIER: 47,
  UNKNOWN_TABLE: 60,
  UNKNOWN_DATABASE: 81,
  UNKNOWN_USER: 192,
  WRONG_PASSWORD: 193,
  REQUIRED_PASSWORD: 194,
  IP_ADDRESS_NOT_ALLOWED: 195,
  AUTHENTICATION_FAILED: 516,
} as const;

/** Network failures that mean "no server answered there". */
const UNREACHABLE: Record<string, string> = {
  ECONNREFUSED: "connection refused",
  ENOTFOUND: "no such host",
  EAI_AGAIN: "the host name cannot be resolved now",
  EHOSTUNREACH: "host unreachable",
  ENETUNREACH: "network unreachable",
  ETIMEDOUT: "timed out",
  ECONNRESET: "the connection was reset",
};

export class ClickHouseConnection {
  private readonly client: ClickHouseClient;

  constructor(
    readonly target: ClickHouseTarget,
    options: { requestTimeoutMs?: number } = {},
  ) {
    // Required here, not imported at the top: the client takes ~0.1 s to load, which every
    // command would pay at start-up, ClickHouse or not.
    const { ClickHouseLogLevel, createClient } = createRequire(import.meta.url)("@clickhouse/client") as typeof import("@clickhouse/client");
    this.client = createClient({
      url: `http://${target.host}:${target.port}`,
      username: target.user,
      password: target.password,
      request_timeout: options.requestTimeoutMs ?? 600_000,
      log: { level: ClickHouseLogLevel.OFF },
      clickhouse_settings: { output_format_json_quote_64bit_integers: 0 },
    });
  }

  /** The server, as messages name it: `clickhouse://host:port` (no credentials). */
  get where(): string {
    return `clickhouse://${this.target.host}:${this.target.port}`;
  }

  /** Rows of a SELECT (or DESCRIBE), as objects keyed by column name. */
  async query<T extends ClickHouseRow = ClickHouseRow>(sql: string): Promise<T[]> {
    try {
      const result = await this.client.query({ query: sql, format: "JSONEachRow" });
      return (await result.json()) as T[];
    } catch (e) {
      throw this.explain(e);
    }
  }

  /**
   * Stream a SELECT's rows without holding the whole result (JSONEachRow: 18.16 has no
   * JSONCompactEachRow).
   */
  async eachRow<T extends ClickHouseRow = ClickHouseRow>(sql: string, onRow: (row: T) => void): Promise<void> {
    try {
      const result = await this.client.query({ query: sql, format: "JSONEachRow" });
      for await (const rows of result.stream<T>()) {
        for (const row of rows) onRow(row.json());
      }
    } catch (e) {
      throw this.explain(e);
    }
  }

  /** A statement without rows (CREATE, DROP, INSERT … SELECT). */
  async command(sql: string): Promise<void> {
    try {
      await this.client.command({ query: sql, clickhouse_settings: { insert_distributed_sync: 1 } });
    } catch (e) {
      throw this.explain(e);
    }
  }

  /**
   * Insert rows (objects keyed by column) into `table`, waiting for every shard of a
   * Distributed table. Numbers travel as JSON text: send values ClickHouse 18.16 reads
   * exactly (integers; see docs/warehouse.md), as its float parser can be 1 ULP off.
   */
  async insert(table: string, rows: readonly Record<string, string | number | null>[]): Promise<void> {
    try {
      await this.client.insert({ table, values: rows as Record<string, unknown>[], format: "JSONEachRow", clickhouse_settings: { insert_distributed_sync: 1 } });
    } catch (e) {
      throw this.explain(e);
    }
  }

  async close(): Promise<void> {
    await this.client.close();
  }

  /** A failure as one line naming the server (never its credentials) and what to check. */
  explain(e: unknown): Error {
    return explainClickHouseError(e, this.where, `${this.target.database}.${this.target.table}`);
  }
}

/**
 * Turn a client or server failure into a UserError. `where` is the credential-free server
 * URL; `table` the db.table the source names. Anything unrecognised keeps the server's
 * one-line message.
 *
 * Example: a server's "Code: 60, e.displayText() = DB::Exception: Table t.plays doesn't
 * exist., e.what() = DB::Exception" becomes
 * "clickhouse://127.0.0.1:8123: table t.plays does not exist (server: Table t.plays doesn't exist.)".
 */
export function explainClickHouseError(e: unknown, where: string, table: string): Error {
  if (e instanceof UserError) return e;
  const err = e as NodeJS.ErrnoException & { cause?: unknown };
  const code = err?.code ?? (err?.cause as NodeJS.ErrnoException | undefined)?.code;
  if (code && UNREACHABLE[code]) {
    return new UserError(`${where}: cannot reach a ClickHouse server (${UNREACHABLE[code]}); check the host and that the port is the server's HTTP port (8123 by default)`);
  }
  const message = String(err?.message ?? e);
  if (/timeout/i.test(message) && !/Code: \d+/.test(message)) return new UserError(`${where}: the server did not answer in time (${oneLine(message)})`);
  const server = parseServerError(message);
  if (!server) return new UserError(`${where}: ${oneLine(message)}${code ? ` (${code})` : ""}`);
  const said = `(server: ${server.text})`;
  switch (server.code) {
    case CODES.UNKNOWN_TABLE:
      return new UserError(`${where}: table ${table} does not exist ${said}`);
    case CODES.UNKNOWN_DATABASE:
      return new UserError(`${where}: database ${table.split(".")[0]} does not exist ${said}`);
    case CODES.UNKNOWN_IDENTIFIER:
      return new UserError(`${where}: a column the query needs is not in ${table} ${said}; check --map`);
    case CODES.UNKNOWN_USER:
    case CODES.WRONG_PASSWORD:
    case CODES.REQUIRED_PASSWORD:
    case CODES.IP_ADDRESS_NOT_ALLOWED:
    case CODES.AUTHENTICATION_FAILED:
      // the server's text names the user: say only that the credentials were refused
      return new UserError(`${where}: the server refused the credentials (ClickHouse error ${server.code}); give them in the URL (clickhouse://user:password@host:port/db.table) or in CLICKHOUSE_USER / CLICKHOUSE_PASSWORD`);
    default:
      return new UserError(`${where}: ClickHouse error ${server.code}: ${server.text}`);
  }
}

/** ClickHouse's error text: "Code: 60, e.displayText() = DB::Exception: <text>, e.what() = …" (18.x) or "Code: 60. DB::Exception: <text>. (NAME)" (later). */
export function parseServerError(message: string): { code: number; text: string } | undefined {
  const m = /Code: (\d+)[.,]\s*(?:e\.displayText\(\) = )?(?:DB::Exception: )?([\s\S]*)$/.exec(message);
  if (!m) return undefined;
  let text = m[2];
  const what = text.indexOf(", e.what() = ");
  if (what >= 0) text = text.slice(0, what);
  text = text.replace(/\s*\([A-Z_]+\)\s*(\(version [^)]*\))?\s*$/, "");
  return { code: Number(m[1]), text: oneLine(text) };
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}
