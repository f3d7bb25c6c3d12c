import { describe, expect, it } from "vitest";
import { t1 } from "../../../src/experiments/reproduce/t1.js";
import { dataDir, tableRecords } from "../../helpers.js";

process.env.FPRISK_DATA_DIR ??= dataDir;

describe("T1: the catalogs", () => {
  it("one row per catalog with rows, titles, precision and licence", async () => {
    const a = await t1.make({ quick: true, seed: 1 });
    expect(a.id).toBe("T1");
    expect(a.name).toBe("t1-catalogs");
    const rows = tableRecords(a.data);
    expect(rows.map((r) => r.source)).toEqual(["chinook-tracks", "spotify-popularity-2024", "synthetic:video-library?titles=5000&seed=1", "imdb-ggplot2movies"]);
    const [chinook, , synthetic, imdb] = rows;
    expect(chinook).toMatchObject({ rows: 3503, titles: 3351, resolution: "not recorded" });
    expect(String(chinook.licence)).toMatch(/MIT/);
    expect(imdb.rows).toBe(58788);
    expect(imdb["duration precision"]).toMatch(/1 min/);
    expect(imdb["bitrate precision"]).toBe("not recorded");
    expect(synthetic.licence).toBe("generated (MIT, this project)");
    expect(synthetic.resolution).toBe("width × height");
    // the sentence sums the rows and names the minute-level catalog
    const total = rows.reduce((n, r) => n + (r.rows as number), 0);
    expect(a.text).toBe(`4 catalogs, ${total.toLocaleString("en-US")} items in all; IMDb (runtimes in minutes) records runtimes in whole minutes.`);
    expect(a.markdown).toContain("| Chinook (iTunes files) |");
    expect(a.caption).toContain("Seed 1");
  });
});
