/**
 * Seeded synthetic catalogs, the offline default source.
 *
 *   loadSynthetic("synthetic:video-library?titles=100000&seed=1")
 *   loadSynthetic("synthetic:video-library?rows=10000000&seed=7")   // exactly 10M rows
 *
 * `video-library` models a library of video *releases*: each title (a film or a TV
 * episode) has a canonical runtime and 1–6 releases (encodes) that differ in
 * resolution class, frame size (letterbox crops), frame rate, bitrate and a few
 * seconds of duration. Every constant below says where its figure comes from;
 * datasets/SYNTHETIC.md has the full table.
 *
 * Columns are filled directly into typed arrays: no per-row objects.
 */
import { makeCatalog, type Catalog } from "../../catalog/catalog.js";
import { UserError } from "../../base/errors.js";
import { Rng, cumulative, normalQuantile } from "../../base/random.js";
import { sharedFloat64, sharedInt32 } from "../../base/densify.js";
import type { ResolutionClassName } from "../../catalog/resolutionClass.js";

// ---------------------------------------------------------------------------
// Parameters of the model (see datasets/SYNTHETIC.md for sources)
// ---------------------------------------------------------------------------

/** Film frame rate 24000/1001 ("23.976"), as mastered for NTSC-derived video. */
export const FILM_FPS = 24000 / 1001;
/** NTSC video rate 30000/1001 ("29.97"). */
const NTSC_VIDEO_FPS = 30000 / 1001;
/** PAL speed-up plays 23.976 fps film frames at 25 fps: durations × 23.976/25 (≈ 0.959, 4.1 % shorter). */
export const PAL_SPEEDUP_RATIO = FILM_FPS / 25;

/** Share of titles that are TV episodes (own estimate; the brief wants mostly films). */
const EPISODE_SHARE = 0.25;

/**
 * Film runtime (minutes): a lognormal core plus a longer right tail, fitted by eye
 * to the quantiles of IMDb (ggplot2movies, non-short, 60–240 min: median 93, sd 19)
 * and TMDB 5000 (median 104, sd 21). Result: median ≈ 99, mean ≈ 103, sd ≈ 20,
 * skew ≈ 1.6, 99th percentile ≈ 176 min.
 */
const FILM_RUNTIME = {
  coreMedianMin: 97,
  coreSigma: 0.14,
  tailShare: 0.15,
  tailMedianMin: 97 * 1.3,
  tailSigma: 0.22,
  /** Redraw outside this range: feature-length films only. */
  minMin: 60,
  maxMin: 240,
} as const;

/**
 * TV episode runtime: a series has a slot — US half-hour (≈22 min of content) or
 * hour (≈44 min) — and a series mean near it; episodes vary around the series mean.
 * Slot lengths are the usual US broadcast figures; spreads are own estimates.
 */
const EPISODE_RUNTIME = {
  slotsMin: [22, 44],
  slotShares: [0.4, 0.6],
  seriesSigma: 0.08,
  episodeSigma: 0.05,
} as const;

/** Episodes per season and seasons per series (own estimates; common US/UK orders). */
const SEASON_EPISODES = [6, 8, 10, 13, 22] as const;
const SEASON_EPISODE_SHARES = [0.15, 0.25, 0.25, 0.15, 0.2];
const MAX_SEASONS = 6;

/** TV series frame rates: 23.976 (scripted, film-style), 29.97 (US video-shot), 25 (PAL-native). Own estimates. */
const SERIES_FPS = [FILM_FPS, NTSC_VIDEO_FPS, 25] as const;
const SERIES_FPS_SHARES = [0.7, 0.2, 0.1];

/** Release year: now minus an exponential age (mean 17 y; TMDB's median age at crawl was 12 y). Own estimate. */
const YEAR_NOW = 2024;
const MEAN_AGE_YEARS = 17;
const MIN_YEAR = 1920;
/** Before the 1953 widescreen switch films are Academy ratio (4:3-ish). */
const WIDESCREEN_FROM = 1953;

/**
 * Releases per title: geometric(p = 0.3) truncated to 1..6 → mean ≈ 2.53.
 * Own estimate (several encodes per title: web, Blu-ray encode, remux, DVD).
 */
export const RELEASES_MAX = 6;
export const RELEASES_P = 0.3;

/**
 * Resolution classes releases are drawn from — named as in the one class table
 * (catalog/resolutionClass.ts; 4K is 3840×2160) — and their share of releases (own
 * estimate for a present-day self-hosted library).
 */
export const SYNTHETIC_CLASSES: readonly ResolutionClassName[] = ["SD", "720p", "1080p", "4K"];
export const RESOLUTION_SHARES = [0.12, 0.18, 0.55, 0.15];

/**
 * Overall bitrate per class (kbps, lognormal median and log-sd per release).
 * Anchors: Apple HLS Authoring Spec (2016 table) 720p 3000/4500, 1080p 6000/7800 kb/s;
 * Netflix's pre-2015 fixed ladder topped at 5800 kbps for 1080p; Netflix UHD ≈ 16 Mbps
 * before per-title encoding (as reported by SamKnows). Downloaded/ripped releases run
 * higher than streaming rungs (Blu-ray encodes ~10 Mbps, remuxes 25–40 Mbps), so the
 * medians sit above the streaming figures: own estimate.
 */
export const BITRATE_MEDIAN_KBPS = [2000, 4500, 8000, 20000];
export const BITRATE_SIGMA = [0.5, 0.4, 0.5, 0.5];
/** Per-title complexity factor shared by its releases (Netflix per-title encoding: content sets the bitrate). Own estimate. */
export const TITLE_COMPLEXITY_SIGMA = 0.2;
/** Clamp to [median/4, median·6] so the lognormal tail stays physical. */
export const BITRATE_CLAMP = [0.25, 6] as const;

/** Title aspect ratio shares, in the order 16:9, 1.85:1, 2.39:1, 4:3 (films from 1953 on). Own estimate. */
const FILM_ASPECT_SHARES = [0.15, 0.35, 0.45, 0.05];
/** Share of releases of non-16:9 content whose black bars are cropped away (scene encodes crop; many web releases keep bars). Own estimate. */
const CROP_SHARE = 0.75;

/**
 * PAL speed-up: share of film-source releases carried at 25 fps (PAL DVDs and some
 * European HD broadcasts). Own estimate, giving ≈ 4 % of all releases.
 */
export const PAL_SHARE_BY_CLASS = [0.2, 0.03, 0.02, 0];
/** Film releases at true 24.000 fps (some Blu-ray/UHD masters). Own estimate. */
const TRUE_24_SHARE = 0.05;
/** SD releases stored as DVD video (720×480 NTSC / 720×576 PAL, anamorphic). Own estimate. */
const DVD_STORAGE_SHARE = 0.35;

/**
 * Release-to-release duration jitter around the canonical runtime (own estimates):
 * frame-level trims and end padding, a distributor/studio logo on some releases,
 * and rarely an alternate cut (extended/theatrical, films only).
 */
export const JITTER = {
  trimSdSeconds: 2,
  logoShare: 0.3,
  logoSeconds: [3, 25],
  altCutShare: 0.02,
  altCutMinutes: [2, 20],
  altCutLongerShare: 0.75,
} as const;

/** Frame sizes [width, height] per class; index by aspect: 16:9, 1.85, 2.39, 4:3. Two crop variants each (mod-16 vs mod-4 heights). */
const FULL_FRAME: readonly (readonly [number, number])[] = [
  [720, 404], // SD square-pixel 16:9 (letterboxed when uncropped)
  [1280, 720],
  [1920, 1080],
  [3840, 2160],
];
const CROPPED: readonly (readonly (readonly (readonly [number, number])[])[])[] = [
  // SD square-pixel encodes
  [[[720, 404], [704, 396]], [[720, 388], [720, 392]], [[720, 300], [720, 304]], [[640, 480], [720, 540]]],
  // 720p: 1280/1.85 ≈ 692, 1280/2.39 ≈ 536
  [[[1280, 720], [1280, 720]], [[1280, 692], [1280, 688]], [[1280, 536], [1280, 534]], [[960, 720], [984, 720]]],
  // 1080p: 1920/1.85 ≈ 1038, 1920/2.39 ≈ 803 → 800 or 804
  [[[1920, 1080], [1920, 1080]], [[1920, 1038], [1920, 1040]], [[1920, 800], [1920, 804]], [[1440, 1080], [1480, 1080]]],
  // 4K: 3840/1.85 ≈ 2076, 3840/2.39 ≈ 1607
  [[[3840, 2160], [3840, 2160]], [[3840, 2076], [3840, 2080]], [[3840, 1600], [3840, 1608]], [[2880, 2160], [2960, 2160]]],
];

/** Flat lookup tables, index `(cls * 4 + aspect) * 2 + variant`: the row loop reads them without nested-array hops or destructuring. */
const CROP_W = new Int32Array(32);
const CROP_H = new Int32Array(32);
for (let c = 0; c < 4; c++)
  for (let a = 0; a < 4; a++)
    for (let v = 0; v < 2; v++) {
      CROP_W[(c * 4 + a) * 2 + v] = CROPPED[c][a][v][0];
      CROP_H[(c * 4 + a) * 2 + v] = CROPPED[c][a][v][1];
    }
const FULL_W = Int32Array.from(FULL_FRAME, (f) => f[0]);
const FULL_H = Int32Array.from(FULL_FRAME, (f) => f[1]);

// Precomputed cumulative tables.
const RELEASES_CDF = cumulative(Array.from({ length: RELEASES_MAX }, (_, k) => RELEASES_P * (1 - RELEASES_P) ** k));
const CLASS_CDF = cumulative(RESOLUTION_SHARES);
const ASPECT_CDF = cumulative(FILM_ASPECT_SHARES);
const SLOT_CDF = cumulative(EPISODE_RUNTIME.slotShares);
const SEASON_CDF = cumulative(SEASON_EPISODE_SHARES);
const SERIES_FPS_CDF = cumulative(SERIES_FPS_SHARES);

/** Row flags in `VideoLibraryTruth.rowFlags`. */
export const FLAG_PAL = 1;
export const FLAG_ALT_CUT = 2;
const FLAG_CROPPED = 4;
const FLAG_DVD = 8;

// ---------------------------------------------------------------------------
// Generator
// ---------------------------------------------------------------------------

export interface VideoLibraryParams {
  /** Number of titles (default 20000). Exclusive with `rows`. */
  titles?: number;
  /** Generate titles until exactly this many rows (the last title's releases are cut short). */
  rows?: number;
  /** PRNG seed (default 1). */
  seed?: number;
}

/** The hidden variables behind each row, for tests and experiments that need ground truth. */
export interface VideoLibraryTruth {
  /** Per title: 0 film, 1 TV episode. */
  titleKind: Uint8Array;
  /** Per title: canonical runtime in ms (before jitter, frame rounding and speed-up). */
  titleRuntimeMs: Float64Array;
  titleYear: Int16Array;
  /** Per title: index into ASPECTS. */
  titleAspect: Uint8Array;
  /** Per row: index into SYNTHETIC_CLASSES. */
  rowClass: Uint8Array;
  /** Per row: FLAG_* bits. */
  rowFlags: Uint8Array;
  /** Per row: whole frames of the cut at its source rate (film frames for PAL releases). */
  rowFrames: Float64Array;
  /** Per row: the source frame rate the frames were counted at (24000/1001 for PAL speed-ups). */
  rowSourceFps: Float64Array;
}

const DEFAULT_TITLES = 20000;
const DEFAULT_SEED = 1;
/** Hard limits so a typo cannot ask for terabytes: ~44 bytes per row. */
const MAX_ROWS = 100_000_000;
const MAX_TITLES = 40_000_000;

export function generateVideoLibrary(params: VideoLibraryParams = {}): Catalog {
  return build(params, false).catalog;
}

export function generateVideoLibraryWithTruth(params: VideoLibraryParams = {}): { catalog: Catalog; truth: VideoLibraryTruth } {
  const out = build(params, true);
  return { catalog: out.catalog, truth: out.truth! };
}

/**
 * Writes title names as ASCII into a buffer and turns each into one flat string of
 * its own (`toString` on its bytes). Building 4M names one template string at a time
 * took 4 s and 900 MB (V8 keeps each as a tree of concatenated pieces). `split` on a batch is
 * as fast, but each piece is a slice that keeps its batch's whole text alive: 32
 * bytes of slice plus the batch text (held outside the heap, a batch being over 1 MB)
 * against 40 for a flat string, ~14 bytes a name more (measured: 68 against 54 with
 * the name array), 160 MB at 30M rows (11.8M titles).
 */
class NameSink {
  private static readonly BATCH = 65536;
  private readonly buf = Buffer.alloc(NameSink.BATCH * 40);
  private pos = 0;
  private count = 0;
  private next = 0;
  /** Where each buffered name ends (its newline). */
  private readonly ends = new Int32Array(NameSink.BATCH);

  constructor(private readonly out: string[]) {}

  /** `Title 0000123 (1987)` */
  film(n: number, year: number): void {
    this.text("Title ");
    this.digits(n, 7);
    this.year(year);
  }

  /** `Series 000042 S02E05 (2009)` */
  episode(series: number, season: number, episode: number, year: number): void {
    this.text("Series ");
    this.digits(series, 6);
    this.text(" S");
    this.digits(season, 2);
    this.text("E");
    this.digits(episode, 2);
    this.year(year);
  }

  private year(y: number): void {
    this.text(" (");
    this.digits(y, 4);
    this.text(")\n");
    this.ends[this.count] = this.pos - 1;
    if (++this.count === NameSink.BATCH) this.flush();
  }

  private text(s: string): void {
    for (let i = 0; i < s.length; i++) this.buf[this.pos++] = s.charCodeAt(i);
  }

  /** Decimal digits, zero-padded to `width` (wider numbers keep all their digits). */
  private digits(n: number, width: number): void {
    let len = 1;
    for (let v = n; v >= 10; v = Math.floor(v / 10)) len++;
    if (len < width) len = width;
    let v = n;
    for (let i = this.pos + len - 1; i >= this.pos; i--) {
      this.buf[i] = 48 + (v % 10);
      v = Math.floor(v / 10);
    }
    this.pos += len;
  }

  flush(): void {
    if (this.count === 0) return;
    let from = 0;
    for (let k = 0; k < this.count; k++) {
      const end = this.ends[k];
      this.out[this.next++] = this.buf.toString("latin1", from, end);
      from = end + 1;
    }
    this.pos = 0;
    this.count = 0;
  }
}

interface Columns {
  titleCodes: Int32Array;
  duration: Float64Array;
  bitrate: Float64Array;
  width: Float64Array;
  height: Float64Array;
  fps: Float64Array;
}

/**
 * Fills one row per release. A class of its own so V8 optimizes this small hot
 * method apart from the long per-title code, reading the model constants from
 * fields rather than module bindings (re-checked on every access). Draws come in
 * one fixed block per row (see Rng.fill).
 */
class ReleaseWriter {
  private readonly film = FILM_FPS;
  private readonly true24 = TRUE_24_SHARE;
  private readonly palShare = Float64Array.from(PAL_SHARE_BY_CLASS);
  private readonly classCdf = CLASS_CDF;
  private readonly trimSd = JITTER.trimSdSeconds;
  private readonly logoShare = JITTER.logoShare;
  private readonly logoLo = JITTER.logoSeconds[0];
  private readonly logoHi = JITTER.logoSeconds[1];
  private readonly altShare = JITTER.altCutShare;
  private readonly altLo = JITTER.altCutMinutes[0];
  private readonly altHi = JITTER.altCutMinutes[1];
  private readonly altLonger = JITTER.altCutLongerShare;
  private readonly dvdShare = DVD_STORAGE_SHARE;
  private readonly cropShare = CROP_SHARE;
  private readonly brMedian = Float64Array.from(BITRATE_MEDIAN_KBPS);
  private readonly brSigma = Float64Array.from(BITRATE_SIGMA);
  private readonly clampLo = BITRATE_CLAMP[0];
  private readonly clampHi = BITRATE_CLAMP[1];

  constructor(
    private readonly rng: Rng,
    private readonly col: Columns,
    private readonly truth: VideoLibraryTruth | undefined,
  ) {}

  /** Uniforms for one release, drawn as one block (see Rng.fill). */
  private readonly u = new Float64Array(13);

  /** @param nativeFps the title's own rate, or 0 for film (23.976 / 24 / PAL chosen per release) */
  write(row: number, t: number, isEpisode: boolean, runtimeS: number, aspect: number, nativeFps: number, complexity: number): void {
    const u = this.u;
    this.rng.fill(u);
    const col = this.col;
    const cdf = this.classCdf;
    let cls = 0;
    while (cls < cdf.length - 1 && u[0] >= cdf[cls]) cls++;
    let flags = 0;

    // Frame rate: film sources may be sped up to PAL or carried at true 24.
    let fps: number;
    let sourceFps: number;
    if (nativeFps === 0) {
      if (u[1] < this.palShare[cls]) {
        flags |= FLAG_PAL;
        fps = 25;
        sourceFps = this.film;
      } else {
        fps = cls > 0 && u[2] < this.true24 ? 24 : this.film;
        sourceFps = fps;
      }
    } else {
      fps = nativeFps;
      sourceFps = nativeFps;
    }

    // Standard normals for trim jitter and bitrate.
    const zTrim = normalQuantile(u[11]);
    const zRate = normalQuantile(u[12]);

    // Duration of this cut in source time, then whole frames.
    let cutS = runtimeS + this.trimSd * zTrim;
    if (u[3] < this.logoShare) cutS += this.logoLo + (this.logoHi - this.logoLo) * u[4];
    if (!isEpisode && u[5] < this.altShare) {
      flags |= FLAG_ALT_CUT;
      const delta = 60 * (this.altLo + (this.altHi - this.altLo) * u[6]);
      cutS += u[7] < this.altLonger ? delta : -delta;
    }
    const frames = Math.max(1, Math.round(cutS * sourceFps));
    // PAL: 25 frames a second, 40 ms each, exactly. Otherwise rounded to the
    // millisecond, as Matroska's default timestamp scale stores it.
    col.duration[row] = flags & FLAG_PAL ? frames * 40 : Math.round((frames * 1000) / fps);

    // Frame size.
    if (cls === 0 && u[8] < this.dvdShare) {
      flags |= FLAG_DVD;
      col.width[row] = 720;
      col.height[row] = fps === 25 ? 576 : 480;
    } else {
      const variant = u[9] < 0.5 ? 0 : 1;
      // SD 4:3 content is encoded at its native shape; there are no bars to keep.
      if (aspect === 0 || u[10] < this.cropShare || (cls === 0 && aspect === 3)) {
        if (aspect !== 0) flags |= FLAG_CROPPED;
        const ix = (cls * 4 + aspect) * 2 + variant;
        col.width[row] = CROP_W[ix];
        col.height[row] = CROP_H[ix];
      } else {
        col.width[row] = FULL_W[cls];
        col.height[row] = FULL_H[cls];
      }
    }
    col.fps[row] = fps;

    // Overall bitrate, rounded to whole bit/s as ffprobe reports it.
    const med = this.brMedian[cls];
    let br = med * complexity * Math.exp(this.brSigma[cls] * zRate);
    br = Math.min(med * this.clampHi, Math.max(med * this.clampLo, br));
    col.bitrate[row] = Math.round(br * 1000) / 1000;

    col.titleCodes[row] = t;
    const truth = this.truth;
    if (truth) {
      truth.rowClass[row] = cls;
      truth.rowFlags[row] = flags;
      truth.rowFrames[row] = frames;
      truth.rowSourceFps[row] = sourceFps;
    }
  }
}

function build(params: VideoLibraryParams, withTruth: boolean): { catalog: Catalog; truth?: VideoLibraryTruth } {
  const p = normalizeParams(params);
  const seed = p.seed;

  // Release counts come from their own stream, so `titles=N` and `rows=M` share a
  // prefix: the first titles of both are the same films with the same releases.
  const countRng = new Rng(seed, 1);
  const rng = new Rng(seed, 2);

  let counts: Uint8Array;
  let nTitles: number;
  let nRows: number;
  if (p.rows !== undefined) {
    counts = new Uint8Array(p.rows); // each title has ≥ 1 row, so titles ≤ rows
    nTitles = 0;
    nRows = 0;
    while (nRows < p.rows) {
      const k = Math.min(countRng.pick(RELEASES_CDF) + 1, p.rows - nRows);
      counts[nTitles++] = k;
      nRows += k;
    }
    counts = counts.slice(0, nTitles);
  } else {
    nTitles = p.titles;
    counts = new Uint8Array(nTitles);
    nRows = 0;
    for (let t = 0; t < nTitles; t++) {
      const k = countRng.pick(RELEASES_CDF) + 1;
      counts[t] = k;
      nRows += k;
    }
  }

  // In shared memory from the start, so the engine's worker threads read them without a copy.
  const titleCodes = sharedInt32(nRows);
  const duration = sharedFloat64(nRows);
  const bitrate = sharedFloat64(nRows);
  const width = sharedFloat64(nRows);
  const height = sharedFloat64(nRows);
  const fpsCol = sharedFloat64(nRows);
  const titleNames: string[] = new Array(nTitles);
  const names = new NameSink(titleNames);

  const truth: VideoLibraryTruth | undefined = withTruth
    ? {
        titleKind: new Uint8Array(nTitles),
        titleRuntimeMs: new Float64Array(nTitles),
        titleYear: new Int16Array(nTitles),
        titleAspect: new Uint8Array(nTitles),
        rowClass: new Uint8Array(nRows),
        rowFlags: new Uint8Array(nRows),
        rowFrames: new Float64Array(nRows),
        rowSourceFps: new Float64Array(nRows),
      }
    : undefined;

  // Current TV series: episodes are handed out in order until the series runs out.
  let seriesId = 0;
  let seriesLeft = 0;
  let seriesSeason = 0;
  let seriesEpisode = 0;
  let seriesPerSeason = 0;
  let seriesYear = 0;
  let seriesMeanMin = 0;
  let seriesFps = FILM_FPS;
  let seriesAspect = 0;

  const releases = new ReleaseWriter(rng, { titleCodes, duration, bitrate, width, height, fps: fpsCol }, truth);

  let row = 0;
  for (let t = 0; t < nTitles; t++) {
    const isEpisode = rng.next() < EPISODE_SHARE;
    let runtimeMin: number;
    let year: number;
    let aspect: number;
    let nativeFps: number; // 0 = film source (per-release choice of 23.976 / 24 / PAL)
    if (isEpisode) {
      if (seriesLeft === 0) {
        seriesId++;
        seriesPerSeason = SEASON_EPISODES[rng.pick(SEASON_CDF)];
        const seasons = 1 + rng.int(MAX_SEASONS);
        seriesLeft = seasons * seriesPerSeason;
        seriesSeason = 1;
        seriesEpisode = 0;
        seriesYear = drawYear(rng, 1950);
        seriesMeanMin = rng.lognormal(EPISODE_RUNTIME.slotsMin[rng.pick(SLOT_CDF)], EPISODE_RUNTIME.seriesSigma);
        seriesFps = SERIES_FPS[rng.pick(SERIES_FPS_CDF)];
        // Television went 16:9 in the 2000s; older series are 4:3.
        seriesAspect = seriesYear >= 2005 ? 0 : 3;
      }
      seriesLeft--;
      if (++seriesEpisode > seriesPerSeason) {
        seriesEpisode = 1;
        seriesSeason++;
      }
      year = Math.min(YEAR_NOW, seriesYear + seriesSeason - 1);
      runtimeMin = rng.lognormal(seriesMeanMin, EPISODE_RUNTIME.episodeSigma);
      aspect = seriesAspect;
      nativeFps = seriesFps === FILM_FPS ? 0 : seriesFps;
      names.episode(seriesId, seriesSeason, seriesEpisode, year);
    } else {
      year = drawYear(rng, MIN_YEAR);
      runtimeMin = drawFilmRuntime(rng);
      aspect = year < WIDESCREEN_FROM ? 3 : rng.pick(ASPECT_CDF);
      nativeFps = 0;
      names.film(t + 1, year);
    }
    const runtimeS = runtimeMin * 60;
    const complexity = Math.exp(TITLE_COMPLEXITY_SIGMA * rng.normal());
    if (truth) {
      truth.titleKind[t] = isEpisode ? 1 : 0;
      truth.titleRuntimeMs[t] = runtimeS * 1000;
      truth.titleYear[t] = year;
      truth.titleAspect[t] = aspect;
    }

    const k = counts[t];
    for (let r = 0; r < k; r++, row++) releases.write(row, t, isEpisode, runtimeS, aspect, nativeFps, complexity);
  }

  names.flush();

  const catalog = makeCatalog({
    source: canonicalUri("video-library", p),
    rows: nRows,
    titleCodes,
    titleNames,
    numeric: { duration_ms: duration, bitrate_kbps: bitrate, width, height, fps: fpsCol },
    precision: { duration_ms: 1, bitrate_kbps: 0.001, width: 1, height: 1 },
    provenance: {
      title: "synthetic: film or TV episode",
      duration_ms: "synthetic: canonical runtime + release jitter, whole frames, ms",
      bitrate_kbps: "synthetic: lognormal per resolution class × title complexity",
      width: "synthetic: class frame, letterbox crops",
      height: "synthetic: class frame, letterbox crops",
      fps: "synthetic: 23.976 / 24 / 25 (PAL) / 29.97",
    },
  });
  return { catalog, truth };
}

/** Year = now − exponential age, redrawn below `min`. */
function drawYear(rng: Rng, min: number): number {
  for (;;) {
    const y = YEAR_NOW - Math.floor(-MEAN_AGE_YEARS * Math.log(1 - rng.next()));
    if (y >= min) return y;
  }
}

/** Film runtime in minutes from the core + tail mixture, redrawn outside [60, 240]. */
function drawFilmRuntime(rng: Rng): number {
  const f = FILM_RUNTIME;
  for (;;) {
    const m = rng.next() < f.tailShare ? rng.lognormal(f.tailMedianMin, f.tailSigma) : rng.lognormal(f.coreMedianMin, f.coreSigma);
    if (m >= f.minMin && m <= f.maxMin) return m;
  }
}

// ---------------------------------------------------------------------------
// URIs
// ---------------------------------------------------------------------------

interface ParamSpec {
  describe: string;
  min: number;
  max: number;
}

/** Generators and the integer parameters each accepts. */
const SYNTHETIC_GENERATORS: Record<string, { describe: string; params: Record<string, ParamSpec> }> = {
  "video-library": {
    describe: "films and TV episodes, each with 1–6 releases (resolution, letterbox crop, fps, bitrate, duration jitter)",
    params: {
      rows: { describe: "exact number of rows (releases); exclusive with titles", min: 1, max: MAX_ROWS },
      seed: { describe: `PRNG seed (default ${DEFAULT_SEED})`, min: 0, max: Number.MAX_SAFE_INTEGER },
      titles: { describe: `number of titles (default ${DEFAULT_TITLES})`, min: 1, max: MAX_TITLES },
    },
  },
};

const PREFIX = "synthetic:";

export interface ParsedSyntheticUri {
  generator: "video-library";
  params: VideoLibraryParams;
  /** Parameters sorted, defaults filled: the catalog's `source`. */
  canonical: string;
}

export function parseSyntheticUri(uri: string): ParsedSyntheticUri {
  if (!uri.startsWith(PREFIX)) throw new UserError(`"${uri}" is not a synthetic source; expected synthetic:<generator>?key=value&…`);
  const rest = uri.slice(PREFIX.length);
  const q = rest.indexOf("?");
  const generator = (q < 0 ? rest : rest.slice(0, q)).trim();
  const known = Object.keys(SYNTHETIC_GENERATORS);
  const spec = SYNTHETIC_GENERATORS[generator];
  if (!spec || !Object.hasOwn(SYNTHETIC_GENERATORS, generator)) {
    throw new UserError(`${uri}: unknown synthetic generator "${generator}"; known: ${known.join(", ")} (e.g. synthetic:video-library?titles=20000&seed=1)`);
  }
  const valid = Object.keys(spec.params);
  const values: Record<string, number> = {};
  const query = q < 0 ? "" : rest.slice(q + 1);
  for (const part of query.split("&")) {
    if (!part) continue;
    const eq = part.indexOf("=");
    const key = decodeURIComponent(eq < 0 ? part : part.slice(0, eq)).trim();
    const raw = eq < 0 ? "" : decodeURIComponent(part.slice(eq + 1)).trim();
    if (!Object.hasOwn(spec.params, key)) {
      throw new UserError(`${uri}: unknown parameter "${key}" for ${generator}; valid: ${valid.join(", ")}`);
    }
    if (Object.hasOwn(values, key)) throw new UserError(`${uri}: parameter "${key}" is given twice`);
    const ps = spec.params[key];
    // Digits only: "1e6", "2.5", "-3" and "" are all refused rather than guessed at.
    if (!/^\d+$/.test(raw)) {
      throw new UserError(`${uri}: parameter "${key}" must be a whole number from ${ps.min} to ${ps.max}, got "${raw}"`);
    }
    const n = Number(raw);
    if (!Number.isSafeInteger(n) || n < ps.min || n > ps.max) {
      throw new UserError(`${uri}: parameter "${key}" must be from ${ps.min} to ${ps.max}, got ${raw}`);
    }
    values[key] = n;
  }
  if (values.rows !== undefined && values.titles !== undefined) {
    throw new UserError(`${uri}: give either titles or rows, not both`);
  }
  const params = normalizeParams(values);
  return { generator: "video-library", params, canonical: canonicalUri("video-library", params) };
}

export function loadSynthetic(uri: string): Catalog {
  const { params } = parseSyntheticUri(uri);
  return generateVideoLibrary(params);
}

/** Defaults filled: `rows` mode has no `titles`, otherwise `titles` defaults to 20000. */
function normalizeParams(params: VideoLibraryParams): { titles: number; rows?: undefined; seed: number } | { titles?: undefined; rows: number; seed: number } {
  const seed = params.seed ?? DEFAULT_SEED;
  const check = (name: string, v: number, min: number, max: number) => {
    if (!Number.isSafeInteger(v) || v < min || v > max) throw new UserError(`synthetic video-library: ${name} must be a whole number from ${min} to ${max}, got ${v}`);
  };
  check("seed", seed, 0, Number.MAX_SAFE_INTEGER);
  if (params.rows !== undefined) {
    if (params.titles !== undefined) throw new UserError("synthetic video-library: give either titles or rows, not both");
    check("rows", params.rows, 1, MAX_ROWS);
    return { rows: params.rows, seed };
  }
  const titles = params.titles ?? DEFAULT_TITLES;
  check("titles", titles, 1, MAX_TITLES);
  return { titles, seed };
}

function canonicalUri(generator: string, params: VideoLibraryParams): string {
  const entries = Object.entries(params)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `${PREFIX}${generator}?${entries.map(([k, v]) => `${k}=${v}`).join("&")}`;
}
