import { afterAll, describe, expect, it } from "vitest";
import { sharedInt32 } from "../../src/base/densify.js";
import { closePool, poolSize, resolveThreads, runKernel } from "../../src/engine/pool.js";
import { availableParallelism } from "node:os";

afterAll(() => closePool());

describe("runKernel", () => {
  it("runs every thread's share, worker threads included, and reuses the pool", () => {
    const n = 1000;
    const out = sharedInt32(n).fill(-1);
    const map = sharedInt32(3).fill(0);
    map[0] = 7;
    // remap with stride 0: out[i] = map[out[i]] — every entry starts at 0 below.
    out.fill(0);
    runKernel("remap", { out, map, stride: 0 }, 3);
    expect(out.every((x) => x === 7)).toBe(true);
    expect(poolSize()).toBe(2);
    out.fill(0);
    map[0] = 9;
    runKernel("remap", { out, map, stride: 0 }, 2);
    expect(out.every((x) => x === 9)).toBe(true);
    expect(poolSize()).toBe(2);
    closePool();
    expect(poolSize()).toBe(0);
  });

  it("rethrows an error raised on a worker thread alone", () => {
    // Title statistics with atomic adds: rows 5..9 (thread 1's block) name class 99 of
    // a one-class array, and Atomics.add throws a RangeError there; thread 0 is fine.
    const titles = sharedInt32(10).map((_, i) => i);
    const classOf = sharedInt32(10).map((_, i) => (i < 5 ? 0 : 99));
    const d = sharedInt32(1);
    const args = { order: null, titles, classOf, classSize: Int32Array.of(5), k: 1, acc: null, d, sq: sharedInt32(1), bigClass: null, bigAcc: null };
    expect(() => runKernel("titleStats", args, 2)).toThrow(/engine worker 1: RangeError/);
    expect(d[0]).toBe(5);
    // The pool still works afterwards.
    const out = sharedInt32(10);
    runKernel("remap", { out, map: Int32Array.of(4), stride: 0 }, 2);
    expect([...out]).toEqual(new Array(10).fill(4));
  });
});

describe("resolveThreads", () => {
  it("defaults to the available parallelism and rejects non-whole or < 1", () => {
    expect(resolveThreads(undefined)).toBe(availableParallelism());
    expect(resolveThreads(3)).toBe(3);
    expect(() => resolveThreads(0)).toThrow(/whole number ≥ 1/);
    expect(() => resolveThreads(2.5)).toThrow(/whole number ≥ 1/);
  });
});
