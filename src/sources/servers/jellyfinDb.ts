/**
 * Jellyfin's library, in both layouts:
 *  - 10.11+ `jellyfin.db` (EF Core): `BaseItems` + `MediaStreamInfos` (jellyfin/jellyfin
 *    src/Jellyfin.Database/.../Entities/BaseItemEntity.cs and MediaStreamInfo.cs; migration
 *    20241020103111_LibraryDbMigration). The item kind is the .NET type name in `Type`; newer
 *    development builds replace it with an integer `ItemType` (migration ItemTypeAsInt:
 *    9 = TV Episode, 15 = Movie), which is read when `Type` is absent.
 *  - ≤ 10.10 `library.db`: `TypedBaseItems` (same column names) + `mediastreams`, whose
 *    StreamType is text ('Video'); schema restated in Jellyfin.Server/Migrations/Routines/
 *    UpdateDatabaseToTenDotTen.cs.
 *
 * One item per Movie or Episode row that is a real file (IsVirtualItem = 0; virtual rows are
 * "missing episode" placeholders). RunTimeTicks are 100 ns ticks (10 000 per ms); TotalBitrate
 * and stream BitRate are bit/s. Width/height come from the first video stream, falling back to
 * the item's own columns.
 */
import type Database from "better-sqlite3";
import type { MediaItemSink, SqlValue } from "./mediaItemSink.js";
import { episodeTitle, movieTitle } from "./plexDb.js";
import { quoteIdent, type SqliteSchema } from "./sqliteSchema.js";

export interface JellyfinLayout {
  version: "10.11+ (jellyfin.db)" | "≤10.10 (library.db)";
  items: string;
  streams: string;
  /** Column holding the item's primary key (joins streams). */
  id: string;
  /** SQL for the item kind, and the values meaning movie and episode. */
  kind: { column: string; movie: string | number; episode: string | number };
  /** StreamType value of a video stream. */
  video: string | number;
}

const MOVIE_TYPE = "MediaBrowser.Controller.Entities.Movies.Movie";
const EPISODE_TYPE = "MediaBrowser.Controller.Entities.TV.Episode";

export const JELLYFIN_ITEM_COLUMNS = ["Name", "Path", "RunTimeTicks", "ProductionYear", "SeriesName", "ParentIndexNumber", "IndexNumber"] as const;
export const JELLYFIN_STREAM_COLUMNS = ["ItemId", "StreamIndex", "StreamType", "Codec", "BitRate", "Width", "Height"] as const;

/** Which Jellyfin layout `schema` is, if any (by its item table). */
export function jellyfinLayout(schema: SqliteSchema): JellyfinLayout | undefined {
  if (schema.hasTable("BaseItems")) {
    const kind = schema.hasColumn("BaseItems", "Type") || !schema.hasColumn("BaseItems", "ItemType")
      ? { column: "Type", movie: MOVIE_TYPE, episode: EPISODE_TYPE }
      : { column: "ItemType", movie: 15, episode: 9 };
    return { version: "10.11+ (jellyfin.db)", items: "BaseItems", streams: "MediaStreamInfos", id: "Id", kind, video: 1 };
  }
  if (schema.hasTable("TypedBaseItems")) {
    return {
      version: "≤10.10 (library.db)",
      items: "TypedBaseItems",
      streams: "mediastreams",
      id: "guid",
      kind: { column: "type", movie: MOVIE_TYPE, episode: EPISODE_TYPE },
      video: "Video",
    };
  }
  return undefined;
}

export function jellyfinProvenance(schema: SqliteSchema, layout: JellyfinLayout) {
  const t = layout.items;
  const s = layout.streams;
  return {
    title: `${t}.Name (ProductionYear); episodes: SeriesName — S{ParentIndexNumber}E{IndexNumber} — Name`,
    duration_ms: `${t}.RunTimeTicks (100 ns ticks) ÷ 10 000`,
    ...(schema.hasColumn(t, "TotalBitrate") ? { bitrate_kbps: `${t}.TotalBitrate (bit/s) ÷ 1000` } : {}),
    width: `${s}.Width of the video stream, else ${t}.Width (px)`,
    height: `${s}.Height of the video stream, else ${t}.Height (px)`,
    ...(schema.hasColumn(t, "Size") ? { size_bytes: `${t}.Size (B)` } : {}),
    ...(schema.hasColumn(s, "AverageFrameRate") ? { fps: `${s}.AverageFrameRate of the video stream` } : {}),
    video_bitrate_kbps: `${s}.BitRate of the video stream (bit/s) ÷ 1000`,
    codec: `${s}.Codec of the video stream`,
    path: `${t}.Path`,
  };
}

interface JellyfinRow {
  rid: number;
  kind: SqlValue;
  name: SqlValue;
  year: SqlValue;
  series: SqlValue;
  season: SqlValue;
  episode: SqlValue;
  ticks: SqlValue;
  bitrate: SqlValue;
  item_width: SqlValue;
  item_height: SqlValue;
  size: SqlValue;
  path: SqlValue;
  codec: SqlValue;
  stream_bitrate: SqlValue;
  width: SqlValue;
  height: SqlValue;
  fps: SqlValue;
}

const TICKS_PER_MS = 10_000;

export function loadJellyfin(db: Database.Database, schema: SqliteSchema, layout: JellyfinLayout, sink: MediaItemSink): void {
  const t = quoteIdent(layout.items);
  const s = quoteIdent(layout.streams);
  const col = (name: string, as: string) => (schema.hasColumn(layout.items, name) ? `b.${quoteIdent(name)} AS ${as}` : `NULL AS ${as}`);
  const scol = (name: string, as: string) => (schema.hasColumn(layout.streams, name) ? `vs.${quoteIdent(name)} AS ${as}` : `NULL AS ${as}`);
  const id = quoteIdent(layout.id);
  const kind = `b.${quoteIdent(layout.kind.column)}`;
  const virtual = schema.hasColumn(layout.items, "IsVirtualItem") ? " AND COALESCE(b.IsVirtualItem, 0) = 0" : "";
  const sql = `
    SELECT b.rowid AS rid, ${kind} AS kind, b.Name AS name, b.ProductionYear AS year, b.SeriesName AS series,
           b.ParentIndexNumber AS season, b.IndexNumber AS episode, b.RunTimeTicks AS ticks,
           ${col("TotalBitrate", "bitrate")}, ${col("Width", "item_width")}, ${col("Height", "item_height")}, ${col("Size", "size")},
           b.Path AS path, vs.Codec AS codec, vs.BitRate AS stream_bitrate, vs.Width AS width, vs.Height AS height,
           ${scol("AverageFrameRate", "fps")}
    FROM ${t} b
    LEFT JOIN ${s} vs ON vs.ItemId = b.${id} AND vs.StreamType = @video
      AND vs.StreamIndex = (SELECT MIN(x.StreamIndex) FROM ${s} x WHERE x.ItemId = b.${id} AND x.StreamType = @video)
    WHERE ${kind} IN (@movie, @episode)${virtual}
    ORDER BY b.rowid`;
  const rows = db.prepare(sql).iterate({ video: layout.video, movie: layout.kind.movie, episode: layout.kind.episode }) as IterableIterator<JellyfinRow>;
  for (const r of rows) {
    sink.add(r.rid, `${layout.items} rowid ${r.rid}`, (v) => {
      const name = v.text(r.name);
      const isEpisode = r.kind === layout.kind.episode;
      const streamWidth = v.number(r.width, "video stream width");
      const streamHeight = v.number(r.height, "video stream height");
      return {
        title: isEpisode ? episodeTitle(v.text(r.series), v.index(r.season, "ParentIndexNumber"), v.index(r.episode, "IndexNumber"), name) : movieTitle(name, v.number(r.year, "ProductionYear")),
        duration_ms: v.number(r.ticks, "RunTimeTicks") / TICKS_PER_MS,
        bitrate_kbps: v.number(r.bitrate, "TotalBitrate") / 1000,
        width: Number.isNaN(streamWidth) ? v.number(r.item_width, "Width") : streamWidth,
        height: Number.isNaN(streamHeight) ? v.number(r.item_height, "Height") : streamHeight,
        size_bytes: v.number(r.size, "Size"),
        fps: v.number(r.fps, "AverageFrameRate"),
        video_bitrate_kbps: v.number(r.stream_bitrate, "video stream BitRate") / 1000,
        codec: v.text(r.codec),
        path: v.text(r.path),
      };
    });
  }
}
