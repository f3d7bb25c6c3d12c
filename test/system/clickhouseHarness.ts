/**
 * A throwaway ClickHouse cluster on localhost for the system tests and the warehouse bench:
 * N `clickhouse-server` processes (Debian's 18.16 package), each with its own config.xml,
 * users.xml, data and tmp dirs under one temporary folder and its own free ports, and a
 * `remote_servers` section naming every one of them as a shard of the cluster `fprisk_local`.
 * No ZooKeeper (nothing is replicated); a server starts in about 0.1 s at about 70 MB.
 *
 * It never touches the packaged service: ports are picked free at start (so a running
 * `clickhouse-server.service` on 8123/9000 is no obstacle), nothing is read from or written
 * to /etc/clickhouse-server or /var/lib/clickhouse, and `interserver_http_port` is left out.
 *
 *   const cluster = await startLocalCluster(2);
 *   try { await createDistributedTable(cluster, "fp", "plays", "title String, duration_ms Float64"); … }
 *   finally { await cluster.stop(); }
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Catalog, NumericField } from "../../src/catalog/catalog.js";
import { ClickHouseConnection } from "../../src/sources/clickhouse/clickhouseConnection.js";
import { parseClickHouseUrl } from "../../src/sources/clickhouse/clickhouseUrl.js";

export const CLICKHOUSE_SERVER = process.env.FPRISK_CLICKHOUSE_SERVER ?? "/usr/sbin/clickhouse-server";
export const INSTALL_HINT = `no clickhouse-server at ${CLICKHOUSE_SERVER}: apt-get install -y --no-install-recommends clickhouse-server (or set FPRISK_CLICKHOUSE_SERVER)`;
export const CLUSTER_NAME = "fprisk_local";

export interface LocalServer {
  httpPort: number;
  tcpPort: number;
  dir: string;
  process: ChildProcess;
}

export interface LocalCluster {
  servers: LocalServer[];
  /** `clickhouse://127.0.0.1:<http port of the first server>/db.table`. */
  url(db: string, table: string, server?: number): string;
  /** A connection to one server (the first by default) for `db.table`. */
  connect(db: string, table: string, server?: number): ClickHouseConnection;
  /** Stop every server (SIGTERM, then SIGKILL after 5 s) and remove the folder. Safe to call twice. */
  stop(): Promise<void>;
}

/** A port nobody listens on now (the kernel's pick for port 0). */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.unref();
    s.on("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

function configXml(dir: string, httpPort: number, tcpPort: number, shards: { tcpPort: number }[]): string {
  const shardXml = shards.map((s) => `      <shard><replica><host>127.0.0.1</host><port>${s.tcpPort}</port></replica></shard>`).join("\n");
  return `<?xml version="1.0"?>
<yandex>
  <logger><level>warning</level><console>1</console></logger>
  <listen_host>127.0.0.1</listen_host>
  <http_port>${httpPort}</http_port>
  <tcp_port>${tcpPort}</tcp_port>
  <path>${dir}/data/</path>
  <tmp_path>${dir}/tmp/</tmp_path>
  <user_files_path>${dir}/user_files/</user_files_path>
  <format_schema_path>${dir}/format_schemas/</format_schema_path>
  <users_config>users.xml</users_config>
  <default_profile>default</default_profile>
  <default_database>default</default_database>
  <mark_cache_size>67108864</mark_cache_size>
  <uncompressed_cache_size>67108864</uncompressed_cache_size>
  <max_concurrent_queries>20</max_concurrent_queries>
  <query_log><database>system</database><table>query_log</table><flush_interval_milliseconds>200</flush_interval_milliseconds></query_log>
  <remote_servers>
    <${CLUSTER_NAME}>
${shardXml}
    </${CLUSTER_NAME}>
  </remote_servers>
</yandex>
`;
}

/** A user with a password, for the credential tests: `fp` / this password. */
export const PASSWORD_USER = { user: "fp", password: "fp-s3cret-pw" };

/** Two users reachable from localhost only: `default` without a password, and PASSWORD_USER. */
const USERS_XML = `<?xml version="1.0"?>
<yandex>
  <profiles><default><max_threads>2</max_threads><log_queries>1</log_queries></default></profiles>
  <users>
    <default>
      <password></password>
      <networks><ip>127.0.0.1</ip><ip>::1</ip></networks>
      <profile>default</profile>
      <quota>default</quota>
    </default>
    <${PASSWORD_USER.user}>
      <password>${PASSWORD_USER.password}</password>
      <networks><ip>127.0.0.1</ip><ip>::1</ip></networks>
      <profile>default</profile>
      <quota>default</quota>
    </${PASSWORD_USER.user}>
  </users>
  <quotas><default><interval><duration>3600</duration><queries>0</queries><errors>0</errors><result_rows>0</result_rows><read_rows>0</read_rows><execution_time>0</execution_time></interval></default></quotas>
</yandex>
`;

/** Every started server, so a test process that dies still stops them. */
const running = new Set<ChildProcess>();
process.once("exit", () => {
  for (const p of running) p.kill("SIGKILL");
});

async function waitReady(server: LocalServer, log: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (server.process.exitCode !== null) throw new Error(`clickhouse-server exited with code ${server.process.exitCode}: ${log()}`);
    try {
      const r = await fetch(`http://127.0.0.1:${server.httpPort}/ping`);
      if (r.ok && (await r.text()).startsWith("Ok")) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`clickhouse-server on port ${server.httpPort} not ready after 30 s: ${log()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function stopServer(p: ChildProcess): Promise<void> {
  if (p.exitCode !== null || p.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => p.once("exit", () => resolve()));
  p.kill("SIGTERM");
  const timer = setTimeout(() => p.kill("SIGKILL"), 5_000);
  await exited;
  clearTimeout(timer);
  running.delete(p);
}

/** Start `shards` servers forming the cluster `fprisk_local`. Throws INSTALL_HINT when the binary is missing. */
export async function startLocalCluster(shards: number): Promise<LocalCluster> {
  if (!existsSync(CLICKHOUSE_SERVER)) throw new Error(INSTALL_HINT);
  const root = mkdtempSync(join(tmpdir(), "fprisk-clickhouse-"));
  const ports: { httpPort: number; tcpPort: number }[] = [];
  const taken = new Set<number>();
  while (ports.length < shards) {
    const httpPort = await freePort();
    const tcpPort = await freePort();
    if (httpPort === tcpPort || taken.has(httpPort) || taken.has(tcpPort)) continue;
    taken.add(httpPort).add(tcpPort);
    ports.push({ httpPort, tcpPort });
  }
  const servers: LocalServer[] = [];
  const stop = async () => {
    await Promise.all(servers.map((s) => stopServer(s.process)));
    rmSync(root, { recursive: true, force: true });
  };
  try {
    for (let i = 0; i < shards; i++) {
      const dir = join(root, `shard${i + 1}`);
      for (const sub of ["data", "tmp", "user_files", "format_schemas"]) mkdirSync(join(dir, sub), { recursive: true });
      writeFileSync(join(dir, "config.xml"), configXml(dir, ports[i].httpPort, ports[i].tcpPort, ports));
      writeFileSync(join(dir, "users.xml"), USERS_XML);
      const child = spawn(CLICKHOUSE_SERVER, [`--config-file=${join(dir, "config.xml")}`], { cwd: dir, stdio: ["ignore", "ignore", "pipe"] });
      running.add(child);
      let stderr = "";
      child.stderr!.on("data", (b: Buffer) => {
        stderr = (stderr + b.toString()).slice(-2000);
      });
      servers.push({ ...ports[i], dir, process: child });
      await waitReady(servers[i], () => stderr.trim());
    }
  } catch (e) {
    await stop();
    throw e;
  }
  const url = (db: string, table: string, server = 0) => `clickhouse://127.0.0.1:${servers[server].httpPort}/${db}.${table}`;
  return {
    servers,
    url,
    connect: (db, table, server = 0) => new ClickHouseConnection(parseClickHouseUrl(url(db, table, server), {})),
    stop,
  };
}

/**
 * `db.table` as a Distributed table over a MergeTree table `db.table_local` on every shard
 * (created on every server, so any of them can be queried). Rows go to a shard by a hash
 * of the title: where a row lands never changes a result, but fixing it keeps runs alike.
 */
export async function createDistributedTable(cluster: LocalCluster, db: string, table: string, columnsDdl: string): Promise<void> {
  for (let i = 0; i < cluster.servers.length; i++) {
    const c = cluster.connect(db, table, i);
    try {
      await c.command(`CREATE DATABASE IF NOT EXISTS ${db}`);
      await c.command(`CREATE TABLE ${db}.${table}_local (${columnsDdl}) ENGINE = MergeTree ORDER BY tuple()`);
      await c.command(`CREATE TABLE ${db}.${table} AS ${db}.${table}_local ENGINE = Distributed(${CLUSTER_NAME}, ${db}, ${table}_local, cityHash64(title))`);
    } finally {
      await c.close();
    }
  }
}

/** `db.table` as a plain MergeTree table on one server (the single-server baseline). */
export async function createLocalTable(cluster: LocalCluster, db: string, table: string, columnsDdl: string, server = 0): Promise<void> {
  const c = cluster.connect(db, table, server);
  try {
    await c.command(`CREATE DATABASE IF NOT EXISTS ${db}`);
    await c.command(`CREATE TABLE ${db}.${table} (${columnsDdl}) ENGINE = MergeTree ORDER BY tuple()`);
  } finally {
    await c.close();
  }
}

/**
 * Insert a catalog's rows into `db.table` (created beforehand, e.g. by createDistributedTable)
 * as `title` plus one column per entry of `columns` (catalog field → table column); missing
 * values (NaN) go as NULL. Only integers are sent: ClickHouse 18.16 reads some decimal
 * texts 1 ULP off, integers never, so the table holds exactly the catalog's values.
 * Throws on a non-integer value rather than send it.
 */
export async function insertCatalog(conn: ClickHouseConnection, table: string, catalog: Catalog, columns: Partial<Record<NumericField, string>>, batch = 100_000): Promise<void> {
  const fields = Object.entries(columns) as [NumericField, string][];
  for (const [field] of fields) {
    const col = catalog.numeric[field];
    if (!col) throw new Error(`the catalog has no ${field}`);
    for (let i = 0; i < col.length; i++) {
      if (!Number.isNaN(col[i]) && !Number.isSafeInteger(col[i])) throw new Error(`${field} of row ${i} is ${col[i]}, not an integer: it could not be sent exactly`);
    }
  }
  for (let start = 0; start < catalog.rows; start += batch) {
    const end = Math.min(catalog.rows, start + batch);
    const rows: Record<string, string | number | null>[] = [];
    for (let i = start; i < end; i++) {
      const row: Record<string, string | number | null> = { title: catalog.titleNames[catalog.titleCodes[i]] };
      for (const [field, name] of fields) {
        const x = catalog.numeric[field]![i];
        row[name] = Number.isNaN(x) ? null : x;
      }
      rows.push(row);
    }
    await conn.insert(table, rows);
  }
}

/** Columns of a table filled by `generateRows`. */
export const GENERATED_COLUMNS = "title String, duration_ms Float64, bitrate_kbps Float64, width Float64, height Float64";

/**
 * Fill `table` with `rows` seeded rows generated on the server itself (`numbers(rows)` and
 * cityHash64 of the row number and seed), so a 10M-row catalog needs no upload and two
 * servers given the same seed hold the same rows. Every value is an integer: titles
 * `title <k>` with k < rows/4 (repeats), durations 1–170 min in ms (30 % on whole minutes,
 * ties), bitrates 300–40,300 kbps, five resolutions.
 */
export async function generateRows(conn: ClickHouseConnection, table: string, rows: number, seed: number): Promise<void> {
  const h = (salt: number) => `cityHash64(number, ${seed}, ${salt})`;
  const d = `(60000 + ${h(2)} % 10000000)`;
  await conn.command(
    `INSERT INTO ${table} SELECT concat('title ', toString(${h(1)} % ${Math.max(1, Math.floor(rows / 4))})) AS title, ` +
      `toFloat64(if(${h(3)} % 10 < 3, intDiv(${d}, 60000) * 60000, ${d})) AS duration_ms, ` +
      `toFloat64(300 + ${h(4)} % 40000) AS bitrate_kbps, ` +
      `toFloat64([720, 1280, 1920, 1920, 3840][${h(5)} % 5 + 1]) AS width, toFloat64([480, 720, 1080, 800, 2160][${h(5)} % 5 + 1]) AS height ` +
      `FROM numbers(${rows})`,
  );
}
