/**
 * Play-log unicity against its definition, by brute force: a server is singled out
 * when no other server has a play in every class its drawn plays show.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { drawPlays } from "../../src/attacks/playDraw.js";
import { playLogUnicity } from "../../src/attacks/playLogUnicity.js";
import { partition } from "../../src/engine/partition.js";
import { parseScheme } from "../../src/schemes/index.js";
import { playLogFromRows, type PlayLog } from "../../src/sources/playLog.js";

const arbLog = fc
  .record({
    servers: fc.integer({ min: 1, max: 8 }),
    items: fc.array(fc.record({ d: fc.constantFrom(1000, 1300, 2000, 59_000, 61_000, NaN), b: fc.constantFrom(800, 1500, NaN) }), { minLength: 1, maxLength: 10 }),
  })
  .chain(({ servers, items }) =>
    fc.array(fc.tuple(fc.integer({ min: 0, max: servers - 1 }), fc.integer({ min: 0, max: items.length - 1 })), { minLength: 0, maxLength: 30 }).map((extra) => {
      const plays = [...Array.from({ length: servers }, (_, s) => [s, s % items.length] as const), ...extra];
      return playLogFromRows({
        source: "r",
        serverIds: Array.from({ length: servers }, (_, s) => String(s)),
        server: Int32Array.from(plays, ([s]) => s),
        numeric: { duration_ms: Float64Array.from(plays, ([, i]) => items[i].d), bitrate_kbps: Float64Array.from(plays, ([, i]) => items[i].b) },
        text: {},
      });
    }),
  );

function bruteForce(log: PlayLog, schemeText: string, p: number, seed: number) {
  const cls = partition(log.items, parseScheme(schemeText)).classOf;
  const drawn = drawPlays(log, seed, p);
  const n = log.serverIds.length;
  const holds = Array.from({ length: n }, (_, j) => new Set(Array.from(log.servers.items.subarray(log.servers.offsets[j], log.servers.offsets[j + 1]), (i) => cls[i])));
  let unique = 0;
  let sum = 0;
  let short = 0;
  for (let j = 0; j < n; j++) {
    const seen = Array.from(drawn.items.subarray(drawn.offsets[j], drawn.offsets[j + 1]), (i) => cls[i]);
    const cands = holds.filter((h) => seen.every((c) => h.has(c))).length;
    if (cands === 1) unique++;
    sum += cands;
    if (holds[j].size === 0 || log.servers.offsets[j + 1] - log.servers.offsets[j] < p) short++;
  }
  return { servers: n, unique, sum, short };
}

describe("playLogUnicity", () => {
  it("equals the definition by brute force", () => {
    fc.assert(
      fc.property(arbLog, fc.constantFrom("duration=round(1s)", "duration=round(1min),bitrate=round(1Mbps)", "bitrate=exact", "duration=exact"), fc.integer({ min: 1, max: 4 }), fc.nat(), (log, s, p, seed) => {
        const [row] = playLogUnicity(log, parseScheme(s), { plays: [p], seed });
        const want = bruteForce(log, s, p, seed);
        expect({ servers: row.servers, unique: row.unique, sum: Math.round(row.mean_candidates * row.servers), short: row.short }).toEqual(want);
        expect(row.unique_fraction).toBe(want.unique / want.servers);
      }),
    );
  });

  it("hand-computed: three servers, one play each", () => {
    // a holds 1 s and 2 s, b holds 1 s, c holds 5 s; with 2 plays a shows both classes (unique), b shows 1 s (a has it too), c is alone.
    const log = playLogFromRows({
      source: "hand",
      serverIds: ["a", "b", "c"],
      server: Int32Array.of(0, 0, 1, 2),
      numeric: { duration_ms: Float64Array.of(1000, 2000, 1000, 5000) },
      text: {},
    });
    const [row] = playLogUnicity(log, parseScheme("duration=round(1s)"), { plays: [2], seed: 1 });
    expect(row).toEqual({ plays: 2, servers: 3, unique: 2, unique_fraction: 2 / 3, mean_candidates: 4 / 3, short: 2 });
  });

  it("several p at once equal one at a time, and options are checked", () => {
    fc.assert(
      fc.property(arbLog, fc.nat(), (log, seed) => {
        const scheme = parseScheme("duration=round(1s)");
        const all = playLogUnicity(log, scheme, { plays: [1, 3], seed });
        expect(all).toEqual([playLogUnicity(log, scheme, { plays: [1], seed })[0], playLogUnicity(log, scheme, { plays: [3], seed })[0]]);
      }),
      { numRuns: 30 },
    );
    const log = playLogFromRows({ source: "s", serverIds: ["a"], server: Int32Array.of(0), numeric: { duration_ms: Float64Array.of(1) }, text: {} });
    expect(() => playLogUnicity(log, parseScheme("duration=exact"), { plays: [], seed: 1 })).toThrow("at least one");
    expect(() => playLogUnicity(log, parseScheme("duration=exact"), { plays: [0], seed: 1 })).toThrow("plays must be");
  });
});
