import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { hashStep, numberWord, seedWord, textWord } from "../../src/base/drawHash.js";
import { drawPlays, itemWords, serverWords } from "../../src/attacks/playDraw.js";
import { playLogFromRows, type PlayLog } from "../../src/sources/playLog.js";

const arbLog = fc
  .record({
    servers: fc.integer({ min: 1, max: 6 }),
    durations: fc.array(fc.constantFrom(1000, 2000, 3000, NaN, 4500.25), { minLength: 1, maxLength: 10 }),
  })
  .chain(({ servers, durations }) =>
    fc.array(fc.tuple(fc.integer({ min: 0, max: servers - 1 }), fc.integer({ min: 0, max: durations.length - 1 })), { minLength: 1, maxLength: 30 }).map((plays) =>
      playLogFromRows({
        source: "r",
        serverIds: Array.from({ length: servers }, (_, s) => `s${s}`),
        server: Int32Array.from(plays, ([s]) => s),
        numeric: { duration_ms: Float64Array.from(plays, ([, i]) => durations[i]) },
        text: { codec: plays.map(([, i]) => (i % 2 ? "h264" : "")) },
      }),
    ),
  );

/** The rule by definition: sort each server's items by (key, item row), take p. */
function drawByDefinition(log: PlayLog, seed: number, p: number): number[][] {
  const out: number[][] = [];
  for (let j = 0; j < log.serverIds.length; j++) {
    const sw = hashStep(seedWord(seed), textWord(log.serverIds[j]));
    const items = Array.from(log.servers.items.subarray(log.servers.offsets[j], log.servers.offsets[j + 1]));
    const key = (i: number) => {
      const c = log.items.text.codec![i];
      const w = hashStep(hashStep(0, numberWord(log.items.numeric.duration_ms![i])), textWord(c === "" ? null : c));
      return hashStep(sw, w);
    };
    out.push(items.sort((a, b) => key(a) - key(b) || a - b).slice(0, p));
  }
  return out;
}

const asLists = (d: { offsets: Int32Array; items: Int32Array }) =>
  Array.from({ length: d.offsets.length - 1 }, (_, j) => Array.from(d.items.subarray(d.offsets[j], d.offsets[j + 1])));

describe("drawPlays", () => {
  it("is the sort by (key, item) and p smallest, per server", () => {
    fc.assert(
      fc.property(arbLog, fc.integer({ min: 0, max: 2 ** 45 }), fc.integer({ min: 1, max: 6 }), (log, seed, p) => {
        expect(asLists(drawPlays(log, seed, p))).toEqual(drawByDefinition(log, seed, p));
      }),
    );
  });

  it("the plays for p are the first p of those for p + 1", () => {
    fc.assert(
      fc.property(arbLog, fc.nat(), fc.integer({ min: 1, max: 5 }), (log, seed, p) => {
        const a = asLists(drawPlays(log, seed, p));
        const b = asLists(drawPlays(log, seed, p + 1));
        a.forEach((l, j) => expect(b[j].slice(0, p)).toEqual(l));
      }),
    );
  });

  it("a seed changes the draw; words fold the fields in order", () => {
    const log = playLogFromRows({
      source: "s",
      serverIds: ["a"],
      server: new Int32Array(20),
      numeric: { duration_ms: Float64Array.from({ length: 20 }, (_, i) => 1000 * (i + 1)) },
      text: {},
    });
    const draws = new Set([1, 2, 3, 4, 5].map((s) => asLists(drawPlays(log, s, 1))[0][0]));
    expect(draws.size).toBeGreaterThan(1);
    expect(itemWords(log)[0]).toBe(hashStep(0, numberWord(1000)));
    expect(serverWords(log, 9)[0]).toBe(hashStep(9, textWord("a")));
  });

  it("refuses a bad seed or plays", () => {
    const log = playLogFromRows({ source: "s", serverIds: ["a"], server: Int32Array.of(0), numeric: { duration_ms: Float64Array.of(1) }, text: {} });
    expect(() => drawPlays(log, -1, 1)).toThrow("seed");
    expect(() => drawPlays(log, 1, 0)).toThrow("plays");
  });
});
