/**
 * The engine's worker threads, and `runKernel`, which runs one kernel (kernels.ts) on
 * T threads and returns when all are done. The library's API stays synchronous: the
 * main thread posts the kernel to T − 1 workers, runs share 0 itself, then blocks on a
 * shared counter (`Atomics.wait`) until every worker has added itself to it.
 *
 * One small pool serves every scheme and every catalog. Its workers do not keep the
 * process alive (`unref`), and they are terminated after IDLE_MS without work, which
 * releases their memory; the next kernel starts them again.
 *
 * The worker file is worker.js next to this module. Run from TypeScript sources (the
 * tests), this module is pool.ts and there is no worker.js: the worker then loads
 * worker.ts through tsx, the TypeScript loader the project develops with.
 */
import { availableParallelism } from "node:os";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from "node:worker_threads";
import { UserError } from "../base/errors.js";
import { CTL_DONE, CTL_NEXT, CTL_READY } from "./kernelControl.js";
import { KERNELS, type KernelArgs, type KernelName } from "./kernels.js";

/** Options every engine entry point takes. */
export interface EngineOptions {
  /**
   * Threads to use, the calling one included (default: the machine's available
   * parallelism). Results are identical for every value.
   */
  threads?: number;
}

/** The thread count asked for, checked; the default is `os.availableParallelism()`. */
export function resolveThreads(threads: number | undefined): number {
  if (threads === undefined) return availableParallelism();
  if (!Number.isInteger(threads) || threads < 1) throw new UserError(`threads must be a whole number ≥ 1, got ${threads}`);
  return threads;
}

/** Workers idle this long are terminated. */
const IDLE_MS = 2000;

/** How long a worker may take to start before we give up on it. */
const START_TIMEOUT_MS = 60_000;

interface PoolWorker {
  worker: Worker;
  port: MessagePort;
}

const ctl = new Int32Array(new SharedArrayBuffer(16));
const workers: PoolWorker[] = [];
let idleTimer: NodeJS.Timeout | undefined;

function spawn(): PoolWorker {
  const { port1, port2 } = new MessageChannel();
  const workerData = { ctl: ctl.buffer, port: port2 };
  const here = import.meta.url;
  let worker: Worker;
  if (here.endsWith(".ts")) {
    const tsx = join(dirname(createRequire(here).resolve("tsx/package.json")), "dist", "esm", "api", "index.mjs");
    const entry = new URL("./worker.ts", here).href;
    const boot = `import(${JSON.stringify(pathToFileURL(tsx).href)}).then((api) => api.tsImport(${JSON.stringify(entry)}, ${JSON.stringify(here)}));`;
    worker = new Worker(boot, { eval: true, workerData, transferList: [port2] });
  } else {
    worker = new Worker(new URL("./worker.js", here), { workerData, transferList: [port2] });
  }
  worker.unref();
  port1.unref();
  // A worker that dies is dropped from the pool; an error during a kernel is reported by
  // the kernel's own message (see worker.ts).
  worker.on("error", () => undefined);
  const pw = { worker, port: port1 };
  worker.on("exit", () => {
    const i = workers.indexOf(pw);
    if (i >= 0) workers.splice(i, 1);
  });
  return pw;
}

/**
 * Start the workers `threads` will need without waiting for them (a worker takes about
 * 0.1 s to load its modules): called before a long read, their start overlaps it. They
 * do not keep the process alive; the first kernel starts their idle clock.
 */
export function warmPool(threads: number): void {
  while (workers.length < threads - 1) workers.push(spawn());
}

/** Terminate every worker now (they are also terminated after IDLE_MS without work). */
export function closePool(): void {
  if (idleTimer) clearTimeout(idleTimer);
  idleTimer = undefined;
  for (const w of workers.splice(0)) {
    w.port.close();
    void w.worker.terminate();
  }
  Atomics.store(ctl, CTL_READY, 0);
}

/** Workers alive now (for tests: the pool is reused, and empties when idle). */
export function poolSize(): number {
  return workers.length;
}

/** Whether a kernel runs on a worker on its own (`offload`), which `runKernel` must not disturb. */
let offloaded = false;

/**
 * Run kernel `name` on a worker thread while this thread goes on (as share 1 of 2), if one
 * has started: the promise resolves when it is done and rejects with its error. Undefined
 * when no worker is ready yet (one is started): the caller then does the work itself
 * rather than wait for a worker to load. One at a time, and no `runKernel` meanwhile: both
 * count on the same control word.
 */
export function offload<K extends KernelName>(name: K, args: KernelArgs<K>): Promise<void> | undefined {
  if (offloaded) throw new Error("offload: a kernel is already running on a worker");
  if (workers.length === 0) workers.push(spawn());
  if (Atomics.load(ctl, CTL_READY) < 1) return undefined;
  offloaded = true;
  // The idle clock must not end the pool under a running kernel (this thread runs on meanwhile).
  if (idleTimer) clearTimeout(idleTimer);
  idleTimer = undefined;
  const w = workers[0];
  // Waiting on shared memory does not keep the process alive; the worker, while it runs, does.
  w.worker.ref();
  Atomics.store(ctl, CTL_DONE, 0);
  w.port.postMessage({ name, args, t: 1, T: 2 });
  return (async () => {
    try {
      // Awaited at least once, so the worker counts as busy until this thread has run on.
      do {
        const r = Atomics.waitAsync(ctl, CTL_DONE, 0);
        await (r.async ? r.value : undefined);
      } while (Atomics.load(ctl, CTL_DONE) === 0);
      const msg = receiveMessageOnPort(w.port);
      if (msg) throw new Error(`engine worker 1: ${(msg.message as { error: string }).error}`);
    } finally {
      w.worker.unref();
      offloaded = false;
      idleTimer = setTimeout(closePool, IDLE_MS);
      idleTimer.unref();
    }
  })();
}

/**
 * Run kernel `name` on `threads` threads: thread 0 is this one, 1..T−1 are workers.
 * Blocks until every share is done; a failure on any thread is rethrown here after all
 * have stopped, so no worker is still writing into the arrays when this returns.
 */
export function runKernel<K extends KernelName>(name: K, args: KernelArgs<K>, threads: number): void {
  const kernel = KERNELS[name] as (a: KernelArgs<K>, t: number, T: number, c: Int32Array) => void;
  if (offloaded) throw new Error(`runKernel(${name}): a kernel offloaded to a worker is still running`);
  if (threads <= 1) {
    Atomics.store(ctl, CTL_NEXT, 0);
    kernel(args, 0, 1, ctl);
    return;
  }
  runShares(name, args, threads, () => kernel(args, 0, threads, ctl));
}

/**
 * `runKernel` for a job that worker.ts knows by `name` but KERNELS does not, because
 * it runs kernels itself (listing it there would make an import cycle): the workers run
 * shares 1..T−1 of `name`, this thread runs `own`, which may call `runKernel` on one
 * thread. Such a job counts its pieces on a counter of its own: `runKernel` resets
 * the control array's.
 */
export function runJob(name: string, args: unknown, threads: number, own: () => void): void {
  if (offloaded) throw new Error(`runJob(${name}): a kernel offloaded to a worker is still running`);
  if (threads <= 1) own();
  else runShares(name, args, threads, own);
}

function runShares(name: string, args: unknown, threads: number, own: () => void): void {
  while (workers.length < threads - 1) workers.push(spawn());
  Atomics.store(ctl, CTL_DONE, 0);
  Atomics.store(ctl, CTL_NEXT, 0);
  for (let t = 1; t < threads; t++) workers[t - 1].port.postMessage({ name, args, t, T: threads });
  let failure: unknown;
  try {
    own();
  } catch (e) {
    failure = e;
  }
  const waitStart = Date.now();
  for (;;) {
    const done = Atomics.load(ctl, CTL_DONE);
    if (done >= threads - 1) break;
    Atomics.wait(ctl, CTL_DONE, done, 1000);
    if (Atomics.load(ctl, CTL_READY) < threads - 1 && Date.now() - waitStart > START_TIMEOUT_MS) {
      closePool();
      throw new Error(`engine worker threads did not start within ${START_TIMEOUT_MS / 1000} s`);
    }
  }
  for (let t = 1; t < threads; t++) {
    const msg = receiveMessageOnPort(workers[t - 1].port);
    if (msg && failure === undefined) failure = new Error(`engine worker ${t}: ${(msg.message as { error: string }).error}`);
  }
  if (idleTimer) idleTimer.refresh();
  else {
    idleTimer = setTimeout(closePool, IDLE_MS);
    idleTimer.unref();
  }
  if (failure !== undefined) throw failure;
}
