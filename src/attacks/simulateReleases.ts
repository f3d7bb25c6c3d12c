/**
 * Plausible release files for the titles of a runtime catalog (IMDb, TMDB, Netflix:
 * minute runtimes, no bitrate or resolution), so the coarser-catalog attacker can be
 * tested on real titles: the victim plays files made from the runtimes the attacker
 * holds.
 *
 *   simulateReleases(await loadCatalog("imdb-ggplot2movies"), { seed: 1 })
 *
 * Per title: the true runtime is uniform within the listed runtime's rounding step
 * (catalog precision; IMDb lists whole minutes); it gets 1–6 releases (the synthetic
 * library's truncated geometric). Per release, with the synthetic library's
 * constants (synthetic.ts): a resolution class, trim jitter, a studio logo on some,
 * rarely an alternate cut, PAL speed-up on a class-dependent share (duration ×
 * 23.976/25, whole 40 ms frames), and a lognormal bitrate per class times a per-title
 * complexity factor. Rows without a runtime are skipped.
 */
import { makeCatalog, type Catalog } from "../catalog/catalog.js";
import {
  BITRATE_CLAMP,
  BITRATE_MEDIAN_KBPS,
  BITRATE_SIGMA,
  FILM_FPS,
  JITTER,
  PAL_SHARE_BY_CLASS,
  RELEASES_MAX,
  RELEASES_P,
  RESOLUTION_SHARES,
  TITLE_COMPLEXITY_SIGMA,
} from "../sources/synthetic/synthetic.js";
import { Rng, cumulative } from "../base/random.js";
import { UserError } from "../base/errors.js";

/** Full frame per synthetic resolution class (SD, 720p, 1080p, 4K: SYNTHETIC_CLASSES), as synthetic.ts's FULL_FRAME. */
const FRAME_W = [720, 1280, 1920, 3840];
const FRAME_H = [404, 720, 1080, 2160];

export interface SimulateReleasesOptions {
  seed: number;
  /** Overrides the per-class PAL shares with one share for every release. */
  palShare?: number;
  /** At most this many releases per title (default 6, the synthetic library's). */
  releasesMax?: number;
}

export function simulateReleases(runtimes: Catalog, options: SimulateReleasesOptions): Catalog {
  const dur = runtimes.numeric.duration_ms;
  if (!dur) throw new UserError(`${runtimes.source} has no durations to simulate releases from`);
  const maxReleases = options.releasesMax ?? RELEASES_MAX;
  if (!Number.isInteger(maxReleases) || maxReleases < 1) throw new UserError(`releasesMax must be a whole number ≥ 1, got ${maxReleases}`);
  const palShare = options.palShare;
  if (palShare !== undefined && !(palShare >= 0 && palShare <= 1)) throw new UserError(`palShare must be between 0 and 1, got ${palShare}`);
  const rng = new Rng(options.seed, 3);
  const releasesCdf = cumulative(Array.from({ length: maxReleases }, (_, k) => RELEASES_P * (1 - RELEASES_P) ** k));
  const classCdf = cumulative(RESOLUTION_SHARES);
  const step = runtimes.precision.duration_ms ?? 0;

  const titleCodes: number[] = [];
  const duration: number[] = [];
  const bitrate: number[] = [];
  const width: number[] = [];
  const height: number[] = [];
  const fps: number[] = [];
  for (let i = 0; i < runtimes.rows; i++) {
    const listed = dur[i];
    if (!(listed > 0)) continue;
    const runtimeMs = listed + step * (rng.next() - 0.5);
    const complexity = Math.exp(TITLE_COMPLEXITY_SIGMA * rng.normal());
    const k = rng.pick(releasesCdf) + 1;
    for (let r = 0; r < k; r++) {
      const cls = rng.pick(classCdf);
      let cutMs = runtimeMs + JITTER.trimSdSeconds * 1000 * rng.normal();
      if (rng.next() < JITTER.logoShare) cutMs += 1000 * rng.uniform(JITTER.logoSeconds[0], JITTER.logoSeconds[1]);
      if (rng.next() < JITTER.altCutShare) {
        const delta = 60000 * rng.uniform(JITTER.altCutMinutes[0], JITTER.altCutMinutes[1]);
        cutMs += rng.next() < JITTER.altCutLongerShare ? delta : -delta;
      }
      const pal = rng.next() < (palShare ?? PAL_SHARE_BY_CLASS[cls]);
      // Whole film frames; PAL plays them at 25 fps (40 ms each), i.e. the cut × PAL_SPEEDUP_RATIO (synthetic.ts).
      const frames = Math.max(1, Math.round((cutMs / 1000) * FILM_FPS));
      duration.push(pal ? frames * 40 : Math.round((frames * 1000) / FILM_FPS));
      const med = BITRATE_MEDIAN_KBPS[cls];
      const br = Math.min(med * BITRATE_CLAMP[1], Math.max(med * BITRATE_CLAMP[0], med * complexity * Math.exp(BITRATE_SIGMA[cls] * rng.normal())));
      bitrate.push(Math.round(br * 1000) / 1000);
      width.push(FRAME_W[cls]);
      height.push(FRAME_H[cls]);
      fps.push(pal ? 25 : FILM_FPS);
      titleCodes.push(runtimes.titleCodes[i]);
    }
  }
  return makeCatalog({
    source: `releases simulated from ${runtimes.source} (seed ${options.seed})`,
    rows: titleCodes.length,
    titleCodes: Int32Array.from(titleCodes),
    titleNames: runtimes.titleNames,
    numeric: {
      duration_ms: Float64Array.from(duration),
      bitrate_kbps: Float64Array.from(bitrate),
      width: Float64Array.from(width),
      height: Float64Array.from(height),
      fps: Float64Array.from(fps),
    },
    precision: { duration_ms: 1, bitrate_kbps: 0.001, width: 1, height: 1 },
    provenance: {
      title: `${runtimes.source} titles`,
      duration_ms: "simulated: listed runtime ± rounding, trim jitter, logos, alternate cuts, PAL speed-up",
      bitrate_kbps: "simulated: lognormal per resolution class × title complexity",
      width: "simulated: full frame of the class",
      height: "simulated: full frame of the class",
      fps: "simulated: 23.976, or 25 for PAL speed-ups",
    },
  });
}
