/**
 * An engine worker thread (started by pool.ts): runs the kernels it is sent on the
 * shared arrays it is sent, and counts itself done in the shared control array. A
 * kernel's error goes back as a message, read by the main thread once all are done.
 */
import { workerData } from "node:worker_threads";
import type { MessagePort } from "node:worker_threads";
import { CTL_DONE, CTL_READY } from "./kernelControl.js";
import { KERNELS } from "./kernels.js";
import { schemeTotalsShare, SCHEME_TOTALS_JOB } from "./schemeTotals.js";

const ctl = new Int32Array(workerData.ctl as SharedArrayBuffer);
const port = workerData.port as MessagePort;

/** What a worker runs by name: the kernels, and the jobs that run kernels themselves (pool.ts `runJob`). */
const RUN: Record<string, (a: never, t: number, T: number, c: Int32Array) => void> = { ...KERNELS, [SCHEME_TOTALS_JOB]: schemeTotalsShare };

port.on("message", (m: { name: string; args: never; t: number; T: number }) => {
  try {
    RUN[m.name](m.args, m.t, m.T, ctl);
  } catch (e) {
    port.postMessage({ error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
  } finally {
    Atomics.add(ctl, CTL_DONE, 1);
    Atomics.notify(ctl, CTL_DONE);
  }
});
Atomics.add(ctl, CTL_READY, 1);
Atomics.notify(ctl, CTL_DONE);
