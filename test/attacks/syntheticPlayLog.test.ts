import { describe, expect, it } from "vitest";
import { drawLibraries } from "../../src/attacks/libraries.js";
import { PLAY_LOG_NUMERIC, playRowsOf, serverIdOf, SYNTHETIC_EPOCH_S, syntheticPlayLog } from "../../src/attacks/syntheticPlayLog.js";
import { loadSynthetic } from "../../src/sources/synthetic/synthetic.js";
import { playLogFromRows } from "../../src/sources/playLog.js";

const catalog = loadSynthetic("synthetic:video-library?titles=300&seed=2");

describe("syntheticPlayLog", () => {
  it("each server plays every item of its simulated library, some more than once, within the year", () => {
    const plays = syntheticPlayLog(catalog, { servers: 40, seed: 5, meanSize: 12 });
    const libs = drawLibraries(catalog, { count: 40, seed: 5, meanSize: 12 });
    for (let j = 0; j < 40; j++) {
      const rows = new Set<number>();
      for (let r = 0; r < plays.server.length; r++) if (plays.server[r] === j) rows.add(plays.row[r]);
      expect([...rows].sort((a, b) => a - b)).toEqual(Array.from(new Set(libs.items.subarray(libs.offsets[j], libs.offsets[j + 1]))).sort((a, b) => a - b));
    }
    expect(plays.server.length).toBeGreaterThan(libs.items.length);
    for (const t of plays.timeS) expect(t >= SYNTHETIC_EPOCH_S && t < SYNTHETIC_EPOCH_S + 366 * 86400).toBe(true);
  });

  it("is seeded: same seed, same plays; another seed, other plays", () => {
    const a = syntheticPlayLog(catalog, { servers: 10, seed: 1, meanSize: 5 });
    expect(syntheticPlayLog(catalog, { servers: 10, seed: 1, meanSize: 5 })).toEqual(a);
    expect(syntheticPlayLog(catalog, { servers: 10, seed: 2, meanSize: 5 }).row).not.toEqual(a.row);
  });

  it("no repeats with repeatShare 0; bad shares refused", () => {
    const p = syntheticPlayLog(catalog, { servers: 10, seed: 1, meanSize: 5, repeatShare: 0 });
    expect(p.server.length).toBe(drawLibraries(catalog, { count: 10, seed: 1, meanSize: 5 }).items.length);
    expect(() => syntheticPlayLog(catalog, { servers: 1, seed: 1, repeatShare: 1 })).toThrow("repeat share");
  });

  it("playRowsOf keeps the log's fields and integer ids", () => {
    const plays = syntheticPlayLog(catalog, { servers: 3, seed: 1, meanSize: 4 });
    const rows = playRowsOf(catalog, plays);
    expect(rows.serverIds).toEqual(["1", "2", "3"]);
    expect(serverIdOf(0)).toBe(1);
    expect(Object.keys(rows.numeric).every((f) => (PLAY_LOG_NUMERIC as readonly string[]).includes(f))).toBe(true);
    const log = playLogFromRows(rows);
    expect(log.plays).toBe(plays.server.length);
  });
});
