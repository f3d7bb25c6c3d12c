/**
 * Counter-based noise for randomized generalizers: every draw is a pure function of
 * (seed, attribute, item, report, counter), hashed into uniform bits. No sequential RNG
 * is consumed, so keys do not depend on row order, on how rows are chunked, or on which
 * other items were reported — and the same seed gives byte-identical keys.
 *
 *   const s = new NoiseStream(7, 0);                 // seed 7, attribute 0 (duration)
 *   s.uniform(42, 0, 0);                            // item 42, report 0, draw 0 → in (0, 1)
 *   twoSidedGeometric(s, 42, 0, Math.exp(-1 / 5));  // discrete Laplace with scale 5
 *
 * Hash: MurmurHash3_x86_32 over the words (seed lo, seed hi, attribute, item lo, item hi,
 * report, counter) — the block and finalization steps of Appleby's reference
 * (aappleby/smhasher src/MurmurHash3.cpp). Its avalanche is good enough for simulation;
 * it is NOT a cryptographic source, so these mechanisms model noise for measurement and
 * are not a deployable DP implementation (that would need crypto randomness; Mironov 2012).
 */

const C1 = 0xcc9e2d51;
const C2 = 0x1b873593;
const TWO_POW_32 = 4294967296;
const TWO_POW_53 = 9007199254740992;

function mixBlock(h: number, k: number): number {
  k = Math.imul(k, C1);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, C2);
  h ^= k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

function finalize(h: number, words: number): number {
  h ^= words * 4;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Low and high 32-bit words of a non-negative safe integer. */
function lo32(x: number): number {
  return x % TWO_POW_32 | 0;
}
function hi32(x: number): number {
  return Math.floor(x / TWO_POW_32) | 0;
}

/** Noise source for one (seed, attribute stream). */
export class NoiseStream {
  /** Hash state after absorbing the seed and the stream. */
  private readonly prefix: number;

  /**
   * @param seed a non-negative safe integer (all 53 bits count)
   * @param stream keeps attributes independent under one seed (the attribute's index)
   */
  constructor(seed: number, stream: number) {
    if (!Number.isSafeInteger(seed) || seed < 0) throw new RangeError(`noise seed must be a non-negative safe integer, got ${seed}`);
    let h = mixBlock(0, lo32(seed));
    h = mixBlock(h, hi32(seed));
    this.prefix = mixBlock(h, stream | 0);
  }

  /** Uniform 32-bit word number `counter` for (item, report). */
  word(item: number, report: number, counter: number): number {
    let h = mixBlock(this.prefix, lo32(item));
    h = mixBlock(h, hi32(item));
    h = mixBlock(h, report | 0);
    h = mixBlock(h, counter | 0);
    return finalize(h, 7);
  }

  /** Uniform on the 2⁵³ midpoints in (0, 1) — never 0 or 1, so logs stay finite — from words 2·draw and 2·draw + 1. */
  uniform(item: number, report: number, draw: number): number {
    const a = this.word(item, report, 2 * draw) >>> 5; // 27 bits
    const b = this.word(item, report, 2 * draw + 1) >>> 6; // 26 bits
    return (a * 67108864 + b + 0.5) / TWO_POW_53;
  }
}

/** α = exp(−1/scale): the ratio of the pmf between neighbouring integers. */
export function geomAlpha(scale: number): number {
  return Math.exp(-1 / scale);
}

/** P(Z = z) of the two-sided geometric distribution: (1 − α)/(1 + α) · α^|z|. */
export function geomPmf(z: number, scale: number): number {
  const a = geomAlpha(scale);
  return ((1 - a) / (1 + a)) * a ** Math.abs(z);
}

/** Var Z = 2α / (1 − α)², in grid steps². */
export function geomVariance(scale: number): number {
  const a = geomAlpha(scale);
  return (2 * a) / ((1 - a) * (1 - a));
}

/**
 * Z = G₁ − G₂ with G ~ Geometric(1 − α) on {0, 1, …} (inverse CDF: ⌊ln U / ln α⌋);
 * the difference of two such is the two-sided geometric law P(Z = z) ∝ α^|z|.
 * Uses draws 0 and 1 of (item, report).
 */
export function twoSidedGeometric(s: NoiseStream, item: number, report: number, alpha: number): number {
  const lnA = Math.log(alpha);
  const g1 = Math.floor(Math.log(s.uniform(item, report, 0)) / lnA);
  const g2 = Math.floor(Math.log(s.uniform(item, report, 1)) / lnA);
  return g1 - g2;
}
