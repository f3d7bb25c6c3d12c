/**
 * Kodi's video library (MyVideosNNN.db; 116 = Kodi 18 … 131 = Kodi 21). Tables and column
 * meanings from xbmc/xbmc xbmc/video/VideoDatabase.cpp (CVideoDatabase::CreateTables) and
 * VideoDatabase.h (VIDEODB_ID_* column indices):
 *   files (idFile, idPath, strFilename) + path (strPath): the file;
 *   movie (c00 title, premiered "YYYY-MM-DD"), linked by movie.idFile and, from Kodi 21, by
 *     videoversion (idFile → idMedia, media_type 'movie') for further versions of a film;
 *   episode (c00 title, c12 season, c13 episode, idShow) + tvshow (c00 title);
 *   streamdetails (iStreamType 0 = video: iVideoWidth, iVideoHeight, strVideoCodec,
 *     iVideoDuration in whole seconds).
 * Kodi records no bitrate and no file size, so this catalog has neither.
 */
import type Database from "better-sqlite3";
import type { MediaItemSink, SqlValue } from "./mediaItemSink.js";
import { episodeTitle, movieTitle } from "./plexDb.js";
import type { SqliteSchema } from "./sqliteSchema.js";

export const KODI_REQUIRED = {
  files: ["idFile", "idPath", "strFilename"],
  path: ["idPath", "strPath"],
  movie: ["idMovie", "idFile", "c00", "premiered"],
  episode: ["idEpisode", "idFile", "c00", "c12", "c13", "idShow"],
  tvshow: ["idShow", "c00"],
  streamdetails: ["idFile", "iStreamType", "iVideoWidth", "iVideoHeight", "iVideoDuration"],
} as const;

export const KODI_NO_BITRATE = "Kodi records no bitrate: schemes that observe bitrate cannot be evaluated";

export function kodiProvenance() {
  return {
    title: "movie.c00 (premiered year); episodes: tvshow.c00 — S{c12}E{c13} — episode.c00",
    duration_ms: "streamdetails.iVideoDuration (s) × 1000",
    width: "streamdetails.iVideoWidth (px)",
    height: "streamdetails.iVideoHeight (px)",
    codec: "streamdetails.strVideoCodec",
    path: "path.strPath + files.strFilename",
  };
}

/** The schema version Kodi writes into its `version` table, when present. */
export function kodiSchemaVersion(db: Database.Database, schema: SqliteSchema): number | undefined {
  if (!schema.hasTable("version") || !schema.hasColumn("version", "idVersion")) return undefined;
  const v = db.prepare("SELECT idVersion FROM version LIMIT 1").pluck().get();
  return typeof v === "number" ? v : undefined;
}

interface KodiRow {
  idFile: number;
  kind: "movie" | "episode";
  title: SqlValue;
  premiered: SqlValue;
  show: SqlValue;
  season: SqlValue;
  episode: SqlValue;
  dir: SqlValue;
  filename: SqlValue;
  seconds: SqlValue;
  width: SqlValue;
  height: SqlValue;
  codec: SqlValue;
}

export function loadKodi(db: Database.Database, schema: SqliteSchema, sink: MediaItemSink): void {
  // A film's files: its own idFile, plus Kodi 21's extra versions. UNION drops the duplicate
  // when videoversion also lists the main file.
  const versions =
    schema.hasTable("videoversion") && schema.missingColumns("videoversion", ["idFile", "idMedia", "media_type"]).length === 0
      ? "UNION SELECT v.idMedia, v.idFile FROM videoversion v WHERE v.media_type = 'movie'"
      : "";
  const sql = `
    WITH movie_files(idMovie, idFile) AS (SELECT idMovie, idFile FROM movie ${versions}),
    items AS (
      SELECT mf.idFile AS idFile, 'movie' AS kind, m.c00 AS title, m.premiered AS premiered,
             NULL AS show, NULL AS season, NULL AS episode
      FROM movie_files mf JOIN movie m ON m.idMovie = mf.idMovie
      UNION ALL
      SELECT e.idFile, 'episode', e.c00, NULL, t.c00, e.c12, e.c13
      FROM episode e LEFT JOIN tvshow t ON t.idShow = e.idShow
    )
    SELECT i.*, p.strPath AS dir, f.strFilename AS filename,
           sd.iVideoDuration AS seconds, sd.iVideoWidth AS width, sd.iVideoHeight AS height, sd.strVideoCodec AS codec
    FROM items i
    LEFT JOIN files f ON f.idFile = i.idFile
    LEFT JOIN path p ON p.idPath = f.idPath
    LEFT JOIN streamdetails sd ON sd.rowid = (SELECT MIN(x.rowid) FROM streamdetails x WHERE x.idFile = i.idFile AND x.iStreamType = 0)
    ORDER BY i.idFile`;
  for (const r of db.prepare(sql).iterate() as IterableIterator<KodiRow>) {
    sink.add(r.idFile, `files idFile ${r.idFile} (${r.kind})`, (v) => {
      const title = v.text(r.title);
      return {
        title: r.kind === "episode" ? episodeTitle(v.text(r.show), v.index(r.season, "season (c12)"), v.index(r.episode, "episode (c13)"), title) : movieTitle(title, yearOf(v.text(r.premiered))),
        duration_ms: v.number(r.seconds, "iVideoDuration") * 1000,
        width: v.number(r.width, "iVideoWidth"),
        height: v.number(r.height, "iVideoHeight"),
        codec: v.text(r.codec),
        path: v.text(r.dir) + v.text(r.filename),
      };
    });
  }
}

/** The year of Kodi's `premiered` ("1995-12-15" or "1995"), NaN when absent. */
function yearOf(premiered: string): number {
  const m = /^(\d{4})/.exec(premiered);
  return m ? Number(m[1]) : NaN;
}
