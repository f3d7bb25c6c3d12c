/**
 * The rows of a value order (engine/valueOrder.ts) regrouped by a prefix: the classes
 * of a scheme's parts other than its inner one. A stable radix sort by the prefix class
 * keeps each prefix class's rows in inner-value order, so every scheme that adds an
 * interval choice of the inner attribute to this prefix has each of its classes on
 * consecutive rows (engine/intervalScan.ts):
 *
 *   rows by duration  (t1, 10 s, 1 Mbps) (t2, 20 s, 2 Mbps) (t1, 30 s, 1 Mbps) (t3, 40 s, 2 Mbps),
 *   prefix bitrate=exact
 *   → (t1, 10 s) (t1, 30 s) | (t2, 20 s) (t3, 40 s): starts 1 0 1 0, and row 1's title was
 *     last seen in its prefix class at row 0: prev [−1, 0, −1, −1]
 *
 * A prefix class of one row is a class of one row under every scheme of the prefix: such
 * rows are counted, their titles marked, and left out of the rows the scans read (at 10M
 * rows, bitrate=exact leaves most prefix classes with one row).
 *
 * When few rows have a previous row of their title in their prefix class (fine prefixes:
 * at 10M rows, bitrate=round(100kbps) gives 0.2 % of rows such a link), those rows are
 * also listed on their own, the links, so that a scan reads nothing else per row than its
 * rank and start (engine/intervalScan.ts).
 *
 * `sortPrefixes` is the kernel: each thread sorts the next prefix of a batch into shared
 * memory, where every thread's scans read it.
 */
import { densifyWith, sharedInt32 } from "../base/densify.js";
import { CTL_NEXT } from "./kernelControl.js";
import type { OrderedRows } from "./valueOrder.js";

/** One part of a prefix: each ordered row's exact value code, and the choice's table over those codes (null: the code is the class, as for `exact`). */
export interface PrefixPart {
  codes: Int32Array;
  lut: Int32Array | null;
  count: number;
}

/**
 * How a sorter works, not what it gives (tests vary them): bits per radix pass (2^11
 * counters and write streams stay in L1 and L2), and the prefix classes whose titles'
 * previous rows are found without `lastAt` (see `linkTitles`): up to a `titleShare`-th of
 * the titles, and up to `smallClass` rows by looking back.
 */
export interface SorterOptions {
  digitBits?: number;
  titleShare?: number;
  smallClass?: number;
}

/** Prefix keys below this sort as Int32; a larger combination is numbered densely first. */
const KEY_RANGE = 2 ** 31;

/** Combinations of codes exact as doubles. */
const EXACT_RANGE = 2 ** 53;

/**
 * A prefix's sorted rows, in shared memory so that any thread scans them (engine/intervalScan.ts):
 * `meta` = [rows kept, prefix classes of one row left out, links (−1: more than `links` has room for)].
 */
export interface SortedPrefix {
  meta: Int32Array;
  /** Titles of the prefix classes of one row (one bit a title). */
  singleTitles: Int32Array;
  /** Per row kept, in prefix order: its inner rank, its title, 1 where a prefix class starts, and the row before it of the same title in its prefix class (−1: none). */
  rank: Int32Array;
  title: Int32Array;
  start: Uint8Array;
  prev: Int32Array;
  /**
   * The links, rows whose `prev` is a row (in order, then one entry `rows`): each one's
   * `prev`, and the link that `prev` is (−1: the title's first row in its prefix class).
   */
  links: Int32Array;
  linkPrev: Int32Array;
  linkPrevLink: Int32Array;
}

/**
 * Room for a sorted prefix of up to `rows` rows and `titles` titles (13 bytes a row),
 * listing up to `linkRoom` links (12 bytes each).
 */
export function sortedPrefix(rows: number, titles: number, linkRoom = rows >>> 4): SortedPrefix {
  return {
    meta: sharedInt32(3),
    singleTitles: sharedInt32((titles >>> 5) + 1),
    rank: sharedInt32(rows),
    title: sharedInt32(rows),
    start: new Uint8Array(new SharedArrayBuffer(rows)),
    prev: sharedInt32(rows),
    links: sharedInt32(linkRoom + 1),
    linkPrev: sharedInt32(linkRoom),
    linkPrevLink: sharedInt32(linkRoom),
  };
}

/** A thread's sorting buffers, reused from prefix to prefix (24 bytes a row). */
export class PrefixSorter {
  private keyA = new Int32Array(0);
  private keyB = new Int32Array(0);
  private rankB = new Int32Array(0);
  private titleB = new Int32Array(0);
  private rankC = new Int32Array(0);
  private titleC = new Int32Array(0);
  private lastAt = new Int32Array(0);
  private seen = new Int32Array(0);

  private readonly digitBits: number;
  private readonly titleShare: number;
  private readonly smallClass: number;

  constructor({ digitBits = 11, titleShare = 16, smallClass = 256 }: SorterOptions = {}) {
    this.digitBits = digitBits;
    this.titleShare = titleShare;
    this.smallClass = smallClass;
  }

  /** `rows` sorted by (prefix class, inner rank) into `out`. */
  sort(rows: OrderedRows, parts: PrefixPart[], out: SortedPrefix): void {
    const n = rows.rows;
    this.reserve(n, rows.titles);
    const { keys, range } = this.prefixKeys(rows, parts);
    const sorted = this.radixSort(rows, keys, range);
    dropSingles(n, rows.titles, range > 1 ? this.keyA : null, sorted, out);
    listLinks(out, linkTitles(out, rows.titles / this.titleShare, this.smallClass, this.lastAt, this.seen), this.keyB);
  }

  private reserve(n: number, titles: number): void {
    if (this.keyA.length < n) {
      this.keyA = new Int32Array(n);
      this.keyB = new Int32Array(n);
      this.rankB = new Int32Array(n);
      this.titleB = new Int32Array(n);
      this.rankC = new Int32Array(n);
      this.titleC = new Int32Array(n);
    }
    if (this.lastAt.length < titles) {
      this.lastAt = new Int32Array(titles);
      this.seen = new Int32Array((titles >>> 5) + 1);
    }
  }

  /**
   * Each row's prefix class as a mixed-radix number of its parts' classes
   * (k = (c₀·n₁ + c₁)·n₂ + c₂ …), numbered densely first when that would not fit.
   */
  private prefixKeys(rows: OrderedRows, parts: PrefixPart[]): { keys: Int32Array; range: number } {
    const n = rows.rows;
    const keys = this.keyA;
    let range = 1;
    for (const p of parts) range *= p.count;
    if (range <= 1) return { keys, range: 1 };
    if (range <= KEY_RANGE) {
      keys.fill(0, 0, n);
      for (const { codes, lut, count } of parts) {
        if (lut === null) for (let i = 0; i < n; i++) keys[i] = keys[i] * count + codes[i];
        else for (let i = 0; i < n; i++) keys[i] = keys[i] * count + lut[codes[i]];
      }
      return { keys, range };
    }
    const wide = new Float64Array(n);
    let wideRange = 1;
    for (const { codes, lut, count } of parts) {
      if (wideRange * count > EXACT_RANGE) wideRange = renumber(wide);
      for (let i = 0; i < n; i++) wide[i] = wide[i] * count + (lut === null ? codes[i] : lut[codes[i]]);
      wideRange *= count;
    }
    range = renumber(wide);
    for (let i = 0; i < n; i++) keys[i] = wide[i];
    return { keys, range };
  }

  /** LSD radix sort by key, stable, carrying rank and title; the keys end in keyA. */
  private radixSort(rows: OrderedRows, keys: Int32Array, range: number): { rank: Int32Array; title: Int32Array } {
    const n = rows.rows;
    if (range <= 1) return rows;
    const bits = 32 - Math.clz32(range - 1);
    const passes = Math.ceil(bits / this.digitBits);
    const width = Math.ceil(bits / passes);
    const mask = (1 << width) - 1;
    const count = new Int32Array(1 << width);
    let key = keys;
    let key2 = this.keyB;
    let rank = rows.rank;
    let title = rows.title;
    for (let pass = 0, shift = 0; pass < passes; pass++, shift += width) {
      const rank2 = pass % 2 === 0 ? this.rankB : this.rankC;
      const title2 = pass % 2 === 0 ? this.titleB : this.titleC;
      count.fill(0);
      for (let i = 0; i < n; i++) count[(key[i] >>> shift) & mask]++;
      for (let d = 0, at = 0; d <= mask; d++) {
        const c = count[d];
        count[d] = at;
        at += c;
      }
      for (let i = 0; i < n; i++) {
        const k = key[i];
        const w = count[(k >>> shift) & mask]++;
        key2[w] = k;
        rank2[w] = rank[i];
        title2[w] = title[i];
      }
      [key, key2] = [key2, key];
      rank = rank2;
      title = title2;
    }
    if (key !== this.keyA) this.keyA.set(key.subarray(0, n));
    return { rank, title };
  }
}

/**
 * Prefix class starts, and rows in prefix classes of one row left out (counted, titles
 * marked); without keys (no prefix) every row is in one class.
 */
function dropSingles(n: number, titles: number, keys: Int32Array | null, sorted: { rank: Int32Array; title: Int32Array }, out: SortedPrefix): void {
  const { rank, title } = sorted;
  const { start, singleTitles } = out;
  singleTitles.fill(0, 0, (titles >>> 5) + 1);
  let kept = 0;
  let singles = 0;
  for (let i = 0; i < n; i++) {
    const first = i === 0 || (keys !== null && keys[i] !== keys[i - 1]);
    if (first && (i === n - 1 || (keys !== null && keys[i + 1] !== keys[i]))) {
      singleTitles[title[i] >>> 5] |= 1 << (title[i] & 31);
      singles++;
      continue;
    }
    out.rank[kept] = rank[i];
    out.title[kept] = title[i];
    start[kept++] = first ? 1 : 0;
  }
  out.meta[0] = kept;
  out.meta[1] = singles;
}

/**
 * Each kept row's previous row of the same title in its prefix class, from `lastAt`,
 * each title's last row (16 MB at 10M rows); the number of rows that have one returned.
 * In a class of at most `fewRows` rows (a sixteenth of the titles), most rows are their
 * title's first there, and finding that out from `lastAt` would cost a cache miss: the
 * class's titles are marked in `seen` (one bit a title, cleared after the class), and
 * `lastAt` is read only for a title seen, or, in a class of at most `smallClass` rows, the
 * row looked for back from the row.
 */
function linkTitles(out: SortedPrefix, fewRows: number, smallClass: number, lastAt: Int32Array, seen: Int32Array): number {
  const { start, prev, title } = out;
  const rows = out.meta[0];
  let links = 0;
  lastAt.fill(-1);
  for (let from = 0, to = 0; from < rows; from = to) {
    for (to = from + 1; to < rows && start[to] === 0; to++);
    if (to - from > fewRows) {
      for (let i = from; i < to; i++) {
        const last = lastAt[title[i]];
        prev[i] = last >= from ? last : -1;
        links += last >= from ? 1 : 0;
        lastAt[title[i]] = i;
      }
      continue;
    }
    const small = to - from <= smallClass;
    for (let i = from; i < to; i++) {
      const t = title[i];
      const bit = 1 << (t & 31);
      let p = -1;
      if ((seen[t >>> 5] & bit) === 0) seen[t >>> 5] |= bit;
      else if (small) for (p = i - 1; title[p] !== t; p--);
      else p = lastAt[t];
      prev[i] = p;
      links += p >= 0 ? 1 : 0;
      if (!small) lastAt[t] = i;
    }
    for (let i = from; i < to; i++) seen[title[i] >>> 5] = 0;
  }
  return links;
}

/** The `count` links of `out` when they fit its room (`linkAt`: a buffer of a row's link index, one entry a row). */
function listLinks(out: SortedPrefix, count: number, linkAt: Int32Array): void {
  const { prev, links, linkPrev, linkPrevLink } = out;
  const rows = out.meta[0];
  if (count > linkPrev.length) {
    out.meta[2] = -1;
    return;
  }
  let j = 0;
  for (let i = 0; i < rows; i++) {
    const p = prev[i];
    if (p < 0) continue;
    linkAt[i] = j;
    links[j] = i;
    linkPrev[j] = p;
    linkPrevLink[j++] = prev[p] < 0 ? -1 : linkAt[p];
  }
  links[j] = rows;
  out.meta[2] = j;
}

/** A prefix to sort and where its rows go. */
export interface SortJob {
  parts: PrefixPart[];
  out: SortedPrefix;
}

let sorter: PrefixSorter | undefined;

/** The kernel (engine/kernels.ts): each thread sorts the next prefix not yet taken. */
export function sortPrefixes(a: { rows: OrderedRows; jobs: SortJob[] }, _t: number, _T: number, ctl: Int32Array): void {
  sorter ??= new PrefixSorter();
  for (let j = Atomics.add(ctl, CTL_NEXT, 1); j < a.jobs.length; j = Atomics.add(ctl, CTL_NEXT, 1)) sorter.sort(a.rows, a.jobs[j].parts, a.jobs[j].out);
}

/** Replaces each key by its dense number (first appearance) and returns how many there are. */
function renumber(wide: Float64Array): number {
  const d = densifyWith(wide, undefined);
  for (let i = 0; i < wide.length; i++) wide[i] = d.codes[i];
  return d.count;
}
