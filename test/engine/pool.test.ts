import { afterAll, describe, expect, it } from "vitest";
import { sharedInt32 } from "../../src/base/densify.js";
import { closePool, offload, poolSize, resolveThreads, runKernel, warmPool } from "../../src/engine/pool.js";
import type { KernelArgs, KernelName } from "../../src/engine/kernels.js";
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
  it("warmPool starts the workers a kernel will use, which then run it", () => {
    warmPool(3);
    expect(poolSize()).toBe(2);
    warmPool(2); // never fewer
    expect(poolSize()).toBe(2);
    const out = sharedInt32(100).fill(0);
    const map = sharedInt32(1).fill(4);
    runKernel("remap", { out, map, stride: 0 }, 3);
    expect(out.every((x) => x === 4)).toBe(true);
    expect(poolSize()).toBe(2);
    closePool();
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

/** `offload(name, args)` once a worker has started (it loads through tsx here). */
async function offloaded<K extends KernelName>(name: K, args: KernelArgs<K>): Promise<{ done: Promise<void> }> {
  for (;;) {
    const done = offload(name, args);
    // Wrapped: an async function returning a promise would wait for it.
    if (done) return { done };
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe("offload", () => {
  it("declines until a worker is ready, then runs share 1 of 2 there while this thread goes on", async () => {
    closePool();
    const out = sharedInt32(1000);
    const map = sharedInt32(1).fill(7);
    expect(offload("remap", { out, map, stride: 0 })).toBeUndefined();
    expect(poolSize()).toBe(1);
    const { done } = await offloaded("remap", { out, map, stride: 0 });
    // One kernel at a time on the shared control word.
    expect(() => offload("remap", { out, map, stride: 0 })).toThrow(/already running/);
    expect(() => runKernel("remap", { out, map, stride: 0 }, 2)).toThrow(/still running/);
    await done;
    expect(out.subarray(0, 500).every((x) => x === 0)).toBe(true);
    expect(out.subarray(500).every((x) => x === 7)).toBe(true);
    // Afterwards the pool runs kernels as before.
    runKernel("remap", { out: out.fill(0), map, stride: 0 }, 2);
    expect(out.every((x) => x === 7)).toBe(true);
  });
  it("rejects with the worker's error", async () => {
    const { done } = await offloaded("csvPreparse", {} as KernelArgs<"csvPreparse">);
    await expect(done).rejects.toThrow(/engine worker 1: TypeError/);
    closePool();
  });
});

