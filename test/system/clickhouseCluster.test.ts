/**
 * fprisk against a real two-shard ClickHouse cluster on localhost (Debian's clickhouse-server
 * 18.16, started by test/system/clickhouseHarness.ts with its own config, ports and folders):
 * a registry dataset and a seeded random catalog are loaded into `Distributed` tables over
 * `MergeTree` shards; the table read as a relation must be the catalog row for row, and every
 * metric of several schemes computed by the ClickHouse engine must equal the in-memory
 * engine's (integers exactly, floats within 1e-12 relative). The servers are stopped after
 * the tests, also when one fails. Without clickhouse-server the tests FAIL saying what to
 * install.
 *
 * Part of `npm run test:system`.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Catalog, NumericField } from "../../src/catalog/catalog.js";
import { Rng } from "../../src/base/random.js";
import { loadCatalog } from "../../src/sources/loadCatalog.js";
import { openClickHouseRelation } from "../../src/sources/clickhouse/clickhouseRelation.js";
import { evaluate } from "../../src/measures/evaluate.js";
import type { Metrics } from "../../src/measures/metrics.js";
import { catalogOf, dataDir } from "../helpers.js";
import { fprisk } from "../cliHelpers.js";
import { evaluateClickHouse } from "../../src/measures/sql/evaluateClickHouse.js";
import { expectSameMetrics } from "../measures/sql/sameNumbers.js";
import { tune } from "../../src/experiments/tune/tune.js";
import { parseSpace } from "../../src/experiments/tune/space.js";
import { parseTarget } from "../../src/experiments/tune/target.js";
import { createDistributedTable, insertCatalog, PASSWORD_USER, startLocalCluster, type LocalCluster } from "./clickhouseHarness.js";

process.env.FPRISK_DATA_DIR ??= dataDir;

/** A seeded catalog of integer values (sent exactly) with repeats, ties and missing values. */
export function randomCatalog(seed: number, rows: number): Catalog {
  const rng = new Rng(seed);
  const titles: string[] = [];
  const cols: Record<"duration_ms" | "bitrate_kbps" | "width" | "height", (number | null)[]> = { duration_ms: [], bitrate_kbps: [], width: [], height: [] };
  const dims = [[720, 480], [1280, 720], [1920, 1080], [1920, 800], [3840, 2160]];
  for (let i = 0; i < rows; i++) {
    titles.push(`title ${rng.int(Math.max(1, rows >> 2))}`);
    const coarse = rng.bernoulli(0.3);
    const d = 60_000 + rng.int(10_000_000);
    cols.duration_ms.push(rng.bernoulli(0.03) ? null : coarse ? Math.round(d / 60_000) * 60_000 : d);
    cols.bitrate_kbps.push(rng.bernoulli(0.05) ? null : 300 + rng.int(40_000));
    const [w, h] = dims[rng.int(dims.length)];
    const missing = rng.bernoulli(0.04);
    cols.width.push(missing ? null : w);
    cols.height.push(missing ? null : h);
  }
  return catalogOf(titles, cols);
}

const DB = "fp";
let cluster: LocalCluster;

beforeAll(async () => {
  cluster = await startLocalCluster(2);
}, 60_000);

afterAll(async () => {
  await cluster?.stop();
});

/** The relation's rows as sorted lines "title|field=value|…" (null for missing), for a multiset comparison. */
async function relationLines(url: string, map: string | undefined, fields: readonly NumericField[]): Promise<string[]> {
  const src = await openClickHouseRelation(url, { map });
  try {
    expect(src.relation.numeric).toEqual(fields);
    const rows = await src.connection.query(`SELECT * FROM ${src.relation.from}`);
    expect(rows.length).toBe(src.rows);
    return rows.map((r) => [r.title, ...fields.map((f) => `${f}=${r[f] === null ? "null" : Number(r[f])}`)].join("|")).sort();
  } finally {
    await src.connection.close();
  }
}

function catalogLines(catalog: Catalog, fields: readonly NumericField[]): string[] {
  const lines: string[] = [];
  for (let i = 0; i < catalog.rows; i++) {
    const values = fields.map((f) => {
      const x = catalog.numeric[f]![i];
      return `${f}=${Number.isNaN(x) ? "null" : x}`;
    });
    lines.push([catalog.titleNames[catalog.titleCodes[i]], ...values].join("|"));
  }
  return lines.sort();
}

describe("a ClickHouse table as a relation, through a two-shard Distributed table", () => {
  it("chinook-tracks (title, ms, bytes; bitrate derived on the server) reads back as the loaded catalog, bit for bit", async () => {
    const catalog = await loadCatalog("chinook-tracks");
    await createDistributedTable(cluster, DB, "chinook", "title String, milliseconds Nullable(UInt32), bytes Nullable(UInt64)");
    const conn = cluster.connect(DB, "chinook");
    try {
      await insertCatalog(conn, `${DB}.chinook`, catalog, { duration_ms: "milliseconds", size_bytes: "bytes" });
      // both shards hold rows: the table really is distributed
      for (let s = 0; s < 2; s++) {
        const shard = cluster.connect(DB, "chinook_local", s);
        const [{ n }] = await shard.query<{ n: number }>(`SELECT count() AS n FROM ${DB}.chinook_local`);
        await shard.close();
        expect(n).toBeGreaterThan(catalog.rows / 4);
      }
    } finally {
      await conn.close();
    }
    const fields: NumericField[] = ["duration_ms", "bitrate_kbps", "size_bytes"];
    expect(await relationLines(cluster.url(DB, "chinook"), "title=title,duration=milliseconds:ms,size=bytes:B", fields)).toEqual(catalogLines(catalog, fields));
  });

  it("a random catalog (ties, repeats, missing values) reads back as itself", async () => {
    const catalog = randomCatalog(13, 5000);
    await createDistributedTable(cluster, DB, "random", "title String, duration_ms Nullable(Float64), bitrate_kbps Nullable(Float64), width Nullable(UInt16), height Nullable(UInt16)");
    const conn = cluster.connect(DB, "random");
    try {
      await insertCatalog(conn, `${DB}.random`, catalog, { duration_ms: "duration_ms", bitrate_kbps: "bitrate_kbps", width: "width", height: "height" });
    } finally {
      await conn.close();
    }
    const fields: NumericField[] = ["duration_ms", "bitrate_kbps", "width", "height"];
    expect(await relationLines(cluster.url(DB, "random"), undefined, fields)).toEqual(catalogLines(catalog, fields));
  });
});

const SCHEMES = ["duration=round(1s),bitrate=round(100kbps)", "duration=round(1min),bitrate=log(10%),resolution=class", "duration=floor(7s),resolution=exact", "bitrate=sig(2)"];

describe("titles as the loaders read them", () => {
  it("trims white space (JavaScript's trim) and joins several title columns with an em dash, dropping empty parts", async () => {
    await createDistributedTable(cluster, DB, "titles", "title String, artist Nullable(String), duration_ms UInt32");
    const conn = cluster.connect(DB, "titles");
    try {
      await conn.insert(`${DB}.titles`, [
        { title: " Heat\t", artist: null, duration_ms: 1 },
        { title: "Heat", artist: "\u00a0Mann ", duration_ms: 2 },
        { title: "\u2003Alien\n", artist: "", duration_ms: 3 },
      ]);
    } finally {
      await conn.close();
    }
    const read = async (map: string) => {
      const src = await openClickHouseRelation(cluster.url(DB, "titles"), { map });
      try {
        return (await src.connection.query<{ title: string }>(`SELECT title FROM ${src.relation.from} ORDER BY duration_ms`)).map((r) => r.title);
      } finally {
        await src.connection.close();
      }
    };
    expect(await read("title=title")).toEqual(["Heat", "Heat", "Alien"]);
    expect(await read("title=title+artist")).toEqual(["Heat", "Heat — Mann", "Alien"]);
  });
});

describe("credentials on a live server", () => {
  const { user, password } = PASSWORD_USER;
  const withUser = (url: string, pw: string) => url.replace("clickhouse://", `clickhouse://${user}:${pw}@`);

  it("from the URL or the environment: the run works and nothing printed holds the password", () => {
    const plain = cluster.url(DB, "random");
    for (const [url, env] of [[withUser(plain, password), {}], [plain, { CLICKHOUSE_USER: user, CLICKHOUSE_PASSWORD: password }]] as const) {
      const r = fprisk(["evaluate", url, "--verbose", "--scheme", "duration=round(1s)", "--format", "json"], env);
      expect(r.code, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout).catalog.source).toBe(plain);
      expect(r.stdout + r.stderr).not.toContain(password);
      expect(r.stderr).toContain(`${plain}: 5000 rows`);
    }
  });

  it("a wrong password is one line that names neither the user nor the password", () => {
    const r = fprisk(["evaluate", withUser(cluster.url(DB, "random"), "wrong-pw-123"), "--scheme", "duration=round(1s)"]);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/^fprisk: clickhouse:\/\/127\.0\.0\.1:\d+: the server refused the credentials \(ClickHouse error \d+\); give them in the URL/);
    expect(r.stderr).not.toMatch(/wrong-pw-123|fp:/);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
  });
});

describe("invalid rows, as the loaders treat them", () => {
  it("stop the run with one line, or are left out and counted with --skip-invalid", async () => {
    await createDistributedTable(cluster, DB, "invalid", "title String, duration_ms Float64");
    const conn = cluster.connect(DB, "invalid");
    try {
      await conn.insert(`${DB}.invalid`, [
        { title: "A", duration_ms: 60000 },
        { title: "B", duration_ms: -5 },
        { title: "  ", duration_ms: 61000 },
        { title: "C", duration_ms: 0 },
        { title: "D", duration_ms: 60000 },
      ]);
    } finally {
      await conn.close();
    }
    const url = cluster.url(DB, "invalid");
    const refused = fprisk(["evaluate", url, "--scheme", "duration=round(1min)"]);
    expect(refused.code, refused.stderr).toBe(2);
    expect(refused.stderr).toMatch(/^fprisk: clickhouse:\/\/127\.0\.0\.1:\d+\/fp\.invalid: 1 row with (the title \(title\) is empty|duration_ms from column "duration_ms" \(ms\) is negative) — fix the table or pass --skip-invalid to skip such rows\n$/);
    const skipped = fprisk(["evaluate", url, "--skip-invalid", "--verbose", "--scheme", "duration=round(1min)", "--format", "json"]);
    expect(skipped.code, skipped.stderr).toBe(0);
    expect(skipped.stderr).toContain("3 rows, skipped 1 empty title, 1 negative duration_ms");
    // what is left: A and D share a minute, C's duration is unknown
    const want = evaluate(catalogOf(["A", "C", "D"], { duration_ms: [60000, null, 60000] }), ["duration=round(1min)"]).results[0].metrics;
    expectSameMetrics(JSON.parse(skipped.stdout).results[0].metrics, want, "skip-invalid");
  });
});

describe("a ClickHouse table loaded into memory (every command can read one)", () => {
  it("loadCatalog(clickhouse://…) gives the in-memory engine the same metrics as the catalog itself", async () => {
    const catalog = randomCatalog(13, 5000);
    const loaded = await loadCatalog(cluster.url(DB, "random"));
    expect(loaded.rows).toBe(catalog.rows);
    expect(loaded.source).toBe(cluster.url(DB, "random"));
    const a = evaluate(catalog, SCHEMES).results.map((r) => r.metrics);
    const b = evaluate(loaded, SCHEMES).results.map((r) => r.metrics);
    a.forEach((m, i) => expectSameMetrics(b[i], m, SCHEMES[i]));
    // the load order is fixed (sorted), so two loads give identical outputs
    const again = await loadCatalog(cluster.url(DB, "random"));
    expect(again.titleNames).toEqual(loaded.titleNames);
  });

  it("fprisk evaluate clickhouse://127.0.0.1:PORT/db.table (run on the server) prints the catalog's numbers", () => {
    const catalog = randomCatalog(13, 5000);
    const want = evaluate(catalog, SCHEMES).results.map((r) => r.metrics);
    const r = fprisk(["evaluate", cluster.url(DB, "random"), ...SCHEMES.flatMap((s) => ["--scheme", s]), "--format", "json"]);
    expect(r.code, r.stderr).toBe(0);
    const got = JSON.parse(r.stdout) as { catalog: { source: string }; results: { metrics: Record<string, number> }[] };
    expect(got.catalog.source).toBe(cluster.url(DB, "random"));
    got.results.forEach((res, i) => expectSameMetrics(res.metrics as Metrics, want[i], SCHEMES[i]));
  });

  it("--engine memory loads the table and gives the same numbers", () => {
    const catalog = randomCatalog(13, 5000);
    const want = evaluate(catalog, SCHEMES).results.map((r) => r.metrics);
    const r = fprisk(["evaluate", cluster.url(DB, "random"), "--engine", "memory", ...SCHEMES.flatMap((s) => ["--scheme", s]), "--format", "json"]);
    expect(r.code, r.stderr).toBe(0);
    (JSON.parse(r.stdout).results as { metrics: Metrics }[]).forEach((res, i) => expectSameMetrics(res.metrics, want[i], SCHEMES[i]));
  });

  it("errors from a live server: missing table, missing column, wrong type — one line, exit 2", () => {
    const cases: [string[], RegExp][] = [
      [["evaluate", cluster.url(DB, "nope"), "--scheme", "duration=exact"], /table fp\.nope does not exist/],
      [["evaluate", cluster.url("nodb", "x"), "--scheme", "duration=exact"], /database nodb does not exist/],
      [["evaluate", cluster.url(DB, "random"), "--map", "duration=secs:s", "--scheme", "duration=exact"], /no column "secs" \(for duration\) in fp\.random/],
      [["evaluate", cluster.url(DB, "chinook"), "--map", "title=title,duration=title:ms", "--scheme", "duration=exact"], /column "title" \(duration\) is String, not a number/],
    ];
    for (const [args, message] of cases) {
      const r = fprisk(args);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
    }
  });
});

/** Schemes covering every generalizer with an SQL form, fitted quantiles included. */
const ENGINE_SCHEMES = [
  "duration=exact",
  "duration=round(1s),bitrate=round(100kbps)",
  "duration=round(1min),bitrate=log(10%),resolution=class",
  "duration=floor(7s),resolution=exact",
  "duration=ladder(0,30,90min),resolution=height",
  "bitrate=sig(2),resolution=round(16px)",
  "duration=quantile(10),bitrate=quantile(4)",
  "none",
];

describe("the ClickHouse engine on the two-shard cluster: every metric as in memory", () => {
  it.each([
    ["chinook-tracks", "chinook", "title=title,duration=milliseconds:ms,size=bytes:B", () => loadCatalog("chinook-tracks")],
    ["the random catalog", "random", undefined, async () => randomCatalog(13, 5000)],
  ] as const)("%s", async (_name, table, map, load) => {
    const catalog = await load();
    const schemes = ENGINE_SCHEMES.filter((s) => !(table === "chinook" && /resolution/.test(s)));
    const want = evaluate(catalog, schemes).results;
    const got = await evaluateClickHouse(cluster.url(DB, table), schemes, { map });
    expect(got.catalog).toEqual({ source: cluster.url(DB, table), rows: catalog.rows, titles: catalog.titleNames.length });
    got.results.forEach((r, i) => expectSameMetrics(r.metrics, want[i].metrics, schemes[i]));
  });
});

describe("the grouping runs on the shards", () => {
  it("each shard groups its own rows (the second server gets GROUP BY queries over its local table), and counts distinct titles", async () => {
    const since = Math.floor(Date.now() / 1000) - 1;
    await evaluateClickHouse(cluster.url(DB, "random"), ["duration=round(1min),bitrate=round(1Mbps)"]);
    const shard = cluster.connect(DB, "random", 1);
    try {
      // The query log is written every 200 ms (the harness's config).
      let received: string[] = [];
      for (let i = 0; i < 50 && received.length < 2; i++) {
        await new Promise((r) => setTimeout(r, 200));
        const rows = await shard.query<{ query: string }>(
          `SELECT query FROM system.query_log WHERE type = 2 AND is_initial_query = 0 AND event_time >= toDateTime(${since}) AND query LIKE '%random_local%'`,
        );
        received = rows.map((r) => r.query).filter((q) => /GROUP BY|uniqExact|count\(DISTINCT/i.test(q));
      }
      expect(received.some((q) => /GROUP BY/i.test(q)), received.join("\n")).toBe(true);
      expect(received.some((q) => /uniqExact|count\(DISTINCT/i.test(q)), received.join("\n")).toBe(true);
    } finally {
      await shard.close();
    }
  });
});

/** Random schemes over the random table's fields: every deterministic generalizer with an SQL form. */
const PARTS = {
  duration: ["exact", "round(1s)", "round(7ms)", "floor(1min)", "sig(2)", "sig(3)", "log(10%)", "log(50%)", "quantile(3)", "quantile(10)", "ladder(0,30,90min)"],
  bitrate: ["exact", "round(500kbps)", "floor(1Mbps)", "sig(1)", "log(25%)", "quantile(4)", "ladder(1,3,6Mbps)"],
  resolution: ["exact", "class", "height", "round(16px)", "floor(100px)"],
} as const;
const arbScheme = fc
  .record({ duration: fc.option(fc.constantFrom(...PARTS.duration), { nil: undefined }), bitrate: fc.option(fc.constantFrom(...PARTS.bitrate), { nil: undefined }), resolution: fc.option(fc.constantFrom(...PARTS.resolution), { nil: undefined }) })
  .map((r) => Object.entries(r).filter(([, g]) => g !== undefined).map(([a, g]) => `${a}=${g}`).join(",") || "none");

describe("random schemes on the cluster (fast-check)", () => {
  it("every metric equals the in-memory engine's, for three risk thresholds", async () => {
    const catalog = randomCatalog(13, 5000);
    await fc.assert(
      fc.asyncProperty(fc.array(arbScheme, { minLength: 1, maxLength: 3 }), fc.constantFrom(0.2, 0.1, 0.5), async (schemes, tau) => {
        const want = evaluate(catalog, schemes, { riskThreshold: tau }).results;
        const got = await evaluateClickHouse(cluster.url(DB, "random"), schemes, { riskThreshold: tau });
        got.results.forEach((r, i) => expectSameMetrics(r.metrics, want[i].metrics, `${schemes[i]} τ=${tau}`));
      }),
      { numRuns: 12, seed: 13 },
    );
  });
});

describe("fprisk tune on the cluster (issue 13's `tune clickhouse://…`)", () => {
  const space = "duration=round(1s)|round(1min)|round(15min)|drop,bitrate=exact|round(1Mbps)|log(50%)|drop,resolution=exact|class|drop";
  type Tuned = { evaluated: number; pruned: number; recommended: { scheme: string; objective: number; metrics: Record<string, Metrics> } | null; frontier: { scheme: string; objective: number; metrics: Record<string, Metrics> }[] };

  it("each scheme one query on the server: the in-memory tune's recommendation, counts and numbers", () => {
    const targets = ["title_unique_fraction<=0.3", "k_min>=2"];
    const want = tune([randomCatalog(13, 5000)], { targets: targets.map(parseTarget), space: parseSpace(space) });
    const url = cluster.url(DB, "random");
    const r = fprisk(["tune", url, ...targets.flatMap((t) => ["--target", t]), "--space", space, "--format", "json", "--verbose"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain("5000 rows");
    const got = JSON.parse(r.stdout) as Tuned;
    expect([got.evaluated, got.pruned]).toEqual([want.evaluated, want.pruned]);
    expect(want.pruned).toBeGreaterThan(0);
    expect(got.recommended?.scheme).toBe(want.recommended?.text);
    expect(got.frontier.map((f) => f.scheme)).toEqual(want.frontier.map((f) => f.text));
    got.frontier.forEach((f, i) => {
      expectSameMetrics(f.metrics[url], want.frontier[i].metrics[0], f.scheme);
      expect(Math.abs(f.objective - want.frontier[i].objective)).toBeLessThanOrEqual(1e-12 * Math.abs(want.frontier[i].objective));
    });
  });

  it("a linkage target on simulated servers loads the table (auto); --engine duckdb is refused", async () => {
    const url = cluster.url(DB, "random");
    const args = ["tune", url, "--target", "linkage(4)<=0.05", "--space", "duration=round(1min)|round(15min),bitrate=drop", "--libraries", "50", "--targets", "50", "--format", "json"];
    // servers are drawn from the rows in their loaded order: the reference is the loaded table
    const want = tune([await loadCatalog(url)], { targets: [parseTarget("linkage(4)<=0.05")], space: parseSpace("duration=round(1min)|round(15min),bitrate=drop"), libraries: 50, attackTargets: 50 });
    const r = fprisk(args);
    expect(r.code, r.stderr).toBe(0);
    const got = JSON.parse(r.stdout) as Tuned;
    expect([got.evaluated, got.pruned, got.recommended?.scheme ?? null]).toEqual([want.evaluated, want.pruned, want.recommended?.text ?? null]);
    // The load is said, with what needed it and the way to stay on the server.
    expect(r.stderr).toMatch(/: loaded into memory \(\d+ rows\), since the target linkage\(4\)<=0\.05 on simulated servers \(without --play-log\) needs its rows there; a table of plays is tuned on its server with --play-log --server-column <column>\n/);
    const refused = fprisk([...args, "--engine", "duckdb"]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/linkage\(4\)<=0\.05 on simulated servers \(without --play-log\) needs the in-memory engine: use --engine memory/);
  });
});
