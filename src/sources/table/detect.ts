/**
 * Column-name detection for catalogs loaded without `--map`. A name that states its
 * unit (duration_ms, runtimeMinutes, bit_rate from ffprobe = bit/s) gets that unit;
 * a bare name (duration, bitrate) gets none, so plain numbers in it are rejected with a
 * hint to declare the unit rather than guessed.
 */
import { UserError } from "../../base/errors.js";
import type { FieldMap, MapField } from "./fieldMap.js";

interface Rule {
  field: MapField;
  names: string[];
  unit?: string;
}

/** Normalised names (lower case, no spaces/underscores/dashes), most specific first. */
const RULES: Rule[] = [
  { field: "title", names: ["title", "name", "trackname", "primarytitle", "originaltitle", "songtitle", "filename", "file", "path"] },
  { field: "duration", names: ["durationms", "durationmillis", "milliseconds", "lengthms", "runtimems"], unit: "ms" },
  { field: "duration", names: ["durations", "durationsec", "durationseconds", "seconds", "lengthseconds"], unit: "s" },
  { field: "duration", names: ["runtime", "runtimeminutes", "runtimemin", "runningtimemin", "runningtime", "lengthmin", "length", "minutes", "durationmin"], unit: "min" },
  { field: "duration", names: ["duration"] },
  { field: "bitrate", names: ["bitratekbps", "kbps", "bitratekb"], unit: "kbps" },
  { field: "bitrate", names: ["bitratebps", "formatbitrate", "bps"], unit: "bps" },
  // ffprobe and most media tools write bit_rate in bit/s.
  { field: "bitrate", names: ["bit_rate"], unit: "bps" },
  { field: "bitrate", names: ["bitrate", "overallbitrate"] },
  { field: "width", names: ["width", "videowidth", "w"] },
  { field: "height", names: ["height", "videoheight", "h"] },
  { field: "resolution", names: ["resolution", "videoresolution", "framesize", "dimensions"] },
  { field: "size", names: ["sizebytes", "bytes", "filesize", "size", "filesizebytes"], unit: "B" },
  { field: "fps", names: ["fps", "framerate", "avgframerate", "rframerate", "videoframerate"] },
  { field: "codec", names: ["codec", "videocodec", "codecname"] },
  { field: "container", names: ["container", "formatname", "format"] },
];

function normalise(name: string): string {
  return name.toLowerCase().replace(/[\s\-._]/g, "");
}

/** Detect a field map from a header. Only fills fields not already in `given`. */
export function detectFieldMap(header: string[], given: FieldMap = {}): FieldMap {
  const map: FieldMap = { ...given };
  // Exact lower-case names first (so "bit_rate" stays distinguishable), then normalised.
  const byName = new Map<string, string>();
  for (const col of header) if (!byName.has(col.toLowerCase())) byName.set(col.toLowerCase(), col);
  for (const col of header) if (!byName.has(normalise(col))) byName.set(normalise(col), col);
  const claimed = new Set(Object.values(map).flatMap((ref) => ref!.columns));
  for (const rule of RULES) {
    if (map[rule.field]) continue;
    for (const name of rule.names) {
      const col = byName.get(name);
      if (col !== undefined && !claimed.has(col)) {
        claimed.add(col);
        map[rule.field] = rule.unit ? { columns: [col], unit: rule.unit } : { columns: [col] };
        break;
      }
    }
  }
  // A track is named by its title and artist together (the same song name recurs across artists).
  const artist = ["artist", "artistname", "trackartist", "artists"].map((a) => byName.get(a)).find((c) => c !== undefined && !claimed.has(c));
  if (!given.title && map.title && map.title.columns.length === 1 && artist) {
    map.title = { columns: [map.title.columns[0], artist] };
  }
  return map;
}

/**
 * A header naming one column twice is refused: which of the two a map means cannot be told
 * (csv-parse would silently use the first). Positions are 1-based.
 */
export function checkHeader(header: string[], file: string): void {
  const seen = new Map<string, number>();
  for (let i = 0; i < header.length; i++) {
    const first = seen.get(header[i]);
    if (first !== undefined) {
      throw new UserError(`${file}:1: column "${header[i]}" appears twice in the header (columns ${first + 1} and ${i + 1}); rename one`);
    }
    seen.set(header[i], i);
  }
}

/**
 * Check that every mapped column exists; a clear error names the missing ones. `where` is
 * where columns are listed: a file's header, or for a Parquet file or a table its columns.
 */
export function checkMapAgainstHeader(map: FieldMap, header: string[], file: string, where = "the header"): void {
  const have = new Set(header);
  for (const [field, ref] of Object.entries(map)) {
    for (const col of ref!.columns) {
      if (!have.has(col)) {
        throw new UserError(
          `${file}: column "${col}" (mapped to ${field}) is not in ${where}; columns are: ${header.map((h) => JSON.stringify(h)).join(", ")}`,
        );
      }
    }
  }
  if (!map.title) {
    throw new UserError(
      `${file}: no title column found (looked for title, name, track_name, …); name it with --map "title=<column>" (join several with +)`,
    );
  }
  if (!map.duration && !map.bitrate && !map.width && !map.height && !map.resolution && !map.size) {
    throw new UserError(
      `${file}: no duration, bitrate, resolution or size column found; name them with --map, e.g. --map "duration=<column>:ms"`,
    );
  }
}
