import { describe, expect, it } from "vitest";
import { UserError } from "../../../src/base/errors.js";
import { ProbeItemCollector, type ProbeItem } from "../../../src/sources/media/probeItems.js";

function item(over: Partial<ProbeItem>): ProbeItem {
  return { title: "T", durationMs: 1000, bitrateKbps: NaN, videoBitrateKbps: NaN, width: NaN, height: NaN, fps: NaN, sizeBytes: NaN, codec: "", container: "", ...over };
}

describe("ProbeItemCollector", () => {
  it("one item per file (line 0); fields no item reported are left out; ffprobe's 0 is unknown", () => {
    const c = new ProbeItemCollector("music/");
    c.add(item({ title: "Song", durationMs: 212_700, bitrateKbps: 320, codec: "mp3", container: "mp3", width: 0, height: 0 }), "music/a.mp3");
    c.add(item({ title: "Song", durationMs: 212_700, bitrateKbps: 256, codec: "aac", container: "mov,mp4" }), "music/b.m4a");
    c.reject("ffprobe failed", "music/c.mp3", "invalid data");
    const cat = c.finish(["ran ffprobe"]);
    expect(cat.source).toBe("music/");
    expect(cat.titleNames).toEqual(["Song"]);
    expect([...cat.titleCodes]).toEqual([0, 0]);
    expect(Object.keys(cat.numeric)).toEqual(["duration_ms", "bitrate_kbps"]); // width was 0 and NaN: not observed
    expect(cat.text).toEqual({ codec: ["mp3", "aac"], container: ["mp3", "mov,mp4"] });
    expect(cat.rejected).toEqual({ "ffprobe failed": 1 });
    expect(cat.origin).toEqual({ files: ["music/a.mp3", "music/b.m4a"], file: Int32Array.from([0, 1]), line: Int32Array.from([0, 0]) });
    expect(cat.notes).toEqual(["ran ffprobe"]);
    expect(cat.provenance.duration_ms).toBe("ffprobe format.duration (s)");
  });

  it("a non-finite or negative value is invalid: an error naming the file, or counted with skipInvalid", () => {
    const strict = new ProbeItemCollector("d/");
    expect(() => strict.add(item({ durationMs: Infinity }), "d/x.mkv")).toThrow(new UserError("d/x.mkv: duration_ms Infinity is not a finite number (too large, or infinite) — fix or remove the file, or pass --skip-invalid to skip such files"));
    const lenient = new ProbeItemCollector("d/", true);
    expect(lenient.add(item({ sizeBytes: -1 }), "d/y.mkv")).toBe(false);
    expect(lenient.add(item({}), "d/z.mkv")).toBe(true);
    expect(lenient.finish().rejected).toEqual({ "negative size_bytes": 1 });
  });

  it("no item: one line", () => {
    expect(() => new ProbeItemCollector("empty/").finish()).toThrow(new UserError("empty/: no media items could be read"));
  });
});
