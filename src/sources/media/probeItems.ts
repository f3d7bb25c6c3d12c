/**
 * Collects probed media items (one per file) into a columnar Catalog. Shared by the
 * saved-ffprobe-JSON loader and the media-folder scan, so both name fields, record
 * provenance and count skipped files the same way.
 */
import type { Catalog, NumericField } from "../../catalog/catalog.js";
import { CatalogAssembler } from "../catalogAssembler.js";

/** One media file as ffprobe describes it, in internal units (NaN = not reported). */
export interface ProbeItem {
  title: string;
  durationMs: number;
  /** Overall (container) bitrate: what playback telemetry reports. */
  bitrateKbps: number;
  /** The video stream's own bitrate. */
  videoBitrateKbps: number;
  width: number;
  height: number;
  fps: number;
  sizeBytes: number;
  /** Video codec, or the audio codec for audio-only items. */
  codec: string;
  /** ffprobe's format_name, e.g. "matroska,webm". */
  container: string;
}

/** Short provenance for `inspect`; the fallbacks (stream duration, 8·size/duration, BPS tag) are in ffprobe.ts. */
const COLUMNS: { field: NumericField; of: (it: ProbeItem) => number; from: string }[] = [
  { field: "duration_ms", of: (it) => it.durationMs, from: "ffprobe format.duration (s)" },
  { field: "bitrate_kbps", of: (it) => it.bitrateKbps, from: "ffprobe format.bit_rate (bit/s)" },
  { field: "width", of: (it) => it.width, from: "ffprobe video stream width (px)" },
  { field: "height", of: (it) => it.height, from: "ffprobe video stream height (px)" },
  { field: "size_bytes", of: (it) => it.sizeBytes, from: "ffprobe format.size (B)" },
  { field: "fps", of: (it) => it.fps, from: "ffprobe video stream avg_frame_rate" },
  { field: "video_bitrate_kbps", of: (it) => it.videoBitrateKbps, from: "ffprobe video stream bit_rate (bit/s)" },
];

const PROBE_TITLE_RULE = "format tag title (any case, or TITLE-<language>); else the file name without extension";

/** Probed items into the shared CatalogAssembler: one item per file, line 0 (the item is the whole file). */
export class ProbeItemCollector {
  private readonly assembler: CatalogAssembler;
  private readonly numbers = new Array<number>(COLUMNS.length);
  private readonly texts = ["", ""];

  /** `source` names the catalog; `skipInvalid` decides what a negative or infinite value does. */
  constructor(source: string, skipInvalid = false) {
    this.assembler = new CatalogAssembler({
      source,
      titleFrom: PROBE_TITLE_RULE,
      // ffprobe's 0 (e.g. width of "0x0") means unknown; a field no item reported (width in a
      // music folder) is left out, because an absent field is "not observed", not "missing everywhere".
      numeric: COLUMNS.map((c) => ({ key: c.field, from: c.from, dropIfEmpty: true })),
      text: [
        { key: "codec", from: "ffprobe video stream codec_name, else the audio stream's" },
        { key: "container", from: "ffprobe format.format_name" },
      ],
      skipInvalid,
      hint: " — fix or remove the file, or pass --skip-invalid to skip such files",
      empty: () => `${source}: no media items could be read`,
    });
  }

  /** Add an item read from `file`; false when a value made it invalid (counted with skipInvalid). */
  add(item: ProbeItem, file: string): boolean {
    for (let k = 0; k < COLUMNS.length; k++) this.numbers[k] = COLUMNS[k].of(item);
    this.texts[0] = item.codec;
    this.texts[1] = item.container;
    return this.assembler.add(item.title, this.numbers, this.texts, this.assembler.file(file), 0);
  }

  /** Count a file that yielded no item. */
  reject(reason: string, file = "", detail = ""): void {
    this.assembler.count(reason, file, detail);
  }

  get size(): number {
    return this.assembler.rows;
  }

  /** The catalog, with the loader's notes. */
  finish(notes: string[] = []): Catalog {
    for (const n of notes) this.assembler.note(n);
    return this.assembler.finish();
  }
}
