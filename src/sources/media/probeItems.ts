/**
 * Collects probed media items (one per file) into a columnar Catalog. Shared by the
 * saved-ffprobe-JSON loader and the media-folder scan, so both name fields, record
 * provenance and count skipped files the same way.
 */
import { makeCatalog, type Catalog, type NumericField } from "../../catalog/catalog.js";
import { UserError } from "../../base/errors.js";

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

export const PROBE_TITLE_RULE = "format tag title (any case, or TITLE-<language>); else the file name without extension";

export class ProbeItemCollector {
  private readonly items: ProbeItem[] = [];
  private readonly itemFile: number[] = [];
  private readonly files: string[] = [];
  private readonly rejects = new Map<string, number>();

  /** Add an item read from `file`. */
  add(item: ProbeItem, file: string): void {
    this.items.push(item);
    this.itemFile.push(this.files.length);
    this.files.push(file);
  }

  /** Count a file that yielded no item. */
  reject(reason: string): void {
    this.rejects.set(reason, (this.rejects.get(reason) ?? 0) + 1);
  }

  get size(): number {
    return this.items.length;
  }

  /**
   * The catalog; numeric fields no item reported (e.g. width in a music folder) are
   * left out, because an absent field is "not observed", not "missing everywhere".
   */
  finish(source: string, notes: string[] = []): Catalog {
    const n = this.items.length;
    if (n === 0) throw new UserError(`${source}: no media items could be read`);
    const titleNames: string[] = [];
    const dict = new Map<string, number>();
    const titleCodes = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const t = this.items[i].title;
      let code = dict.get(t);
      if (code === undefined) {
        code = titleNames.length;
        dict.set(t, code);
        titleNames.push(t);
      }
      titleCodes[i] = code;
    }
    const numeric: Catalog["numeric"] = {};
    const provenance: Catalog["provenance"] = { title: PROBE_TITLE_RULE };
    for (const col of COLUMNS) {
      const values = Float64Array.from(this.items, (it) => {
        const x = col.of(it);
        return x > 0 ? x : NaN; // ffprobe's 0 (e.g. width of "0x0") means unknown
      });
      if (values.some((x) => !Number.isNaN(x))) {
        numeric[col.field] = values;
        provenance[col.field] = col.from;
      }
    }
    const text: Catalog["text"] = {
      codec: this.items.map((it) => it.codec),
      container: this.items.map((it) => it.container),
    };
    provenance.codec = "ffprobe video stream codec_name, else the audio stream's";
    provenance.container = "ffprobe format.format_name";
    return makeCatalog({
      source,
      rows: n,
      titleCodes,
      titleNames,
      numeric,
      text,
      provenance,
      rejected: Object.fromEntries(this.rejects),
      notes,
      // Line 0: the item is the whole file, not a line in it.
      origin: { files: this.files, file: Int32Array.from(this.itemFile), line: new Int32Array(n) },
    });
  }
}
