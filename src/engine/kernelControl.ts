/**
 * The slots of the shared control array every kernel call gets (engine/pool.ts): threads
 * done, threads started, and the next piece of work to claim — a kernel whose pieces
 * cost unequal times lets each thread take the next one in turn,
 * `for (let p = Atomics.add(ctl, CTL_NEXT, 1); p < pieces; p = Atomics.add(ctl, CTL_NEXT, 1))`,
 * the pool having set it to 0.
 */
export const CTL_DONE = 0;
export const CTL_READY = 1;
export const CTL_NEXT = 2;
