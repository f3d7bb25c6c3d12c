/**
 * `ffprobe -print_format json -show_format -show_streams` output → one media item.
 *
 * ffprobe's JSON writer prints most numbers as strings ("duration": "117.700914",
 * "bit_rate": "582239"); see FFmpeg/FFmpeg fftools/ffprobe.c (show_format, show_stream).
 * Which values exist depends on the container:
 *   - MP4/MOV streams carry bit_rate and duration;
 *   - Matroska/WebM streams carry neither: the container has duration (and usually
 *     bit_rate), the streams a DURATION tag ("00:00:03.007000000", suffixed with the
 *     tag language as "DURATION-eng" when one is set) and, from mkvmerge, BPS /
 *     NUMBER_OF_BYTES statistics tags (FFmpeg libavformat/matroskadec.c names tags
 *     "<NAME>-<lang>" for languages other than "und").
 * Cover art is a video stream with disposition.attached_pic = 1 (FLAC/MP3/M4A pictures);
 * it is not the item's video.
 *
 * Fields, in this order of preference:
 *   duration_ms        format.duration; else the item stream's duration; else its DURATION tag
 *   bitrate_kbps       format.bit_rate / 1000; else 8 · format.size / duration_ms
 *   video_bitrate_kbps video stream bit_rate / 1000; else its BPS tag / 1000
 *   width, height      the video stream's
 *   fps                the video stream's avg_frame_rate ("0/0" = unknown); else r_frame_rate
 *   codec              the video stream's codec_name; audio-only items: the audio stream's
 *   container          format.format_name
 *   size_bytes         format.size
 *   title              format tag "title" in any case ("TITLE" in FLAC/Vorbis comments),
 *                      else a language-suffixed "TITLE-eng"; else the file name without
 *                      its extension (see probeTitleFallback)
 */
import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import type { Catalog } from "../../catalog/catalog.js";
import { parseDurationMs, parseFps } from "../../catalog/units.js";
import { UserError, locatedError } from "../../base/errors.js";
import { ProbeItemCollector, type ProbeItem } from "./probeItems.js";
import { fileError } from "../input.js";

export interface FfprobeLoadOptions {
  skipInvalid?: boolean;
  /** Catalog source name. */
  source: string;
}

/** Whether the head of a JSON file looks like one ffprobe output ({"streams": …, "format": …}). */
export function looksLikeFfprobe(head: string): boolean {
  return /^\s*\{\s*"(streams|format|programs)"\s*:/.test(head);
}

/** Why a file yielded no item; `reason` is the count key in `catalog.rejected`. */
export class ProbeError extends UserError {
  constructor(
    readonly reason: string,
    message: string,
  ) {
    super(message);
  }
}

type Json = Record<string, unknown>;

const EXPECTED = "a complete `ffprobe -print_format json -show_format -show_streams` output";

/**
 * Parse one saved ffprobe output. Errors name the file and line and say what was
 * expected; a file cut short (an interrupted `ffprobe … > x.json`) is called truncated.
 */
export function parseFfprobeJson(text: string, file: string): Json {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    const message = (e as Error).message;
    const pos = /position (\d+)/.exec(message);
    const at = pos ? Number(pos[1]) : text.length;
    const truncated = /end of (JSON|data)/i.test(message) || at >= text.trimEnd().length;
    const line = text.slice(0, at).split("\n").length;
    throw new ProbeError(
      truncated ? "truncated ffprobe JSON" : "invalid ffprobe JSON",
      locatedError(
        file,
        line,
        truncated
          ? `the JSON ends early (truncated after ${Buffer.byteLength(text)} bytes); expected ${EXPECTED}`
          : `not valid JSON (${message.replace(/\s*in JSON at position \d+.*$/, "")}); expected ${EXPECTED}`,
      ).message,
    );
  }
  if (!isObject(doc) || (!Array.isArray(doc.streams) && !isObject(doc.format))) {
    throw new ProbeError("not an ffprobe output", `${file}: JSON without "streams" or "format"; expected ${EXPECTED}`);
  }
  return doc;
}

/** The title to use when the probe has no title tag: the file name without its extension. */
export function probeTitleFallback(file: string, savedProbe = false): string {
  let name = basename(file);
  if (savedProbe) {
    // "Heat (1995).mkv.json" was saved for "Heat (1995).mkv": drop both extensions.
    name = name.replace(/\.json$/i, "");
    if (MEDIA_EXTENSION.test(name)) return name.replace(MEDIA_EXTENSION, "");
    return name;
  }
  const dot = name.lastIndexOf(".");
  return dot > 0 ? name.slice(0, dot) : name;
}

const MEDIA_EXTENSION =
  /\.(mkv|mk3d|mka|webm|mp4|m4v|m4a|mov|avi|wmv|asf|flv|ts|m2ts|mts|mpg|mpeg|vob|ogv|ogg|oga|opus|mp3|flac|wav|aac|ac3|aiff?|wma|rm|rmvb|3gp)$/i;

/** One item from a parsed ffprobe output. */
export function probeItem(doc: Json, file: string, fallbackTitle: string): ProbeItem {
  const streams = Array.isArray(doc.streams) ? doc.streams.filter(isObject) : [];
  const format = isObject(doc.format) ? doc.format : {};
  const video = streams.find((s) => s.codec_type === "video" && !isCoverArt(s));
  const audio = streams.find((s) => s.codec_type === "audio");
  const main = video ?? audio;
  if (!main) {
    const kinds = streams.map((s) => String(s.codec_type ?? "unknown")).join(", ") || "none";
    throw new ProbeError("no audio or video stream", `${file}: no audio or video stream (streams: ${kinds}); expected a media file's probe`);
  }
  const at = (what: string, parse: () => number): number => {
    try {
      return parse();
    } catch (e) {
      if (!(e instanceof UserError)) throw e;
      throw new ProbeError("invalid ffprobe value", `${file}: ${what}: ${e.message}`);
    }
  };
  const durationMs = at("format.duration", () => {
    const d = seconds(format.duration);
    if (d > 0) return d;
    const s = seconds(main.duration);
    if (s > 0) return s;
    const tag = tagValue(main.tags, "DURATION");
    return tag === undefined ? NaN : parseDurationMs(tag);
  });
  const sizeBytes = numberOf(format.size);
  const bitrateKbps = at("format.bit_rate", () => {
    const b = numberOf(format.bit_rate) / 1000;
    if (b > 0) return b;
    return sizeBytes > 0 && durationMs > 0 ? (8 * sizeBytes) / durationMs : NaN;
  });
  let videoBitrateKbps = NaN;
  let width = NaN;
  let height = NaN;
  let fps = NaN;
  if (video) {
    videoBitrateKbps = numberOf(video.bit_rate) / 1000;
    if (!(videoBitrateKbps > 0)) videoBitrateKbps = numberOf(tagValue(video.tags, "BPS")) / 1000;
    width = numberOf(video.width);
    height = numberOf(video.height);
    fps = at("avg_frame_rate", () => {
      const avg = frameRate(video.avg_frame_rate);
      return avg > 0 ? avg : frameRate(video.r_frame_rate);
    });
  }
  return {
    title: titleTag(format.tags) ?? fallbackTitle,
    durationMs,
    bitrateKbps,
    videoBitrateKbps,
    width,
    height,
    fps,
    sizeBytes,
    codec: typeof main.codec_name === "string" ? main.codec_name : "",
    container: typeof format.format_name === "string" ? format.format_name : "",
  };
}

function isObject(x: unknown): x is Json {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}

function isCoverArt(stream: Json): boolean {
  const d = stream.disposition;
  return isObject(d) && Number(d.attached_pic) === 1;
}

/** ffprobe numbers arrive as strings ("8566268") or, for a few keys, as JSON numbers. */
function numberOf(v: unknown): number {
  if (typeof v === "number") return v;
  if (typeof v !== "string" || v.trim() === "" || v === "N/A") return NaN;
  const x = Number(v);
  return Number.isFinite(x) ? x : NaN;
}

/** "117.700914" (seconds) → 117700.914 ms, exactly as written. */
function seconds(v: unknown): number {
  if (typeof v === "number") return v * 1000;
  if (typeof v !== "string" || v.trim() === "" || v === "N/A") return NaN;
  return parseDurationMs(v, "s");
}

function frameRate(v: unknown): number {
  if (typeof v !== "string" || v === "") return NaN;
  return parseFps(v); // "0/0" → NaN
}

/** A tag by name in any case, or with a language suffix ("DURATION-eng"); non-empty values only. */
function tagValue(tags: unknown, name: string): string | undefined {
  if (!isObject(tags)) return undefined;
  const upper = name.toUpperCase();
  let suffixed: string | undefined;
  for (const [k, v] of Object.entries(tags)) {
    if (typeof v !== "string" || v.trim() === "") continue;
    const key = k.toUpperCase();
    if (key === upper) return v.trim();
    if (suffixed === undefined && key.startsWith(upper + "-")) suffixed = v.trim();
  }
  return suffixed;
}

function titleTag(tags: unknown): string | undefined {
  return tagValue(tags, "title");
}

/**
 * Load saved ffprobe outputs, one item per file. A file that cannot be used stops the
 * load with a message naming it, or with `skipInvalid` is counted in `rejected`.
 */
export async function loadFfprobeFiles(files: string[], options: FfprobeLoadOptions): Promise<Catalog> {
  const items = new ProbeItemCollector(options.source, options.skipInvalid);
  let firstSkip: string | undefined;
  for (const file of files) {
    let text: string;
    try {
      text = await readFile(file, "utf8");
    } catch (e) {
      throw fileError(file, e);
    }
    try {
      items.add(probeItem(parseFfprobeJson(text, file), file, probeTitleFallback(file, true)), file);
    } catch (e) {
      if (!(e instanceof ProbeError) || !options.skipInvalid) throw e;
      items.reject(e.reason, file, e.message);
      firstSkip ??= e.message;
    }
  }
  if (items.size === 0) throw new UserError(`${options.source}: no ffprobe output could be used (first: ${firstSkip})`);
  return items.finish();
}
