import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadCatalog } from "../../../src/sources/loadCatalog.js";
import { FIXTURE_TITLES, fixtureMaker } from "../../fixtures/media-db/build.js";
import { itemRecords } from "../../helpers.js";

const dir = mkdtempSync(join(tmpdir(), "fprisk-jellyfin-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const fixture = fixtureMaker(dir);
const items = itemRecords;
const TITLES = FIXTURE_TITLES;

describe("Jellyfin", () => {
  it("10.11 jellyfin.db: ticks → ms, bit/s → kbps, video stream dimensions, virtual episodes and trailers left out", async () => {
    const c = await loadCatalog(fixture("jellyfin", "", "jellyfin.db"));
    const got = items(c);
    expect(got.map((i) => i.title)).toEqual(TITLES);
    // RunTimeTicks / 10 000: 70 204 567 500 ticks = 7 020 456.75 ms (sub-ms precision kept).
    expect(got.map((i) => i.duration_ms)).toEqual([10200123, 7020456, 7020456.75, 6982000, 3060001, 2890555, 3700000]);
    expect(got.map((i) => i.bitrate_kbps)).toEqual([10423.564, 8000, 45123, 6500.5, 3000, 3100, 5000]);
    expect(got.map((i) => [i.width, i.height])).toEqual([[1920, 1080], [1920, 1080], [3840, 2160], [1920, 800], [1280, 720], [1280, 720], [1920, 1080]]);
    expect(got[0].video_bitrate_kbps).toBe(8887);
    expect(got[0].codec).toBe("h264");
    expect(got[4].video_bitrate_kbps).toBeNull(); // stream without BitRate
    expect(got[3].source).toBe("/data/movies/Arrival (2016)/Arrival (2016).mp4 (BaseItems.rowid 4)");
    expect(c.rejected).toEqual({ "not analyzed yet (no duration)": 1 });
    expect(c.precision.duration_ms).toBe(0.0001);
    expect(c.notes[0]).toBe("Jellyfin 10.11+ (jellyfin.db)");
  });

  it("reads the integer ItemType of newer builds when Type is gone (9 episode, 15 movie)", async () => {
    const path = fixture(
      "jellyfin",
      `ALTER TABLE BaseItems ADD COLUMN ItemType INTEGER NOT NULL DEFAULT -1;
       UPDATE BaseItems SET ItemType = CASE Type WHEN 'MediaBrowser.Controller.Entities.Movies.Movie' THEN 15
         WHEN 'MediaBrowser.Controller.Entities.TV.Episode' THEN 9 WHEN 'MediaBrowser.Controller.Entities.Trailer' THEN 28 ELSE 26 END;
       ALTER TABLE BaseItems DROP COLUMN Type;`,
    );
    const c = await loadCatalog(path);
    expect(items(c).map((i) => i.title)).toEqual(TITLES);
  });

  it("≤10.10 library.db: BLOB guids, text stream types, bitrate derived from size when TotalBitrate is missing", async () => {
    const c = await loadCatalog(fixture("jellyfin-library", "", "library.db"));
    const got = items(c);
    expect(got.map((i) => i.title)).toEqual(["Heat (1995)", "Arrival (2016)", "Dark — S01E01 — Secrets"]);
    expect(got[1].duration_ms).toBe(6982000);
    expect(got[1].bitrate_kbps).toBeCloseTo((8 * 5673000000) / 6982000, 9);
    expect([got[1].width, got[1].height]).toEqual([1920, 800]); // from the 'Video' stream
    expect(c.notes).toContain("bitrate_kbps: 8 · size_bytes / duration_ms for 1 item without a recorded bitrate");
  });

  it("a jellyfin.db without its stream table is named", async () => {
    const path = fixture("jellyfin", "DROP TABLE MediaStreamInfos;");
    await expect(loadCatalog(path)).rejects.toThrow(`${path}: looks like a Jellyfin database, but tables MediaStreamInfos are missing`);
  });
});
