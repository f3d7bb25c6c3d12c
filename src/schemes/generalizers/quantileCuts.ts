/**
 * quantile(K)'s cut rule, fed the distinct values in ascending order with their counts
 * (runs of equal values), so the same rule fits thresholds on a sorted column in memory
 * and on a `GROUP BY x ORDER BY x` streamed from a database, without holding the rows.
 *
 * For j = 1 … K−1 the ideal position is pos = round(jn/K) (0-based, among the n sorted
 * non-missing values). The run [left, right) holding pos has value v; the cut goes to the
 * nearer change of value: at `left` (threshold v) when left > 0 and pos − left ≤ right − pos
 * (or v's run is the last), else at `right` (threshold = the next run's value). A position
 * at 0 or n, or a cut with no value past it, adds nothing; equal thresholds collapse.
 *
 *   runs 1×1, 2×1, …, 8×1 (n = 8), K = 4: pos 2, 4, 6 fall on runs starting there →
 *   thresholds 3, 5, 7 (keys of 1…8: 0 0 1 1 2 2 3 3)
 *   runs 5×3, 9×1 (n = 4), K = 2: pos 2 lies in 5's run [0, 3); left = 0, so the cut
 *   goes right → threshold 9
 */
export class QuantileCuts {
  private readonly positions: number[] = [];
  private next = 0;
  /** Positions whose cut is the next run's value. */
  private waiting = 0;
  private seen = 0;
  private readonly out: number[] = [];

  /** `n` non-missing values in all, cut into `k` equal-frequency buckets. */
  constructor(
    private readonly n: number,
    k: number,
  ) {
    for (let j = 1; j < k; j++) {
      const pos = Math.round((j * n) / k);
      if (pos > 0 && pos < n) this.positions.push(pos);
    }
  }

  /** The next run: `count` copies of `value`, larger than every value pushed before. */
  push(value: number, count: number): void {
    for (; this.waiting > 0; this.waiting--) this.emit(value);
    const left = this.seen;
    const right = left + count;
    this.seen = right;
    const p = this.positions;
    for (; this.next < p.length && p[this.next] < right; this.next++) {
      const pos = p[this.next];
      if (left > 0 && (right >= this.n || pos - left <= right - pos)) this.emit(value);
      else if (right < this.n) this.waiting++;
    }
  }

  /** The thresholds, ascending (key of x = how many are ≤ x). */
  finish(): Float64Array {
    if (this.seen !== this.n) throw new Error(`quantile cuts were promised ${this.n} values but got ${this.seen}`);
    return Float64Array.from(this.out);
  }

  private emit(t: number): void {
    if (this.out.length === 0 || t > this.out[this.out.length - 1]) this.out.push(t);
  }
}
