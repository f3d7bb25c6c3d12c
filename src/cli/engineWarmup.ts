/**
 * The engine's worker threads started while a large catalog file is read (a worker takes
 * about 50 ms to load its modules, longer while this thread is busy), and the CSV reader's
 * passes run on one of them once it is ready (csvBytes.ts). The run names its catalog
 * file on the command line, so `warmForArgv` can start them before the command's own
 * modules load; `loadFromArgs` asks again (a no-op by then) and takes `csvOffload`.
 *
 *   warmForArgv(["evaluate", "plays.csv", "--scheme", "…"]);   // plays.csv ≥ 8 MB: workers starting
 */
import { statSync } from "node:fs";
import { availableParallelism } from "node:os";
import type { CsvReading } from "../sources/table/csvBytes.js";

/** Files from this size on are read long enough for the engine's workers to start meanwhile. */
const WARM_FROM_BYTES = 8 << 20;

type Pool = typeof import("../engine/pool.js");
let pool: Pool | undefined;
let loading: Promise<Pool> | undefined;

function isLargeFile(path: string): boolean {
  try {
    const s = statSync(path);
    return s.isFile() && s.size >= WARM_FROM_BYTES;
  } catch {
    return false; // not a file (a registry name, a URL, a glob)
  }
}

/** Start the workers `threads` will use when `path` is a large file; whether it is. */
export function warmFor(path: string, threads: number | undefined): boolean {
  if (!isLargeFile(path)) return false;
  loading ??= import("../engine/pool.js").then((p) => (pool = p));
  void loading.then((p) => p.warmPool(p.resolveThreads(threads)));
  return true;
}

/** `warmFor` each word of a command line that names a large file, with its --threads (read loosely: yargs checks it later). */
export function warmForArgv(argv: readonly string[]): void {
  const at = argv.findIndex((a) => a === "--threads" || a.startsWith("--threads="));
  const given = at < 0 ? undefined : Number(argv[at].includes("=") ? argv[at].split("=")[1] : argv[at + 1]);
  const threads = given !== undefined && Number.isInteger(given) && given >= 1 ? given : undefined;
  for (const a of argv) if (!a.startsWith("-") && warmFor(a, threads)) return;
}

/**
 * How a CSV reader runs its passes on a worker (`CsvReading.offload`): none with one thread;
 * a pass offered before the pool has loaded or a worker is ready runs on the reader's thread.
 */
export function csvOffload(threads: number | undefined): CsvReading["offload"] {
  if ((threads ?? availableParallelism()) < 2) return undefined;
  return (args) => pool?.offload("csvPreparse", args);
}
