/**
 * Risk metrics over a partition. Keys and definitions, also in docs/metrics.md with a
 * worked example (n rows, u classes, f a row's class size, d the distinct titles in its
 * class, c the rows of its own title in its class):
 *
 *   unique_fraction        #{rows with f = 1} / n
 *   title_unique_fraction  #{rows with d = 1} / n        (one observation names the title)
 *   k_min                  min f
 *   prosecutor_avg         u / n = mean over rows of 1/f  (ARX's average prosecutor risk)
 *   prosecutor_max         1 / k_min
 *   at_risk_0_2            #{rows with 1/f > τ} / n, τ = 0.2 by default
 *   entropy_bits           −Σ_classes (f/n) log2(f/n)
 *   kappa                  mean over rows of c / f        (random pick from the class names the title)
 *   mean_class_titles      mean over rows of d
 *
 * plus one title-level metric:
 *   title_exposed_fraction share of titles with at least one item whose class holds no other title
 *
 * Example: rows with titles [A, A, B, C] in classes [0, 0, 0, 1] give f = [3,3,3,1],
 * d = [2,2,2,1], c = [2,2,1,1]: unique_fraction 1/4, title_unique_fraction 1/4,
 * kappa (2/3+2/3+1/3+1)/4 = 2/3, mean_class_titles 7/4, prosecutor_avg 2/4.
 */
import type { Catalog } from "../catalog/catalog.js";
import type { ClassStats } from "../engine/classStats.js";
import type { Partition } from "../engine/partition.js";
import { exposedTitleCount } from "../engine/exposedTitles.js";
import type { EngineOptions } from "../engine/pool.js";
import { UserError } from "../base/errors.js";
import { CompensatedSum } from "../base/compensatedSum.js";
import { SizeTotalsBuilder, type ClassSizeTotals } from "../engine/sizeTotals.js";

export const METRIC_KEYS = [
  "rows",
  "titles",
  "classes",
  "unique_fraction",
  "title_unique_fraction",
  "k_min",
  "prosecutor_avg",
  "prosecutor_max",
  "at_risk_0_2",
  "entropy_bits",
  "kappa",
  "mean_class_titles",
  "title_exposed_fraction",
] as const;
export type MetricKey = (typeof METRIC_KEYS)[number];
/** The fixed keys, plus `at_risk_<τ>` when another risk threshold is asked for. */
export type Metrics = Record<MetricKey, number> & Record<string, number>;

export interface MetricOptions {
  /** Also report the share of rows with 1/f > τ under the key at_risk_<τ> (0.1 → at_risk_0_1). */
  riskThreshold?: number;
}

export function atRiskKey(tau: number): string {
  return `at_risk_${String(tau).replace(".", "_")}`;
}

export interface HistogramBin {
  /** Inclusive class-size range. `max` is null for the open last bin. */
  min: number;
  max: number | null;
  classes: number;
  rows: number;
}

const BIN_EDGES = [1, 2, 3, 5, 10, 20, 50, 100, 1000];

/** Histogram bin of each size below the last edge, so the per-class loop is one lookup. */
const BIN_OF_SIZE = (() => {
  const last = BIN_EDGES[BIN_EDGES.length - 1];
  const out = new Uint8Array(last);
  for (let size = 1; size < last; size++) {
    let b = BIN_EDGES.length - 1;
    while (b > 0 && size < BIN_EDGES[b]) b--;
    out[size] = b;
  }
  return out;
})();

/** Metric options, and the engine's thread count for the one pass over rows (exposed titles). */
export function computeMetrics(catalog: Catalog, part: Partition, stats: ClassStats, options: MetricOptions & EngineOptions = {}): Metrics {
  return metricsFromClasses(
    {
      rows: catalog.rows,
      titles: catalog.titleNames.length,
      classSize: part.classSize,
      classCount: part.classCount,
      classTitles: stats.classTitles,
      classTitleSquares: stats.classTitleSquares,
      exposedTitles: () => exposedTitleCount(catalog, part, stats.classTitles, options),
    },
    options,
  );
}

/**
 * What the metrics need of a partition, class by class: sizes f, distinct titles d,
 * Σ c², and the number of titles with a row in some single-title class. They are
 * added up into class-size totals (engine/sizeTotals.ts) and finished there, so the
 * order of the classes does not matter: a search that rolls classes up from a finer
 * partition (tune), the row engine and a database all give bit-identical metrics.
 */
export interface ClassTotals {
  rows: number;
  titles: number;
  classCount: number;
  classSize: Int32Array;
  classTitles: Int32Array;
  classTitleSquares: Float64Array | Int32Array;
  /** Titles exposed by a single-title class (computed lazily: it may need a pass over rows). */
  exposedTitles: () => number;
}

export function metricsFromClasses(totals: ClassTotals, options: MetricOptions = {}): Metrics {
  riskThreshold(options);
  const builder = new SizeTotalsBuilder();
  builder.addClasses(totals.classCount, totals.classSize, totals.classTitles, totals.classTitleSquares);
  return metricsFromSizeTotals(builder.finish(0), totals.titles, options, totals.exposedTitles);
}

/**
 * Every metric from class-size totals, with the floating-point part done here, the
 * same way whichever engine counted. Per class size f there are m classes, g of them
 * with one title, Σ d and Σ c² over them (all exact integers), so:
 *
 *   rows n = Σ f·m        classes u = Σ m        singleton rows = m at f = 1
 *   title-unique rows = Σ f·g                     Σ f·d = Σ f·(Σ d)      (exact integers)
 *   entropy = −Σ m·(f/n)·log2(f/n)                kappa·n = Σ (Σ c²)/f   (floating point)
 *
 * The two floating sums run over the sizes in ascending order with Neumaier's
 * compensated summation (base/compensatedSum.ts): within an ulp or two of the exact sums.
 *
 * Example (titles [A, A, B, C] in classes [x, x, x, y]): sizes 1 (m 1, g 1, Σd 1, Σc² 1)
 * and 3 (m 1, g 0, Σd 2, Σc² 5) → n 4, u 2, unique_fraction 1/4, kappa (1 + 5/3)/4 = 2/3,
 * mean_class_titles (1 + 3·2)/4 = 7/4, as the example at the top of this file.
 */
export function metricsFromSizes(totals: ClassSizeTotals, titles: number, options: MetricOptions = {}): { metrics: Metrics; histogram: HistogramBin[] } {
  return { metrics: metricsFromSizeTotals(totals, titles, options, () => totals.exposedTitles), histogram: histogramOfSizes(totals.classSize, totals.classes) };
}

function metricsFromSizeTotals(totals: ClassSizeTotals, titles: number, options: MetricOptions, exposedTitles: () => number): Metrics {
  const tau = riskThreshold(options);
  const { classSize: f, classes: m, singleTitleClasses: g, titleSum: dSum, squareSum: sqSum } = totals;
  let n = 0;
  let u = 0;
  for (let i = 0; i < f.length; i++) {
    n += f[i] * m[i];
    u += m[i];
  }
  let singletonRows = 0;
  let titleUniqueRows = 0;
  let kMin = Infinity;
  let atRiskRows = 0;
  let atRiskTauRows = 0;
  let classTitleSum = 0;
  const entropy = new CompensatedSum();
  const kappa = new CompensatedSum();
  for (let i = 0; i < f.length; i++) {
    const size = f[i];
    if (size === 1) singletonRows += m[i];
    titleUniqueRows += size * g[i];
    if (size < kMin) kMin = size;
    if (1 / size > 0.2) atRiskRows += size * m[i];
    if (1 / size > tau) atRiskTauRows += size * m[i];
    const p = size / n;
    entropy.add(-(m[i] * (p * Math.log2(p))));
    kappa.add(sqSum[i] / size);
    classTitleSum += size * dSum[i];
  }
  return metricsFromSums({ rows: n, titles, classes: u, singletonRows, titleUniqueRows, kMin, atRiskRows, atRiskTauRows, entropy: entropy.value, kappaSum: kappa.value, classTitleSum, exposedTitles }, tau);
}

/**
 * What every metric is finished from: counts of rows and classes, and the three sums
 * over classes (entropy −Σ (f/n) log2(f/n), Σ c²/f, Σ f·d). `metricsFromClasses` adds
 * them up class by class; the SQL engine from class-size totals (measures/sql/).
 */
export interface ClassSums {
  rows: number;
  titles: number;
  classes: number;
  singletonRows: number;
  titleUniqueRows: number;
  /** Smallest class size (Infinity or 0 when there are no rows). */
  kMin: number;
  atRiskRows: number;
  /** Rows with 1/f > τ for the asked threshold τ. */
  atRiskTauRows: number;
  entropy: number;
  kappaSum: number;
  classTitleSum: number;
  exposedTitles: () => number;
}

export function metricsFromSums(sums: ClassSums, tau = 0.2): Metrics {
  const n = sums.rows;
  const kMin = n > 0 ? sums.kMin : 0;
  const metrics: Metrics = {
    rows: n,
    titles: sums.titles,
    classes: sums.classes,
    unique_fraction: ratio(sums.singletonRows, n),
    title_unique_fraction: ratio(sums.titleUniqueRows, n),
    k_min: kMin,
    prosecutor_avg: ratio(sums.classes, n),
    prosecutor_max: kMin > 0 ? 1 / kMin : 0,
    at_risk_0_2: ratio(sums.atRiskRows, n),
    entropy_bits: sums.entropy === 0 ? 0 : sums.entropy, // no "-0"
    kappa: ratio(sums.kappaSum, n),
    mean_class_titles: ratio(sums.classTitleSum, n),
    title_exposed_fraction: sums.titles > 0 ? sums.exposedTitles() / sums.titles : 0,
  };
  if (tau !== 0.2) metrics[atRiskKey(tau)] = ratio(sums.atRiskTauRows, n);
  return metrics;
}

/** Checks a risk threshold τ (the share of rows with 1/f > τ is reported). */
export function riskThreshold(options: MetricOptions): number {
  const tau = options.riskThreshold ?? 0.2;
  if (!(tau > 0 && tau <= 1)) throw new UserError(`risk threshold must be in (0, 1], got ${tau}`);
  return tau;
}

function ratio(a: number, b: number): number {
  return b > 0 ? a / b : 0;
}

/** Class-size histogram with bins 1, 2, 3–4, 5–9, 10–19, 20–49, 50–99, 100–999, 1000+. */
export function classSizeHistogram(part: Partition): HistogramBin[] {
  const f = part.classSize;
  const classes = new Float64Array(BIN_EDGES.length);
  const rows = new Float64Array(BIN_EDGES.length);
  const lastBin = BIN_EDGES.length - 1;
  const table = BIN_OF_SIZE;
  const tableSize = table.length;
  for (let c = 0; c < part.classCount; c++) {
    const size = f[c];
    const b = size < tableSize ? table[size] : lastBin;
    classes[b]++;
    rows[b] += size;
  }
  return histogramBins(classes, rows);
}

/** The same histogram from class sizes with their multiplicities (`count` classes of size `size[i]`). */
export function histogramOfSizes(size: ArrayLike<number>, count: ArrayLike<number>): HistogramBin[] {
  const classes = new Float64Array(BIN_EDGES.length);
  const rows = new Float64Array(BIN_EDGES.length);
  for (let i = 0; i < size.length; i++) {
    const b = size[i] < BIN_OF_SIZE.length ? BIN_OF_SIZE[size[i]] : BIN_EDGES.length - 1;
    classes[b] += count[i];
    rows[b] += size[i] * count[i];
  }
  return histogramBins(classes, rows);
}

function histogramBins(classes: Float64Array, rows: Float64Array): HistogramBin[] {
  return BIN_EDGES.map((min, i) => ({ min, max: i + 1 < BIN_EDGES.length ? BIN_EDGES[i + 1] - 1 : null, classes: classes[i], rows: rows[i] }));
}
