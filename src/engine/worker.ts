/**
 * An engine worker thread (started by pool.ts): runs the kernels it is sent on the
 * shared arrays it is sent, and counts itself done in the shared control array. A
 * kernel's error goes back as a message, read by the main thread once all are done.
 */
import { workerData } from "node:worker_threads";
import type { MessagePort } from "node:worker_threads";
import { CTL_DONE, CTL_READY } from "./kernelControl.js";
import { KERNELS, type KernelName } from "./kernels.js";

const ctl = new Int32Array(workerData.ctl as SharedArrayBuffer);
const port = workerData.port as MessagePort;

port.on("message", (m: { name: KernelName; args: never; t: number; T: number }) => {
  try {
    (KERNELS[m.name] as (a: never, t: number, T: number, c: Int32Array) => void)(m.args, m.t, m.T, ctl);
  } catch (e) {
    port.postMessage({ error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
  } finally {
    Atomics.add(ctl, CTL_DONE, 1);
    Atomics.notify(ctl, CTL_DONE);
  }
});
Atomics.add(ctl, CTL_READY, 1);
Atomics.notify(ctl, CTL_DONE);
