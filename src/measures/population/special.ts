/**
 * Special functions the population estimators need, in double precision:
 *
 * - `logGamma(x)`: ln Γ(x) for x > 0, Lanczos' approximation (g = 7, 9 terms; relative
 *   error about 1e−15), with the reflection formula below ½.
 * - `recipSum(z, m)`: Σ_{i=0}^{m−1} 1/(z + i) = ψ(z + m) − ψ(z) for z > 0 and an integer
 *   m ≥ 0, in O(1): short sums are added directly; long ones shift z up to 16 by the
 *   recurrence ψ(z + 1) = ψ(z) + 1/z and then take the difference of the asymptotic series
 *   ψ(y) = ln y − 1/(2y) − Σ_k B_{2k} / (2k·y^{2k}) term by term, each difference written
 *   without cancellation (ln → log1p(m/z)). The pieces' truncation error is below 1e−16
 *   for y ≥ 16. Example: recipSum(1, 3) = 1 + 1/2 + 1/3 = 11/6.
 * - `normalCdf(z)`: Φ(z), Hart's algorithm 5666 as used in Genz's multivariate normal
 *   code (absolute error about 1e−15; in the lower tail, which is computed directly and
 *   never as 1 − something, relative error below 1e−8 down to z = −37, where it flushes to 0).
 * - `normalQuantileRefined(p)`: Φ⁻¹(p), Acklam's approximation (base/random.ts, relative
 *   error 1.15e−9) polished by one Halley step against `normalCdf` (no step beyond
 *   |x| = 37, where `normalCdf` is flushed to 0).
 */
import { normalQuantile } from "../../base/random.js";

const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905,
  -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];
const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

/** ln Γ(x), x > 0 (reflection for x < ½ keeps it accurate near 0). */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  const y = x - 1;
  let a = LANCZOS[0];
  const t = y + 7.5;
  for (let i = 1; i < 9; i++) a += LANCZOS[i] / (y + i);
  return HALF_LOG_2PI + (y + 0.5) * Math.log(t) - t + Math.log(a);
}

/** B_{2k}/(2k) for k = 1..6: the asymptotic series of ψ. */
const PSI_SERIES = [1 / 12, -1 / 120, 1 / 252, -1 / 240, 1 / 132, -691 / 32760];
const DIRECT_TERMS = 32;
const ASYMPTOTIC_FROM = 16;

/** Σ_{i=0}^{m−1} 1/(z + i) for z > 0 and integer m ≥ 0. */
export function recipSum(z: number, m: number): number {
  let acc = 0;
  if (m <= DIRECT_TERMS) {
    for (let i = 0; i < m; i++) acc += 1 / (z + i);
    return acc;
  }
  while (z < ASYMPTOTIC_FROM && m > 0) {
    acc += 1 / z;
    z += 1;
    m -= 1;
  }
  if (m <= DIRECT_TERMS) {
    for (let i = 0; i < m; i++) acc += 1 / (z + i);
    return acc;
  }
  const y = z + m;
  // ψ(y) − ψ(z) = ln(y/z) − (1/(2y) − 1/(2z)) − Σ_k c_k (y^−2k − z^−2k)
  let d = Math.log1p(m / z) + m / (2 * z * y);
  const iz2 = 1 / (z * z);
  const iy2 = 1 / (y * y);
  let pz = 1;
  let py = 1;
  for (const c of PSI_SERIES) {
    pz *= iz2;
    py *= iy2;
    d -= c * (py - pz);
  }
  return acc + d;
}

const P = [220.2068679123761, 221.2135961699311, 112.0792914978709, 33.912866078383, 6.37396220353165, 0.7003830644436881, 0.03526249659989109];
const Q = [
  440.4137358247522, 793.8265125199484, 637.3336333788311, 296.5642487796737, 86.78073220294608, 16.06417757920695, 1.755667163182642,
  0.08838834764831844,
];
const SQRT_2PI = Math.sqrt(2 * Math.PI);

/** Φ(z), the standard normal distribution function. */
export function normalCdf(z: number): number {
  const a = Math.abs(z);
  let p: number;
  if (a > 37) {
    p = 0;
  } else {
    const e = Math.exp(-0.5 * a * a);
    if (a < 7.071067811865475) {
      const num = ((((((P[6] * a + P[5]) * a + P[4]) * a + P[3]) * a + P[2]) * a + P[1]) * a + P[0]);
      const den = (((((((Q[7] * a + Q[6]) * a + Q[5]) * a + Q[4]) * a + Q[3]) * a + Q[2]) * a + Q[1]) * a + Q[0]);
      p = (e * num) / den;
    } else {
      p = e / (a + 1 / (a + 2 / (a + 3 / (a + 4 / (a + 0.65))))) / SQRT_2PI;
    }
  }
  return z > 0 ? 1 - p : p;
}

/** Mass of N(0, 1) on [a, b], computed in the tail where it is small (no 1 − 1 cancellation). */
export function normalMass(a: number, b: number): number {
  if (!(b > a)) return 0;
  if (a >= 0) return normalCdf(-a) - normalCdf(-b);
  if (b <= 0) return normalCdf(b) - normalCdf(a);
  return 1 - normalCdf(a) - normalCdf(-b);
}

/** φ(z), the standard normal density. */
export function normalPdf(z: number): number {
  return Math.exp(-0.5 * z * z) / SQRT_2PI;
}

/** Φ⁻¹(p) to about 1e−15 relative (1e−9 for p < 5.7e−300); ±Infinity at 0 and 1. */
export function normalQuantileRefined(p: number): number {
  if (p <= 0) return -Infinity;
  if (p >= 1) return Infinity;
  const x = normalQuantile(p);
  // Beyond |x| = 37 (p below 5.7e−300) normalCdf is flushed to 0, so a step would only
  // move x away (and give NaN for subnormal p): Acklam's value stands there.
  if (!(Math.abs(x) <= 37)) return x;
  // Halley: e = Φ(x) − p, u = e / φ(x), x ← x − u / (1 + x·u/2). Use the tail of the
  // smaller side so the error e keeps its relative accuracy.
  const e = p < 0.5 ? normalCdf(x) - p : (1 - p) - normalCdf(-x);
  const u = e * SQRT_2PI * Math.exp(0.5 * x * x);
  return x - u / (1 + 0.5 * x * u);
}
