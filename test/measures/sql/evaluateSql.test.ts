/**
 * The SQL engine (DuckDB) gives the in-memory engine's numbers: random catalogs ×
 * random schemes (fast-check), every registry dataset, and the errors before anything runs.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { makeCatalog, type Catalog } from "../../../src/catalog/catalog.js";
import { evaluate } from "../../../src/measures/evaluate.js";
import { evaluateSql } from "../../../src/measures/sql/evaluateSql.js";
import { listDatasets } from "../../../src/sources/registry/registry.js";
import { loadCatalog } from "../../../src/sources/loadCatalog.js";
import { catalogRelation } from "../../../src/sources/catalogRelation.js";
import { DuckDbRunner } from "../../../src/engine/sql/duckdbRunner.js";
import { missingFields } from "../../../src/schemes/generalize.js";
import { parseScheme } from "../../../src/schemes/parse.js";
import { catalogOf, dataDir } from "../../helpers.js";
import { expectSameMetrics } from "./sameNumbers.js";

const SCHEME_PARTS = {
  duration: ["exact", "round(1s)", "round(7ms)", "floor(1min)", "sig(2)", "sig(3)", "log(10%)", "log(50%)", "quantile(3)", "quantile(10)", "ladder(0,30,90min)"],
  bitrate: ["exact", "round(500kbps)", "floor(1Mbps)", "sig(1)", "log(25%)", "quantile(4)", "ladder(1,3,6Mbps)"],
  resolution: ["exact", "class", "height", "round(16px)", "floor(100px)"],
  fps: ["exact", "round(1)", "sig(2)"],
  codec: ["exact", "family"],
} as const;

const arbScheme = fc
  .record(Object.fromEntries(Object.entries(SCHEME_PARTS).map(([a, gs]) => [a, fc.option(fc.constantFrom(...gs), { nil: undefined })])) as Record<string, fc.Arbitrary<string | undefined>>)
  .map((r) => Object.entries(r).filter(([, g]) => g !== undefined).map(([a, g]) => `${a}=${g}`).join(",") || "none");

const maybe = <T>(a: fc.Arbitrary<T>) => fc.oneof({ weight: 5, arbitrary: a }, { weight: 1, arbitrary: fc.constant(NaN) });

const arbCatalog = fc
  .array(
    fc.record({
      title: fc.integer({ min: 0, max: 12 }),
      duration: maybe(fc.oneof(fc.integer({ min: 1, max: 400 }).map((s) => s * 1000), fc.integer({ min: 1, max: 9_000_000 }), fc.double({ min: 1, max: 1e7, noNaN: true }))),
      bitrate: maybe(fc.oneof(fc.integer({ min: 50, max: 20_000 }), fc.double({ min: 1, max: 50_000, noNaN: true }))),
      width: maybe(fc.constantFrom(640, 720, 1280, 1920, 3840, 1916, 1440)),
      height: maybe(fc.constantFrom(360, 480, 720, 800, 1080, 2160, 1036)),
      fps: maybe(fc.constantFrom(23.976, 24, 25, 29.97, 30, 50, 60)),
      // padded names too: SQL must trim what JavaScript's trim removes (sources/sqlTrim.ts)
      codec: fc.constantFrom("h264", "avc1", "hevc", "hvc1", "vp9", "", "av1", " h264\t", "avc1\u00a0", "\u3000", "HEVC\n", "\u2028vp9", "h264\u200b"),
    }),
    { minLength: 0, maxLength: 120 },
  )
  .map((rows): Catalog => {
    const c = catalogOf(
      rows.map((r) => `title ${r.title}`),
      {
        duration_ms: rows.map((r) => r.duration),
        bitrate_kbps: rows.map((r) => r.bitrate),
        width: rows.map((r) => r.width),
        height: rows.map((r) => r.height),
        fps: rows.map((r) => r.fps),
      },
    );
    c.text.codec = rows.map((r) => r.codec);
    return c;
  });

describe("evaluateSql (DuckDB) equals evaluate (in memory)", () => {
  it("worked example: titles [A, A, B, C] in classes [x, x, x, y]", async () => {
    const c = catalogOf(["A", "A", "B", "C"], { duration_ms: [1000, 1000, 1000, 2000] });
    const { results, catalog } = await evaluateSql(c, ["duration=exact"]);
    expect(catalog).toEqual({ source: "test", rows: 4, titles: 3 });
    const m = results[0].metrics;
    expect([m.unique_fraction, m.title_unique_fraction, m.mean_class_titles, m.prosecutor_avg, m.title_exposed_fraction]).toEqual([1 / 4, 1 / 4, 7 / 4, 2 / 4, 1 / 3]);
    expect(m.kappa).toBeCloseTo(2 / 3, 15);
    expect(results[0].histogram.slice(0, 3).map((b) => [b.classes, b.rows])).toEqual([[1, 1], [0, 0], [1, 3]]);
  });

  it("random catalogs × random schemes (property)", async () => {
    await fc.assert(
      fc.asyncProperty(arbCatalog, fc.array(arbScheme, { minLength: 1, maxLength: 3 }), fc.constantFrom(0.2, 0.1, 0.5), async (catalog, schemes, tau) => {
        const want = evaluate(catalog, schemes, { riskThreshold: tau });
        const got = await evaluateSql(catalog, schemes, { riskThreshold: tau, threads: 1 });
        expect(got.catalog).toEqual(want.catalog);
        got.results.forEach((r, i) => {
          expectSameMetrics(r.metrics, want.results[i].metrics, schemes[i]);
          expect(r.histogram).toEqual(want.results[i].histogram);
        });
      }),
      { numRuns: 60 },
    );
  });

  it("an empty catalog and the empty scheme", async () => {
    const empty = makeCatalog({ source: "empty", rows: 0, titleCodes: new Int32Array(0), titleNames: [], numeric: { duration_ms: new Float64Array(0) } });
    for (const c of [empty, catalogOf(["A", "B", "B"], { duration_ms: [1, 2, 3] })]) {
      const want = evaluate(c, ["none", "duration=round(1s)"]);
      const got = await evaluateSql(c, ["none", "duration=round(1s)"]);
      got.results.forEach((r, i) => expectSameMetrics(r.metrics, want.results[i].metrics, c.source));
    }
  });

  it("refuses what it cannot do before opening anything, in one line", async () => {
    const c = catalogOf(["A"], { duration_ms: [1] });
    await expect(evaluateSql(c, ["bitrate=round(1Mbps)"])).rejects.toThrow('scheme "bitrate=round(1Mbps)" needs bitrate_kbps, which test does not have (fields present: duration_ms)');
    await expect(evaluateSql(c, ["duration=geom(1s,scale=2,seed=1)"])).rejects.toThrow("use --engine memory");
    await expect(evaluateSql({ dialect: "clickhouse", from: "t", numeric: ["duration_ms"], text: [], source: "clickhouse://h/db.t" }, ["duration=exact"])).rejects.toThrow("needs a connection");
    const runner = { dialect: "duckdb" as const, query: () => Promise.reject(new Error("nothing may run")) };
    await expect(evaluateSql(c, ["duration=exact"], { runner })).rejects.toThrow("a loaded catalog is evaluated in the embedded DuckDB: leave out the runner");
    await expect(evaluateSql(c, ["duration=exact"], { riskThreshold: 3 })).rejects.toThrow("risk threshold must be in (0, 1], got 3");
  });

  it("a file with padded titles and codecs: the CSV in memory, the CSV and the same rows as Parquet in DuckDB", async () => {
    // titles and codecs padded with JavaScript's white space (tabs, newlines, NBSP, U+3000, U+2028), and U+200B, which is not white space
    const rows: [string, number, string, string][] = [
      ["\tFoo\n", 60, " h264\t", "mkv"],
      ["Foo", 60, "avc1\u00a0", " mkv"],
      ["Bar\u3000", 60, "H264", "mp4\r\n"],
      ["\u2028Bar", 61, "\u3000", "mp4"],
      ["Baz", 61, "HEVC\n", "\u00a0"],
      ["\u200bBaz", 61, "hevc", "mkv"],
    ];
    const dir = mkdtempSync(join(tmpdir(), "fprisk-padded-"));
    try {
      const csv = join(dir, "padded.csv");
      const cell = (s: string) => `"${s.replaceAll('"', '""')}"`;
      writeFileSync(csv, "title,duration_s,codec,container\n" + rows.map(([t, d, c, k]) => [cell(t), d, cell(c), cell(k)].join(",")).join("\n") + "\n");
      const parquet = join(dir, "padded.parquet");
      const duck = await DuckDbRunner.open({ threads: 1 });
      try {
        const lit = (s: string) => `'${s.replaceAll("'", "''")}'`;
        await duck.query(`COPY (SELECT * FROM (VALUES ${rows.map(([t, d, c, k]) => `(${lit(t)}, ${d}, ${lit(c)}, ${lit(k)})`).join(", ")}) AS v(title, duration_s, codec, container)) TO ${lit(parquet)} (FORMAT parquet)`);
      } finally {
        await duck.close();
      }
      const schemes = ["none", "codec=exact", "codec=family", "container=exact", "duration=round(1s),codec=family,container=exact"];
      const memory = evaluate(await loadCatalog(csv), schemes);
      // hand-computed: titles Foo, Bar, Baz, U+200B Baz; family: H.264 ×3, blank, HEVC ×2 ("HEVC\n" trimmed and lower-cased)
      expect(memory.catalog.titles).toBe(4);
      expect(memory.results[2].metrics.classes).toBe(3);
      const relation = await catalogRelation(parquet);
      expect(relation).not.toBeNull();
      for (const [label, got] of [
        ["CSV in DuckDB", await evaluateSql(await loadCatalog(csv), schemes, { threads: 1 })],
        ["Parquet in DuckDB", await evaluateSql(relation!, schemes, { threads: 1 })],
      ] as const) {
        expect(got.catalog.titles, label).toBe(4);
        got.results.forEach((r, i) => {
          expectSameMetrics(r.metrics, memory.results[i].metrics, `${label} ${schemes[i]}`);
          expect(r.histogram, `${label} ${schemes[i]}`).toEqual(memory.results[i].histogram);
        });
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  describe("every registry dataset", () => {
    const schemes = [
      "none",
      "duration=exact",
      "duration=round(1s)",
      "duration=round(1min),bitrate=round(1Mbps),resolution=class",
      "duration=sig(2),bitrate=log(10%)",
      "duration=quantile(10),size=quantile(4)",
      "duration=floor(10s),resolution=height,fps=exact",
      "duration=ladder(1,5,30,90min),codec=family,container=exact",
    ];
    it.each(listDatasets().map((d) => d.name))("%s", async (name) => {
      const saved = process.env.FPRISK_DATA_DIR;
      process.env.FPRISK_DATA_DIR = dataDir;
      let catalog: Catalog;
      try {
        catalog = await loadCatalog(name);
      } finally {
        if (saved === undefined) delete process.env.FPRISK_DATA_DIR;
        else process.env.FPRISK_DATA_DIR = saved;
      }
      const fitting = schemes.filter((s) => missingFields(parseScheme(s), catalog).length === 0);
      expect(fitting.length).toBeGreaterThan(1);
      const want = evaluate(catalog, fitting);
      const got = await evaluateSql(catalog, fitting, { threads: 1 });
      expect(got.catalog).toEqual(want.catalog);
      got.results.forEach((r, i) => {
        expectSameMetrics(r.metrics, want.results[i].metrics, `${name} ${fitting[i]}`);
        expect(r.histogram).toEqual(want.results[i].histogram);
      });
    });
  });
});
