import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { UserError } from "../../../src/base/errors.js";
import { MediaItemSink, ValueReader } from "../../../src/sources/servers/mediaItemSink.js";

describe("ValueReader", () => {
  it("reads SQLite values: NULL, empty and 0 are unknown; numeric text is a number; other text is refused", () => {
    const v = new ValueReader();
    expect(v.number(null, "x")).toBeNaN();
    expect(v.number("", "x")).toBeNaN();
    expect(v.number(0, "x")).toBeNaN();
    expect(v.number(" 42 ", "x")).toBe(42);
    expect(v.number(12n, "x")).toBe(12);
    expect(v.index(0, "season")).toBe(0);
    expect(() => v.number("fast", "bitrate")).toThrow('bitrate "fast" is not a number');
    expect(() => v.number(-5, "size")).toThrow("size -5 is not a usable value");
  });

  it("every non-negative number and its decimal text read back as themselves (0 as unknown)", () => {
    const v = new ValueReader();
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1e15, noNaN: true }), (x) => {
        const expected = x === 0 ? NaN : x;
        expect(v.number(x, "x")).toBe(expected);
        expect(v.number(String(x), "x")).toBe(expected);
      }),
    );
  });

});

describe("MediaItemSink", () => {
  const spec = (skipInvalid: boolean) => ({
    dbPath: "lib.db",
    app: "Plex",
    rowIdName: "media_items.id",
    skipInvalid,
    provenance: { title: "metadata_items.title", duration_ms: "media_items.duration (ms)", bitrate_kbps: "bitrate", size_bytes: "size", codec: "video_codec", path: "media_parts.file" },
  });

  it("one item per row, its file and row as origin; not-analyzed rows counted, never fatal; a derived bitrate noted", () => {
    const sink = new MediaItemSink(spec(false));
    sink.add(1, "media_items id 1", () => ({ title: "Heat (1995)", duration_ms: 10_200_000, bitrate_kbps: 8000, size_bytes: 1e9, codec: "h264", path: "/m/Heat.mkv" }));
    sink.add(2, "media_items id 2", () => ({ title: "Up (2009)", duration_ms: NaN, path: "/m/Up.mkv" }));
    sink.add(3, "media_items id 3", () => ({ title: "Heat (1995)", duration_ms: 10_100_000, bitrate_kbps: NaN, size_bytes: 2e9, codec: "hevc" }));
    const c = sink.finish({ duration_ms: 1 }, ["Plex Media Server library"]);
    expect(c.rows).toBe(2);
    expect(c.titleNames).toEqual(["Heat (1995)"]);
    expect(c.origin!.files).toEqual(["/m/Heat.mkv (media_items.id 1)", "lib.db (media_items.id 3)"]);
    expect([...c.origin!.line]).toEqual([0, 0]);
    expect(c.rejected).toEqual({ "not analyzed yet (no duration)": 1 });
    expect(c.precision).toEqual({ duration_ms: 1 });
    expect(c.provenance).toEqual({ title: "metadata_items.title", duration_ms: "media_items.duration (ms)", bitrate_kbps: "bitrate", size_bytes: "size", codec: "video_codec" });
    expect(c.notes).toEqual([
      "Plex Media Server library",
      "each item's source is its media file (media_parts.file) and media_items.id",
      "Plex has not analyzed 1 item yet (no media information); skipped, first: media_items id 2: no duration recorded (the server has not analyzed this file yet)",
      "bitrate_kbps: 8 · size_bytes / duration_ms for 1 item without a recorded bitrate",
    ]);
    expect(c.numeric.bitrate_kbps![1]).toBe((8 * 2e9) / 10_100_000);
  });

  it("an unusable value names the row, or is counted with skipInvalid; no item at all is an error", () => {
    const strict = new MediaItemSink(spec(false));
    expect(() => strict.add(5, "media_items id 5", (v) => ({ title: "X", duration_ms: v.number("long", "duration") }))).toThrow(
      new UserError('lib.db: media_items id 5: duration "long" is not a number (pass --skip-invalid to skip such rows)'),
    );
    const lenient = new MediaItemSink(spec(true));
    lenient.add(5, "media_items id 5", (v) => ({ title: "X", duration_ms: v.number("long", "duration") }));
    lenient.add(6, "media_items id 6", () => ({ title: "", duration_ms: 5 }));
    expect(() => lenient.finish({}, [])).toThrow(/^lib\.db: no video items in this Plex database \(skipped 1 invalid duration; first: .*; 1 empty title; first: /);
  });
});
