/**
 * One algorithm, run synchronously or asynchronously: the algorithm is a generator that
 * yields each value it needs from outside (a number computed in memory, or a Promise of
 * one from a database) and is resumed with the value itself. `runSync` resumes at once
 * and refuses a Promise; `runAsync` awaits each one. So a search written once can drive
 * an in-memory evaluator without ever yielding to the event loop, and a SQL engine with
 * one query in flight at a time, with the same steps in the same order.
 *
 *   function* twice(get: () => number | Promise<number>): Step<number> {
 *     const a = yield* need(get());
 *     return a + (yield* need(get()));
 *   }
 *   runSync(twice(() => 2))                      // 4
 *   await runAsync(twice(async () => 2))         // 4
 *
 * A rejected Promise is thrown into the generator at the `need` that asked for it, so its
 * try/finally blocks run as in straight-line async code.
 */

/** A computation that may need outside values; T is what it returns. */
export type Step<T> = Generator<unknown, T, unknown>;

/** The value, or what the Promise resolves to, once the driver has it. */
export function* need<T>(value: T | Promise<T>): Step<T> {
  return (yield value) as T;
}

/** Runs a computation whose every needed value is already at hand (no Promise). */
export function runSync<T>(step: Step<T>): T {
  let r = step.next();
  while (!r.done) {
    if (r.value instanceof Promise) {
      r.value.catch(() => undefined);
      throw new Error("runSync: a step needs a Promise; run it with runAsync");
    }
    r = step.next(r.value);
  }
  return r.value;
}

/** Runs a computation, awaiting each value it needs, one at a time. */
export async function runAsync<T>(step: Step<T>): Promise<T> {
  let r = step.next();
  while (!r.done) {
    let value: unknown;
    try {
      value = await r.value;
    } catch (e) {
      r = step.throw(e);
      continue;
    }
    r = step.next(value);
  }
  return r.value;
}
