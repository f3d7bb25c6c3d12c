import { describe, expect, it } from "vitest";
import { loadCached, paperCatalogs, paperServers, syntheticSource } from "../../../src/experiments/reproduce/catalogs.js";
import { dataDir } from "../../helpers.js";

process.env.FPRISK_DATA_DIR ??= dataDir;
const config = { quick: true, seed: 1 };

describe("the study's catalogs", () => {
  it("the synthetic catalog: 20,000 titles in full, 5,000 quick, with the run's seed", () => {
    expect(syntheticSource({ quick: false, seed: 1 })).toBe("synthetic:video-library?titles=20000&seed=1");
    expect(syntheticSource({ quick: true, seed: 7 })).toBe("synthetic:video-library?titles=5000&seed=7");
  });

  it("loadCached loads a source once and hands back the same catalog after", async () => {
    const a = await loadCached("chinook-tracks");
    expect(a.rows).toBe(3503);
    expect(await loadCached("chinook-tracks")).toBe(a);
  });

  it("paperCatalogs: the four panels in order, each loaded from its source", async () => {
    const list = await paperCatalogs(config);
    expect(list.map((c) => [c.label, c.source])).toEqual([
      ["Chinook (iTunes files)", "chinook-tracks"],
      ["Spotify (ms durations)", "spotify-popularity-2024"],
      ["Synthetic video releases", "synthetic:video-library?titles=5000&seed=1"],
      ["IMDb (runtimes in minutes)", "imdb-ggplot2movies"],
    ]);
    expect(list[0].catalog.titleNames.length).toBe(3351);
    expect(list[3].catalog.rows).toBe(58788);
    expect(list[3].catalog.precision.duration_ms).toBe(60_000);
    expect(list[2].catalog).toBe(await loadCached(list[2].source));
  });

  it("paperServers: 2,000 quick libraries drawn from the synthetic catalog, drawn once", async () => {
    const s = await paperServers(config);
    expect(s.count).toBe(2000);
    expect(s.source).toBe(syntheticSource(config));
    expect(s.catalog).toBe(await loadCached(s.source));
    // CSR layout: count + 1 offsets, from 0 to the number of items held
    expect(s.libraries.offsets.length).toBe(2001);
    expect(s.libraries.offsets[0]).toBe(0);
    expect(s.libraries.offsets[2000]).toBe(s.libraries.items.length);
    // every item is a row of the catalog
    expect(s.libraries.items.every((row) => row >= 0 && row < s.catalog.rows)).toBe(true);
    expect(await paperServers(config)).toBe(s);
  });
});
