// The worker thread entry (src/engine/worker.ts) runs only inside the pool, so it is
// tested through runKernel: thread 0 is the main thread, threads 1..T−1 are workers.
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { sharedInt32 } from "../../src/base/densify.js";
import { KERNELS } from "../../src/engine/kernels.js";
import { closePool, poolSize, runKernel } from "../../src/engine/pool.js";

afterAll(() => closePool());

/** A shared array (workers see it) holding `values`. */
function shared(values: ArrayLike<number>): Int32Array {
  const a = sharedInt32(values.length);
  a.set(Array.from(values));
  return a;
}

/** Run every thread's share of remap one after another on this thread. */
function remapOnMainThread(out: Int32Array, map: Int32Array, stride: number, T: number): void {
  for (let t = 0; t < T; t++) KERNELS.remap({ out, map, stride }, t, T);
}

describe("engine worker threads", () => {
  it("run their share of a kernel, with the thread number they are sent, as the main thread would", () => {
    // thread t maps v → v + 100·t through its own block of the map (stride 10), so each
    // row shows which thread handled it
    const n = 40;
    const map = shared(Array.from({ length: 30 }, (_, i) => (i % 10) + 100 * Math.floor(i / 10)));
    const out = shared(Array.from({ length: n }, (_, i) => i % 10));
    runKernel("remap", { out, map, stride: 10 }, 3);
    expect(poolSize()).toBe(2);
    const want = Int32Array.from({ length: n }, (_, i) => i % 10);
    remapOnMainThread(want, map, 10, 3);
    expect([...out]).toEqual([...want]);
    // the workers' rows (threads 1 and 2) carry their thread's offset
    expect(new Set([...out].map((v) => Math.floor(v / 100)))).toEqual(new Set([0, 1, 2]));
  });

  it("give the main-thread result on random inputs and thread counts (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 4 }), fc.array(fc.integer({ min: 0, max: 15 }), { minLength: 1, maxLength: 200 }), (T, values) => {
        const map = shared(Array.from({ length: 16 * T }, (_, i) => i * 7 + 1));
        const out = shared(values);
        runKernel("remap", { out, map, stride: 16 }, T);
        const want = Int32Array.from(values);
        remapOnMainThread(want, map, 16, T);
        expect([...out]).toEqual([...want]);
      }),
      { numRuns: 30 },
    );
  });

  it("rethrows an error raised on a worker thread alone", () => {
    // Radix counting with room for one thread's counts only: thread 1 (rows 5..9) stores
    // its counts past the end of the array, and TypedArray.set throws a RangeError there;
    // thread 0 is fine.
    const hi = sharedInt32(10).map((_, i) => i);
    const counts = sharedInt32(1);
    const args = { hi, lo: sharedInt32(10), counts, parts: 1, shift: 0, partMask: 0 };
    expect(() => runKernel("radixCount", args, 2)).toThrow(/engine worker 1: RangeError/);
    expect(counts[0]).toBe(5);
    // The pool still works afterwards.
    const out = sharedInt32(10);
    runKernel("remap", { out, map: Int32Array.of(4), stride: 0 }, 2);
    expect([...out]).toEqual(new Array(10).fill(4));
  });
});
