import { describe, expect, it } from "vitest";
import { pythonStrip, spotifyPopularity } from "../../../../src/sources/registry/recipes/spotifyPopularity.js";

// Hand-made upstream files in the Kaggle layout: padded, columns in a different order per file,
// audio-feature columns that the recipe drops, CRLF line ends.
const HIGH =
  "energy , track_id              , track_name        , track_artist            , track_album_name , track_album_id        , track_album_release_date, duration_ms, track_popularity, playlist_genre, playlist_subgenre, playlist_name   , playlist_id           , tempo  \r\n" +
  '0.592  , 2plbrEY59IikOBgBGLjaoe, Die With A Smile  , "Lady Gaga, Bruno Mars" , Die With A Smile , 10FLjwfpbxLmW8c25Xyc2N, 2024-08-16              ,      251668,              100, pop           , mainstream       , Today\'s Top Hits, 37i9dQZF1DXcBWIGoYBM5M, 157.969\r\n';
const LOW =
  "playlist_id, track_popularity, duration_ms, track_name, track_id, track_artist, track_album_name, track_album_id, track_album_release_date, playlist_genre, playlist_subgenre, playlist_name, key\r\n" +
  'pl1        ,               12,      100000, "A ""quoted"" song" , id1     , Someone     , LP              , al1           , 1999                    , rock          , classic          , Old            ,   6\r\n' +
  "pl1        ,               13,      200000, Plain     , id2     , Else        , LP              , al1           , 1999                    , rock          , classic          , Old            ,   1\r\n";

const HEADER = "track_id,track_name,track_artist,track_album_name,track_album_id,track_album_release_date,duration_ms,track_popularity,playlist_genre,playlist_subgenre,playlist_name,playlist_id,source_file";

describe("spotifyPopularity recipe", () => {
  it("concatenates high then low, selects the listed columns, strips the padding, adds source_file", async () => {
    const out = await spotifyPopularity.derive(
      new Map([
        ["high_popularity_spotify_data.csv", Buffer.from(HIGH)],
        ["low_popularity_spotify_data.csv", Buffer.from(LOW)],
      ]),
    );
    expect(out.get("spotify_tracks_duration.csv")!.toString("utf8")).toBe(
      `${HEADER}\r\n` +
        '2plbrEY59IikOBgBGLjaoe,Die With A Smile,"Lady Gaga, Bruno Mars",Die With A Smile,10FLjwfpbxLmW8c25Xyc2N,2024-08-16,251668,100,pop,mainstream,Today\'s Top Hits,37i9dQZF1DXcBWIGoYBM5M,high\r\n' +
        'id1,"A ""quoted"" song",Someone,LP,al1,1999,100000,12,rock,classic,Old,pl1,low\r\n' +
        "id2,Plain,Else,LP,al1,1999,200000,13,rock,classic,Old,pl1,low\r\n",
    );
  });

  it("an upstream file without a listed column is refused by name", async () => {
    const noDuration = LOW.replace("duration_ms", "length_ms");
    await expect(
      spotifyPopularity.derive(
        new Map([
          ["high_popularity_spotify_data.csv", Buffer.from(HIGH)],
          ["low_popularity_spotify_data.csv", Buffer.from(noDuration)],
        ]),
      ),
    ).rejects.toThrow("low_popularity_spotify_data.csv has no column duration_ms");
  });

  it("pythonStrip removes what Python's str.strip() removes, and keeps U+FEFF", () => {
    expect(pythonStrip("  a b \t\r\n")).toBe("a b");
    expect(pythonStrip("\u00a0x\u3000")).toBe("x");
    expect(pythonStrip("\u001fx\u0085")).toBe("x");
    expect(pythonStrip("\ufeffx ")).toBe("\ufeffx");
    expect(pythonStrip("")).toBe("");
  });
});
