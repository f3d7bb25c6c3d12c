/**
 * A ClickHouse table named as a catalog source:
 *
 *   clickhouse://[user[:password]@]host[:port]/db.table
 *
 * The port is the server's HTTP port (8123 when left out). Credentials come from the URL,
 * else from CLICKHOUSE_USER / CLICKHOUSE_PASSWORD, else ClickHouse's `default` user with no
 * password. They are secrets: nothing fprisk prints (messages, `--verbose`, a result's
 * `source`) carries them — `display` is the URL without them, and a URL that cannot be
 * parsed is never echoed back (it may hold a password).
 *
 * Example: `clickhouse://fp:s3cret@10.0.0.5:8123/telemetry.plays` →
 *   { host "10.0.0.5", port 8123, database "telemetry", table "plays", user "fp",
 *     password "s3cret", display "clickhouse://10.0.0.5:8123/telemetry.plays" }
 */
import { UserError } from "../../base/errors.js";

export const CLICKHOUSE_SCHEME = "clickhouse://";
export const DEFAULT_HTTP_PORT = 8123;

export interface ClickHouseTarget {
  host: string;
  port: number;
  database: string;
  table: string;
  user: string;
  password: string;
  /** The URL without credentials: what messages and results call this table. */
  display: string;
}

/** True when `source` names a ClickHouse table (by its scheme, case-insensitive). */
export function isClickHouseUrl(source: string): boolean {
  return source.slice(0, CLICKHOUSE_SCHEME.length).toLowerCase() === CLICKHOUSE_SCHEME;
}

/** A database or table name fprisk accepts: a plain identifier (no quoting needed on any server). */
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

const FORM = "clickhouse://[user[:password]@]host[:port]/db.table";

/**
 * Parse a `clickhouse://` source. `env` supplies CLICKHOUSE_USER / CLICKHOUSE_PASSWORD
 * when the URL has none (process.env by default). Errors describe what is wrong without
 * repeating the URL's credentials.
 */
export function parseClickHouseUrl(source: string, env: NodeJS.ProcessEnv = process.env): ClickHouseTarget {
  const bad = (what: string) => new UserError(`bad ClickHouse source: ${what} (expected ${FORM})`);
  if (!isClickHouseUrl(source)) throw bad("it does not start with clickhouse://");
  const rest = source.slice(CLICKHOUSE_SCHEME.length);
  // Credentials end at the LAST "@" (no host, database or table name holds one), so a password
  // with a raw "@" or "/" still parses, and nothing echoed in a message comes from before it.
  const at = rest.lastIndexOf("@");
  const userInfo = at >= 0 ? rest.slice(0, at) : undefined;
  const located = rest.slice(at + 1);
  const slash = located.indexOf("/");
  if (slash < 0) throw bad("no /db.table after the host");
  const hostPort = located.slice(0, slash);
  const path = located.slice(slash + 1);

  let user: string | undefined;
  let password: string | undefined;
  if (userInfo !== undefined) {
    const colon = userInfo.indexOf(":");
    user = decode(colon < 0 ? userInfo : userInfo.slice(0, colon), "user name", bad);
    password = colon < 0 ? undefined : decode(userInfo.slice(colon + 1), "password", bad);
    if (user === "") throw bad("an empty user name before @");
  }

  const hp = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9._-]+)(?::(\d{1,5}))?$/.exec(hostPort);
  if (!hp) throw bad(hostPort === "" ? "no host" : `the host "${hostPort}" is not a host name, IPv4 address or [IPv6] address with an optional :port`);
  const host = hp[1];
  const port = hp[2] === undefined ? DEFAULT_HTTP_PORT : Number(hp[2]);
  if (!(port >= 1 && port <= 65535)) throw bad(`port ${hp[2]} is not in 1–65535`);

  if (/[?#]/.test(path)) throw bad("a query string or fragment after db.table");
  const dot = path.indexOf(".");
  if (dot < 0) throw bad(`"${path}" is not db.table`);
  const database = path.slice(0, dot);
  const table = path.slice(dot + 1);
  for (const [what, name] of [["database", database], ["table", table]] as const) {
    if (!IDENTIFIER.test(name)) throw bad(`the ${what} name "${name}" is not a plain identifier (letters, digits, _)`);
  }

  const display = `${CLICKHOUSE_SCHEME}${host}:${port}/${database}.${table}`;
  return {
    host,
    port,
    database,
    table,
    user: user ?? (env.CLICKHOUSE_USER || "default"),
    // a password kept out of the URL (and so out of shell history) may come from the environment
    password: password ?? env.CLICKHOUSE_PASSWORD ?? "",
    display,
  };
}

function decode(text: string, what: string, bad: (what: string) => UserError): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw bad(`the ${what} has a malformed %-escape`);
  }
}
