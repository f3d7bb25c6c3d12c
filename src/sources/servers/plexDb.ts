/**
 * Plex Media Server's library database (com.plexapp.plugins.library.db). Plex is closed
 * source; the tables and columns used here are those of the published `.schema` dumps
 * (danrahn/MarkerEditorForPlex Test/TestHelpers.js; media_streams from a PMS 1.43 dump).
 *
 * One catalog item per `media_items` row (one encode/release of a movie or an episode):
 *   metadata_items (metadata_type 1 movie, 4 episode → parent 3 season → grandparent 2 show),
 *   media_items (duration ms, bitrate bit/s, width, height, size, codecs, container, fps),
 *   media_parts (the file; several parts when a release is split), and optionally the video
 *   stream's bitrate from media_streams (stream_type_id 1).
 *
 * Plex declares `title_sort` with its own ICU collation ("icu_root") and keeps FTS4 tables
 * with its own tokenizer; stock SQLite errors on anything that compares through them. So only
 * plain columns are read, joins and filters use integer ids, and nothing is sorted or compared
 * on a text column in SQL (ordering by the integer id).
 */
import type Database from "better-sqlite3";
import type { MediaItemSink, SqlValue } from "./mediaItemSink.js";
import type { SqliteSchema } from "./sqliteSchema.js";

export const PLEX_REQUIRED = {
  metadata_items: ["id", "parent_id", "metadata_type", "title", "index", "year"],
  media_items: ["id", "metadata_item_id", "duration", "bitrate", "width", "height"],
  media_parts: ["id", "media_item_id", "file"],
} as const;

const MOVIE = 1;
const EPISODE = 4;
const VIDEO_STREAM = 1;

export function plexProvenance(schema: SqliteSchema) {
  return {
    title: "metadata_items.title (year); episodes: show — SxxEyy — title via parent_id",
    duration_ms: "media_items.duration (ms)",
    // The database stores bit/s; Plex's XML API divides by 1000 and reports kbps.
    bitrate_kbps: "media_items.bitrate (bit/s) ÷ 1000",
    width: "media_items.width (px)",
    height: "media_items.height (px)",
    ...(schema.hasColumn("media_items", "size") ? { size_bytes: "media_items.size (B)" } : {}),
    ...(schema.hasColumn("media_items", "frames_per_second") ? { fps: "media_items.frames_per_second" } : {}),
    ...(hasStreamBitrate(schema) ? { video_bitrate_kbps: "media_streams.bitrate of the video stream (bit/s) ÷ 1000" } : {}),
    ...(schema.hasColumn("media_items", "video_codec") ? { codec: "media_items.video_codec" } : {}),
    ...(schema.hasColumn("media_items", "container") ? { container: "media_items.container" } : {}),
    path: "media_parts.file of the first part",
  };
}

function hasStreamBitrate(schema: SqliteSchema): boolean {
  return schema.hasTable("media_streams") && schema.missingColumns("media_streams", ["media_item_id", "stream_type_id", "bitrate"]).length === 0;
}

interface PlexRow {
  id: number;
  metadata_type: number;
  title: SqlValue;
  year: SqlValue;
  episode: SqlValue;
  season: SqlValue;
  show: SqlValue;
  duration: SqlValue;
  bitrate: SqlValue;
  width: SqlValue;
  height: SqlValue;
  size: SqlValue;
  fps: SqlValue;
  codec: SqlValue;
  container: SqlValue;
  file: SqlValue;
  video_bitrate: SqlValue;
}

export function loadPlex(db: Database.Database, schema: SqliteSchema, sink: MediaItemSink): void {
  const opt = (table: string, column: string, as: string) =>
    schema.hasColumn(table, column) ? `${table === "media_items" ? "mi" : "md"}."${column}" AS ${as}` : `NULL AS ${as}`;
  const notDeleted = (alias: string, table: string) => (schema.hasColumn(table, "deleted_at") ? ` AND ${alias}.deleted_at IS NULL` : "");
  const partDeleted = schema.hasColumn("media_parts", "deleted_at") ? " AND p.deleted_at IS NULL" : "";
  const videoBitrate = hasStreamBitrate(schema)
    ? `(SELECT s.bitrate FROM media_streams s WHERE s.media_item_id = mi.id AND s.stream_type_id = ${VIDEO_STREAM} ORDER BY s.id LIMIT 1)`
    : "NULL";
  const sql = `
    SELECT mi.id AS id, md.metadata_type AS metadata_type, md.title AS title, md.year AS year,
           md."index" AS episode, season."index" AS season, show.title AS show,
           mi.duration AS duration, mi.bitrate AS bitrate, mi.width AS width, mi.height AS height,
           ${opt("media_items", "size", "size")}, ${opt("media_items", "frames_per_second", "fps")},
           ${opt("media_items", "video_codec", "codec")}, ${opt("media_items", "container", "container")},
           (SELECT p.file FROM media_parts p WHERE p.media_item_id = mi.id${partDeleted} ORDER BY p.id LIMIT 1) AS file,
           ${videoBitrate} AS video_bitrate
    FROM media_items mi
    JOIN metadata_items md ON md.id = mi.metadata_item_id
    LEFT JOIN metadata_items season ON md.metadata_type = ${EPISODE} AND season.id = md.parent_id
    LEFT JOIN metadata_items show ON show.id = season.parent_id
    WHERE md.metadata_type IN (${MOVIE}, ${EPISODE})${notDeleted("mi", "media_items")}${notDeleted("md", "metadata_items")}
    ORDER BY mi.id`;
  for (const r of db.prepare(sql).iterate() as IterableIterator<PlexRow>) {
    sink.add(r.id, `media_items id ${r.id}`, (v) => {
      const title = v.text(r.title);
      return {
        title: r.metadata_type === EPISODE ? episodeTitle(v.text(r.show), v.index(r.season, "season number"), v.index(r.episode, "episode number"), title) : movieTitle(title, v.number(r.year, "year")),
        duration_ms: v.number(r.duration, "duration"),
        bitrate_kbps: v.number(r.bitrate, "bitrate") / 1000,
        width: v.number(r.width, "width"),
        height: v.number(r.height, "height"),
        size_bytes: v.number(r.size, "size"),
        fps: v.number(r.fps, "frames_per_second"),
        video_bitrate_kbps: v.number(r.video_bitrate, "video stream bitrate") / 1000,
        codec: v.text(r.codec),
        container: v.text(r.container),
        path: v.text(r.file),
      };
    });
  }
}

/** `Title (1995)`, or the title alone when the year is unknown. */
export function movieTitle(title: string, year: number): string {
  return title === "" || Number.isNaN(year) ? title : `${title} (${year})`;
}

/**
 * `Show — S01E02 — Episode title`. Missing numbers print as "??" so that two unnumbered
 * episodes of a show stay apart by their titles; an empty episode title leaves `Show — S01E02`.
 */
export function episodeTitle(show: string, season: number, episode: number, title: string): string {
  const two = (n: number) => (Number.isNaN(n) ? "??" : String(n).padStart(2, "0"));
  const code = `S${two(season)}E${two(episode)}`;
  return [show || "?", code, title].filter((p) => p !== "").join(" — ");
}
