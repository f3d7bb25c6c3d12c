/**
 * jellyfin-ffprobe-fixtures: the 15 ffprobe JSON fixtures are byte-for-byte copies;
 * `ffprobe_summary.csv` is derived from them, one row per fixture in file-name order:
 * the container's name, duration, size and overall bit rate (`format`), the first
 * video stream that is not cover art (`disposition.attached_pic` ≠ 1) with its codec,
 * width, height, bit rate and average frame rate, the first audio stream's codec and
 * bit rate, and the stream count. Values are copied as ffprobe printed them (strings
 * such as "214.240000" stay strings); a missing value is an empty field. Written as
 * Python's csv module writes it (pythonCsv.ts).
 *
 *   music_metadata.json,UP NO MORE,flac,214.240000,28714641,1072242,,,,,,flac,,2
 *   (the FLAC's only video stream is its cover art, so the video fields are empty)
 */
import type { Recipe } from "./recipe.js";
import { pythonCsv, type PyValue } from "./pythonCsv.js";

const FOLDER = "tests/Jellyfin.MediaEncoding.Tests/Test Data/Probing/";
const FIXTURES = [
  "music_metadata.json",
  "music_video_metadata.json",
  "music_year_only_metadata.json",
  "video_interlaced.json",
  "video_metadata.json",
  "video_missing_video_bitrate.json",
  "video_missing_video_bitrate_unknown_audio.json",
  "video_mp4_metadata.json",
  "video_nanosecond_duration_bitrate.json",
  "video_progressive_no_field_order.json",
  "video_progressive_no_field_order2.json",
  "video_single_frame_mjpeg.json",
  "video_ts.json",
  "video_web_like_mkv_with_subtitle.json",
  "video_webm.json",
];
const OUTPUT = "ffprobe_summary.csv";

const HEADER = [
  "fixture",
  "title",
  "format_name",
  "duration_s",
  "size_bytes",
  "format_bit_rate",
  "video_codec",
  "width",
  "height",
  "video_bit_rate",
  "avg_frame_rate",
  "audio_codec",
  "audio_bit_rate",
  "n_streams",
];

type Json = Record<string, unknown>;

/** A JSON value as Python's json module would hand it to csv: integers are Python ints. */
function py(v: unknown): PyValue {
  if (typeof v === "number") return Number.isInteger(v) ? BigInt(v) : v;
  if (typeof v === "string" || typeof v === "boolean") return v;
  return null;
}

/** One summary row of an ffprobe `-show_format -show_streams` JSON document. */
export function summaryRow(fixture: string, probe: Json): PyValue[] {
  const format = (probe.format ?? {}) as Json;
  const tags = (format.tags ?? {}) as Json;
  const streams = (Array.isArray(probe.streams) ? probe.streams : []) as Json[];
  const video = streams.find((s) => s.codec_type === "video" && ((s.disposition ?? {}) as Json).attached_pic !== 1) ?? {};
  const audio = streams.find((s) => s.codec_type === "audio") ?? {};
  return [
    fixture,
    py(tags.title ?? tags.TITLE),
    py(format.format_name),
    py(format.duration),
    py(format.size),
    py(format.bit_rate),
    py(video.codec_name),
    py(video.width),
    py(video.height),
    py(video.bit_rate),
    py(video.avg_frame_rate),
    py(audio.codec_name),
    py(audio.bit_rate),
    BigInt(streams.length),
  ];
}

export const jellyfinSummary: Recipe = {
  inputs: FIXTURES.map((f) => FOLDER + f),
  outputs: [OUTPUT],
  async derive(inputs) {
    const rows = FIXTURES.map((f) => summaryRow(f, JSON.parse(inputs.get(FOLDER + f)!.toString("utf8")) as Json));
    return new Map([[OUTPUT, Buffer.from(pythonCsv([HEADER, ...rows]), "utf8")]]);
  },
};
