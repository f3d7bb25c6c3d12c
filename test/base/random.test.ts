import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cumulative, normalQuantile, Rng } from "../../src/base/random.js";

const M32 = (1n << 32n) - 1n;
const rotl = (x: bigint, k: bigint) => ((x << k) | (x >> (32n - k))) & M32;

/**
 * sfc32 and splitmix32 written from their definitions in unsigned BigInt arithmetic mod 2³²,
 * with the seeding the module documents: state words from splitmix32 over
 * lo ⊕ hi·0x27d4eb2d ⊕ (stream + 1)·0x165667b1, then 12 outputs discarded.
 */
function referenceStream(seed: number, stream: number, count: number): number[] {
  const lo = BigInt.asUintN(32, BigInt(seed));
  const hi = BigInt.asUintN(32, BigInt(Math.floor(seed / 2 ** 32)));
  let s = lo ^ ((hi * 0x27d4eb2dn) & M32) ^ ((BigInt(stream + 1) * 0x165667b1n) & M32);
  const splitmix = () => {
    s = (s + 0x9e3779b9n) & M32;
    let z = s;
    z = ((z ^ (z >> 16n)) * 0x85ebca6bn) & M32;
    z = ((z ^ (z >> 13n)) * 0xc2b2ae35n) & M32;
    return z ^ (z >> 16n);
  };
  let [a, b, c, d] = [splitmix(), splitmix(), splitmix(), splitmix()];
  const sfc = () => {
    const t = (a + b + d) & M32;
    d = (d + 1n) & M32;
    a = b ^ (b >> 9n);
    b = (c + (c << 3n)) & M32;
    c = (rotl(c, 21n) + t) & M32;
    return Number(t);
  };
  for (let i = 0; i < 12; i++) sfc();
  return Array.from({ length: count }, sfc);
}

describe("Rng", () => {
  it("is sfc32 seeded through splitmix32, bit for bit (seeds 0, 1, 2³² + 1, −7; streams 0 and 3)", () => {
    for (const seed of [0, 1, 2 ** 32 + 1, -7, Number.MAX_SAFE_INTEGER]) {
      for (const stream of [0, 3]) {
        const rng = new Rng(seed, stream);
        expect(Array.from({ length: 50 }, () => rng.nextUint32()), `seed ${seed} stream ${stream}`).toEqual(referenceStream(seed, stream, 50));
      }
    }
  });

  it("high bits of the seed and the stream number both change the stream", () => {
    const first = (seed: number, stream = 0) => new Rng(seed, stream).nextUint32();
    expect(first(1)).not.toBe(first(2 ** 32 + 1));
    expect(first(1)).not.toBe(first(1, 1));
    expect(first(5)).toBe(first(5));
  });

  it("rejects seeds that are not safe integers", () => {
    for (const bad of [1.5, NaN, Infinity, 2 ** 53]) expect(() => new Rng(bad)).toThrow(RangeError);
  });

  it("next() = (uint32 + ½)/2³², strictly inside (0, 1); fill() draws the same numbers", () => {
    const a = new Rng(9);
    const b = new Rng(9);
    const c = new Rng(9);
    const block = new Float64Array(40);
    c.fill(block);
    for (let i = 0; i < 40; i++) {
      const x = a.next();
      expect(x).toBe((b.nextUint32() + 0.5) / 2 ** 32);
      expect(block[i]).toBe(x);
      expect(x > 0 && x < 1).toBe(true);
    }
    // after fill, the generator continues where the block ended
    expect(c.next()).toBe(a.next());
  });

  it("derived draws: uniform, int, bernoulli, choice, lognormal, normal", () => {
    const u = new Rng(3).next();
    expect(new Rng(3).uniform(10, 20)).toBe(10 + 10 * u);
    expect(new Rng(3).int(6)).toBe(Math.floor(u * 6));
    expect(new Rng(3).bernoulli(u + 1e-12)).toBe(true);
    expect(new Rng(3).bernoulli(u)).toBe(false);
    expect(new Rng(3).choice(["a", "b", "c", "d"])).toBe(["a", "b", "c", "d"][Math.floor(u * 4)]);
    expect(new Rng(3).normal()).toBe(normalQuantile(u));
    expect(new Rng(3).lognormal(180, 0)).toBe(180);
    expect(new Rng(3).lognormal(180, 1)).toBeCloseTo(180 * Math.exp(normalQuantile(u)), 9);
  });

  it("int(n) stays in 0..n−1 and hits every value; uniforms have mean ½ (seeded, 5σ)", () => {
    const rng = new Rng(11);
    const counts = new Array(7).fill(0);
    let sum = 0;
    const n = 70_000;
    for (let i = 0; i < n; i++) {
      const k = rng.int(7);
      if (!(Number.isInteger(k) && k >= 0 && k < 7)) throw new Error(`int(7) gave ${k}`);
      counts[k]++;
      sum += rng.next();
    }
    for (const c of counts) expect(Math.abs(c - n / 7)).toBeLessThan(5 * Math.sqrt((n * (1 / 7) * (6 / 7))));
    expect(Math.abs(sum / n - 0.5)).toBeLessThan(5 * Math.sqrt(1 / 12 / n));
  });
});

describe("cumulative and pick", () => {
  it("running sums; negative, NaN or all-zero weights are refused", () => {
    expect([...cumulative([1, 0, 3])]).toEqual([1, 1, 4]);
    expect(() => cumulative([1, -1])).toThrow(/weight 1 is -1/);
    expect(() => cumulative([NaN])).toThrow(RangeError);
    expect(() => cumulative([0, 0])).toThrow(/sum to 0/);
  });

  it("pick(cdf) returns the first index whose running sum exceeds u·total", () => {
    const cdf = cumulative([1, 0, 3]);
    for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
      const u = new Rng(seed).next() * 4;
      const want = u < 1 ? 0 : 2; // weight 0 at index 1 is never picked
      expect(new Rng(seed).pick(cdf)).toBe(want);
    }
  });

  it("picks in proportion to the weights (seeded, 5σ)", () => {
    const rng = new Rng(21);
    const cdf = cumulative([1, 0, 3]);
    const counts = [0, 0, 0];
    const n = 40_000;
    for (let i = 0; i < n; i++) counts[rng.pick(cdf)]++;
    expect(counts[1]).toBe(0);
    expect(Math.abs(counts[2] / n - 0.75)).toBeLessThan(5 * Math.sqrt((0.75 * 0.25) / n));
  });
});

describe("normalQuantile", () => {
  it("matches tabulated quantiles to the method's 1.15e-9 relative error", () => {
    const table: [number, number][] = [
      [0.5, 0],
      [0.975, 1.959963984540054],
      [0.84134474606854293, 1],
      [0.01, -2.3263478740408408],
      [1e-6, -4.753424308822899],
      [0.999, 3.090232306167813],
    ];
    for (const [p, z] of table) expect(Math.abs(normalQuantile(p) - z)).toBeLessThanOrEqual(1.15e-9 * Math.abs(z) + 1e-15);
  });

  it("is odd around ½ and increasing (property)", () => {
    // dyadic p, so 1 − p is exact and the two sides see the same tail distance
    const dyadic = fc.integer({ min: 1, max: 2 ** 20 - 1 }).map((k) => k / 2 ** 20);
    fc.assert(
      fc.property(dyadic, dyadic, (p, q) => {
        expect(normalQuantile(1 - p) + 0).toBe(-normalQuantile(p) + 0);
        const [lo, hi] = p < q ? [p, q] : [q, p];
        expect(normalQuantile(lo)).toBeLessThanOrEqual(normalQuantile(hi));
      }),
      { numRuns: 500 },
    );
  });
});
