/**
 * Applying a scheme part to a catalog: one bucket key per row (the hot path).
 *
 * Keys are integers wherever the generalizer allows, so the engine can group with integer
 * arithmetic: round/floor/log/quantile/ladder give bucket indexes, class a class index,
 * height the height; exact and sig give values. NaN means "not reported" (input missing).
 *
 *   bucketKeys({ attribute: "duration", generalizer: { kind: "round", width: 10 } }, catalog)
 *   // durations 14, 15, NaN ms → keys 1, 2, NaN (15 ties up to 20 = bucket 2)
 *
 * Boundary snapping: a value within 1e-13 (relative) below a bucket boundary counts as on
 * it. Decimal inputs then land where they are written (0.3 fps under floor(0.1) is bucket
 * 3, not 2 from 0.3/0.1 = 2.9999999999999996), and generalizers that nest on paper also
 * nest in floating point (floor, round and ladder all shift their boundaries the same way
 * in value space; log does the same in log space).
 *
 * Randomized generalizers (geom, rround) also depend on the item and the report: an
 * item's identity is its row index in the catalog (`KeyOptions.itemIds` overrides it, e.g.
 * for a subset of rows), and `evaluate` sees report 0. See noise.ts.
 */
import type { Catalog, NumericField } from "../catalog/catalog.js";
import { formatBitrate, formatDuration, formatFps, formatSize } from "../catalog/units.js";
import { NoiseStream, geomAlpha, twoSidedGeometric } from "./noise.js";
import { ATTRIBUTES, ATTRIBUTE_FIELDS, isRandomized, type Attribute, type Generalizer, type RandomizedGeneralizer, type Scheme, type SchemePart } from "./types.js";
import { lowerBound, upperBound } from "../base/bisect.js";

/** Relative tolerance of boundary snapping (see the module comment). */
export const SNAP = 1e-13;

/** Resolution classes, in key order (class key = index). */
export const RESOLUTION_CLASSES = ["SD", "720p", "1080p", "1440p", "4K", "8K"] as const;
const NOMINAL_WIDTH = [0, 1280, 1920, 2560, 3840, 7680];
const NOMINAL_HEIGHT = [0, 720, 1080, 1440, 2160, 4320];

/**
 * Resolution pairs pack into one integer key: width · 65536 + height, a missing
 * dimension as −1. Pixel dimensions are whole numbers below 65535 (16K is 15360×8640).
 */
export const PAIR_BASE = 65536;

/**
 * Class index of a resolution: the largest nominal class whose width ≥ 0.9 · nominal
 * width or height ≥ 0.9 · nominal height, else SD. Width catches letterbox crops
 * (1920×800 is 1080p), height catches narrow ones (1440×1080 is 1080p); the 10 % slack
 * absorbs crops such as 1904×1072. Portrait frames are classified by their long side
 * (1080×1920 is 1080p). A missing dimension is ignored; both missing → NaN.
 */
export function resolutionClass(width: number, height: number): number {
  if (width !== width && height !== height) return NaN;
  let long = width;
  let short = height;
  if (height > width) {
    long = height;
    short = width;
  }
  for (let c = NOMINAL_WIDTH.length - 1; c >= 1; c--) {
    if (long >= 0.9 * NOMINAL_WIDTH[c] || short >= 0.9 * NOMINAL_HEIGHT[c]) return c;
  }
  return 0;
}

/** ln(1 + P/100): the width of one log bucket in log space. */
export function logBase(percent: number): number {
  return Math.log1p(percent / 100);
}

/**
 * Key of the x ≤ 0 bucket under log(P%): one below the index of the smallest positive
 * double, so it never collides with a real bucket and stays a small integer.
 */
export function logZeroKey(percent: number): number {
  return Math.floor(Math.log(Number.MIN_VALUE) / logBase(percent)) - 1;
}

/** 10^k for k = 0..308, each the double nearest to the decimal (10 ** k can be off by an ulp). */
const POW10 = Array.from({ length: 309 }, (_, k) => Number(`1e${k}`));

/** x rounded half up (on magnitude) to `digits` significant digits. */
export function roundSignificant(x: number, digits: number): number {
  if (x === 0 || !Number.isFinite(x)) return x;
  const a = Math.abs(x);
  // scale a into [10^(digits-1), 10^digits) by a power of ten (exact up to 1e22), rounding once
  let p = digits - 1 - Math.floor(Math.log10(a));
  if (p > 308 || p < -308) return x; // beyond any media quantity
  let y = p >= 0 ? a * POW10[p] : a / POW10[-p];
  // log10 can be off by one next to powers of ten
  if (y >= POW10[digits] && p > -308) {
    p--;
    y = p >= 0 ? a * POW10[p] : a / POW10[-p];
  } else if (y < POW10[digits - 1] && p < 308) {
    p++;
    y = p >= 0 ? a * POW10[p] : a / POW10[-p];
  }
  const m = Math.floor(y + 0.5 + SNAP * y);
  // a whole number m divided by an exact power of ten gives the double nearest the decimal
  const v = p >= 0 ? m / POW10[p] : m * POW10[-p];
  return x < 0 ? -v : v;
}

/**
 * Thresholds of `k` equal-frequency buckets over the non-missing values (bucket key =
 * number of thresholds ≤ x). Each cut sits at a change of value, whichever of the two
 * nearest to the ideal position is closer, so equal values never split.
 */
export function fitQuantileThresholds(values: Float64Array, k: number): Float64Array {
  let n = 0;
  for (let i = 0; i < values.length; i++) if (values[i] === values[i]) n++;
  const sorted = new Float64Array(n);
  for (let i = 0, j = 0; i < values.length; i++) if (values[i] === values[i]) sorted[j++] = values[i];
  sorted.sort();
  const out: number[] = [];
  for (let j = 1; j < k; j++) {
    const pos = Math.round((j * n) / k);
    if (pos <= 0 || pos >= n) continue;
    const v = sorted[pos];
    const left = lowerBound(sorted, v); // first index holding v
    const right = upperBound(sorted, v); // first index past v
    let cut: number;
    if (left > 0 && (right >= n || pos - left <= right - pos)) cut = left;
    else if (right < n) cut = right;
    else continue;
    const t = sorted[cut];
    if (out.length === 0 || t > out[out.length - 1]) out.push(t);
  }
  return Float64Array.from(out);
}

/**
 * floor(x / w) with boundary snapping. For a subnormal negative x, x / w underflows to −0;
 * its bucket is still −1. Keys never come out as −0 (the engine may hash the bits).
 */
function floorIndex(x: number, w: number): number {
  const r = x / w;
  const k = Math.floor(r + SNAP * Math.abs(r));
  return k === 0 && x < 0 ? -1 : k + 0;
}

/** Bucket keys of a scalar generalizer over one column (NaN in, NaN out). */
export function scalarKeys(g: Generalizer, col: Float64Array): Float64Array {
  const n = col.length;
  const out = new Float64Array(n);
  switch (g.kind) {
    case "exact":
      for (let i = 0; i < n; i++) out[i] = col[i] + 0; // + 0 turns −0 into 0
      break;
    case "round": {
      const w = g.width;
      for (let i = 0; i < n; i++) {
        const r = col[i] / w;
        out[i] = Math.floor(r + 0.5 + SNAP * Math.abs(r));
      }
      break;
    }
    case "floor": {
      const w = g.width;
      for (let i = 0; i < n; i++) out[i] = floorIndex(col[i], w);
      break;
    }
    case "sig": {
      const d = g.digits;
      for (let i = 0; i < n; i++) out[i] = roundSignificant(col[i], d) + 0;
      break;
    }
    case "log": {
      const base = logBase(g.percent);
      const zero = logZeroKey(g.percent);
      for (let i = 0; i < n; i++) {
        const x = col[i];
        if (x > 0) {
          const r = Math.log(x) / base;
          out[i] = Math.floor(r + SNAP * Math.abs(r));
        } else {
          out[i] = x === x ? zero : NaN;
        }
      }
      break;
    }
    case "quantile": {
      const t = fitQuantileThresholds(col, g.k);
      for (let i = 0; i < n; i++) {
        const x = col[i];
        out[i] = x === x ? upperBound(t, x) : NaN;
      }
      break;
    }
    case "ladder": {
      const t = Float64Array.from(g.thresholds);
      for (let i = 0; i < n; i++) {
        const x = col[i];
        out[i] = x === x ? upperBound(t, x + SNAP * Math.abs(x)) - 1 : NaN;
      }
      break;
    }
    case "class":
    case "height":
      throw new Error(`${g.kind} applies to resolution only`);
    case "geom":
    case "rround":
      throw new Error(`${g.kind} is randomized: use randomizedKeys`);
  }
  return out;
}

/** Which item and which report the keys are for (randomized generalizers only). */
export interface KeyOptions {
  /** Report number, 0-based; memoized noise ignores it. Default 0 (one report per item). */
  reportIndex?: number;
  /** Item identity of row 0 when the rows are a chunk of a larger catalog (default 0). */
  firstItem?: number;
  /** Explicit item identity per row (overrides firstItem): non-negative safe integers. */
  itemIds?: ArrayLike<number>;
}

/**
 * Keys of a randomized generalizer: geom gives round(x/W) + Z, rround gives floor(x/W)
 * or one more with probability frac(x/W). Row i is item `itemIds[i]` (default
 * firstItem + i); the noise is a pure function of (seed, attribute, item, report).
 */
export function randomizedKeys(g: RandomizedGeneralizer, attribute: Attribute, col: Float64Array, options: KeyOptions = {}): Float64Array {
  const n = col.length;
  const out = new Float64Array(n);
  const report = g.mode === "memo" ? 0 : (options.reportIndex ?? 0);
  if (!Number.isInteger(report) || report < 0 || report > 0x7fffffff) throw new RangeError(`reportIndex must be a whole number in 0..2^31-1, got ${report}`);
  const first = options.firstItem ?? 0;
  const ids = options.itemIds;
  if (ids && ids.length !== n) throw new RangeError(`itemIds has ${ids.length} entries for ${n} rows`);
  const stream = new NoiseStream(g.seed, ATTRIBUTES.indexOf(attribute));
  const w = g.width;
  if (g.kind === "geom") {
    const alpha = geomAlpha(g.scale);
    for (let i = 0; i < n; i++) {
      const r = col[i] / w;
      if (r !== r) {
        out[i] = NaN;
        continue;
      }
      const item = ids ? ids[i] : first + i;
      out[i] = Math.floor(r + 0.5 + SNAP * Math.abs(r)) + twoSidedGeometric(stream, item, report, alpha) + 0;
    }
  } else {
    for (let i = 0; i < n; i++) {
      const x = col[i];
      if (x !== x) {
        out[i] = NaN;
        continue;
      }
      const k = floorIndex(x, w);
      const frac = x / w - k;
      // a value on the grid (frac ≤ 0 after snapping) is reported as is: no draw can move it
      const item = ids ? ids[i] : first + i;
      out[i] = frac > 0 && stream.uniform(item, report, 0) < frac ? k + 1 : k;
    }
  }
  return out;
}

/** Bucket keys of a resolution generalizer over the width and height columns. */
export function resolutionKeys(g: Generalizer, width: Float64Array, height: Float64Array): Float64Array {
  const n = height.length;
  const out = new Float64Array(n);
  switch (g.kind) {
    case "exact":
      for (let i = 0; i < n; i++) {
        const w = width[i];
        const h = height[i];
        out[i] = w !== w && h !== h ? NaN : (w === w ? w : -1) * PAIR_BASE + (h === h ? h : -1) + 0;
      }
      break;
    case "round":
    case "floor": {
      const s = g.width;
      const half = g.kind === "round" ? 0.5 : 0;
      for (let i = 0; i < n; i++) {
        const w = width[i] / s;
        const h = height[i] / s;
        const iw = w === w ? Math.floor(w + half + SNAP * Math.abs(w)) : -1;
        const ih = h === h ? Math.floor(h + half + SNAP * Math.abs(h)) : -1;
        out[i] = w !== w && h !== h ? NaN : iw * PAIR_BASE + ih;
      }
      break;
    }
    case "class":
      for (let i = 0; i < n; i++) out[i] = resolutionClass(width[i], height[i]);
      break;
    case "height":
      for (let i = 0; i < n; i++) out[i] = height[i] + 0;
      break;
    default:
      throw new Error(`${g.kind} does not apply to resolution`);
  }
  return out;
}

/**
 * One key per row for one scheme part; a column the catalog lacks gives all NaN (not
 * reported). `options` only matter for randomized generalizers.
 */
export function bucketKeys(part: SchemePart, catalog: Catalog, options: KeyOptions = {}): Float64Array {
  const n = catalog.rows;
  const missing = () => new Float64Array(n).fill(NaN);
  if (part.attribute === "resolution") {
    const { width, height } = catalog.numeric;
    if (!width && !height) return missing();
    return resolutionKeys(part.generalizer, width ?? missing(), height ?? missing());
  }
  const col = catalog.numeric[ATTRIBUTE_FIELDS[part.attribute][0]];
  if (!col) return missing();
  const g = part.generalizer;
  return isRandomized(g) ? randomizedKeys(g, part.attribute, col, options) : scalarKeys(g, col);
}

/** The catalog fields a scheme reads, in scheme order. */
export function requiredFields(scheme: Scheme): NumericField[] {
  const out: NumericField[] = [];
  for (const part of scheme.parts) {
    const fields: readonly NumericField[] = part.attribute === "resolution" && part.generalizer.kind === "height" ? ["height"] : ATTRIBUTE_FIELDS[part.attribute];
    for (const f of fields) if (!out.includes(f)) out.push(f);
  }
  return out;
}

const VALUE_FORMAT: Record<Exclude<Attribute, "resolution">, (x: number, decimals?: number) => string> = {
  duration: (ms) => formatDuration(ms),
  bitrate: formatBitrate,
  size: formatSize,
  fps: formatFps,
};

const VALUE_DECIMALS = 9;

/** Inverse of the pair packing; a component of −1 (missing) comes back as NaN. */
export function unpackPair(key: number): [number, number] {
  let b = ((key % PAIR_BASE) + PAIR_BASE) % PAIR_BASE;
  let a = (key - b) / PAIR_BASE;
  if (b === PAIR_BASE - 1) {
    // height −1 borrowed from the width: w · 65536 − 1 = (w − 1) · 65536 + 65535
    a += 1;
    b = -1;
  }
  return [a < 0 ? NaN : a, b < 0 ? NaN : b];
}

function pairLabel(w: number, h: number): string {
  return `${w === w ? w : "?"}×${h === h ? h : "?"}`;
}

/**
 * A human-readable representative of one bucket, for reports: the rounded value for
 * round/sig/exact (`1:32:00`, `5.6 Mbps`), a range for floor/log/ladder, the class name
 * (`1080p`), the pair (`1920×800`); quantile buckets are numbered (`Q3/10`) because their
 * bounds depend on the catalog. NaN is "not reported".
 */
export function bucketLabel(part: SchemePart, key: number): string {
  if (key !== key) return "not reported";
  const g = part.generalizer;
  if (part.attribute === "resolution") {
    switch (g.kind) {
      case "class":
        return RESOLUTION_CLASSES[key] ?? String(key);
      case "height":
        return `${key}p`;
      case "exact": {
        const [w, h] = unpackPair(key);
        return pairLabel(w, h);
      }
      case "round": {
        const [w, h] = unpackPair(key);
        return pairLabel(w * g.width, h * g.width);
      }
      case "floor": {
        const [w, h] = unpackPair(key);
        const range = (i: number) => (i === i ? `${i * g.width}–${(i + 1) * g.width - 1}` : "?");
        return `${range(w)}×${range(h)}`;
      }
      default:
        return String(key);
    }
  }
  const format = VALUE_FORMAT[part.attribute];
  // enough decimals that distinct buckets get distinct labels, except for log's irrational edges
  const fmt = (x: number) => format(x, g.kind === "log" ? undefined : VALUE_DECIMALS);
  const range = (lo: number, hi: number) => `${fmt(lo)}–${fmt(hi)}`;
  switch (g.kind) {
    case "exact":
    case "sig":
      return fmt(key);
    case "round":
    case "geom":
    case "rround":
      // the reported value: the noisy grid point
      return fmt(key * g.width);
    case "floor":
      return range(key * g.width, (key + 1) * g.width);
    case "log": {
      if (key === logZeroKey(g.percent)) return "≤ 0";
      const b = 1 + g.percent / 100;
      return range(b ** key, b ** (key + 1));
    }
    case "quantile":
      return `Q${key + 1}/${g.k}`;
    case "ladder": {
      const t = g.thresholds;
      if (key < 0) return `< ${fmt(t[0])}`;
      if (key >= t.length - 1) return `≥ ${fmt(t[t.length - 1])}`;
      return range(t[key], t[key + 1]);
    }
    default:
      return String(key);
  }
}
