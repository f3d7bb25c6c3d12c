/** `fprisk datasets`: the registered datasets with rows, licence and checksum. */
import { describe, expect, it } from "vitest";
import { expectUserError, fprisk as run } from "../../cliHelpers.js";

const fprisk = (...args: string[]) => run(args);

describe("fprisk datasets", () => {
  it("lists all ten datasets with rows, licence and a verified checksum", () => {
    const r = fprisk("datasets", "list", "--format", "json");
    expect(r.code, r.stderr).toBe(0);
    const list = JSON.parse(r.stdout);
    expect(list).toHaveLength(10);
    for (const d of list) {
      expect(d.verified, d.name).toBe("ok");
      expect(d.rows, d.name).toBeGreaterThan(0);
      expect(d.licence, d.name).toBeTruthy();
    }
    const chinook = list.find((d: { name: string }) => d.name === "chinook-tracks");
    expect(chinook.rows).toBe(3503);
    expect(chinook.licence).toMatch(/MIT/);
  });

  it("info says how a derived dataset was made; fetch finds a complete derived dataset present and downloads nothing", () => {
    const info = fprisk("datasets", "info", "spotify-popularity-2024", "--format", "json");
    expect(info.code, info.stderr).toBe(0);
    const entry = JSON.parse(info.stdout);
    expect(entry.upstream.derived).toBe(true);
    expect(entry.upstream.inputs.map((i: { path: string }) => i.path)).toEqual(["high_popularity_spotify_data.csv", "low_popularity_spotify_data.csv"]);
    const text = fprisk("datasets", "info", "spotify-popularity-2024");
    expect(text.stdout).toMatch(/\(derived: both files concatenated/);
    // the shared folder holds it verified: nothing to fetch, nothing written, exit 0
    const r = fprisk("datasets", "fetch", "chinook-tracks");
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/^fprisk: chinook-tracks: already present in .*, sha256 verified; nothing to fetch\n$/);
  });

  it("fetch of an unknown dataset is one line naming the known ones, exit 2", () => {
    expectUserError(fprisk("datasets", "fetch", "chinook"), /unknown dataset "chinook"; known: chinook-tracks, imdb-ggplot2movies/);
  });
});
