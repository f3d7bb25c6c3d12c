/**
 * Every metric from class-size totals — the counts a database returns (engine/sql/
 * classQueries.ts) — with the floating-point part done here, in JS, the same way
 * whichever engine counted. Per class size f there are m classes, g of them with one
 * title, Σ d and Σ c² over them (all exact integers), so:
 *
 *   rows n = Σ f·m        classes u = Σ m        singleton rows = m at f = 1
 *   title-unique rows = Σ f·g                     Σ f·d = Σ f·(Σ d)      (exact integers)
 *   entropy = −Σ m·(f/n)·log2(f/n)                kappa·n = Σ (Σ c²)/f   (floating point)
 *
 * The two floating sums run over the sizes in ascending order with Neumaier's
 * compensated summation, so they are within an ulp or two of the exact sums. The
 * in-memory engine adds the same terms class by class in plain floating point; its
 * error is at most (classes − 1)·ε relative (the terms share one sign) and in practice
 * about √classes·ε, so the two agree far inside 1e-12 relative (docs/warehouse.md).
 *
 * Example (titles [A, A, B, C] in classes [x, x, x, y]): sizes 1 (m 1, g 1, Σd 1, Σc² 1)
 * and 3 (m 1, g 0, Σd 2, Σc² 5) → n 4, u 2, unique_fraction 1/4, kappa (1 + 5/3)/4 = 2/3,
 * mean_class_titles (1 + 3·2)/4 = 7/4, as metrics.ts's own example.
 */
import type { ClassSizeTotals } from "../../engine/sql/sizeTotals.js";
import { histogramOfSizes, metricsFromSums, riskThreshold, type HistogramBin, type MetricOptions, type Metrics } from "../metrics.js";

/** A running sum with Neumaier's compensation (Σ of doubles within ~1 ulp of the exact sum). */
class CompensatedSum {
  private sum = 0;
  private carry = 0;
  add(x: number): void {
    const t = this.sum + x;
    this.carry += Math.abs(this.sum) >= Math.abs(x) ? this.sum - t + x : x - t + this.sum;
    this.sum = t;
  }
  get value(): number {
    return this.sum + this.carry;
  }
}

export function metricsFromSizes(totals: ClassSizeTotals, titles: number, options: MetricOptions = {}): { metrics: Metrics; histogram: HistogramBin[] } {
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
  const metrics = metricsFromSums(
    {
      rows: n,
      titles,
      classes: u,
      singletonRows,
      titleUniqueRows,
      kMin,
      atRiskRows,
      atRiskTauRows,
      entropy: entropy.value,
      kappaSum: kappa.value,
      classTitleSum,
      exposedTitles: () => totals.exposedTitles,
    },
    tau,
  );
  return { metrics, histogram: histogramOfSizes(f, m) };
}
