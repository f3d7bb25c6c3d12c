/**
 * A small seeded PRNG for the synthetic generators: sfc32 (Chris Doty-Humphrey's
 * "small fast chaotic" generator, PractRand-clean) seeded through splitmix32.
 *
 * Only 32-bit integer operations (`Math.imul`, `>>>`) touch the state, so the
 * stream is identical on every platform and Node version. Normals come from the
 * inverse normal CDF (Acklam's rational approximation): plain arithmetic in the
 * central 95 %, `Math.log`/`Math.sqrt` only in the tails — V8 implements those
 * itself (fdlibm port), so they agree across platforms too.
 *
 *   const rng = new Rng(1);
 *   rng.next();       // uniform in (0, 1)
 *   rng.int(6);       // 0..5
 *   rng.normal();     // standard normal
 */

const TWO_POW_32 = 4294967296;

/** splitmix32 step: turns any seed (even 0 or 1) into well-mixed state words. */
function splitmix32(state: { s: number }): number {
  state.s = (state.s + 0x9e3779b9) | 0;
  let z = state.s;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

export class Rng {
  /**
   * sfc32 state a, b, c, d. Kept in a typed array: as plain fields, 32-bit values
   * outside V8's small-integer range are boxed on every write, which made the
   * generator 4× slower and kept the garbage collector busy.
   */
  private readonly st = new Int32Array(4);

  /**
   * @param seed any safe integer (its high and low 32 bits both count)
   * @param stream an independent sub-stream number, so one seed can feed several
   *   generators whose draws do not shift when another one draws more
   */
  constructor(seed: number, stream = 0) {
    if (!Number.isSafeInteger(seed)) throw new RangeError(`Rng seed must be a safe integer, got ${seed}`);
    const hi = Math.floor(seed / TWO_POW_32) | 0;
    const lo = seed | 0;
    const sm = { s: lo ^ Math.imul(hi, 0x27d4eb2d) ^ Math.imul(stream + 1, 0x165667b1) };
    for (let i = 0; i < 4; i++) this.st[i] = splitmix32(sm);
    // Discard the first outputs: sfc32's authors recommend a short warm-up.
    for (let i = 0; i < 12; i++) this.nextUint32();
  }

  /** A uniform 32-bit unsigned integer. */
  nextUint32(): number {
    const st = this.st;
    const a = st[0], b = st[1], c = st[2], d = st[3];
    const t = (((a + b) | 0) + d) | 0;
    st[3] = (d + 1) | 0;
    st[0] = b ^ (b >>> 9);
    st[1] = (c + (c << 3)) | 0;
    st[2] = (((c << 21) | (c >>> 11)) + t) | 0;
    return t >>> 0;
  }

  /**
   * Uniform on the 2³² midpoints (k + ½)/2³²: inside [0, 1) and never 0 or 1, so
   * `log` and the normal quantile of a draw are always finite.
   */
  next(): number {
    return (this.nextUint32() + 0.5) / TWO_POW_32;
  }

  /**
   * Fill `out` with uniforms, as `next()` would draw them. Hot loops draw a fixed block per item this
   * way: no call per draw (a double returned from a call V8 did not inline is a
   * heap allocation), and every item consumes the same number of draws, so a
   * branch taken or not never shifts the stream for the items after it.
   */
  fill(out: Float64Array): void {
    const st = this.st;
    let a = st[0], b = st[1], c = st[2], d = st[3];
    for (let i = 0; i < out.length; i++) {
      const t = (((a + b) | 0) + d) | 0;
      d = (d + 1) | 0;
      a = b ^ (b >>> 9);
      b = (c + (c << 3)) | 0;
      c = (((c << 21) | (c >>> 11)) + t) | 0;
      out[i] = ((t >>> 0) + 0.5) / TWO_POW_32;
    }
    st[0] = a;
    st[1] = b;
    st[2] = c;
    st[3] = d;
  }

  /** Uniform in [lo, hi). */
  uniform(lo: number, hi: number): number {
    return lo + (hi - lo) * this.next();
  }

  /** Uniform integer in 0..n-1 (n ≤ 2³²; bias below n/2³², irrelevant here). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** True with probability p. */
  bernoulli(p: number): boolean {
    return this.next() < p;
  }

  /** Standard normal: one uniform through the normal quantile. */
  normal(): number {
    return normalQuantile(this.next());
  }

  /** Lognormal with the given median and log-space standard deviation. */
  lognormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal());
  }

  /** Index drawn from a cumulative weight table (see `cumulative`). */
  pick(cdf: Float64Array): number {
    const u = this.next() * cdf[cdf.length - 1];
    let i = 0;
    while (i < cdf.length - 1 && u >= cdf[i]) i++;
    return i;
  }

  /** One element of `items`, uniformly. */
  choice<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }
}

/** Running sums of weights, for `Rng.pick` (weights need not sum to 1). */
export function cumulative(weights: readonly number[]): Float64Array {
  const out = new Float64Array(weights.length);
  let s = 0;
  for (let i = 0; i < weights.length; i++) {
    if (!(weights[i] >= 0)) throw new RangeError(`weight ${i} is ${weights[i]}; weights must be ≥ 0`);
    s += weights[i];
    out[i] = s;
  }
  if (!(s > 0)) throw new RangeError("weights sum to 0");
  return out;
}

// Acklam's coefficients (P. J. Acklam, "An algorithm for computing the inverse
// normal cumulative distribution function", 2003): relative error < 1.15e-9.
const A1 = -3.969683028665376e1, A2 = 2.209460984245205e2, A3 = -2.759285104469687e2;
const A4 = 1.38357751867269e2, A5 = -3.066479806614716e1, A6 = 2.506628277459239;
const B1 = -5.447609879822406e1, B2 = 1.615858368580409e2, B3 = -1.556989798598866e2;
const B4 = 6.680131188771972e1, B5 = -1.328068155288572e1;
const C1 = -7.784894002430293e-3, C2 = -3.223964580411365e-1, C3 = -2.400758277161838;
const C4 = -2.549732539343734, C5 = 4.374664141464968, C6 = 2.938163982698783;
const D1 = 7.784695709041462e-3, D2 = 3.224671290700398e-1, D3 = 2.445134137142996, D4 = 3.754408661907416;
const P_LOW = 0.02425;

/**
 * The standard normal quantile Φ⁻¹(p) for p in (0, 1), to ~1e-9 relative error.
 * One uniform in, one normal out — no rejection loop and no trigonometry, so hot
 * loops can draw a fixed number of uniforms per item.
 *
 *   normalQuantile(0.975)  // 1.959963…
 */
export function normalQuantile(p: number): number {
  // The tails live in their own function so this one stays small enough for V8 to
  // inline into hot loops (a double returned from a real call is a heap allocation).
  if (p < P_LOW || p > 1 - P_LOW) return normalTail(p);
  const q = p - 0.5;
  const r = q * q;
  return ((((((A1 * r + A2) * r + A3) * r + A4) * r + A5) * r + A6) * q) / (((((B1 * r + B2) * r + B3) * r + B4) * r + B5) * r + 1);
}

function normalTail(p: number): number {
  const upper = p > 0.5;
  const q = Math.sqrt(-2 * Math.log(upper ? 1 - p : p));
  const z = (((((C1 * q + C2) * q + C3) * q + C4) * q + C5) * q + C6) / ((((D1 * q + D2) * q + D3) * q + D4) * q + 1);
  return upper ? -z : z;
}
