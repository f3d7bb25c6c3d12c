import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseDurationMs, parseFps } from "../../../src/catalog/units.js";
import { UserError } from "../../../src/base/errors.js";
import { loadFfprobeFiles, looksLikeFfprobe, parseFfprobeJson, probeItem, probeTitleFallback } from "../../../src/sources/media/ffprobe.js";
import { loadCatalog } from "../../../src/sources/loadCatalog.js";
import { dataDir } from "../../helpers.js";

const jellyfin = join(dataDir, "jellyfin-ffprobe-fixtures");

interface SummaryRow {
  fixture: string;
  title: string;
  format_name: string;
  duration_s: string;
  size_bytes: string;
  format_bit_rate: string;
  video_codec: string;
  width: string;
  height: string;
  video_bit_rate: string;
  avg_frame_rate: string;
  audio_codec: string;
}

const summary: SummaryRow[] = parse(readFileSync(join(jellyfin, "ffprobe_summary.csv"), "utf8"), { columns: true });

function tmp(): string {
  return mkdtempSync(join(tmpdir(), "fprisk-ffprobe-"));
}

async function loadOne(file: string) {
  const c = await loadFfprobeFiles([file], { source: file });
  const value = (field: keyof typeof c.numeric) => c.numeric[field]?.[0] ?? NaN;
  return { c, value, title: c.titleNames[c.titleCodes[0]], codec: c.text.codec![0], container: c.text.container![0] };
}

describe("ffprobe JSON loader on Jellyfin's 15 fixtures", () => {
  it("the summary lists all 15 fixtures", () => {
    expect(summary).toHaveLength(15);
  });

  // Every value ffprobe_summary.csv records (derived from the JSON by Python, see SOURCE.md)
  // must come out of the loader in internal units.
  for (const row of summary) {
    it(`${row.fixture} agrees with ffprobe_summary.csv`, async () => {
      const { c, value, title, codec, container } = await loadOne(join(jellyfin, row.fixture));
      expect(c.rows).toBe(1);
      if (row.duration_s) expect(value("duration_ms")).toBe(parseDurationMs(row.duration_s, "s"));
      if (row.size_bytes) expect(value("size_bytes")).toBe(Number(row.size_bytes));
      if (row.format_bit_rate) expect(value("bitrate_kbps")).toBeCloseTo(Number(row.format_bit_rate) / 1000, 9);
      if (row.width) expect(value("width")).toBe(Number(row.width));
      if (row.height) expect(value("height")).toBe(Number(row.height));
      if (!row.width) expect(c.numeric.width).toBeUndefined(); // audio-only: no resolution column at all
      if (row.video_bit_rate) expect(value("video_bitrate_kbps")).toBeCloseTo(Number(row.video_bit_rate) / 1000, 9);
      if (row.avg_frame_rate) expect(value("fps")).toBe(parseFps(row.avg_frame_rate));
      expect(codec).toBe(row.video_codec || row.audio_codec);
      expect(container).toBe(row.format_name);
      expect(title).toBe(row.title || expectedFallbackTitle[row.fixture] || row.fixture.replace(/\.json$/, ""));
      expect(c.origin!.files).toEqual([join(jellyfin, row.fixture)]);
      expect(c.origin!.line[0]).toBe(0); // the item is the whole file
    });
  }

  it("MKV without format.bit_rate: 8 · size / duration (10001000 B over 100 s = 800.08 kbps)", async () => {
    const { value } = await loadOne(join(jellyfin, "video_nanosecond_duration_bitrate.json"));
    expect(value("bitrate_kbps")).toBeCloseTo((8 * 10001000) / 100000, 12);
    expect(value("duration_ms")).toBe(100000);
    // its BPS-eng tag is empty: no video bitrate rather than 0
    expect(Number.isNaN(value("video_bitrate_kbps"))).toBe(true);
  });

  it("no format section: duration from the video stream (15794.106444 s), no overall bitrate", async () => {
    const { value, container } = await loadOne(join(jellyfin, "video_mp4_metadata.json"));
    expect(value("duration_ms")).toBe(15794106.444);
    expect(Number.isNaN(value("bitrate_kbps"))).toBe(true);
    expect(container).toBe("");
  });

  it("MKV video stream without bit_rate: mkvmerge's BPS tag (3950584 bit/s)", async () => {
    const { value, title } = await loadOne(join(jellyfin, "video_single_frame_mjpeg.json"));
    expect(value("video_bitrate_kbps")).toBeCloseTo(3950.584, 12);
    expect(title).toBe("Folge 1: Jackpot Immobilie · Wie wir klug vererben");
    expect(value("fps")).toBe(50); // the h264 stream, not the 0.00001 s mjpeg thumbnail after it
  });

  it("cover art (attached_pic) is not the item's video: FLAC stays audio-only", async () => {
    const { c, codec, title } = await loadOne(join(jellyfin, "music_metadata.json"));
    expect(codec).toBe("flac");
    expect(c.numeric.width).toBeUndefined();
    expect(title).toBe("UP NO MORE"); // tag key "TITLE" in upper case
  });

  it("a language-suffixed title tag (TITLE-eng) names the title", async () => {
    const { title } = await loadOne(join(jellyfin, "music_video_metadata.json"));
    expect(title).toBe("The Title");
  });

  it("a folder of saved outputs loads through loadCatalog: 15 items, SOURCE.md and the CSV ignored", async () => {
    const events: string[] = [];
    const c = await loadCatalog(jellyfin, { probeCacheDir: false, onFile: (e) => events.push(`${e.outcome} ${e.reason}`) });
    expect(c.rows).toBe(15);
    expect(c.titleNames).toHaveLength(15);
    expect(events.sort()).toEqual(["ignored text", "ignored text"]);
    expect(c.notes).toContain("15 saved ffprobe outputs read");
    expect(c.notes.some((n) => /ran .*ffprobe/.test(n))).toBe(false); // nothing needed probing
  });
});

const expectedFallbackTitle: Record<string, string> = {
  "music_video_metadata.json": "The Title",
};

describe("ffprobe values", () => {
  const doc = (format: Record<string, unknown>, streams: Record<string, unknown>[]) => ({ streams, format });

  it("numbers arrive as strings or numbers alike", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000_000 }),
        fc.integer({ min: 1, max: 1_000_000_000 }),
        fc.integer({ min: 1, max: 7680 }),
        (durationMs, size, width) => {
          const asText = doc({ duration: (durationMs / 1000).toFixed(3), size: String(size) }, [{ codec_type: "video", width: String(width), height: "2" }]);
          const asNumbers = doc({ duration: durationMs / 1000, size }, [{ codec_type: "video", width, height: 2 }]);
          const a = probeItem(asText, "a.mkv", "a");
          const b = probeItem(asNumbers, "a.mkv", "a");
          expect(a.durationMs).toBe(durationMs);
          expect(b.durationMs).toBeCloseTo(durationMs, 6);
          expect(a.width).toBe(width);
          expect(b.width).toBe(width);
          // no bit_rate: 8 · bytes / ms = kbit/s
          expect(a.bitrateKbps).toBeCloseTo((8 * size) / durationMs, 9);
        },
      ),
    );
  });

  it("the title tag is found in any letter case", () => {
    fc.assert(
      fc.property(fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }), fc.string({ minLength: 1 }).filter((s) => s.trim() !== ""), (upper, name) => {
        const key = [..."title"].map((ch, i) => (upper[i] ? ch.toUpperCase() : ch)).join("");
        expect(probeItem(doc({ tags: { [key]: name } }, [{ codec_type: "audio" }]), "x.flac", "x").title).toBe(name.trim());
      }),
    );
  });

  it("DURATION tags (also DURATION-eng) when neither format nor stream has a duration", () => {
    const item = probeItem(doc({}, [{ codec_type: "video", tags: { "DURATION-eng": "00:00:03.007000000" } }]), "a.mkv", "a");
    expect(item.durationMs).toBe(3007);
    expect(probeItem(doc({}, [{ codec_type: "video", tags: { DURATION: "01:32:05.120000000" } }]), "a.mkv", "a").durationMs).toBe(5525120);
  });

  it("avg_frame_rate 0/0 is unknown; r_frame_rate stands in", () => {
    expect(probeItem(doc({}, [{ codec_type: "video", avg_frame_rate: "0/0", r_frame_rate: "24000/1001" }]), "a", "a").fps).toBeCloseTo(23.976, 3);
    expect(Number.isNaN(probeItem(doc({}, [{ codec_type: "video", avg_frame_rate: "0/0", r_frame_rate: "0/0" }]), "a", "a").fps)).toBe(true);
  });

  it("the first video stream that is not cover art is the item's video", () => {
    const cover = { codec_type: "video", codec_name: "mjpeg", width: 600, height: 600, disposition: { attached_pic: 1 } };
    const main = { codec_type: "video", codec_name: "hevc", width: 3840, height: 1600 };
    const item = probeItem(doc({}, [cover, main, { codec_type: "audio", codec_name: "eac3" }]), "a", "a");
    expect([item.codec, item.width, item.height]).toEqual(["hevc", 3840, 1600]);
  });

  it("a probe without audio or video is a ProbeError naming the file and the streams found", () => {
    expect(() => probeItem(doc({}, [{ codec_type: "subtitle" }]), "subs.mks", "subs")).toThrow(/subs\.mks: no audio or video stream \(streams: subtitle\)/);
  });

  it("title fallback: the file name without its extension; a saved probe drops .json and a media extension", () => {
    expect(probeTitleFallback("/m/Heat (1995).mkv")).toBe("Heat (1995)");
    expect(probeTitleFallback("/m/Mr. Robot.json", true)).toBe("Mr. Robot");
    expect(probeTitleFallback("/m/Heat (1995).mkv.json", true)).toBe("Heat (1995)");
    expect(probeTitleFallback("/m/.hidden")).toBe(".hidden");
  });

  it("looksLikeFfprobe accepts ffprobe's first key only", () => {
    expect(looksLikeFfprobe('{\n    "streams": [')).toBe(true);
    expect(looksLikeFfprobe('{"format": {')).toBe(true);
    expect(looksLikeFfprobe('[{"title": "x"}]')).toBe(false);
  });
});

describe("bad ffprobe JSON", () => {
  const good = readFileSync(join(jellyfin, "video_webm.json"), "utf8");

  it("a truncated file: UserError with the file, the line and what was expected", async () => {
    const dir = tmp();
    const file = join(dir, "cut.json");
    writeFileSync(file, good.slice(0, 1000));
    const err = await loadCatalog(file).catch((e) => e);
    expect(err).toBeInstanceOf(UserError);
    const line = good.slice(0, 1000).split("\n").length;
    expect(err.message).toBe(
      `${file}:${line}: the JSON ends early (truncated after 1000 bytes); expected a complete \`ffprobe -print_format json -show_format -show_streams\` output`,
    );
  });

  it("a syntax error mid-file is not called truncated", () => {
    const broken = good.replace('"codec_name": "vp8",', '"codec_name": "vp8",,');
    expect(() => parseFfprobeJson(broken, "x.json")).toThrow(/^x\.json:5: not valid JSON \(Expected double-quoted property name\); expected a complete/); // the ",," is on line 5
  });

  it("with skipInvalid, a folder of outputs skips and counts the broken one; without, it stops naming it", async () => {
    const dir = tmp();
    writeFileSync(join(dir, "a.json"), good);
    writeFileSync(join(dir, "b.json"), readFileSync(join(jellyfin, "video_ts.json")));
    writeFileSync(join(dir, "c.json"), good.slice(0, 500));
    await expect(loadCatalog(dir, { probeCacheDir: false })).rejects.toThrow(new RegExp(`${join(dir, "c.json")}:\\d+: the JSON ends early.*--skip-invalid`));
    const c = await loadCatalog(dir, { probeCacheDir: false, skipInvalid: true });
    expect(c.rows).toBe(2);
    expect(c.titleNames).toEqual(["a", "b"]);
    expect(c.rejected).toEqual({ "truncated ffprobe JSON": 1 });
    expect(c.notes.some((n) => n.startsWith("skipped c.json:") && n.includes("the JSON ends early"))).toBe(true);
  });

  it("a single truncated file with skipInvalid still fails: nothing could be loaded", async () => {
    const dir = tmp();
    const file = join(dir, "cut.json");
    writeFileSync(file, good.slice(0, 700));
    await expect(loadFfprobeFiles([file], { source: file, skipInvalid: true })).rejects.toThrow(/no ffprobe output could be used \(first: .*cut\.json:\d+: the JSON ends early/);
  });
});
