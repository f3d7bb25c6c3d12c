/**
 * The engine's large-input paths (partitioned direct address, fixed-point keys,
 * partitioned hashing, the buffer pool) only run from 2^17 rows on, so the small
 * property tests in densify.test.ts never reach them. Here each path gets inputs big
 * enough to take it, checked against first-appearance numbering by a Map.
 */
import { describe, expect, it } from "vitest";
import { Rng } from "../../src/base/random.js";
import { combineCodes, combineWith, densify, densifyHashed, densifyWith, Scratch } from "../../src/base/densify.js";

function rng(seed: number): () => number {
  const r = new Rng(seed);
  return () => r.next();
}

/** Codes by first appearance, the definition: NaN one key, −0 and +0 one key. */
function reference(keys: ArrayLike<number>): { codes: Int32Array; count: number } {
  const seen = new Map<number, number>();
  const codes = new Int32Array(keys.length);
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i] === 0 ? 0 : keys[i]; // Map keys: NaN equals NaN already
    let c = seen.get(k);
    if (c === undefined) {
      c = seen.size;
      seen.set(k, c);
    }
    codes[i] = c;
  }
  return { codes, count: seen.size };
}

function expectSame(got: { codes: Int32Array; count: number }, want: { codes: Int32Array; count: number }): void {
  expect(got.count).toBe(want.count);
  let firstDiff = -1;
  for (let i = 0; i < want.codes.length && firstDiff < 0; i++) if (got.codes[i] !== want.codes[i]) firstDiff = i;
  expect(firstDiff).toBe(-1);
}

const N = 300_000;

describe("densify on large inputs", () => {
  const rand = rng(7);
  const cases: Record<string, () => number> = {
    "integers in a range far wider than the rows (partitioned direct)": () => Math.floor(rand() * 50_000_000) - 7,
    "integers with NaN (partitioned direct, NaN slot)": () => (rand() < 0.05 ? NaN : Math.floor(rand() * 9_000_000)),
    "three-decimal values (fixed point, partitioned)": () => Math.round(rand() * 120_000 * 1000) / 1000,
    "few decimal values (fixed point, one table)": () => [0.5, 1.25, 3.75, 8.125][Math.floor(rand() * 4)],
    "arbitrary doubles, few distinct (single hash table)": () => [Math.PI, Math.E, -0, 0, NaN, 1e300][Math.floor(rand() * 6)],
    "integers beyond 2^31 apart (hashed)": () => Math.floor(rand() * 1000) * 2 ** 33,
  };
  for (const [name, gen] of Object.entries(cases)) {
    it(name, () => {
      const keys = Float64Array.from({ length: N }, gen);
      const want = reference(keys);
      expectSame(densify(keys), want);
      expectSame(densifyWith(keys, new Scratch()), want);
    });
  }

  it("arbitrary doubles, more distinct than one table takes (partitioned hashing)", () => {
    const keys = Float64Array.from({ length: 700_000 }, (_, i) => (i % 7 === 0 ? -0 : i % 11 === 0 ? NaN : Math.floor(rand() * 2e6) + Math.PI));
    const want = reference(keys);
    expectSame(densify(keys), want);
    expectSame(densifyHashed(keys), want);
  });
});

describe("combineCodes on large inputs", () => {
  const rand = rng(11);
  const codes = (k: number, len = N) => densify(Float64Array.from({ length: len }, () => Math.floor(rand() * k)));
  const pairKeys = (a: { codes: Int32Array }, b: { codes: Int32Array; count: number }) => Float64Array.from(a.codes, (x, i) => x * b.count + b.codes[i]);

  it("a product of code ranges below 2^31 (partitioned direct)", () => {
    const a = codes(200_000);
    const b = codes(3_000);
    const want = reference(pairKeys(a, b));
    expectSame(combineCodes(a, b), want);
    expectSame(combineWith(a, b, new Scratch()), want);
  });

  it("a product beyond 2^31 (partitioned hashing), and a small one (direct)", () => {
    const a = codes(250_000, 700_000);
    const b = codes(250_000, 700_000);
    expectSame(combineCodes(a, b), reference(pairKeys(a, b)));
    const c = codes(300);
    const d = codes(400);
    expectSame(combineCodes(c, d), reference(pairKeys(c, d)));
  });

  it("reused buffers give the same answers call after call", () => {
    const sc = new Scratch();
    const a = codes(200_000);
    const b = codes(3_000);
    const want = reference(pairKeys(a, b));
    for (let r = 0; r < 3; r++) {
      const got = combineWith(a, b, sc);
      expectSame(got, want);
      sc.release(got.codes);
    }
  });
});
