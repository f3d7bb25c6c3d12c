import { describe, expect, it } from "vitest";
import { itemsCatalog, playFields, playLogFromRows, serverItems } from "../../src/sources/playLog.js";

describe("playLogFromRows", () => {
  it("distinct items sorted by tuple, missing last; each server's distinct items", () => {
    const log = playLogFromRows({
      source: "hand",
      serverIds: ["a", "b"],
      server: Int32Array.of(0, 0, 1, 1, 0),
      numeric: { duration_ms: Float64Array.of(7000, NaN, 5000, 7000, 7000), bitrate_kbps: Float64Array.of(1, 1, 2, 1, 1) },
      text: { codec: ["h264", "h264", " ", "h264", "hevc"] },
    });
    expect(Array.from(log.items.numeric.duration_ms!)).toEqual([5000, 7000, 7000, NaN]);
    expect(log.items.text.codec).toEqual(["", "h264", "hevc", "h264"]);
    expect(Array.from(log.servers.offsets)).toEqual([0, 3, 5]);
    expect(Array.from(log.servers.items)).toEqual([1, 2, 3, 0, 1]);
    expect(log.plays).toBe(5);
    expect(playFields(log.items)).toEqual(["duration_ms", "bitrate_kbps", "codec"]);
  });

  it("rows by reference: only rows some play refers to become items", () => {
    const log = playLogFromRows({
      source: "ref",
      serverIds: ["x"],
      server: Int32Array.of(0, 0),
      rowOf: Int32Array.of(2, 2),
      numeric: { duration_ms: Float64Array.of(1, 2, 3) },
      text: {},
    });
    expect(log.items.rows).toBe(1);
    expect(Array.from(log.items.numeric.duration_ms!)).toEqual([3]);
  });

  it("refuses logs without attributes, repeated ids and misfit columns", () => {
    const base = { source: "s", serverIds: ["a"], server: Int32Array.of(0), text: {} };
    expect(() => playLogFromRows({ ...base, numeric: {} })).toThrow("at least one item attribute");
    expect(() => playLogFromRows({ ...base, serverIds: ["a", "a"], numeric: { duration_ms: Float64Array.of(1) } })).toThrow("distinct");
    expect(() => playLogFromRows({ ...base, numeric: { duration_ms: Float64Array.of(1, 2) } })).toThrow("one value per play");
    expect(() => playLogFromRows({ ...base, server: Int32Array.of(3), numeric: { duration_ms: Float64Array.of(1) } })).toThrow("outside");
  });

  it("serverItems keeps servers that played nothing, and itemsCatalog derives nothing", () => {
    expect(serverItems(Int32Array.of(2, 2), Int32Array.of(0, 0), 3, "s")).toEqual({ offsets: Int32Array.of(0, 0, 0, 1), items: Int32Array.of(0) });
    const c = itemsCatalog("s", 1, { duration_ms: Float64Array.of(1000), size_bytes: Float64Array.of(1000) }, {});
    expect(c.numeric.bitrate_kbps).toBeUndefined();
  });
});
