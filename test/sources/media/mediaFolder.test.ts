import { spawnSync } from "node:child_process";
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, unlinkSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { UserError } from "../../../src/base/errors.js";
import { makeRedactor } from "../../../src/base/redact.js";
import { loadCatalog } from "../../../src/sources/loadCatalog.js";
import { loadMediaFolder, type ScanEvent } from "../../../src/sources/media/mediaFolder.js";
import { ProbeCache } from "../../../src/sources/media/probeCache.js";
import { bundledFfprobePath, resolveFfprobe } from "../../../src/sources/media/probeRunner.js";
import { walkFiles } from "../../../src/sources/media/walk.js";
import { dataDir, repoRoot } from "../../helpers.js";
import { RUNUSER } from "../../cliHelpers.js";

// Made by scripts/make-media-fixtures.sh; the expectations below follow from its parameters.
const fixtures = join(repoRoot, "test", "fixtures", "media");
const fx = (name: string) => join(fixtures, name);

function tmp(): string {
  return mkdtempSync(join(tmpdir(), "fprisk-media-"));
}

/** Every file under a folder, as relative paths (to show nothing was written there). */
function listing(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" }).sort();
}

/** Run `task` with PATH holding no ffprobe and FPRISK_FFPROBE unset. */
async function withoutSystemFfprobe<T>(task: () => Promise<T>): Promise<T> {
  const saved = { path: process.env.PATH, env: process.env.FPRISK_FFPROBE };
  try {
    process.env.PATH = tmp(); // an empty folder
    delete process.env.FPRISK_FFPROBE;
    return await task();
  } finally {
    process.env.PATH = saved.path;
    if (saved.env !== undefined) process.env.FPRISK_FFPROBE = saved.env;
  }
}

/**
 * An ffprobe that records the files it is asked to probe and passes everything to the
 * real one; with `version`, it claims to be that version.
 */
async function loggingFfprobe(version?: string): Promise<{ path: string; probes: () => string[] }> {
  const real = (await resolveFfprobe()).path;
  const dir = tmp();
  const log = join(dir, "probes.log");
  const path = join(dir, "ffprobe");
  const claim = version ? `case "$*" in *-version*) echo '${version}'; exit 0;; esac\n` : "";
  // the last argument of a probe is file:<absolute path>
  writeFileSync(path, `#!/bin/sh\n${claim}for a; do last=$a; done\ncase "$last" in file:*) echo "\${last#file:}" >> '${log}';; esac\nexec '${real}' "$@"\n`, { mode: 0o755 });
  return { path, probes: () => (existsSync(log) ? readFileSync(log, "utf8").split("\n").filter(Boolean).sort() : []) };
}

function item(c: Awaited<ReturnType<typeof loadCatalog>>, file: string) {
  const i = c.origin!.files.findIndex((f) => f.endsWith(file));
  expect(i, `${file} is an item`).toBeGreaterThanOrEqual(0);
  const num = Object.fromEntries(Object.entries(c.numeric).map(([k, v]) => [k, v![i]]));
  return { title: c.titleNames[c.titleCodes[i]], codec: c.text.codec![i], container: c.text.container![i], ...num } as Record<string, number> & {
    title: string;
    codec: string;
    container: string;
  };
}

describe("folder walk", () => {
  it("a scan through links gives one item per file", async () => {
    const dir = tmp();
    mkdirSync(join(dir, "real"));
    copyFileSync(fx("test-pattern-40k.mp4"), join(dir, "real", "a.mp4"));
    copyFileSync(fx("web clip.webm"), join(dir, "real", "b.webm"));
    symlinkSync(join(dir, "real"), join(dir, "linked"));
    symlinkSync(join(dir, "real", "a.mp4"), join(dir, "a-link.mp4"));
    const c = await loadMediaFolder(dir, { probeCacheDir: false });
    expect(c.rows).toBe(2);
    expect(c.origin!.files).toEqual([join(dir, "a-link.mp4"), join(dir, "linked", "b.webm")]); // first path in sorted order
    expect(c.notes).toContain("2 files or folders reached again through links were counted once");
  });
});

describe("media folder scan (real ffprobe on the committed fixtures)", () => {
  it("one item per playable file, with the values the generator asked for", async () => {
    const cacheDir = tmp();
    const before = listing(fixtures);
    const events: ScanEvent[] = [];
    const c = await loadCatalog(fixtures, { probeCacheDir: cacheDir, onFile: (e) => events.push(e) });
    expect(listing(fixtures)).toEqual(before); // nothing written next to the media
    expect(c.rows).toBe(8);
    expect(c.titleNames.length).toBe(7); // "Test Pattern" at two bitrates is one title
    const low = item(c, "test-pattern-40k.mp4");
    const high = item(c, "test-pattern-120k.mp4");
    expect([low.title, low.duration_ms, low.width, low.height, low.fps, low.codec]).toEqual(["Test Pattern", 2000, 320, 180, 10, "h264"]);
    expect([high.title, high.duration_ms, high.width, high.height]).toEqual(["Test Pattern", 2000, 320, 180]);
    expect(high.bitrate_kbps).toBeGreaterThan(2 * low.bitrate_kbps); // 120 vs 40 kbps targets
    const scope = item(c, "Scope Feature (2019).mp4");
    expect([scope.title, scope.width, scope.height, scope.duration_ms, scope.fps]).toEqual(["Scope Feature (2019)", 1920, 800, 1000, 5]);
    const mkv = item(c, "matroska-sample.mkv");
    expect([mkv.title, mkv.width, mkv.height, mkv.fps, mkv.container]).toEqual(["Matroska Sample", 256, 144, 12, "matroska,webm"]);
    expect(Number.isNaN(mkv.video_bitrate_kbps)).toBe(true); // Matroska streams carry no bit_rate
    const webm = item(c, "web clip.webm");
    expect([webm.title, webm.width, webm.height, webm.codec]).toEqual(["web clip", 240, 136, "vp8"]); // no tag: file-name stem
    const trailer = item(c, "extras/trailer.dat");
    expect([trailer.title, trailer.width, trailer.height, trailer.duration_ms]).toEqual(["trailer", 160, 90, 1000]);
    const mp3 = item(c, "music/01 sine song.mp3");
    expect([mp3.title, mp3.codec, mp3.container]).toEqual(["Sine Song", "mp3", "mp3"]);
    const flac = item(c, "music/02 low hum.flac");
    expect([flac.title, flac.codec, flac.duration_ms]).toEqual(["Low Hum", "flac", 1000]);
    expect(Number.isNaN(flac.width)).toBe(true); // its PNG cover is an attached picture, not video
    for (const f of ["test-pattern-40k.mp4", "matroska-sample.mkv", "music/01 sine song.mp3", "extras/trailer.dat"]) {
      const it = item(c, f);
      expect(it.size_bytes).toBe(statSync(fx(f)).size);
      // ffprobe's format bit_rate is 8 · size / duration in bit/s, truncated to an integer
      expect(Math.abs(it.bitrate_kbps - (8 * it.size_bytes) / it.duration_ms)).toBeLessThan(0.001);
    }
    expect(c.rejected).toEqual({ "ffprobe failed": 1 });
    const skipped = events.filter((e) => e.outcome === "skipped");
    expect(skipped).toEqual([{ file: fx("broken-download.mp4"), outcome: "skipped", reason: "ffprobe failed", detail: "ffprobe: moov atom not found" }]);
    const ignored = events.filter((e) => e.outcome === "ignored").map((e) => [e.file.slice(fixtures.length + 1), e.reason]);
    expect(ignored).toEqual([
      ["extras/cover.png", "image"],
      ["not-a-movie.mkv", "text"],
      ["test-pattern.nfo", "text"],
    ]);
    expect(c.notes.find((n) => n.startsWith("ran "))).toMatch(/^ran (system|bundled) ffprobe \S*ffprobe \(ffprobe version [^)]+\) on 9 files$/);
    expect(c.notes).toContain("ignored 3 files that are not media: 1 image, 2 text files");
    expect(c.notes).toContain("skipped broken-download.mp4: ffprobe: moov atom not found");
  });

  it("--jobs does not change the catalog", async () => {
    const dir = tmp();
    for (const f of ["test-pattern-40k.mp4", "web clip.webm", "music/01 sine song.mp3", "broken-download.mp4", "test-pattern.nfo"]) copyFileSync(fx(f), join(dir, f.replace("/", "-")));
    const a = await loadMediaFolder(dir, { probeCacheDir: false, jobs: 1 });
    const progress: [number, number][] = [];
    const b = await loadMediaFolder(dir, { probeCacheDir: false, jobs: 3, onProgress: (d, t) => progress.push([d, t]) });
    expect(a.rows).toBe(3);
    expect(b.origin).toEqual(a.origin);
    expect(b.numeric).toEqual(a.numeric);
    expect(b.titleNames).toEqual(a.titleNames);
    expect(progress[progress.length - 1]).toEqual([4, 4]); // 4 media files probed, one of them corrupt
    expect(progress.map(([d]) => d)).toEqual([...progress.map(([d]) => d)].sort((x, y) => x - y));
  });

  it("the probe cache: a warm scan probes nothing; a touched file is probed again", async () => {
    const dir = tmp();
    const cacheDir = join(tmp(), "probes");
    for (const f of ["test-pattern-40k.mp4", "broken-download.mp4"]) copyFileSync(fx(f), join(dir, f));
    const cold = await loadMediaFolder(dir, { probeCacheDir: cacheDir });
    expect(listing(cacheDir).filter((f) => f.endsWith(".json"))).toHaveLength(2); // the failure is cached too
    const spy = await loggingFfprobe();
    const { version } = await resolveFfprobe(spy.path);
    const warm = await loadMediaFolder(dir, { probeCacheDir: cacheDir, ffprobePath: spy.path });
    expect(warm.numeric).toEqual(cold.numeric);
    expect(warm.rejected).toEqual({ "ffprobe failed": 1 });
    expect(warm.notes.find((n) => n.includes("from the cache"))).toBe(`2 probes read from the cache ${cacheDir}, made by the ffprobe in use: ffprobe from --ffprobe ${spy.path} (${version})`);
    expect(spy.probes()).toEqual([]); // only `-version`, to check the entries' version
    utimesSync(join(dir, "test-pattern-40k.mp4"), new Date(2001, 0, 1), new Date(2001, 0, 1));
    const touched = await loadMediaFolder(dir, { probeCacheDir: cacheDir, ffprobePath: spy.path });
    expect(spy.probes()).toEqual([join(dir, "test-pattern-40k.mp4")]);
    expect(touched.numeric).toEqual(cold.numeric);
  });

  it("a tampered cache entry (edited, or a FIFO) is not trusted: probed again, with a note", async () => {
    const dir = tmp();
    const cacheDir = join(tmp(), "probes");
    for (const f of ["test-pattern-40k.mp4", "web clip.webm"]) copyFileSync(fx(f), join(dir, f));
    const cold = await loadMediaFolder(dir, { probeCacheDir: cacheDir });
    const cache = new ProbeCache(cacheDir);
    const key = async (name: string) => {
      const w = (await walkFiles(dir)).files.find((f) => f.path.endsWith(name))!;
      return { path: w.realPath, size: w.size, mtimeNs: w.mtimeNs };
    };
    // Edit the duration the cache claims for the MP4 (2 s → 9 s), leaving the checksum as it was.
    const mp4Entry = cache.fileFor(await key("test-pattern-40k.mp4"));
    const text = readFileSync(mp4Entry, "utf8");
    expect(text).toContain('"duration":"2.000000"');
    writeFileSync(mp4Entry, text.replace('"duration":"2.000000"', '"duration":"9.000000"'));
    // Replace the WebM's entry by a FIFO: reading it would block forever.
    const webmEntry = cache.fileFor(await key("web clip.webm"));
    unlinkSync(webmEntry);
    expect(spawnSync("mkfifo", [webmEntry]).status).toBe(0);
    const spy = await loggingFfprobe();
    const again = await loadMediaFolder(dir, { probeCacheDir: cacheDir, ffprobePath: spy.path });
    expect(again.numeric).toEqual(cold.numeric); // 2000 ms, not 9000
    expect(spy.probes()).toEqual([join(dir, "test-pattern-40k.mp4"), join(dir, "web clip.webm")]);
    expect(again.notes).toContain("2 probe-cache entries failed the checksum (edited or damaged) and were probed again");
    // re-probing rewrote both entries: the next scan reads them
    const spy2 = await loggingFfprobe();
    await loadMediaFolder(dir, { probeCacheDir: cacheDir, ffprobePath: spy2.path });
    expect(spy2.probes()).toEqual([]);
  });

  it("a stale cache entry (made by another ffprobe version) is probed again, with a note", async () => {
    const dir = tmp();
    const cacheDir = join(tmp(), "probes");
    copyFileSync(fx("test-pattern-40k.mp4"), join(dir, "a.mp4"));
    const cold = await loadMediaFolder(dir, { probeCacheDir: cacheDir });
    const before = cold.notes.find((n) => n.startsWith("ran "))!.match(/\((ffprobe version [^,)]+)/)![1];
    const newer = await loggingFfprobe("ffprobe version 99.0-test");
    const again = await loadMediaFolder(dir, { probeCacheDir: cacheDir, ffprobePath: newer.path });
    expect(newer.probes()).toEqual([join(dir, "a.mp4")]);
    expect(again.numeric).toEqual(cold.numeric);
    expect(again.notes).toContain(`1 probe-cache entry made by ${before} was probed again with ffprobe version 99.0-test`);
  });

  it("defaults to $XDG_CACHE_HOME/fprisk/probes, or FPRISK_PROBE_CACHE", async () => {
    const dir = tmp();
    copyFileSync(fx("music/01 sine song.mp3"), join(dir, "song.mp3"));
    const saved = { xdg: process.env.XDG_CACHE_HOME, env: process.env.FPRISK_PROBE_CACHE };
    try {
      const xdg = tmp();
      process.env.XDG_CACHE_HOME = xdg;
      delete process.env.FPRISK_PROBE_CACHE;
      await loadMediaFolder(dir);
      expect(listing(join(xdg, "fprisk", "probes")).filter((f) => f.endsWith(".json"))).toHaveLength(1);
      const explicit = tmp();
      process.env.FPRISK_PROBE_CACHE = explicit;
      await loadMediaFolder(dir);
      expect(listing(explicit).filter((f) => f.endsWith(".json"))).toHaveLength(1);
    } finally {
      for (const [k, v] of [["XDG_CACHE_HOME", saved.xdg], ["FPRISK_PROBE_CACHE", saved.env]] as const) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
  });

  it("no ffprobe on PATH: the npm-bundled ffprobe runs, and the notes say so", async () => {
    const dir = tmp();
    copyFileSync(fx("test-pattern-40k.mp4"), join(dir, "a.mp4"));
    const c = await withoutSystemFfprobe(() => loadMediaFolder(dir, { probeCacheDir: false }));
    expect(c.rows).toBe(1);
    expect(item(c, "a.mp4").duration_ms).toBe(2000);
    const bundled = bundledFfprobePath()!;
    expect(bundled).toMatch(/node_modules\/@ffprobe-installer\/[a-z0-9]+-[a-z0-9]+\/ffprobe(\.exe)?$/);
    const ran = c.notes.find((n) => n.startsWith("ran "));
    expect(ran?.startsWith(`ran bundled ffprobe ${bundled} (ffprobe version `), ran).toBe(true);
    expect(ran).toMatch(/ \(ffprobe version \S+, from npm @ffprobe-installer\/ffprobe\) on 1 file$/);
  });

  it("no ffprobe on PATH and none bundled: a UserError that says how to fix it", async () => {
    const err = await withoutSystemFfprobe(() => resolveFfprobe(undefined, () => undefined)).catch((e) => e);
    expect(err).toBeInstanceOf(UserError);
    expect(err.message).toMatch(/no ffprobe was found on PATH, and npm installed no bundled ffprobe for \S+ \(@ffprobe-installer\/ffprobe\); install ffmpeg .* or pass --ffprobe PATH \/ set FPRISK_FFPROBE/);
  });

  it("a bundled ffprobe this user cannot execute: the error gives the chmod", async () => {
    const copy = join(tmp(), "ffprobe");
    copyFileSync(fx("test-pattern.nfo"), copy); // any file: it is never run
    chmodSync(copy, 0o644);
    const err = await withoutSystemFfprobe(() => resolveFfprobe(undefined, () => copy)).catch((e) => e);
    expect(err).toBeInstanceOf(UserError);
    expect(err.message).toContain(`the bundled ${copy} is not executable by this user (\`chmod a+x ${copy}\` fixes it)`);
  });

  it("FPRISK_FFPROBE names the binary; one that is not ffprobe is refused", async () => {
    const dir = tmp();
    copyFileSync(fx("test-pattern-40k.mp4"), join(dir, "a.mp4"));
    const fake = join(tmp(), "fake-ffprobe");
    writeFileSync(fake, "#!/bin/sh\necho 'hello'\n", { mode: 0o755 });
    await expect(loadMediaFolder(dir, { probeCacheDir: false, ffprobePath: fake })).rejects.toThrow(/does not run as ffprobe .*printed "hello"/);
  });

  it("a folder without media: exit-2 message listing what was looked at", async () => {
    const dir = tmp();
    writeFileSync(join(dir, "readme.txt"), "hello\n");
    writeFileSync(join(dir, "movie.nfo"), "<movie/>\n");
    writeFileSync(join(dir, "fake.mkv"), "not matroska\n");
    await expect(loadCatalog(dir, { probeCacheDir: false })).rejects.toThrow(
      `no media files in ${dir} (looked at 3 files: 3 text files; extensions 1 .mkv, 1 .nfo, 1 .txt)`,
    );
    const empty = tmp();
    await expect(loadCatalog(empty, { probeCacheDir: false })).rejects.toThrow(`no media files in ${empty} (the folder holds no files)`);
  });

  it("only corrupt media: nothing could be loaded, with ffprobe's reason", async () => {
    const dir = tmp();
    copyFileSync(fx("broken-download.mp4"), join(dir, "x.mp4"));
    await expect(loadCatalog(dir, { probeCacheDir: false })).rejects.toThrow(
      `${dir}: nothing could be loaded: 1 file skipped (1 ffprobe failed) (first: ${join(dir, "x.mp4")}: ffprobe: moov atom not found)`,
    );
  });
});

describe("a scan under a redactor", () => {
  it("names files and the folder only by hash in events, notes and errors; ffprobe's detail included", async () => {
    const dir = join(tmp(), "Private Shelf");
    mkdirSync(dir);
    copyFileSync(fx("test-pattern-40k.mp4"), join(dir, "Kept Film.mp4"));
    copyFileSync(fx("broken-download.mp4"), join(dir, "Broken Film.mp4"));
    writeFileSync(join(dir, "Cut Song.flac"), "fLaC" + "x".repeat(40)); // ffprobe: "file:<path>: Invalid data…"
    writeFileSync(join(dir, "Film Notes.nfo"), "plot\n");
    const redactor = makeRedactor("pepper");
    const events: ScanEvent[] = [];
    const c = await loadMediaFolder(dir, { probeCacheDir: false, redactor, onFile: (e) => events.push(e) });
    const said = JSON.stringify([events, c.notes]);
    for (const secret of ["Private Shelf", "Kept Film", "Broken Film", "Cut Song", "Film Notes"]) expect(said).not.toContain(secret);
    // ignored files are reported while classifying, skipped ones after probing
    expect(events).toEqual([
      { file: redactor.path(join(dir, "Film Notes.nfo")), outcome: "ignored", reason: "text", detail: "not media (text)" },
      { file: redactor.path(join(dir, "Broken Film.mp4")), outcome: "skipped", reason: "ffprobe failed", detail: "ffprobe: moov atom not found" },
      { file: redactor.path(join(dir, "Cut Song.flac")), outcome: "skipped", reason: "ffprobe failed", detail: `ffprobe: ${redactor.path(join(dir, "Cut Song.flac"))}: Invalid data found when processing input` },
    ]);
    expect(c.notes).toContain(`skipped ${redactor.path(join(dir, "Broken Film.mp4"))}: ffprobe: moov atom not found`);
    // the items themselves keep their paths: the report hashes them with the same redactor
    expect(c.origin!.files).toEqual([join(dir, "Kept Film.mp4")]);
    rmSync(join(dir, "Kept Film.mp4"));
    const err = await loadMediaFolder(dir, { probeCacheDir: false, redactor }).catch((e) => e);
    expect(err).toBeInstanceOf(UserError);
    expect(err.message).toMatch(new RegExp(`^${redactor.path(dir)}: nothing could be loaded: 2 files skipped`));
    for (const secret of ["Private Shelf", "Broken Film", "Cut Song"]) expect(err.message).not.toContain(secret);
  });
});

// ---- the real binary ----

const bin = join(repoRoot, "bin", "fprisk.js");

/** One cache for the CLI tests: the first scan fills it, later ones run warm. */
const cliCache = tmp();

function fprisk(args: string[], env: Record<string, string> = {}, asUser?: string) {
  const argv = asUser ? ["-u", asUser, "--", process.execPath, bin, ...args] : [bin, ...args];
  const r = spawnSync(asUser ? RUNUSER : process.execPath, argv, {
    encoding: "utf8",
    env: { ...process.env, FPRISK_DATA_DIR: dataDir, XDG_CACHE_HOME: cliCache, ...env },
    cwd: repoRoot,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function expectUserError(r: ReturnType<typeof fprisk>, pattern: RegExp) {
  expect(r.code, r.stderr).toBe(2);
  expect(r.stderr).toMatch(pattern);
  expect(r.stderr).not.toMatch(/\n\s+at /);
  expect(r.stderr.trim().split("\n")).toHaveLength(1);
}

describe("fprisk inspect / evaluate <folder>", () => {
  it("inspect shows the ffprobe used, the skipped and the ignored files", () => {
    const r = fprisk(["inspect", "test/fixtures/media"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^rows\s+8$/m);
    expect(r.stdout).toMatch(/^note\s+ran (system|bundled) ffprobe \S*ffprobe \(ffprobe version .*\) on 9 files$/m);
    expect(r.stdout).toMatch(/^rejected 1 ffprobe failed$/m);
    expect(r.stderr).toBe(
      [
        "fprisk: skipped 1 file: 1 ffprobe failed",
        "fprisk:   test/fixtures/media/broken-download.mp4: ffprobe: moov atom not found",
        "fprisk: ignored 3 files that are not media (1 image, 2 text)",
        "",
      ].join("\n"),
    );
  });

  it("inspect --items names each item's file", () => {
    const r = fprisk(["inspect", "test/fixtures/media", "--items", "--format", "json"]);
    expect(r.code, r.stderr).toBe(0);
    const { items } = JSON.parse(r.stdout);
    expect(items.map((x: { source: string }) => x.source)).toContain("test/fixtures/media/extras/trailer.dat");
    expect(items.find((x: { title: string }) => x.title === "Scope Feature (2019)")).toMatchObject({ width: 1920, height: 800, duration_ms: 1000 });
  });

  it("evaluate on a folder: the metrics of a hand-worked partition", () => {
    // duration=round(1s), bitrate=round(100kbps), resolution=class over the 8 items:
    //   Scope (1 s, 0, 1080p) | trailer (1 s, 0, SD) | MKV 1546 ms→2 s, 83→100, SD
    //   TP-120k (2 s, 130→100, SD) | TP-40k (2 s, 54→100, SD)  → one class with the MKV
    //   MP3 (2 s, 33→0, none) | FLAC (1 s, 98→100, none) | web clip (1 s, 104→100, SD)
    // Classes: 5 singletons + {MKV, TP-120k, TP-40k} holding 2 titles.
    const r = fprisk(["evaluate", "test/fixtures/media", "--scheme", "duration=round(1s),bitrate=round(100kbps),resolution=class", "--format", "json", "--jobs", "2"]);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.catalog).toEqual({ source: "test/fixtures/media", rows: 8, titles: 7 });
    const m = out.results[0].metrics;
    expect(m.classes).toBe(6);
    expect(m.unique_fraction).toBe(5 / 8);
    expect(m.title_unique_fraction).toBe(5 / 8);
    expect(m.kappa).toBeCloseTo((5 + 1 / 3 + 2 / 3 + 2 / 3) / 8, 12);
  });

  it("a saved ffprobe output loads as a one-item catalog", () => {
    const r = fprisk(["inspect", join(dataDir, "jellyfin-ffprobe-fixtures", "video_ts.json"), "--items", "--format", "csv"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.split("\n")[1]).toMatch(/^video_ts,352181\.178,4066\.174,1920,1080,179003772,25,h264,mpegts,\S*video_ts\.json$/);
  });

  it("bad input exits 2 with one line: truncated JSON, no media, bad --jobs / --probe-cache", () => {
    const dir = tmp();
    const cut = join(dir, "cut.json");
    writeFileSync(cut, readFileSync(join(dataDir, "jellyfin-ffprobe-fixtures", "video_ts.json"), "utf8").slice(0, 300));
    expectUserError(fprisk(["inspect", cut]), /cut\.json:\d+: the JSON ends early \(truncated after 300 bytes\); expected a complete `ffprobe/);
    const text = tmp();
    writeFileSync(join(text, "notes.nfo"), "plot\n");
    expectUserError(fprisk(["inspect", text]), /^fprisk: no media files in .* \(looked at 1 file: 1 text file; extensions 1 \.nfo\)\n$/);
    expectUserError(fprisk(["inspect", "test/fixtures/media", "--jobs", "0"]), /--jobs must be a whole number ≥ 1, got 0/);
    expectUserError(fprisk(["inspect", "test/fixtures/media", "--probe-cache", ""]), /--probe-cache needs a folder/);
    expectUserError(fprisk(["inspect", "test/fixtures/media", "--no-probe-cache", "--ffprobe", "/nonexistent/ffprobe"]), /--ffprobe \/nonexistent\/ffprobe: no executable file there/);
  });

  it("--help documents the scan options with an example", () => {
    const r = fprisk(["inspect", "--help"]);
    expect(r.code).toBe(0);
    for (const opt of ["--probe-cache", "--jobs", "--ffprobe", "--no-probe-cache"]) expect(r.stdout).toContain(opt);
  });

  it("a permission-denied file is skipped and counted; the rest loads", () => {
    // chmod 000 does not stop root, so as root the scan runs as `nobody` (runuser).
    const root = process.getuid?.() === 0;
    const dir = tmp();
    chmodSync(dir, 0o755);
    copyFileSync(fx("test-pattern-40k.mp4"), join(dir, "ok.mp4"));
    copyFileSync(fx("web clip.webm"), join(dir, "secret.webm"));
    chmodSync(join(dir, "ok.mp4"), 0o644);
    chmodSync(join(dir, "secret.webm"), 0o000);
    // npm unpacks the bundled ffprobe owner-executable only: `nobody` gets its own copy
    const env: Record<string, string> = {};
    if (root && !spawnSync("sh", ["-c", "command -v ffprobe"]).stdout.length) {
      const own = tmp();
      chmodSync(own, 0o755);
      copyFileSync(bundledFfprobePath()!, join(own, "ffprobe"));
      chmodSync(join(own, "ffprobe"), 0o755);
      env.FPRISK_FFPROBE = join(own, "ffprobe");
    }
    const r = fprisk(["inspect", dir, "--format", "json", "--no-probe-cache"], env, root ? "nobody" : undefined);
    if (env.FPRISK_FFPROBE) rmSync(env.FPRISK_FFPROBE);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).catalog.rows).toBe(1);
    expect(JSON.parse(r.stdout).catalog.rejected).toEqual({ unreadable: 1 });
    expect(r.stderr).toContain(`fprisk: skipped 1 file: 1 unreadable\nfprisk:   ${join(dir, "secret.webm")}: permission denied\n`);
  });
});

describe("a single media file given as a catalog", () => {
  it("says to give its folder instead of calling it a binary file", async () => {
    await expect(loadCatalog(fx("extras/trailer.dat"))).rejects.toThrow(
      `${fx("extras/trailer.dat")}: is a media file (mp4/mov), not a catalog; to scan media files, give their folder (fprisk inspect <folder>)`,
    );
  });
});
