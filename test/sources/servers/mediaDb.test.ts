/**
 * Media-server databases: the catalogs read from Plex, Jellyfin (both layouts) and Kodi test
 * databases built from the servers' real schemas (test/fixtures/media-db/*.sql), hand-computed
 * expectations, and the failure modes a self-hoster meets.
 */
import { mkdtempSync, openSync, readFileSync, rmSync, statSync, writeFileSync, writeSync, closeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { evaluate } from "../../../src/measures/evaluate.js";
import { loadCatalog } from "../../../src/sources/loadCatalog.js";
import { FIXTURE_TITLES, fixtureMaker } from "../../fixtures/media-db/build.js";
import { itemRecords } from "../../helpers.js";

const dir = mkdtempSync(join(tmpdir(), "fprisk-mediadb-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const fixture = fixtureMaker(dir);
const items = itemRecords;
const TITLES = FIXTURE_TITLES;

describe("Plex", () => {
  it("reads movies, episodes with show and season, two releases of a film, a letterboxed file", async () => {
    const c = await loadCatalog(fixture("plex", "", "com.plexapp.plugins.library.db"));
    const got = items(c);
    expect(got.map((i) => i.title)).toEqual(TITLES);
    expect(c.titleNames).toHaveLength(6);
    // media_items.duration is ms; bitrate is bit/s in the database → kbps.
    expect(got.map((i) => i.duration_ms)).toEqual([10200123, 7020456, 7020456, 6982000, 3060001, 2890555, 3700000]);
    expect(got.map((i) => i.bitrate_kbps)).toEqual([10423.564, 8000, 45123, 6500.5, 3000, 3100, 5000]);
    expect(got.map((i) => [i.width, i.height])).toEqual([[1920, 1080], [1920, 1080], [3840, 2160], [1920, 800], [1280, 720], [1280, 720], [1920, 1080]]);
    expect(got[0].size_bytes).toBe(13290000000);
    expect(got[0].fps).toBe(23.976);
    expect(got[0].video_bitrate_kbps).toBe(8887); // media_streams video stream, 8 887 000 bit/s
    expect(got[1].video_bitrate_kbps).toBeNull();
    expect(got[0].codec).toBe("h264");
    expect(got[0].container).toBe("mkv");
    expect(got[0].source).toBe("/data/movies/Heat (1995)/Heat (1995) Bluray-1080p.mkv (media_items.id 101)");
    // Unanalyzed media_items 108 is counted, the trailer (type 12) and the deleted release are not items.
    expect(c.rejected).toEqual({ "not analyzed yet (no duration)": 1 });
    expect(c.notes.join("\n")).toMatch(/Plex has not analyzed 1 item yet .*media_items id 108/);
    expect(c.precision.duration_ms).toBe(1);
    expect(c.provenance.bitrate_kbps).toBe("media_items.bitrate (bit/s) ÷ 1000");
  });

  it("works with stock SQLite although the schema uses Plex's icu_root collation and collating tokenizer", async () => {
    const path = fixture("plex");
    // The hazard is real in this file: stock SQLite fails on the collated index and the FTS table.
    const db = new Database(path, { readonly: true });
    expect(() => db.prepare("SELECT id FROM metadata_items ORDER BY title_sort").all()).toThrow(/no such collation sequence: icu_root/);
    expect(() => db.prepare("SELECT * FROM fts4_metadata_titles_icu").all()).toThrow(/unknown tokenizer: collating/);
    db.close();
    const c = await loadCatalog(path);
    expect(c.rows).toBe(7);
  });

  it("names the unknown columns of an unsupported schema version", async () => {
    const path = fixture("plex", "ALTER TABLE media_items DROP COLUMN bitrate; ALTER TABLE media_items DROP COLUMN width;");
    await expect(loadCatalog(path)).rejects.toThrow(`${path}: looks like a Plex database, but media_items lacks columns bitrate, width`);
  });

  it("an unusable value is an error naming the row, or skipped and counted with skipInvalid", async () => {
    const path = fixture("plex", "UPDATE media_items SET bitrate = 'fast' WHERE id = 105;");
    await expect(loadCatalog(path)).rejects.toThrow(`${path}: media_items id 105: bitrate "fast" is not a number (pass --skip-invalid to skip such rows)`);
    const c = await loadCatalog(path, { skipInvalid: true });
    expect(c.rows).toBe(6);
    expect(c.rejected).toEqual({ "invalid bitrate": 1, "not analyzed yet (no duration)": 1 });
  });

  it("evaluates a scheme on the database: two Blade Runner releases differ only in resolution and bitrate", async () => {
    const c = await loadCatalog(fixture("plex"));
    const {
      results: [exactDuration, durationOnly],
    } = evaluate(c, ["duration=round(1s),bitrate=round(100kbps),resolution=class", "duration=round(1h)"]);
    // All 7 rows distinct under the fine scheme; every class holds one title.
    expect(exactDuration.metrics.classes).toBe(7);
    expect(exactDuration.metrics.title_unique_fraction).toBe(1);
    // Rounded to the hour: 1 h (Dark S01E01, S01E02, S02E01 → 3060 s, 2890 s, 3700 s → 1 h),
    // 2 h (Blade Runner ×2, Arrival: 7020 s, 7020 s, 6982 s), 3 h (Heat 10200 s).
    expect(durationOnly.metrics.classes).toBe(3);
    // Only Heat's class names one title: 1 of 7 rows.
    expect(durationOnly.metrics.title_unique_fraction).toBeCloseTo(1 / 7, 15);
  });
});

describe("bad database files", () => {
  it("another application's database lists its tables", async () => {
    const path = join(dir, "shop.db");
    const db = new Database(path);
    db.exec("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT); CREATE TABLE orders (id INTEGER PRIMARY KEY, total REAL);");
    db.close();
    await expect(loadCatalog(path)).rejects.toThrow(`${path}: an SQLite database, but not Plex, Jellyfin or Kodi (tables: customers, orders)`);
  });

  it("a file with the SQLite header but garbage after it is corrupt", async () => {
    const path = join(dir, "garbage.db");
    writeFileSync(path, Buffer.concat([Buffer.from("SQLite format 3\0", "latin1"), Buffer.alloc(200, 0xab)]));
    await expect(loadCatalog(path)).rejects.toThrow(new RegExp(`^${escape(path)}: the database is corrupt \\(`));
  });

  it("a database whose table pages are overwritten is corrupt", async () => {
    const path = fixture("kodi");
    const pageSize = readFileSync(path).readUInt16BE(16);
    const fd = openSync(path, "r+");
    const size = statSync(path).size;
    writeSync(fd, Buffer.alloc(size - pageSize, 0xff), 0, size - pageSize, pageSize);
    closeSync(fd);
    await expect(loadCatalog(path)).rejects.toThrow(new RegExp(`^${escape(path)}: the database is corrupt \\(.*malformed`));
  });
});

describe("values", () => {
  it("loads whatever durations and bitrates a Plex library holds, converted exactly", async () => {
    // Random extra movies appended to the fixture: each comes back with ms and bit/s ÷ 1000.
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ durationMs: fc.integer({ min: 1, max: 20_000_000 }), bitrateBps: fc.integer({ min: 1, max: 200_000_000 }) }), { minLength: 1, maxLength: 8 }),
        async (movies) => {
          const inserts = movies
            .map(
              (m, k) =>
                `INSERT INTO metadata_items (id, metadata_type, title, year) VALUES (${1000 + k}, 1, 'Film ${k}', 2000);
                 INSERT INTO media_items (id, metadata_item_id, duration, bitrate, width, height) VALUES (${1000 + k}, ${1000 + k}, ${m.durationMs}, ${m.bitrateBps}, 1920, 1080);`,
            )
            .join("\n");
          const c = await loadCatalog(fixture("plex", inserts));
          const got = items(c).slice(7);
          expect(got.map((i) => i.title)).toEqual(movies.map((_, k) => `Film ${k} (2000)`));
          expect(got.map((i) => i.duration_ms)).toEqual(movies.map((m) => m.durationMs));
          expect(got.map((i) => i.bitrate_kbps)).toEqual(movies.map((m) => m.bitrateBps / 1000));
        },
      ),
      { numRuns: 15 },
    );
  });
});

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
