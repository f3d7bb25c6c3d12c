/**
 * chinook-tracks: the Track table of the Chinook sample database joined with album,
 * artist, media type and genre, one row per media file, ordered by TrackId, written
 * as Python's csv module writes it (see pythonCsv.ts). Read from the upstream SQLite
 * file itself (opened in memory with better-sqlite3, a dependency already), so no
 * value passes through another format: INTEGER columns come back as bigint and print
 * as digits, REAL ones (UnitPrice) as Python prints a float.
 *
 *   1,For Those About To Rock (We Salute You),AC/DC,For Those About To Rock We Salute You,MPEG audio file,Rock,"Angus Young, Malcolm Young, Brian Johnson",343719,11170334,0.99
 */
import type { Recipe } from "./recipe.js";
import { pythonCsv, type PyValue } from "./pythonCsv.js";

const SQLITE = "ChinookDatabase/DataSources/Chinook_Sqlite.sqlite";
const OUTPUT = "chinook_tracks.csv";

const HEADER = ["track_id", "name", "artist", "album", "media_type", "genre", "composer", "milliseconds", "bytes", "unit_price"];

const QUERY = `
  SELECT t.TrackId, t.Name, ar.Name, al.Title, m.Name, g.Name, t.Composer, t.Milliseconds, t.Bytes, t.UnitPrice
  FROM Track t
  JOIN Album al ON al.AlbumId = t.AlbumId
  JOIN Artist ar ON ar.ArtistId = al.ArtistId
  JOIN MediaType m ON m.MediaTypeId = t.MediaTypeId
  LEFT JOIN Genre g ON g.GenreId = t.GenreId
  ORDER BY t.TrackId`;

export const chinookTracks: Recipe = {
  inputs: [SQLITE],
  outputs: [OUTPUT],
  async derive(inputs) {
    const { default: Database } = await import("better-sqlite3");
    const db = new Database(inputs.get(SQLITE)!, { readonly: true });
    try {
      const rows = db.prepare(QUERY).raw(true).safeIntegers(true).all() as PyValue[][];
      return new Map([[OUTPUT, Buffer.from(pythonCsv([HEADER, ...rows]), "utf8")]]);
    } finally {
      db.close();
    }
  },
};
