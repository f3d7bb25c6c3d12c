/**
 * Play-log unicity on a real two-shard ClickHouse 18.16 cluster (test/system/clickhouseHarness.ts):
 * a seeded synthetic play log is loaded into a `Distributed` table whose rows go to a
 * random shard (one server's plays spread over both), and into a plain table on one
 * server; the unicity query (engine/sql/unicitySql.ts, ClickHouse dialect) must give
 * exactly the in-memory counts on both, for several schemes, plays and seeds. From the
 * command line (the built binary), `attack --play-log` and `tune --play-log` on a
 * clickhouse:// log with padded codecs give the in-memory engine's numbers, on the server
 * (--engine auto) and loaded (--engine memory). The servers are stopped after the tests,
 * also when one fails. Part of `npm run test:system`.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ClickHouseRunner } from "../../src/engine/sql/clickhouseRunner.js";
import { runUnicity } from "../../src/engine/sql/unicitySql.js";
import { playLogUnicity } from "../../src/attacks/playLogUnicity.js";
import { syntheticPlayLog } from "../../src/attacks/syntheticPlayLog.js";
import { playLogFromRows, type PlayLogRelation, type PlayRows } from "../../src/sources/playLog.js";
import { generateVideoLibrary } from "../../src/sources/synthetic/synthetic.js";
import { parseScheme } from "../../src/schemes/parse.js";
import { tune, tuneAsync } from "../../src/experiments/tune/tune.js";
import { SqlCatalog } from "../../src/experiments/tune/sqlCatalog.js";
import { parseSpace } from "../../src/experiments/tune/space.js";
import { parseTarget } from "../../src/experiments/tune/target.js";
import { expectSameMetrics } from "../measures/sql/sameNumbers.js";
import { expectUserError, fprisk } from "../cliHelpers.js";
import { CLUSTER_NAME, createLocalTable, PASSWORD_USER, startLocalCluster, type LocalCluster } from "./clickhouseHarness.js";

const DB = "fp";
const FIELDS = ["duration_ms", "bitrate_kbps", "width", "height"] as const;
/** A codec per catalog row, some missing (NULL): codec=exact's SQL must run on 18.16, which has no trim. */
const CODECS = ["h264", "hevc", "", "av1"];
const COLUMNS = `server String, ${FIELDS.map((f) => `${f} Nullable(Float64)`).join(", ")}, codec Nullable(String)`;
let cluster: LocalCluster;

/** A synthetic log whose values are all integers (ClickHouse 18.16 reads integers exactly). */
function integerLog(): PlayRows {
  const catalog = generateVideoLibrary({ titles: 400, seed: 3 });
  const plays = syntheticPlayLog(catalog, { servers: 80, seed: 3, meanSize: 6 });
  const col = (f: (typeof FIELDS)[number]) => Float64Array.from(plays.row, (r) => Math.round(catalog.numeric[f]![r]));
  return {
    source: "fp.plays",
    serverIds: Array.from({ length: plays.servers }, (_, j) => `server-${j}`),
    server: plays.server,
    numeric: Object.fromEntries(FIELDS.map((f) => [f, col(f)])),
    text: { codec: Array.from(plays.row, (r) => CODECS[r % CODECS.length]) },
  };
}

const rows = integerLog();

/**
 * The same plays for the command line: the server column named `account`, and codecs padded
 * with JavaScript's white space (trimmed by codec=family, kept by codec=exact) or blank
 * (missing), as in memory.
 */
const CLI_CODECS = ["h264", " h264\t", "\u3000", "", "HEVC\u00a0", "av1"];
const CLI_COLUMNS = `account String, ${FIELDS.map((f) => `${f} Nullable(Float64)`).join(", ")}, codec Nullable(String)`;
const cliRows: PlayRows = { ...rows, text: { codec: Array.from(rows.server, (_, r) => CLI_CODECS[(r * 7) % CLI_CODECS.length]) } };

beforeAll(async () => {
  cluster = await startLocalCluster(2);
  for (let i = 0; i < cluster.servers.length; i++) {
    const c = cluster.connect(DB, "plays", i);
    try {
      await c.command(`CREATE DATABASE IF NOT EXISTS ${DB}`);
      await c.command(`CREATE TABLE ${DB}.plays_local (${COLUMNS}) ENGINE = MergeTree ORDER BY tuple()`);
      await c.command(`CREATE TABLE ${DB}.plays AS ${DB}.plays_local ENGINE = Distributed(${CLUSTER_NAME}, ${DB}, plays_local, rand())`);
    } finally {
      await c.close();
    }
  }
  await createLocalTable(cluster, DB, "plays_one", COLUMNS);
  for (let i = 0; i < cluster.servers.length; i++) {
    const c = cluster.connect(DB, "plays_cli", i);
    try {
      await c.command(`CREATE TABLE ${DB}.plays_cli_local (${CLI_COLUMNS}) ENGINE = MergeTree ORDER BY tuple()`);
      await c.command(`CREATE TABLE ${DB}.plays_cli AS ${DB}.plays_cli_local ENGINE = Distributed(${CLUSTER_NAME}, ${DB}, plays_cli_local, rand())`);
    } finally {
      await c.close();
    }
  }
  {
    const c = cluster.connect(DB, "plays_cli");
    try {
      await c.insert(
        `${DB}.plays_cli`,
        Array.from(cliRows.server, (s, r) => ({ account: cliRows.serverIds[s], ...Object.fromEntries(FIELDS.map((f) => [f, cliRows.numeric[f]![r]])), codec: cliRows.text.codec![r] || null })),
      );
    } finally {
      await c.close();
    }
  }
  const values = Array.from(rows.server, (s, r) => ({ server: rows.serverIds[s], ...Object.fromEntries(FIELDS.map((f) => [f, rows.numeric[f]![r]])), codec: rows.text.codec![r] || null }));
  for (const table of ["plays", "plays_one"]) {
    const c = cluster.connect(DB, table);
    try {
      await c.insert(`${DB}.${table}`, values);
    } finally {
      await c.close();
    }
  }
}, 120_000);

afterAll(async () => {
  await cluster?.stop();
});

describe("play-log unicity on ClickHouse", () => {
  it.each([
    ["duration=round(1s)", 1, 1],
    ["duration=round(1min),bitrate=round(1Mbps),resolution=class", 4, 7],
    ["duration=exact,bitrate=exact", 2, 2 ** 33 + 5],
    ["codec=exact,duration=round(1min)", 3, 4],
  ])("%s, %i plays, seed %i: the cluster and one server give the in-memory counts", async (text, plays, seed) => {
    const scheme = parseScheme(text);
    const [mem] = playLogUnicity(playLogFromRows(rows), scheme, { plays: [plays], seed });
    const want = { servers: mem.servers, unique: mem.unique, candidates: Math.round(mem.mean_candidates * mem.servers), short: mem.short };
    for (const table of ["plays", "plays_one"]) {
      const c = cluster.connect(DB, table);
      try {
        const rel: PlayLogRelation = { dialect: "clickhouse", from: `${DB}.${table}`, numeric: [...FIELDS], text: ["codec"], source: `${DB}.${table}` };
        expect(await runUnicity(new ClickHouseRunner(c), rel, scheme, { plays, seed }), table).toEqual(want);
      } finally {
        await c.close();
      }
    }
    expect(mem.servers).toBe(80);
  }, 120_000);
});

describe("tune against a play log on ClickHouse", () => {
  it("linkage(p) from the unicity query on the cluster, metrics over the log's distinct items: the in-memory tune's result", async () => {
    const options = {
      targets: [parseTarget("linkage(3)<=0.5"), parseTarget("title_unique_fraction<=0.95")],
      space: parseSpace("duration=round(1s)|round(1min)|round(10min)|drop,bitrate=exact|round(1Mbps)|drop,resolution=exact|class"),
      seed: 5,
    };
    const log = playLogFromRows(rows);
    const want = tune([log.items], { ...options, playLogs: [log] });
    expect(new Set(want.outcomes.map((o) => o.meets)).size).toBe(2);
    for (const table of ["plays", "plays_one"]) {
      const c = cluster.connect(DB, table);
      try {
        // the same columns as the in-memory log (codec too): its distinct plays are the same
        const rel: PlayLogRelation = { dialect: "clickhouse", from: `${DB}.${table}`, numeric: [...FIELDS], text: ["codec"], source: `${DB}.${table}` };
        const got = await tuneAsync([await SqlCatalog.openPlayLog(new ClickHouseRunner(c), rel)], options);
        expect([got.evaluated, got.pruned, got.recommended?.text ?? null], table).toEqual([want.evaluated, want.pruned, want.recommended?.text ?? null]);
        expect(got.outcomes.map((o) => o.text)).toEqual(want.outcomes.map((o) => o.text));
        got.outcomes.forEach((o, i) => {
          expect(o.metrics[0].linkage_3, `${table} ${o.text}`).toBe(want.outcomes[i].metrics[0].linkage_3);
          expectSameMetrics(o.metrics[0], want.outcomes[i].metrics[0], `${table} ${o.text}`);
        });
      } finally {
        await c.close();
      }
    }
  }, 300_000);
});

describe("a clickhouse:// play log from the command line", () => {
  const url = () => cluster.url(DB, "plays_cli");

  it.each([
    ["codec=exact,duration=round(1min)", 3, 4],
    ["codec=family,bitrate=round(1Mbps)", 2, 9],
    ["duration=round(1s)", 1, 1],
  ])("attack --play-log, %s, %i plays, seed %i: on the server and loaded, the in-memory counts", (scheme, plays, seed) => {
    const [want] = playLogUnicity(playLogFromRows(cliRows), parseScheme(scheme), { plays: [plays], seed });
    expect(want.servers).toBe(80);
    for (const engine of ["auto", "memory"]) {
      const r = fprisk(["attack", url(), "--play-log", "--server-column", "account", "--plays", String(plays), "--seed", String(seed), "--scheme", scheme, "--engine", engine, "--format", "json"]);
      expect(r.code, r.stderr).toBe(0);
      const got = JSON.parse(r.stdout);
      expect(got.engine).toBe(engine === "auto" ? "clickhouse" : "memory");
      expect([got.servers, got.unique, got.short], engine).toEqual([want.servers, want.unique, want.short]);
      expect(got.mean_candidates, engine).toBeCloseTo(want.mean_candidates, 12);
    }
  }, 120_000);

  it("tune --play-log --target linkage(p): on the server and loaded, the in-memory tune's recommendation and metrics", () => {
    const space = "duration=round(1s)|round(1min)|round(10min)|drop,codec=exact|family|drop";
    const log = playLogFromRows(cliRows);
    const want = tune([log.items], { targets: [parseTarget("linkage(3)<=0.4")], space: parseSpace(space), seed: 5, playLogs: [log] });
    expect(want.recommended).not.toBeNull();
    expect(new Set(want.outcomes.map((o) => o.meets)).size).toBe(2); // the target splits the space
    for (const engine of ["auto", "memory"]) {
      const r = fprisk(["tune", url(), "--play-log", "--server-column", "account", "--target", "linkage(3)<=0.4", "--space", space, "--seed", "5", "--engine", engine, "--format", "json", "--verbose"]);
      expect(r.code, r.stderr).toBe(0);
      if (engine === "auto") expect(r.stderr).toContain("tuned on its server, not loaded");
      const got = JSON.parse(r.stdout);
      expect([got.evaluated, got.pruned, got.recommended.scheme], engine).toEqual([want.evaluated, want.pruned, want.recommended!.text]);
      expect(Object.keys(got.recommended.metrics)).toEqual([url()]);
      const metrics = got.recommended.metrics[url()];
      expect(metrics.linkage_3, engine).toBe(want.recommended!.metrics[0].linkage_3);
      expectSameMetrics(metrics, want.recommended!.metrics[0], engine);
    }
  }, 300_000);

  it("credentials in the URL reach the server and are never printed (table, JSON, --verbose)", () => {
    const withUser = url().replace("clickhouse://", `clickhouse://${PASSWORD_USER.user}:${PASSWORD_USER.password}@`);
    for (const format of ["table", "json"]) {
      const r = fprisk(["attack", withUser, "--play-log", "--server-column", "account", "--plays", "2", "--scheme", "duration=round(1min)", "--format", format, "--verbose"]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain(url());
      expect(r.stdout + r.stderr).not.toContain(PASSWORD_USER.password);
    }
    const t = fprisk(["tune", withUser, "--play-log", "--server-column", "account", "--target", "linkage(2)<=0.9", "--space", "duration=round(1min)|drop", "--format", "json", "--verbose"]);
    expect(t.code, t.stderr).toBe(0);
    expect(t.stdout + t.stderr).not.toContain(PASSWORD_USER.password);
  }, 120_000);

  it("a missing server column: one line naming the columns, exit 2", () => {
    const r = fprisk(["attack", url(), "--play-log", "--server-column", "server_id", "--plays", "2", "--scheme", "duration=round(1s)"]);
    expectUserError(r, /^fprisk: clickhouse:\/\/127\.0\.0\.1:\d+\/fp\.plays_cli: no column "server_id" \(--server-column\); its columns: account String, duration_ms Nullable\(Float64\)/, 1);
    const t = fprisk(["tune", url(), "--play-log", "--server-column", "server_id", "--target", "linkage(2)<=0.5"]);
    expectUserError(t, /no column "server_id" \(--server-column\)/, 1);
  });
});
