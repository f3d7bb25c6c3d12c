/**
 * Synthetic servers: media libraries drawn from a catalog, for the library-level
 * attacks (multi-play linkage, Scoreboard-RH).
 *
 *   const catalog = generateVideoLibrary({ rows: 100000, seed: 1 });
 *   const libs = drawLibraries(catalog, { count: 10000, seed: 1 });
 *   // library j holds catalog rows libs.items[libs.offsets[j] .. libs.offsets[j + 1])
 *
 * Model (every server independently):
 * - Titles have a popularity rank, a seeded random permutation of the catalog's
 *   titles; rank r (0-based) has weight 1/(r + 1)^s (Zipf, exponent s). Popular titles
 *   therefore sit in many libraries, the long tail in few — the "heavy-tailed column
 *   support" Narayanan & Shmatikov (2008, §3) describe for the Netflix Prize data.
 * - A library's size (titles) is log-normal with the requested mean, clamped to 1 … the
 *   number of titles.
 * - The library's titles are drawn by popularity without replacement (successive
 *   sampling: draw by weight, redraw a title already held), and for each title one of
 *   its releases (catalog rows) is picked uniformly.
 *
 * Parameters. We found no published distribution of Plex/Jellyfin library sizes
 * (searches for Plex library-size statistics turned up only feature pages and a 2022
 * Plex/OnePoll survey about streaming *watchlists*, 16 films on average, which is not
 * a library). The defaults are therefore our own choices, stated plainly:
 * - mean size 300 items, a modest self-hosted collection;
 * - log-normal σ = 1.0 (median ≈ 182, 10 % of servers above ≈ 660 items, 1 % above
 *   ≈ 1860): collections of a few dozen up to several thousand files, as self-hosters
 *   describe them;
 * - Zipf exponent 0.8; the Netflix Prize rating counts per movie
 *   are similarly long-tailed.
 *
 * Determinism: the title order, the sizes and the draws come from three independent
 * sub-streams of `seed`, consumed library by library, so `count: 10` gives exactly the
 * first 10 libraries of `count: 1000`.
 */
import type { Catalog } from "../catalog/catalog.js";
import { UserError } from "../base/errors.js";
import { sampleTargets } from "./targets.js";
import { Rng } from "../base/random.js";
import { upperBound } from "../base/bisect.js";

/** Libraries as CSR: library j holds catalog rows items[offsets[j] .. offsets[j+1]). */
export interface Libraries {
  offsets: Int32Array;
  items: Int32Array;
}

/**
 * Target library ids: all of them, or `targets` distinct ones drawn uniformly, ascending
 * (the shared `sampleTargets` on sub-stream 0 of the seed). Asking for more targets than
 * libraries attacks each once.
 */
export function sampleLibraryTargets(n: number, targets: number | "all", seed: number): Int32Array {
  return sampleTargets(n, targets, new Rng(seed, 0));
}

export interface LibraryDrawOptions {
  /** Number of servers. */
  count: number;
  seed: number;
  /** Zipf exponent of title popularity (default 0.8; 0 = uniform). */
  zipfExponent?: number;
  /** Mean library size in items (default 300). */
  meanSize?: number;
}

export const DEFAULT_ZIPF_EXPONENT = 0.8;
export const DEFAULT_MEAN_LIBRARY_SIZE = 300;
/** Log-space standard deviation of library sizes (own choice, see the module comment). */
export const LIBRARY_SIZE_SIGMA = 1.0;
/** Hard limit so a typo cannot ask for gigabytes of items. */
export const MAX_LIBRARIES = 10_000_000;

const STREAM_ORDER = 21;
const STREAM_SIZE = 22;
const STREAM_DRAW = 23;

/**
 * Popularity order of the catalog's titles: `order[r]` is the title code of rank r
 * (0 = most popular). Titles without rows are left out. Seeded Fisher–Yates.
 */
export function titlePopularityOrder(catalog: Catalog, seed: number): Int32Array {
  const present = titlesWithRows(catalog);
  const order = new Int32Array(present.length);
  let k = 0;
  for (let t = 0; t < present.length; t++) if (present[t]) order[k++] = t;
  const out = order.subarray(0, k);
  const rng = new Rng(seed, STREAM_ORDER);
  for (let i = k - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const tmp = out[i];
    out[i] = out[j];
    out[j] = tmp;
  }
  return out.slice();
}

function titlesWithRows(catalog: Catalog): Uint8Array {
  const present = new Uint8Array(catalog.titleNames.length);
  const codes = catalog.titleCodes;
  for (let i = 0; i < catalog.rows; i++) present[codes[i]] = 1;
  return present;
}

export function drawLibraries(catalog: Catalog, options: LibraryDrawOptions): Libraries {
  const { count, seed } = options;
  const s = options.zipfExponent ?? DEFAULT_ZIPF_EXPONENT;
  const meanSize = options.meanSize ?? DEFAULT_MEAN_LIBRARY_SIZE;
  if (!Number.isSafeInteger(count) || count < 0 || count > MAX_LIBRARIES) {
    throw new UserError(`library count must be a whole number from 0 to ${MAX_LIBRARIES}, got ${count}`);
  }
  if (!Number.isSafeInteger(seed) || seed < 0) throw new UserError(`library seed must be a whole number ≥ 0, got ${seed}`);
  if (!(s >= 0 && s <= 10)) throw new UserError(`Zipf exponent must be from 0 to 10, got ${s}`);
  if (!(meanSize >= 1 && Number.isFinite(meanSize))) throw new UserError(`mean library size must be ≥ 1 item, got ${meanSize}`);

  const order = titlePopularityOrder(catalog, seed);
  const nTitles = order.length;
  if (count > 0 && nTitles === 0) throw new UserError(`cannot draw libraries from ${catalog.source}: it has no rows`);

  // Releases per title (CSR over title codes, rows ascending).
  const nCodes = catalog.titleNames.length;
  const relOffsets = new Int32Array(nCodes + 1);
  const codes = catalog.titleCodes;
  for (let i = 0; i < catalog.rows; i++) relOffsets[codes[i] + 1]++;
  for (let t = 0; t < nCodes; t++) relOffsets[t + 1] += relOffsets[t];
  const relRows = new Int32Array(catalog.rows);
  const fill = relOffsets.slice(0, nCodes);
  for (let i = 0; i < catalog.rows; i++) relRows[fill[codes[i]]++] = i;

  // Zipf weights by rank, cumulative, for inverse-CDF draws.
  const cdf = new Float64Array(nTitles);
  let total = 0;
  for (let r = 0; r < nTitles; r++) {
    total += 1 / Math.pow(r + 1, s);
    cdf[r] = total;
  }

  // Sizes first: the CSR offsets need them, and their own stream keeps them apart from the draws.
  const sizeRng = new Rng(seed, STREAM_SIZE);
  // Log-normal with mean m: median = m·exp(−σ²/2).
  const median = meanSize * Math.exp(-(LIBRARY_SIZE_SIGMA * LIBRARY_SIZE_SIGMA) / 2);
  const offsets = new Int32Array(count + 1);
  for (let j = 0; j < count; j++) {
    const size = Math.min(nTitles, Math.max(1, Math.round(sizeRng.lognormal(median, LIBRARY_SIZE_SIGMA))));
    offsets[j + 1] = offsets[j] + size;
  }
  const items = new Int32Array(offsets[count]);

  const rng = new Rng(seed, STREAM_DRAW);
  // held[rank] === j + 1 while drawing library j: duplicate check without clearing.
  const held = new Int32Array(nTitles);
  const ranks = new Int32Array(nTitles);
  const esKeys = new Float64Array(nTitles);
  for (let j = 0; j < count; j++) {
    const from = offsets[j];
    const size = offsets[j + 1] - from;
    const stamp = j + 1;
    let got = 0;
    // Successive sampling by rejection: exact, and fast while the library holds a small
    // share of the popularity mass. When redraws pile up (huge libraries, steep Zipf),
    // fall back to Efraimidis–Spirakis keys over all titles, which draw from the same
    // successive-sampling distribution in O(T log T).
    let budget = 32 * size + 1024;
    while (got < size && budget-- > 0) {
      const r = upperBound(cdf, rng.next() * total, 0, cdf.length - 1);
      if (held[r] === stamp) continue;
      held[r] = stamp;
      ranks[got++] = r;
    }
    if (got < size) {
      got = successiveSampleAll(cdf, size, rng, esKeys, ranks);
    }
    for (let k = 0; k < size; k++) {
      const t = order[ranks[k]];
      const a = relOffsets[t];
      items[from + k] = relRows[a + rng.int(relOffsets[t + 1] - a)];
    }
    items.subarray(from, from + size).sort();
  }
  return { offsets, items };
}


/**
 * Weighted sampling of `size` ranks without replacement (Efraimidis & Spirakis 2006,
 * "Weighted random sampling with a reservoir", algorithm A: keep the largest
 * u^(1/w), i.e. ln(u)/w). Writes the ranks into `out`; returns `size`.
 */
function successiveSampleAll(cdf: Float64Array, size: number, rng: Rng, keys: Float64Array, out: Int32Array): number {
  const n = cdf.length;
  let prev = 0;
  for (let r = 0; r < n; r++) {
    const w = cdf[r] - prev;
    prev = cdf[r];
    keys[r] = Math.log(rng.next()) / w;
  }
  const idx = Int32Array.from({ length: n }, (_, r) => r);
  idx.sort((a, b) => keys[b] - keys[a] || a - b);
  out.set(idx.subarray(0, size));
  return size;
}

/** Items in library j. */
export function libraryItems(libraries: Libraries, j: number): Int32Array {
  return libraries.items.subarray(libraries.offsets[j], libraries.offsets[j + 1]);
}
