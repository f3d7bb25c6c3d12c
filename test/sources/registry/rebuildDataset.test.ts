/**
 * `datasets fetch` of a derived dataset against a local HTTP server serving hand-made
 * upstream files: download, verification of both ends, derivation, atomic write, and the
 * one-line failures (tampered byte, unreachable server, HTTP error, drifted derivation).
 */
import { createHash } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, type Server, type ServerResponse } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { UserError } from "../../../src/base/errors.js";
import { rebuildDataset } from "../../../src/sources/registry/rebuildDataset.js";
import { recipeFor } from "../../../src/sources/registry/recipes/registry.js";
import { fetchDataset, type DatasetEntry } from "../../../src/sources/registry/registry.js";

const sha256 = (b: Buffer | string) => createHash("sha256").update(b).digest("hex");
const meta = (path: string, b: Buffer) => ({ path, bytes: b.length, sha256: sha256(b) });

// Upstream fixtures in the layout of the Spotify recipe's inputs (padded columns, CRLF).
const HIGH = Buffer.from(
  "track_id, track_name, track_artist       , track_album_name, track_album_id, track_album_release_date, duration_ms, track_popularity, playlist_genre, playlist_subgenre, playlist_name, playlist_id, energy\r\n" +
    'id1     , One       , "Ann, Bob"          , LP1             , al1           , 2024-01-01              ,      200000,               90, pop           , dance            , Hits         , pl1        , 0.5\r\n',
);
const LOW = Buffer.from(
  "track_id, track_name, track_artist, track_album_name, track_album_id, track_album_release_date, duration_ms, track_popularity, playlist_genre, playlist_subgenre, playlist_name, playlist_id\r\n" +
    "id2     , Two       , Cid         , LP2             , al2           , 2023                    ,      180500,                3, rock          , indie            , Deep         , pl2\r\n",
);
/** What the recipe must make of them, written out by hand. */
const DERIVED = Buffer.from(
  "track_id,track_name,track_artist,track_album_name,track_album_id,track_album_release_date,duration_ms,track_popularity,playlist_genre,playlist_subgenre,playlist_name,playlist_id,source_file\r\n" +
    'id1,One,"Ann, Bob",LP1,al1,2024-01-01,200000,90,pop,dance,Hits,pl1,high\r\n' +
    "id2,Two,Cid,LP2,al2,2023,180500,3,rock,indie,Deep,pl2,low\r\n",
);

describe("rebuildDataset", () => {
  let server: Server;
  let base = "";
  const requests: string[] = [];
  const served = new Map<string, Buffer>();
  const answers = new Map<string, (res: ServerResponse) => void>();

  beforeAll(async () => {
    server = createServer((req, res) => {
      requests.push(req.url ?? "");
      const answer = answers.get(req.url ?? "");
      if (answer) return answer(res);
      const body = served.get(req.url ?? "");
      if (!body) return res.writeHead(404, "Not Found").end();
      res.writeHead(200).end(body);
    });
    await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
    base = `http://127.0.0.1:${(server.address() as { port: number }).port}/raw/`;
  });
  afterAll(() => new Promise<void>((ok) => server.close(() => ok())));
  afterEach(() => {
    answers.clear();
    served.clear();
    requests.length = 0;
  });

  /** The Spotify entry with its URL and checksums pointed at the fixtures. */
  function spotifyEntry(over: { url?: string; output?: Buffer } = {}): DatasetEntry {
    served.set("/raw/high_popularity_spotify_data.csv", HIGH);
    served.set("/raw/low_popularity_spotify_data.csv", LOW);
    const out = over.output ?? DERIVED;
    return {
      name: "spotify-popularity-2024",
      title: "test copy of the Spotify entry",
      description: "upstream files served by a local HTTP server",
      files: [{ path: "spotify_tracks_duration.csv", bytes: out.length, sha256: sha256(out) }],
      format: "csv",
      map: "title=track_id,duration=duration_ms:ms",
      rows: 2,
      licence: "test",
      upstream: {
        repo: "example/spotify",
        commit: "1".repeat(40),
        paths: { "spotify_tracks_duration.csv": ["high_popularity_spotify_data.csv", "low_popularity_spotify_data.csv"] },
        derived: true,
        recipe: "both files concatenated …",
        url: over.url ?? base,
        inputs: [meta("high_popularity_spotify_data.csv", HIGH), meta("low_popularity_spotify_data.csv", LOW)],
      },
    };
  }

  const newDataDir = (tag: string) => mkdtempSync(join(tmpdir(), `fprisk-rebuild-${tag}-`));
  const listDir = (d: string) => (existsSync(d) ? readdirSync(d) : []);
  const recipe = recipeFor("spotify-popularity-2024")!;

  async function rejection(p: Promise<unknown>): Promise<Error> {
    try {
      await p;
    } catch (e) {
      return e as Error;
    }
    throw new Error("expected a rejection");
  }

  it("downloads the upstream files, derives, verifies the output and writes it into place", async () => {
    const dataDir = newDataDir("ok");
    const r = await rebuildDataset(spotifyEntry(), recipe, { dataDir });
    expect(requests).toEqual(["/raw/high_popularity_spotify_data.csv", "/raw/low_popularity_spotify_data.csv"]);
    expect(readFileSync(join(dataDir, "spotify-popularity-2024", "spotify_tracks_duration.csv"))).toEqual(DERIVED);
    expect(listDir(join(dataDir, "spotify-popularity-2024"))).toEqual(["spotify_tracks_duration.csv"]); // no temp file left
    expect(r.files).toEqual([{ file: "spotify_tracks_duration.csv", status: "rebuilt", bytes: DERIVED.length, sha256: sha256(DERIVED) }]);
    expect(r.message).toMatch(/^spotify-popularity-2024: rebuilt 1 file into .* from 2 upstream files of example\/spotify@111111111111, sha256 verified on both ends$/);
    // a second run finds it verified and asks nothing
    requests.length = 0;
    const again = await rebuildDataset(spotifyEntry(), recipe, { dataDir });
    expect(again.files[0].status).toBe("present");
    expect(again.message).toMatch(/already present/);
    expect(requests).toEqual([]);
  });

  it("fetchDataset rebuilds a derived dataset that has a recipe", async () => {
    const dataDir = newDataDir("dispatch");
    const r = await fetchDataset(spotifyEntry(), { dataDir });
    expect(r.files[0].status).toBe("rebuilt");
    expect(readFileSync(join(dataDir, "spotify-popularity-2024", "spotify_tracks_duration.csv"))).toEqual(DERIVED);
  });

  it("a tampered upstream byte is refused before the derivation runs; nothing is written", async () => {
    const dataDir = newDataDir("tampered");
    const entry = spotifyEntry();
    const tampered = Buffer.from(LOW);
    tampered[tampered.length - 3] ^= 1;
    served.set("/raw/low_popularity_spotify_data.csv", tampered);
    const err = await rejection(rebuildDataset(entry, recipe, { dataDir }));
    expect(err).toBeInstanceOf(UserError);
    expect(err.message).toMatch(/^spotify-popularity-2024: upstream low_popularity_spotify_data\.csv: checksum mismatch for http:\/\/127\.0\.0\.1:\d+\/raw\/low_popularity_spotify_data\.csv: expected \d+ bytes sha256 [0-9a-f]{64}, got \d+ bytes sha256 [0-9a-f]{64}; nothing was written$/);
    expect(existsSync(join(dataDir, "spotify-popularity-2024")), "no folder left behind").toBe(false);
  });

  it("a derivation that no longer reproduces the registered bytes writes nothing", async () => {
    const dataDir = newDataDir("drift");
    const registered = Buffer.from(DERIVED.toString("utf8").replace("180500", "180501"));
    const err = await rejection(rebuildDataset(spotifyEntry({ output: registered }), recipe, { dataDir }));
    expect(err).toBeInstanceOf(UserError);
    expect(err.message).toMatch(
      new RegExp(`^spotify-popularity-2024/spotify_tracks_duration\\.csv: the rebuilt file does not match the registry: expected ${registered.length} bytes sha256 ${sha256(registered)}, got ${DERIVED.length} bytes sha256 ${sha256(DERIVED)} .*nothing was written$`),
    );
    expect(existsSync(join(dataDir, "spotify-popularity-2024"))).toBe(false);
  });

  it("an upstream the recipe cannot read is one line naming the recipe's reason", async () => {
    const dataDir = newDataDir("unreadable");
    const entry = spotifyEntry();
    const broken = Buffer.from("track_id,track_name\r\nid1,x\r\n");
    served.set("/raw/high_popularity_spotify_data.csv", broken);
    const inputs = [meta("high_popularity_spotify_data.csv", broken), entry.upstream.inputs![1]];
    const err = await rejection(rebuildDataset({ ...entry, upstream: { ...entry.upstream, inputs } }, recipe, { dataDir }));
    expect(err).toBeInstanceOf(UserError);
    expect(err.message).toBe(
      "spotify-popularity-2024: the recipe could not derive spotify_tracks_duration.csv from the verified upstream files (high_popularity_spotify_data.csv has no column track_artist); nothing was written",
    );
  });

  it("an unreachable server: one line naming the host and the file it could not get; nothing is left", async () => {
    const closed = createServer();
    await new Promise<void>((ok) => closed.listen(0, "127.0.0.1", ok));
    const port = (closed.address() as { port: number }).port;
    await new Promise<void>((ok) => closed.close(() => ok()));
    const dataDir = newDataDir("offline");
    const err = await rejection(rebuildDataset(spotifyEntry({ url: `http://127.0.0.1:${port}/` }), recipe, { dataDir }));
    expect(err).toBeInstanceOf(UserError);
    expect(err.message).toMatch(
      new RegExp(`^could not reach 127\\.0\\.0\\.1:${port}: offline\\? \\(ECONNREFUSED\\)\\. Could not get spotify-popularity-2024: upstream high_popularity_spotify_data\\.csv: fetching it needs network access`),
    );
    expect(err.message).not.toContain("\n");
    expect(existsSync(join(dataDir, "spotify-popularity-2024"))).toBe(false);
  });

  it("an HTTP error on the second upstream file leaves nothing, though the first was fetched", async () => {
    const dataDir = newDataDir("404");
    const entry = spotifyEntry();
    answers.set("/raw/low_popularity_spotify_data.csv", (res) => res.writeHead(404, "Not Found").end());
    const err = await rejection(rebuildDataset(entry, recipe, { dataDir }));
    expect(err.message).toMatch(/^could not fetch spotify-popularity-2024: upstream low_popularity_spotify_data\.csv: .* answered HTTP 404 Not Found; nothing was written$/);
    expect(requests).toHaveLength(2);
    expect(existsSync(join(dataDir, "spotify-popularity-2024"))).toBe(false);
  });

  it("an existing folder keeps its other files and gets no temp files when the rebuild fails", async () => {
    const dataDir = newDataDir("keep");
    const dir = join(dataDir, "spotify-popularity-2024");
    mkdirSync(dir);
    writeFileSync(join(dir, "notes.txt"), "mine");
    writeFileSync(join(dir, "spotify_tracks_duration.csv"), "stale");
    const entry = spotifyEntry();
    served.set("/raw/low_popularity_spotify_data.csv", Buffer.from("short"));
    await expect(rebuildDataset(entry, recipe, { dataDir })).rejects.toThrow(/checksum mismatch/);
    expect(listDir(dir).sort()).toEqual(["notes.txt", "spotify_tracks_duration.csv"]);
    expect(readFileSync(join(dir, "spotify_tracks_duration.csv"), "utf8")).toBe("stale");
    // and a good rebuild replaces the stale file
    served.set("/raw/low_popularity_spotify_data.csv", LOW);
    await rebuildDataset(entry, recipe, { dataDir });
    expect(readFileSync(join(dir, "spotify_tracks_duration.csv"))).toEqual(DERIVED);
  });

  it("a read-only data folder is refused before anything is downloaded", async () => {
    const ro = newDataDir("ro");
    chmodSync(ro, 0o555);
    try {
      const err = await rejection(rebuildDataset(spotifyEntry(), recipe, { dataDir: ro }));
      expect(err.message).toMatch(/will not write into .*read-only data folder/);
      expect(requests).toEqual([]);
    } finally {
      chmodSync(ro, 0o755);
    }
  });

  it("files that are copies of an upstream input are written byte for byte beside the derived one", async () => {
    const jellyfin = recipeFor("jellyfin-ffprobe-fixtures")!;
    const fixtures = jellyfin.inputs.map((p, i) => [p, Buffer.from(JSON.stringify({ streams: [], format: { format_name: `f${i}` } }))] as const);
    for (const [p, b] of fixtures) served.set("/raw/" + p.split("/").map(encodeURIComponent).join("/"), b);
    const names = fixtures.map(([p]) => p.split("/").pop()!);
    const csv = Buffer.from(
      "fixture,title,format_name,duration_s,size_bytes,format_bit_rate,video_codec,width,height,video_bit_rate,avg_frame_rate,audio_codec,audio_bit_rate,n_streams\r\n" +
        names.map((n, i) => `${n},,f${i},,,,,,,,,,,0\r\n`).join(""),
    );
    const entry: DatasetEntry = {
      name: "jellyfin-ffprobe-fixtures",
      title: "test copy of the Jellyfin entry",
      description: "fixtures served by a local HTTP server",
      files: [...fixtures.map(([p, b]) => ({ ...meta(p.split("/").pop()!, b), role: "aux" as const })), meta("ffprobe_summary.csv", csv)],
      format: "csv",
      map: "title=fixture,duration=duration_s:s",
      rows: 15,
      licence: "test",
      upstream: {
        repo: "example/jellyfin",
        commit: "2".repeat(40),
        paths: Object.fromEntries(fixtures.map(([p]) => [p.split("/").pop()!, p])),
        derived: true,
        url: base,
        inputs: fixtures.map(([p, b]) => meta(p, b)),
      },
    };
    const dataDir = newDataDir("copies");
    const r = await rebuildDataset(entry, jellyfin, { dataDir });
    expect(requests[0]).toBe("/raw/tests/Jellyfin.MediaEncoding.Tests/Test%20Data/Probing/music_metadata.json");
    expect(r.files.every((f) => f.status === "rebuilt")).toBe(true);
    expect(listDir(join(dataDir, "jellyfin-ffprobe-fixtures")).sort()).toEqual([...names, "ffprobe_summary.csv"].sort());
    for (const [p, b] of fixtures) expect(readFileSync(join(dataDir, "jellyfin-ffprobe-fixtures", p.split("/").pop()!))).toEqual(b);
    expect(readFileSync(join(dataDir, "jellyfin-ffprobe-fixtures", "ffprobe_summary.csv"))).toEqual(csv);
  });
});
