import fc from "fast-check";
import { writeFileSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import type { Catalog } from "../../src/catalog/catalog.js";
import { UserError } from "../../src/base/errors.js";
import { catalogRelation, sourceRowCount } from "../../src/sources/catalogRelation.js";
import { loadCatalog } from "../../src/sources/loadCatalog.js";
import type { SqlRelation } from "../../src/sources/relation.js";
import { detectCatalogPrecision } from "../../src/catalog/precision.js";
import { builderFor, feedRows, findWarehouseSource, openPlanned } from "../../src/sources/warehouse/loadWarehouse.js";
import { parseFieldMap } from "../../src/sources/table/fieldMap.js";
import { duckdb, tempDir, writeParquet } from "./warehouse/fixtures.js";
import { evaluate } from "../../src/measures/evaluate.js";
import { evaluateSql } from "../../src/measures/sql/evaluateSql.js";
import { expectSameMetrics } from "../measures/sql/sameNumbers.js";

const tmp = tempDir("fprisk-relation-");
afterAll(() => tmp.cleanup());

/** The relation's rows, read by DuckDB (its setup first). */
async function relationRows(rel: SqlRelation): Promise<unknown[][]> {
  return duckdb(...(rel.setup ?? []), `SELECT * FROM ${rel.from}`);
}

/** The catalog's rows in the relation's columns: NaN and "" as null. */
function catalogRows(c: Catalog, rel: SqlRelation): unknown[][] {
  const out: unknown[][] = [];
  for (let i = 0; i < c.rows; i++) {
    const row: unknown[] = [c.titleNames[c.titleCodes[i]]];
    for (const f of rel.numeric) {
      const x = c.numeric[f]?.[i] ?? NaN;
      row.push(Number.isNaN(x) ? null : x);
    }
    for (const t of rel.text) row.push(c.text[t]![i] === "" ? null : c.text[t]![i]);
    out.push(row);
  }
  return out;
}

/** Every row through the CSV loader's builder: the reference the SQL path must match. */
async function referenceLoad(file: string, map: string, skipInvalid: boolean): Promise<Catalog> {
  const { scan, plan } = await openPlanned((await findWarehouseSource(file))!, parseFieldMap(map));
  try {
    const builder = builderFor(scan, plan, file, skipInvalid);
    await feedRows(scan, plan, builder);
    const catalog = builder.finish(file);
    detectCatalogPrecision(catalog);
    return catalog;
  } finally {
    scan.close();
  }
}

async function outcome<T>(f: () => Promise<T>): Promise<T | string> {
  try {
    return await f();
  } catch (e) {
    if (e instanceof UserError) return `UserError: ${e.message}`;
    throw e;
  }
}

describe("catalogRelation", () => {
  it("null for sources SQL does not read in place: CSV, datasets, synthetic catalogs", async () => {
    const csv = tmp.path("a.csv");
    writeFileSync(csv, "title,duration_ms\nA,1\n");
    expect(await catalogRelation(csv)).toBeNull();
    expect(await catalogRelation("synthetic:video?n=10&seed=1")).toBeNull();
    expect(await catalogRelation("netflix-titles")).toBeNull();
    expect(await catalogRelation("clickhouse://127.0.0.1:8123/db.plays?secure=0")).toBeNull();
    expect(await sourceRowCount(csv)).toBeNull();
  });

  it("a Parquet file: its columns in internal units, the row count from the footer, setup empty", async () => {
    const file = await writeParquet(tmp.path("p.parquet"), ["name VARCHAR", "minutes DOUBLE", "size_bytes BIGINT"], [
      ["Heat", 170, 2_000_000_000],
      ["Up", 96.5, 0],
    ]);
    const rel = (await catalogRelation(file, { map: "duration=minutes:min" }))!;
    expect(rel).toMatchObject({ dialect: "duckdb", numeric: ["duration_ms", "bitrate_kbps", "size_bytes"], text: [], source: file, rows: 2 });
    expect(rel.setup).toBeUndefined();
    expect(rel.rejected).toBeUndefined();
    // bitrate derived from size as a loaded catalog derives it: 8 · 2e9 B / 10 200 000 ms
    expect(await relationRows(rel)).toEqual([
      ["Heat", 10_200_000, (8 * 2_000_000_000) / 10_200_000, 2_000_000_000],
      ["Up", 5_790_000, null, null],
    ]);
    expect(await sourceRowCount(file)).toBe(2);
  });

  it("a DuckDB table needs its database attached: setup says how, read-only", async () => {
    const db = tmp.path("w.duckdb");
    await duckdb(`ATTACH '${db}' AS w`, `CREATE TABLE w.plays AS SELECT 'Heat' AS title, 10200000 AS duration_ms UNION ALL SELECT 'Up', 5760000`);
    const rel = (await catalogRelation(`${db}#plays`))!;
    expect(rel.setup).toHaveLength(1);
    expect(rel.setup![0]).toMatch(/^ATTACH IF NOT EXISTS '.*w\.duckdb' AS fprisk_[0-9a-f]{12} \(READ_ONLY\)$/);
    expect(rel.rows).toBe(2);
    expect(await relationRows(rel)).toEqual([
      ["Heat", 10_200_000],
      ["Up", 5_760_000],
    ]);
  });

  it("an invalid row stops with the loader's message naming file and row; skip-invalid counts by reason", async () => {
    const file = await writeParquet(tmp.path("bad.parquet"), ["title VARCHAR", "duration_ms DOUBLE"], [
      ["A", 1000],
      ["B", -5],
      ["", 7],
      ["C", -1],
    ]);
    await expect(catalogRelation(file)).rejects.toThrow(`${file} row 2: duration_ms -5 is negative (0 means unknown; a negative value is invalid) — fix the row or pass --skip-invalid to skip such rows`);
    await expect(loadCatalog(file)).rejects.toThrow(`${file} row 2: duration_ms -5 is negative`);
    const rel = (await catalogRelation(file, { skipInvalid: true }))!;
    expect(rel.rejected).toEqual({ "negative duration_ms": 2, "empty title": 1 });
    expect(rel.rows).toBe(4);
    expect(await relationRows(rel)).toEqual([["A", 1000]]);
  });

  it("no valid row at all is an error", async () => {
    const file = await writeParquet(tmp.path("none.parquet"), ["title VARCHAR", "duration_ms DOUBLE"], [["A", -1]]);
    await expect(catalogRelation(file, { skipInvalid: true })).rejects.toThrow(`${file}: no valid rows (1 skipped; first: ${file} row 1: duration_ms -1 is negative`);
    const empty = await writeParquet(tmp.path("empty.parquet"), ["title VARCHAR", "duration_ms DOUBLE"], []);
    await expect(catalogRelation(empty)).rejects.toThrow(`${empty}: no data rows after the header`);
  });

  it("random rows: loaded catalog = every row through the CSV loader's builder; the relation holds its rows; same rejects, same messages", async () => {
    const title = fc.constantFrom<string | null>("A", " B ", "C\u00a0", "", "  ", null, "NA", "d'Arc");
    const number = fc.oneof(
      { weight: 6, arbitrary: fc.integer({ min: 0, max: 100_000 }).map((n) => n / 100) },
      { weight: 1, arbitrary: fc.constantFrom<number | null>(0, -0, -3, null, NaN, Infinity, -Infinity, 1e306, 1.001, 0.1) },
    );
    const res = fc.constantFrom<string | null>("1920x1080", "720p", "4K", "sd", "0x0", "NA", "", null, "wide", " 1280 x 720 ");
    const codec = fc.constantFrom<string | null>("h264", "NA", " ", null, "\\N", "hevc");
    const row = fc.tuple(title, title, number, number, fc.integer({ min: -2, max: 5000 }), res, codec);
    let run = 0;
    const outcomes = [0, 0];
    let loadedRows = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(row, { minLength: 1, maxLength: 25 }), fc.boolean(), async (rows, skipInvalid) => {
        outcomes[skipInvalid ? 1 : 0]++;
        const file = await writeParquet(
          tmp.path(`r${run++}.parquet`),
          ["name VARCHAR", "artist VARCHAR", "hours DOUBLE", "mbps DOUBLE", "px INTEGER", "res VARCHAR", "codec VARCHAR"],
          rows.map((r) => [...r]),
        );
        const map = "title=name+artist,duration=hours:h,bitrate=mbps:Mbps,resolution=res,codec=codec,fps=px";
        const reference = await outcome(() => referenceLoad(file, map, skipInvalid));
        const loaded = await outcome(() => loadCatalog(file, { map, skipInvalid }));
        const rel = await outcome(() => catalogRelation(file, { map, skipInvalid }));
        if (typeof reference === "string" || typeof loaded === "string" || typeof rel === "string") {
          expect(loaded).toEqual(reference);
          expect(rel).toEqual(reference);
          return;
        }
        expect(loaded).toEqual(reference);
        loadedRows += loaded.rows;
        expect(rel!.rejected ?? {}).toEqual(loaded.rejected);
        expect(await relationRows(rel!)).toEqual(catalogRows(loaded, rel!));
      }),
      { numRuns: 25 },
    );
    // the runs exercised both modes and kept rows (not only errors)
    expect(outcomes.every((n) => n > 0)).toBe(true);
    expect(loadedRows).toBeGreaterThan(0);
  }, 120_000);

  it("the SQL engine on the relation gives the in-memory engine's numbers on the loaded catalog (Parquet, DuckDB table)", async () => {
    const rows: (string | number | null)[][] = [];
    for (let i = 0; i < 300; i++) {
      rows.push([`T${(i * 7) % 90}`, i % 50 === 7 ? -1 : ((i * 37) % 200) * 0.75 + 60, (i * 13) % 40 === 0 ? 0 : ((i * 11) % 97) * 0.25, ["1920x1080", "720p", "4K", "1280x720", null][i % 5]]);
    }
    const file = await writeParquet(tmp.path("engine.parquet"), ["name VARCHAR", "minutes DOUBLE", "mbps DOUBLE", "res VARCHAR"], rows);
    const db = tmp.path("engine.duckdb");
    await duckdb(`ATTACH '${db}' AS e`, `CREATE TABLE e.plays AS SELECT * FROM read_parquet('${file}')`);
    const map = "title=name,duration=minutes:min,bitrate=mbps:Mbps,resolution=res";
    const schemes = ["duration=round(1min),bitrate=round(1Mbps),resolution=class", "duration=floor(10s)", "bitrate=quantile(4),resolution=height", "none"];
    for (const source of [file, `${db}#plays`]) {
      const catalog = await loadCatalog(source, { map, skipInvalid: true });
      const rel = (await catalogRelation(source, { map, skipInvalid: true }))!;
      expect(rel.rejected).toEqual(catalog.rejected);
      const want = await evaluate(catalog, schemes);
      const got = await evaluateSql(rel, schemes);
      expect(got.catalog).toEqual({ source, rows: catalog.rows, titles: catalog.titleNames.length });
      got.results.forEach((r, i) => expectSameMetrics(r.metrics, want.results[i].metrics, `${source} ${schemes[i]}`));
    }
  }, 60_000);
});
