/**
 * A running sum of doubles with Neumaier's compensation: the rounding error of every
 * addition is carried and added back at the end, so the result is within about an ulp
 * of the exact sum whatever the order or the number of terms (a plain sum of n terms of
 * one sign drifts by up to (n − 1)·2⁻⁵³ relative). The metrics' two floating sums use it,
 * which is what lets the in-memory engine and the SQL engine — adding the same terms in
 * different orders and groupings — agree to 1e-12.
 *
 *   const s = new CompensatedSum(); s.add(1e16); s.add(1); s.add(-1e16); s.value // 1 (plainly: 0)
 */
export class CompensatedSum {
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
