/**
 * The real binary on media-server databases: `inspect` and `evaluate` on Plex, Jellyfin and
 * Kodi test databases, and the bad inputs a self-hoster meets (exit 2, one line, no stack).
 * Run `npm run build` first (bin/fprisk.js imports dist/).
 */
import { spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildFixture } from "../fixtures/media-db/build.js";
import { repoRoot } from "../helpers.js";
import { RUNUSER } from "../cliHelpers.js";

const bin = join(repoRoot, "bin", "fprisk.js");
const dir = mkdtempSync(join(tmpdir(), "fprisk-mediadb-cli-"));
const plex = join(dir, "com.plexapp.plugins.library.db");
const jellyfin = join(dir, "jellyfin.db");
const kodi = join(dir, "MyVideos131.db");

beforeAll(() => {
  buildFixture("plex", plex);
  buildFixture("jellyfin", jellyfin);
  buildFixture("kodi", kodi);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function fprisk(...args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: "utf8", cwd: repoRoot });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Exit 2, the message on the last stderr line, no stack; `lines` counts the report of skipped rows before it. */
function expectUserError(r: { code: number | null; stderr: string }, message: string, lines = 1) {
  expect(r.code, r.stderr).toBe(2);
  const all = r.stderr.trim().split("\n");
  expect(all[all.length - 1]).toContain(message);
  expect(r.stderr).not.toMatch(/\n\s+at /);
  expect(all).toHaveLength(lines);
}

describe("fprisk inspect <media-server database>", () => {
  it("Plex: fields with their database columns and units, notes, the unanalyzed item counted", () => {
    const r = fprisk("inspect", plex);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`source   ${plex}`);
    expect(r.stdout).toMatch(/rows\s+7\n/);
    expect(r.stdout).toMatch(/titles\s+6 \(1\.17 items per title\)/);
    expect(r.stdout).toContain("rejected 1 not analyzed yet (no duration)");
    expect(r.stdout).toMatch(/bitrate_kbps\s+media_items\.bitrate \(bit\/s\) ÷ 1000/);
    expect(r.stdout).toMatch(/duration_ms\s+media_items\.duration \(ms\)\s+1 ms/);
    expect(r.stderr).toContain("skipped 1 row: 1 not analyzed yet (no duration)");
  });

  it("Kodi: says that it has no bitrate, 1 s duration precision; --items shows each file and row", () => {
    const r = fprisk("inspect", kodi);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("note     Kodi records no bitrate: schemes that observe bitrate cannot be evaluated");
    expect(r.stdout).toMatch(/duration_ms\s+streamdetails\.iVideoDuration \(s\) × 1000\s+1 s/);
    const items = fprisk("inspect", kodi, "--items", "--format", "csv");
    expect(items.code, items.stderr).toBe(0);
    const rows = parse(items.stdout, { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0])).toEqual(["title", "duration_ms", "width", "height", "codec", "source"]);
    expect(rows).toHaveLength(7);
    expect(rows[3]).toEqual({
      title: "Arrival (2016)",
      duration_ms: "6982000",
      width: "1920",
      height: "800",
      codec: "h264",
      source: "/data/movies/Arrival (2016)/Arrival (2016).mp4 (files.idFile 4)",
    });
  });

  it("Jellyfin: JSON catalog and items", () => {
    const r = fprisk("inspect", jellyfin, "--items", "--format", "json", "--limit", "1");
    expect(r.code, r.stderr).toBe(0);
    const { catalog, items } = JSON.parse(r.stdout);
    expect(catalog.rows).toBe(7);
    expect(catalog.notes).toContain("Jellyfin 10.11+ (jellyfin.db)");
    expect(items).toEqual([
      {
        title: "Heat (1995)",
        duration_ms: 10200123,
        bitrate_kbps: 10423.564,
        width: 1920,
        height: 1080,
        size_bytes: 13290000000,
        fps: 23.976,
        video_bitrate_kbps: 8887,
        codec: "h264",
        source: "/data/movies/Heat (1995)/Heat (1995) Bluray-1080p.mkv (BaseItems.rowid 1)",
      },
    ]);
  });
});

describe("fprisk evaluate <media-server database>", () => {
  it("the same library in Plex, Jellyfin and Kodi: per-second durations name every file", () => {
    for (const db of [plex, jellyfin, kodi]) {
      const r = fprisk("evaluate", db, "--scheme", "duration=round(1s),resolution=class", "--scheme", "duration=round(1h)", "--format", "json");
      expect(r.code, r.stderr).toBe(0);
      const out = JSON.parse(r.stdout);
      expect(out.catalog).toEqual({ source: db, rows: 7, titles: 6 });
      const [fine, hourly] = out.results.map((x: { metrics: Record<string, number> }) => x.metrics);
      expect(fine.classes).toBe(7);
      expect(fine.title_unique_fraction).toBe(1);
      // Hour buckets: {Heat}, {Blade Runner ×2, Arrival}, {3 episodes} → only Heat's row is named.
      expect(hourly.classes).toBe(3);
      expect(hourly.title_unique_fraction).toBeCloseTo(1 / 7, 15);
    }
  });

  it("Plex with the scheme from the README: bitrate in 100 kbps steps", () => {
    const r = fprisk("evaluate", plex, "--scheme", "duration=round(1s),bitrate=round(100kbps),resolution=class", "--format", "csv");
    expect(r.code, r.stderr).toBe(0);
    const [row] = parse(r.stdout, { columns: true }) as Record<string, string>[];
    expect(row.scheme).toBe("duration=round(1s),bitrate=round(100kbps),resolution=class");
    expect(Number(row.classes)).toBe(7);
  });

  it("Kodi with a scheme that observes bitrate: exit 2, one line (after the report of the unanalyzed file)", () => {
    const r = fprisk("evaluate", kodi, "--scheme", "duration=round(1s),bitrate=round(100kbps)");
    expect(r.stderr).toMatch(/^fprisk: skipped 1 row: 1 not analyzed yet \(no duration\)\n/);
    expectUserError(r, "needs bitrate", 2);
  });
});

describe("bad media-server databases", () => {
  it("an SQLite header followed by garbage", () => {
    const p = join(dir, "garbage.db");
    writeFileSync(p, Buffer.concat([Buffer.from("SQLite format 3\0", "latin1"), Buffer.alloc(500, 0x5a)]));
    expectUserError(fprisk("inspect", p), `${p}: the database is corrupt (`);
  });

  it("another application's database", () => {
    const p = join(dir, "notes.db");
    const db = new Database(p);
    db.exec("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)");
    db.close();
    expectUserError(fprisk("evaluate", p, "--scheme", "duration=round(1s)"), `${p}: an SQLite database, but not Plex, Jellyfin or Kodi (tables: notes)`);
  });

  it("a schema version it does not know", () => {
    const p = join(dir, "old-plex.db");
    buildFixture("plex", p, "ALTER TABLE media_items DROP COLUMN bitrate; ALTER TABLE media_items DROP COLUMN width;");
    expectUserError(fprisk("inspect", p), `${p}: looks like a Plex database, but media_items lacks columns bitrate, width`);
  });

  it("an empty library", () => {
    const p = join(dir, "empty-kodi.db");
    buildFixture("kodi", p, "DELETE FROM movie; DELETE FROM episode;");
    expectUserError(fprisk("inspect", p), `${p}: no video items in this Kodi database (no movies or episodes)`);
  });

  it("a row with an unusable value: exit 2 naming it, or skipped with --skip-invalid", () => {
    const p = join(dir, "bad-row.db");
    buildFixture("plex", p, "UPDATE media_items SET duration = 'long' WHERE id = 106;");
    expectUserError(fprisk("inspect", p), `${p}: media_items id 106: duration "long" is not a number (pass --skip-invalid to skip such rows)`);
    const r = fprisk("inspect", p, "--skip-invalid", "--format", "json");
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).catalog.rejected).toEqual({ "invalid duration": 1, "not analyzed yet (no duration)": 1 });
  });

  it("--map does not apply to a database", () => {
    expectUserError(fprisk("inspect", kodi, "--map", "title=c00"), "--map does not apply to a media-server database");
  });

  it("a database the user may not read (run as nobody; tests run as root, who may read anything)", () => {
    const locked = mkdtempSync(join(tmpdir(), "fprisk-mediadb-locked-"));
    try {
      chmodSync(locked, 0o755);
      const p = join(locked, "com.plexapp.plugins.library.db");
      buildFixture("plex", p);
      chmodSync(p, 0o600);
      const r = spawnSync(RUNUSER, ["-u", "nobody", "--", process.execPath, bin, "inspect", p], { encoding: "utf8", cwd: repoRoot });
      expect(r.error, "runuser must be available to run this test").toBeUndefined();
      expectUserError({ code: r.status, stderr: r.stderr }, `${p}: cannot read: permission denied`);
      // A readable database whose write-ahead log belongs to the server's user alone.
      chmodSync(p, 0o644);
      writeFileSync(p + "-wal", "not read");
      chmodSync(p + "-wal", 0o600);
      const wal = spawnSync(RUNUSER, ["-u", "nobody", "--", process.execPath, bin, "inspect", p], { encoding: "utf8", cwd: repoRoot });
      expectUserError({ code: wal.status, stderr: wal.stderr }, `${p}-wal: cannot read: permission denied`);
    } finally {
      rmSync(locked, { recursive: true, force: true });
    }
  });
});
