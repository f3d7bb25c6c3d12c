import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { need, runAsync, runSync, type Step } from "../../src/base/steps.js";

/** Sums the values `get` gives for 0..n-1, asking for them one at a time. */
function* sumOf(n: number, get: (i: number) => number | Promise<number>, log: number[]): Step<number> {
  let total = 0;
  for (let i = 0; i < n; i++) {
    const v = yield* need(get(i));
    log.push(v);
    total += v;
  }
  return total;
}

describe("steps", () => {
  it("the worked example: 2 + 2 either way", async () => {
    function* twice(get: () => number | Promise<number>): Step<number> {
      const a = yield* need(get());
      return a + (yield* need(get()));
    }
    expect(runSync(twice(() => 2))).toBe(4);
    expect(await runAsync(twice(async () => 2))).toBe(4);
  });

  it("sync and async drivers take the same steps in the same order (property)", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: -1000, max: 1000 }), { maxLength: 30 }), async (values) => {
        const a: number[] = [];
        const b: number[] = [];
        const sync = runSync(sumOf(values.length, (i) => values[i], a));
        const async = await runAsync(sumOf(values.length, async (i) => values[i], b));
        expect(async).toBe(sync);
        expect(b).toEqual(a);
        expect(a).toEqual(values);
      }),
    );
  });

  it("runAsync also takes plain values, and runSync refuses a Promise", async () => {
    expect(await runAsync(sumOf(3, (i) => i + 1, []))).toBe(6);
    expect(() => runSync(sumOf(2, async (i) => i, []))).toThrow(/runAsync/);
  });

  it("a rejected Promise is thrown where it was needed, so finally blocks run", async () => {
    const events: string[] = [];
    function* guarded(): Step<number> {
      try {
        return yield* need(Promise.reject(new Error("database gone")));
      } finally {
        events.push("cleaned up");
      }
    }
    await expect(runAsync(guarded())).rejects.toThrow("database gone");
    expect(events).toEqual(["cleaned up"]);
  });

  it("an error the generator catches lets it go on", async () => {
    function* recovering(): Step<string> {
      try {
        yield* need(Promise.reject(new Error("first try")));
        return "unreachable";
      } catch (e) {
        return `recovered from ${(e as Error).message}: ${yield* need(Promise.resolve("second"))}`;
      }
    }
    expect(await runAsync(recovering())).toBe("recovered from first try: second");
  });
});
