import { describe, expect, it } from "vitest";
import { playLogItems } from "../../src/sources/playLogItems.js";
import type { PlayLogRelation } from "../../src/sources/playLog.js";
import { duckdb, valuesQuery } from "./warehouse/fixtures.js";

// Plays: two servers play the same item (1000 ms, "a|b"); items that differ only by where a
// separator falls ("a|b" + "c" vs "a" + "b|c" as text fields) must stay apart; missing equals missing.
const plays = valuesQuery(
  ["server VARCHAR", "duration_ms DOUBLE", "codec VARCHAR", "container VARCHAR"],
  [
    ["s1", 1000, "a|b", "c"],
    ["s2", 1000, "a|b", "c"],
    ["s2", 1000, "a", "b|c"],
    ["s3", null, null, null],
    ["s3", null, null, null],
    ["s1", 0.1, null, "mkv"],
  ],
);
const log: PlayLogRelation = { dialect: "duckdb", from: `(${plays})`, numeric: ["duration_ms"], text: ["codec", "container"], source: "plays" };

describe("playLogItems", () => {
  it("one row per distinct tuple, each its own title (injective), fields kept", async () => {
    const items = playLogItems(log);
    expect(items).toMatchObject({ dialect: "duckdb", numeric: ["duration_ms"], text: ["codec", "container"], source: "plays" });
    const rows = (await duckdb(`SELECT title, duration_ms, codec, container FROM ${items.from} AS i ORDER BY title`)) as unknown[][];
    expect(rows).toEqual([
      ["0.1|~|3:mkv", 0.1, null, "mkv"],
      ["1000.0|1:a|3:b|c", 1000, "a", "b|c"],
      ["1000.0|3:a|b|1:c", 1000, "a|b", "c"],
      ["~|~|~", null, null, null],
    ]);
  });

  it("ClickHouse gets its own spelling; other dialects are refused", () => {
    const ch = playLogItems({ ...log, dialect: "clickhouse", from: "fp.plays" });
    expect(ch.from).toBe(
      "(SELECT concat(ifNull(toString(duration_ms), '~'), '|', ifNull(concat(toString(length(codec)), ':', codec), '~'), '|', ifNull(concat(toString(length(container)), ':', container), '~')) AS title, " +
        "duration_ms, codec, container FROM (SELECT DISTINCT duration_ms, codec, container FROM fp.plays AS log) AS items)",
    );
    expect(playLogItems({ ...log, dialect: "clickhouse", text: [] }).from).toMatch(/^\(SELECT ifNull\(toString\(duration_ms\), '~'\) AS title, duration_ms FROM/);
    expect(() => playLogItems({ ...log, dialect: "spark" })).toThrow(/duckdb or clickhouse SQL, not spark/);
    expect(() => playLogItems({ ...log, numeric: [], text: [] })).toThrow(/at least one item attribute/);
  });
});
