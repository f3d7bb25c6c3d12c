import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { chinookTracks } from "../../../../src/sources/registry/recipes/chinookTracks.js";

/** A hand-made Chinook-shaped database: three tracks covering quoting, NULLs and number types. */
function tinyChinook(): Buffer {
  const db = new Database(":memory:");
  db.exec(`
    CREATE TABLE Artist (ArtistId INTEGER PRIMARY KEY, Name NVARCHAR(120));
    CREATE TABLE Album (AlbumId INTEGER PRIMARY KEY, Title NVARCHAR(160), ArtistId INTEGER);
    CREATE TABLE MediaType (MediaTypeId INTEGER PRIMARY KEY, Name NVARCHAR(120));
    CREATE TABLE Genre (GenreId INTEGER PRIMARY KEY, Name NVARCHAR(120));
    CREATE TABLE Track (TrackId INTEGER PRIMARY KEY, Name NVARCHAR(200), AlbumId INTEGER, MediaTypeId INTEGER,
      GenreId INTEGER, Composer NVARCHAR(220), Milliseconds INTEGER, Bytes INTEGER, UnitPrice NUMERIC(10,2));
    INSERT INTO Artist VALUES (1, 'AC/DC'), (2, 'Lost');
    INSERT INTO Album VALUES (10, 'Let There Be Rock', 1), (20, 'Lost, Season 1', 2);
    INSERT INTO MediaType VALUES (1, 'MPEG audio file'), (3, 'Protected MPEG-4 video file');
    INSERT INTO Genre VALUES (1, 'Rock'), (19, 'TV Shows');
    -- inserted out of order: the recipe orders by TrackId
    INSERT INTO Track VALUES (3, 'Pilot, Part 1', 20, 3, NULL, NULL, 2548875, 518891164, 1.99);
    INSERT INTO Track VALUES (1, 'Go Down', 10, 1, 1, 'AC/DC', 331180, 10847611, 0.99);
    INSERT INTO Track VALUES (2, 'The "Jack"', 10, 1, 1, 'Young, Young', 277133, 9056144, 1);
  `);
  const bytes = db.serialize();
  db.close();
  return bytes;
}

describe("chinookTracks recipe", () => {
  it("joins Track with album, artist, media type and genre, ordered by TrackId, as Python's csv writes it", async () => {
    const out = await chinookTracks.derive(new Map([[chinookTracks.inputs[0], tinyChinook()]]));
    expect([...out.keys()]).toEqual(["chinook_tracks.csv"]);
    expect(out.get("chinook_tracks.csv")!.toString("utf8")).toBe(
      "track_id,name,artist,album,media_type,genre,composer,milliseconds,bytes,unit_price\r\n" +
        "1,Go Down,AC/DC,Let There Be Rock,MPEG audio file,Rock,AC/DC,331180,10847611,0.99\r\n" +
        // an INTEGER stored in UnitPrice prints as a Python int, not 1.0
        '2,"The ""Jack""",AC/DC,Let There Be Rock,MPEG audio file,Rock,"Young, Young",277133,9056144,1\r\n' +
        // LEFT JOIN Genre: a track without a genre stays, with empty genre and composer
        '3,"Pilot, Part 1",Lost,"Lost, Season 1",Protected MPEG-4 video file,,,2548875,518891164,1.99\r\n',
    );
  });

  it("reads the one upstream SQLite file and writes one CSV", () => {
    expect(chinookTracks.inputs).toEqual(["ChinookDatabase/DataSources/Chinook_Sqlite.sqlite"]);
    expect(chinookTracks.outputs).toEqual(["chinook_tracks.csv"]);
  });

  it("bytes that are not a SQLite database fail with the library's reason", async () => {
    await expect(chinookTracks.derive(new Map([[chinookTracks.inputs[0], Buffer.from("not a database")]]))).rejects.toThrow(/database|file/i);
  });
});
