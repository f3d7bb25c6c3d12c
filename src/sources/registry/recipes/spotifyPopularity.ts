/**
 * spotify-popularity-2024: the track rows of the two Kaggle "Spotify Music Data"
 * files, high- then low-popularity, concatenated with a `source_file` column
 * (`high` / `low`), the listed columns selected in a fixed order, written as Python's
 * csv module writes it (pythonCsv.ts). The upstream files pad every field with spaces
 * to align columns (`0.592  , 157.969,`); as in the original derivation (Python csv
 * with skipinitialspace, then `strip()` on every header and value) the padding goes
 * and nothing else changes.
 *
 *   upstream:  …, "Lady Gaga, Bruno Mars"          ,              3, …
 *   output:    2plbrEY59IikOBgBGLjaoe,Die With A Smile,"Lady Gaga, Bruno Mars",…,high
 */
import { parse } from "csv-parse/sync";
import type { Recipe } from "./recipe.js";
import { pythonCsv } from "./pythonCsv.js";

const SOURCES = [
  { path: "high_popularity_spotify_data.csv", label: "high" },
  { path: "low_popularity_spotify_data.csv", label: "low" },
];
const OUTPUT = "spotify_tracks_duration.csv";

const COLUMNS = [
  "track_id",
  "track_name",
  "track_artist",
  "track_album_name",
  "track_album_id",
  "track_album_release_date",
  "duration_ms",
  "track_popularity",
  "playlist_genre",
  "playlist_subgenre",
  "playlist_name",
  "playlist_id",
];

/**
 * Python's `str.strip()`: removes leading and trailing characters that `str.isspace`
 * calls whitespace — JavaScript's `\s` without U+FEFF, plus U+001C–U+001F and U+0085.
 */
export function pythonStrip(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && isPySpace(s[a])) a++;
  while (b > a && isPySpace(s[b - 1])) b--;
  return s.slice(a, b);
}

function isPySpace(c: string): boolean {
  return c !== "\ufeff" && /[\s\u001c-\u001f\u0085]/.test(c);
}

export const spotifyPopularity: Recipe = {
  inputs: SOURCES.map((s) => s.path),
  outputs: [OUTPUT],
  async derive(inputs) {
    const rows: string[][] = [[...COLUMNS, "source_file"]];
    for (const source of SOURCES) {
      const records = parse(inputs.get(source.path)!, { ltrim: true, rtrim: true }) as string[][];
      const header = records[0].map(pythonStrip);
      const at = COLUMNS.map((c) => {
        const i = header.indexOf(c);
        if (i < 0) throw new Error(`${source.path} has no column ${c}`);
        return i;
      });
      for (const r of records.slice(1)) rows.push([...at.map((i) => pythonStrip(r[i])), source.label]);
    }
    return new Map([[OUTPUT, Buffer.from(pythonCsv(rows), "utf8")]]);
  },
};
