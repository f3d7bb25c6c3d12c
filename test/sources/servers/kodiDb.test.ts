import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { evaluate } from "../../../src/measures/evaluate.js";
import { loadCatalog } from "../../../src/sources/loadCatalog.js";
import { FIXTURE_TITLES, fixtureMaker } from "../../fixtures/media-db/build.js";
import { itemRecords } from "../../helpers.js";

const dir = mkdtempSync(join(tmpdir(), "fprisk-kodi-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const fixture = fixtureMaker(dir);
const items = itemRecords;
const TITLES = FIXTURE_TITLES;

describe("Kodi", () => {
  it("MyVideos131: seconds → ms at 1 s precision, versions of a film, no bitrate (said in the notes)", async () => {
    const c = await loadCatalog(fixture("kodi", "", "MyVideos131.db"));
    const got = items(c);
    expect(got.map((i) => i.title)).toEqual(TITLES);
    expect(got.map((i) => i.duration_ms)).toEqual([10200000, 7020000, 7020000, 6982000, 3060000, 2891000, 3700000]);
    expect(got.map((i) => [i.width, i.height])).toEqual([[1920, 1080], [1920, 1080], [3840, 2160], [1920, 800], [1280, 720], [1280, 720], [1920, 1080]]);
    expect(c.numeric.bitrate_kbps).toBeUndefined();
    expect(c.numeric.size_bytes).toBeUndefined();
    expect(c.precision.duration_ms).toBe(1000);
    expect(c.notes).toContain("Kodi records no bitrate: schemes that observe bitrate cannot be evaluated");
    expect(c.notes).toContain("Kodi video library (MyVideos131)");
    expect(got[2].source).toBe("/data/movies/Blade Runner (1982)/Blade Runner (1982) Remux-2160p.mkv (files.idFile 3)");
    expect(c.rejected).toEqual({ "not analyzed yet (no duration)": 1 });
    expect(() => evaluate(c, ["bitrate=round(100kbps)"])).toThrow(/needs bitrate/);
  });

  it("before Kodi 21 (no videoversion table) a film has the one file movie.idFile names", async () => {
    const c = await loadCatalog(fixture("kodi", "DROP TABLE videoversion; UPDATE version SET idVersion = 119;"));
    expect(items(c).map((i) => i.title)).toEqual(TITLES.filter((_, k) => k !== 2));
    expect(c.notes).toContain("Kodi video library (MyVideos119)");
  });

  it("a library whose files were never analyzed, and an empty library, load nothing: an error", async () => {
    const none = fixture("kodi", "DELETE FROM streamdetails;");
    await expect(loadCatalog(none)).rejects.toThrow(
      `${none}: no video items in this Kodi database (skipped 8 not analyzed yet (no duration); first: files idFile 1 (movie): no duration recorded`,
    );
    const empty = fixture("kodi", "DELETE FROM movie; DELETE FROM episode;");
    await expect(loadCatalog(empty)).rejects.toThrow(`${empty}: no video items in this Kodi database (no movies or episodes)`);
  });

  it("a Kodi database missing a table is named", async () => {
    const path = fixture("kodi", "DROP TABLE streamdetails;");
    await expect(loadCatalog(path)).rejects.toThrow(`${path}: looks like a Kodi database, but tables streamdetails are missing`);
  });
});
