/**
 * `tune` with the SQL engine (SqlCatalog over DuckDB) gives the in-memory tune's result:
 * the same recommendation, evaluated and pruned counts, frontier and per-scheme metrics
 * (integers exactly, floats within 1e-12 relative), on random catalogs written to
 * Parquet and read in place, and on a play log's linkage.
 */
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { DuckDbRunner } from "../../../src/engine/sql/duckdbRunner.js";
import { catalogToDuckDb } from "../../../src/engine/sql/catalogTable.js";
import { catalogRelation } from "../../../src/sources/catalogRelation.js";
import { loadCatalog } from "../../../src/sources/loadCatalog.js";
import { loadPlayLog, playLogRelation } from "../../../src/sources/playLogFile.js";
import { writePlayLogParquet } from "../../../src/output/playLogParquet.js";
import { syntheticPlayLog } from "../../../src/attacks/syntheticPlayLog.js";
import { loadSynthetic } from "../../../src/sources/synthetic/synthetic.js";
import { memoryOnly, relationAttributes, SqlCatalog } from "../../../src/experiments/tune/sqlCatalog.js";
import { MemoryCatalog } from "../../../src/experiments/tune/memoryCatalog.js";
import { parseObjective } from "../../../src/experiments/tune/objective.js";
import { parseSpace } from "../../../src/experiments/tune/space.js";
import { parseTarget } from "../../../src/experiments/tune/target.js";
import { tune, tuneAsync, type TuneResult } from "../../../src/experiments/tune/tune.js";
import { expectSameMetrics } from "../../measures/sql/sameNumbers.js";
import { catalogOf } from "../../helpers.js";
import { tempDir, writeParquet } from "../../sources/warehouse/fixtures.js";

const tmp = tempDir("fprisk-tunesql-");
afterAll(() => tmp.cleanup());

const close = (a: number, b: number) => a === b || Math.abs(a - b) <= 1e-12 * Math.max(Math.abs(a), Math.abs(b));

/** The SQL result equals the in-memory one: every scheme, count, choice and number. */
function expectSameTune(got: TuneResult, want: TuneResult): void {
  expect(got.evaluated).toBe(want.evaluated);
  expect(got.pruned).toBe(want.pruned);
  expect(got.catalogs).toEqual(want.catalogs);
  expect(got.outcomes.map((o) => [o.text, o.meets])).toEqual(want.outcomes.map((o) => [o.text, o.meets]));
  got.outcomes.forEach((o, i) => {
    expect(close(o.objective, want.outcomes[i].objective), `${o.text}: objective ${o.objective} vs ${want.outcomes[i].objective}`).toBe(true);
    o.metrics.forEach((m, c) => expectSameMetrics(m, want.outcomes[i].metrics[c], o.text));
  });
  expect(got.frontier.map((o) => o.text)).toEqual(want.frontier.map((o) => o.text));
  expect(got.recommended?.text ?? null).toBe(want.recommended?.text ?? null);
  expect(got.recommended?.finer.map((f) => [f.scheme, f.pruned, f.breaks?.target ?? null])).toEqual(want.recommended?.finer.map((f) => [f.scheme, f.pruned, f.breaks?.target ?? null]));
  expect(got.closest.map((c) => [c.target, c.scheme])).toEqual(want.closest.map((c) => [c.target, c.scheme]));
}

describe("what the SQL engine can tune", () => {
  it("memoryOnly names what needs rows in memory, in the order given", () => {
    const entropy = parseObjective("entropy");
    expect(memoryOnly([parseTarget("title_unique_fraction<=0.01"), parseTarget("k_min>=2")], parseObjective("entropy+bits(bitrate)"), false)).toBeUndefined();
    expect(memoryOnly([parseTarget("class_success<=0.1")], entropy, true)).toBe("the target class_success<=0.1");
    expect(memoryOnly([parseTarget("linkage(4)<=0.05")], entropy, false)).toBe("the target linkage(4)<=0.05 on simulated servers (without --play-log)");
    expect(memoryOnly([parseTarget("linkage(4)<=0.05")], entropy, true)).toBeUndefined();
    expect(memoryOnly([parseTarget("k_min>=2")], parseObjective("entropy-0.1*error(duration)"), false)).toBe("the objective error(duration)");
    expect(memoryOnly([parseTarget("linkage(2)<=0.5")], entropy, true, parseSpace("duration=round(1s)|quantile(4)"))).toBe("duration=quantile(4) with a play log's linkage");
    // quantile is fitted in SQL for the metrics: only the play log's unicity refuses it
    expect(memoryOnly([parseTarget("k_min>=2")], entropy, false, parseSpace("duration=round(1s)|quantile(4)"))).toBeUndefined();
  });

  it("relationAttributes reads the attributes from the columns (resolution from width or height)", () => {
    expect([...relationAttributes({ numeric: ["duration_ms", "height"], text: ["codec"] })]).toEqual(["duration", "resolution", "codec"]);
    expect([...relationAttributes({ numeric: ["bitrate_kbps", "width"], text: [] })]).toEqual(["bitrate", "resolution"]);
  });

  it("tuneAsync refuses, before any scheme is evaluated, a target the SQL engine cannot compute", async () => {
    const duck = await DuckDbRunner.open();
    try {
      const c = await SqlCatalog.open(duck, await catalogToDuckDb(duck, catalogOf(["A", "B"], { duration_ms: [1000, 2000] })));
      expect(c.summary).toEqual({ source: "test", rows: 2, titles: 2 });
      for (const [target, objective, message] of [
        ["class_success<=0.5", "entropy", /^the target class_success<=0\.5 needs the in-memory engine \(test is evaluated in duckdb\): use --engine memory$/],
        ["linkage(2)<=0.5", "entropy", /linkage\(2\)<=0\.5 on simulated servers.*--engine memory/],
        ["k_min>=1", "error(duration)", /the objective error\(duration\) needs the in-memory engine/],
      ] as const) {
        await expect(tuneAsync([c], { targets: [parseTarget(target)], objective: parseObjective(objective), space: parseSpace("duration=exact|round(1s)") })).rejects.toThrow(message);
      }
      expect(() => c.choiceClasses({ attribute: "duration", generalizer: { kind: "exact" } })).toThrow(/prepare/);
    } finally {
      await duck.close();
    }
  });
});

const POOL = {
  duration: ["exact", "round(1s)", "round(2s)", "round(3s)", "floor(2s)", "round(1min)", "log(10%)", "quantile(3)", "drop"],
  bitrate: ["exact", "round(100kbps)", "round(300kbps)", "floor(1Mbps)", "sig(1)", "drop"],
  resolution: ["exact", "height", "class", "drop"],
};
const arbSpace = fc
  .record({
    duration: fc.subarray(POOL.duration, { minLength: 1, maxLength: 4 }),
    bitrate: fc.subarray(POOL.bitrate, { minLength: 1, maxLength: 3 }),
    resolution: fc.subarray(POOL.resolution, { minLength: 1, maxLength: 3 }),
  })
  .map((r) => Object.entries(r).map(([a, cs]) => `${a}=${cs.join("|")}`).join(","));
const arbTargets = fc.subarray(["title_unique_fraction<=0.3", "unique_fraction<=0.5", "kappa<=0.6", "k_min>=2", "mean_class_titles>=1.5", "entropy_bits<=3"], { minLength: 1, maxLength: 2 });
const cell = <T>(a: fc.Arbitrary<T>) => fc.oneof({ weight: 6, arbitrary: a }, { weight: 1, arbitrary: fc.constant(null) });
const arbRows = fc.array(
  fc.tuple(fc.integer({ min: 0, max: 12 }), cell(fc.integer({ min: 1, max: 90 }).map((s) => s * 500)), cell(fc.oneof(fc.integer({ min: 50, max: 4000 }), fc.double({ min: 1, max: 5000, noNaN: true }))), cell(fc.constantFrom(480, 720, 1080, 800))),
  { minLength: 1, maxLength: 40 },
);

let files = 0;
async function parquetOf(rows: [number, number | null, number | null, number | null][]): Promise<string> {
  return writeParquet(
    tmp.path(`c${files++}.parquet`),
    ["title VARCHAR", "duration_ms DOUBLE", "bitrate_kbps DOUBLE", "height DOUBLE"],
    rows.map(([t, d, b, h]) => [`title ${t}`, d, b, h]),
  );
}

describe("tune on the SQL engine equals tune in memory", () => {
  it("random catalogs read in place from Parquet (one or two), random spaces and targets (fast-check)", async () => {
    const duck = await DuckDbRunner.open({ threads: 1 });
    let recommended = 0;
    let pruned = 0;
    try {
      await fc.assert(
        fc.asyncProperty(fc.array(arbRows, { minLength: 1, maxLength: 2 }), arbSpace, arbTargets, fc.constantFrom("entropy", "bits(duration)", "entropy+2*bits(bitrate)"), async (catalogs, space, targets, objective) => {
          const paths = await Promise.all(catalogs.map(parquetOf));
          const options = { targets: targets.map(parseTarget), space: parseSpace(space), objective: parseObjective(objective) };
          const want = tune(await Promise.all(paths.map((p) => loadCatalog(p))), options);
          const sql = await Promise.all(paths.map(async (p) => SqlCatalog.open(duck, (await catalogRelation(p))!)));
          const got = await tuneAsync(sql, options);
          expectSameTune(got, want);
          if (want.recommended) recommended++;
          pruned += want.pruned;
        }),
        { numRuns: 30 },
      );
    } finally {
      await duck.close();
    }
    // the runs both recommended schemes and pruned some (not only trivial cases)
    expect(recommended).toBeGreaterThan(0);
    expect(pruned).toBeGreaterThan(0);
  }, 240_000);

  it("a play log: linkage(p) from the SQL unicity, metrics over its distinct items, as the loaded log gives them", async () => {
    const catalog = loadSynthetic("synthetic:video-library?titles=300&seed=4");
    const file = tmp.path("plays.parquet");
    await writePlayLogParquet(file, catalog, syntheticPlayLog(catalog, { servers: 60, seed: 2, meanSize: 5 }));
    const options = {
      targets: [parseTarget("linkage(3)<=0.4"), parseTarget("title_unique_fraction<=0.9")],
      space: parseSpace("duration=round(1s)|round(1min)|round(10min)|drop,bitrate=exact|round(1Mbps)|drop,resolution=exact|class"),
      seed: 7,
    };
    const log = await loadPlayLog(file, { serverColumn: "server_id" });
    const want = tune([log.items], { ...options, playLogs: [log] });
    const duck = await DuckDbRunner.open({ threads: 1 });
    try {
      const { relation } = await playLogRelation(duck.connection, file, { serverColumn: "server_id" });
      const got = await tuneAsync([await SqlCatalog.openPlayLog(duck, relation)], options);
      expectSameTune(got, want);
      // the linkage values are the same fractions of the same integers
      expect(got.outcomes.map((o) => o.metrics[0].linkage_3)).toEqual(want.outcomes.map((o) => o.metrics[0].linkage_3));
      expect(want.outcomes.length).toBeGreaterThan(3);
      expect(new Set(want.outcomes.map((o) => o.meets)).size).toBe(2);
      // a loaded catalog and a relation in one search
      const mixed = await tuneAsync([new MemoryCatalog(log.items, log), await SqlCatalog.openPlayLog(duck, relation)], options);
      const twice = tune([log.items, log.items], { ...options, playLogs: [log, log] });
      expectSameTune(mixed, twice);
    } finally {
      await duck.close();
    }
  }, 120_000);
});
