import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { groupContext, groupKeys, ONE_THREAD_KERNELS_FROM, PARALLEL_MIN_ROWS } from "../../src/engine/group.js";
import { Scratch } from "../../src/base/densify.js";
import { closePool } from "../../src/engine/pool.js";

afterAll(() => closePool());

/** Brute force: the c-th distinct tuple met reading rows in order is class c (NaN = NaN, −0 = 0). */
function reference(columns: Float64Array[], n: number): { codes: number[]; count: number } {
  const seen = new Map<string, number>();
  const codes: number[] = [];
  for (let i = 0; i < n; i++) {
    const key = columns.map((c) => (Object.is(c[i], -0) ? "0" : String(c[i]))).join("|");
    let code = seen.get(key);
    if (code === undefined) {
      code = seen.size;
      seen.set(key, code);
    }
    codes.push(code);
  }
  return { codes, count: seen.size };
}

const key = fc.oneof(
  fc.integer({ min: 0, max: 6 }),
  fc.constantFrom(NaN, -0, 0, 0.5, 1e12, -3.25),
  fc.double({ noNaN: false }),
);

/** Thresholds lowered so that small inputs take every threaded path. */
const small = { parallelFrom: 0, localLimit: 3, rowsPerPartition: 4 };

describe("groupContext", () => {
  it("takes the kernels from PARALLEL_MIN_ROWS rows on several threads, from ONE_THREAD_KERNELS_FROM on one, from parallelFrom when given", () => {
    const at = (n: number, options: Parameters<typeof groupContext>[1]) => {
      const c = groupContext(n, options, new Scratch());
      return [c.kernels, c.threads];
    };
    expect(at(PARALLEL_MIN_ROWS - 1, { threads: 2 })).toEqual([false, 1]);
    expect(at(PARALLEL_MIN_ROWS, { threads: 2 })).toEqual([true, 2]);
    expect(at(ONE_THREAD_KERNELS_FROM - 1, { threads: 1 })).toEqual([false, 1]);
    expect(at(ONE_THREAD_KERNELS_FROM, { threads: 1 })).toEqual([true, 1]);
    expect(at(10, { threads: 1, parallelFrom: 10 })).toEqual([true, 1]);
    expect(at(9, { threads: 3, parallelFrom: 10 })).toEqual([false, 1]);
  });
});

describe("groupKeys", () => {
  it("numbers tuples by first appearance (worked example)", () => {
    const g = groupKeys([Float64Array.of(60, 60, 90, 60), Float64Array.of(5, 7, 5, 5)], { threads: 1 });
    expect([...g.codes]).toEqual([0, 1, 2, 0]);
    expect(g.count).toBe(3);
  });

  it("no columns: no rows, no classes", () => {
    const g = groupKeys([], { threads: 1 });
    expect(g.count).toBe(0);
  });

  it("rejects columns of different lengths", () => {
    expect(() => groupKeys([new Float64Array(2), new Float64Array(3)])).toThrow(/differ in length/);
  });

  it("matches brute force, identically on 1, 2, 3 and 8 threads, on every path", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3 }).chain((parts) =>
          fc.integer({ min: 0, max: 120 }).chain((n) => fc.array(fc.array(key, { minLength: n, maxLength: n }), { minLength: parts, maxLength: parts })),
        ),
        fc.boolean(),
        (cols, lowered) => {
          const columns = cols.map((c) => Float64Array.from(c));
          const n = cols[0].length;
          const ref = reference(columns, n);
          for (const threads of [1, 2, 3, 8]) {
            const g = groupKeys(columns, lowered ? { threads, ...small } : { threads, parallelFrom: 0 });
            expect(g.count).toBe(ref.count);
            expect([...g.codes]).toEqual(ref.codes);
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  it("many distinct keys across many partitions on 2 threads", () => {
    const n = 50_000;
    const a = Float64Array.from({ length: n }, (_, i) => (i * 7919) % 20_011);
    const b = Float64Array.from({ length: n }, (_, i) => (i % 3 === 0 ? NaN : i % 13));
    const ref = reference([a, b], n);
    const g = groupKeys([a, b], { threads: 2, parallelFrom: 0, localLimit: 100, rowsPerPartition: 256 });
    expect(g.count).toBe(ref.count);
    expect([...g.codes]).toEqual(ref.codes);
  });
});

describe("groupKeys edge cases on several threads", () => {
  it("zero rows give zero classes; all-NaN columns one class", () => {
    for (const threads of [1, 2]) {
      expect(groupKeys([new Float64Array(0), new Float64Array(0)], { threads, parallelFrom: 0 }).count).toBe(0);
      const g = groupKeys([Float64Array.of(NaN, NaN, NaN)], { threads, parallelFrom: 0 });
      expect(g.count).toBe(1);
      expect([...g.codes]).toEqual([0, 0, 0]);
    }
  });
});
