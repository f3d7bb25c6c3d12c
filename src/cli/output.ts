/**
 * Where a command's output goes, checked before any work: the format follows --out's
 * extension unless --format says otherwise (a conflict is an error), and --out never
 * lands on an input — the catalog file, a database or its -wal/-shm/-journal, anything
 * inside a scanned folder, an attacker or prior table — nor on anything that exists
 * and is not a regular file (a device, a FIFO, a folder). Paths are compared after
 * resolving symlinks, so `--out link-to-catalog.csv` is refused too.
 *
 * The output itself streams: to stdout, or into a temp file beside --out that is
 * renamed over it at the end (removed on error), so a reader never sees half a file.
 */
import { lstatSync, realpathSync, statSync } from "node:fs";
import { basename, dirname, extname, join, resolve, sep } from "node:path";
import { openAtomicFile } from "../base/atomicWrite.js";
import { streamSink, writeLines, type TextSink } from "../output/textSink.js";
import { datasetFilePaths, getDataset } from "../sources/registry/registry.js";
import { isClickHouseUrl } from "../sources/clickhouse/clickhouseUrl.js";
import { UsageError } from "./usageError.js";

/** The format each --out extension implies. */
const FORMAT_OF_EXTENSION: Record<string, string> = {
  ".csv": "csv",
  ".json": "json",
  ".html": "html",
  ".htm": "html",
  ".md": "markdown",
  ".txt": "table",
};

/**
 * The output format: --format, else the one --out's extension names, else "table".
 * `--out x.csv --format json` and an extension this command cannot write are errors.
 */
export function outputFormat<F extends string>(args: { format?: string; out?: string }, formats: readonly F[]): F {
  const implied = args.out ? FORMAT_OF_EXTENSION[extname(args.out).toLowerCase()] : undefined;
  if (args.format !== undefined) {
    if (implied && implied !== args.format) {
      throw new UsageError(`--out ${args.out} names a .${extname(args.out!).slice(1)} file but --format is ${args.format}; make them agree (or drop --format)`);
    }
    return args.format as F;
  }
  if (implied === undefined) return "table" as F;
  if (!(formats as readonly string[]).includes(implied)) {
    throw new UsageError(`--out ${args.out}: this command writes ${formats.join(", ")}, not ${implied} (use a .${formats.includes("csv" as F) ? "csv" : "txt"} file, or --format)`);
  }
  return implied as F;
}

/** The files a catalog source reads: none for synthetic ones, the registry files for a dataset name. */
export function catalogInputs(source: string | undefined): string[] {
  if (!source || source.startsWith("synthetic:") || isClickHouseUrl(source)) return [];
  const entry = getDataset(source);
  if (entry && !exists(source)) return datasetFilePaths(entry);
  return [source];
}

function exists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

/** The real path of a file that may not exist yet: its nearest existing folder resolved, the rest appended. */
function realTarget(path: string): string {
  const abs = resolve(path);
  try {
    return realpathSync(abs);
  } catch {
    const parent = dirname(abs);
    return parent === abs ? abs : join(realTarget(parent), basename(abs));
  }
}

/** An input and the files SQLite keeps beside it, by the given and by the real path. */
function protectedPaths(input: string): string[] {
  const paths = [resolve(input), realTarget(input)];
  return paths.flatMap((p) => [p, `${p}-wal`, `${p}-shm`, `${p}-journal`]);
}

/** Refuse an output path that would replace an input or a non-regular file. `what` names the option. */
export function checkOutputPath(out: string | undefined, inputs: readonly string[], what = "--out"): void {
  if (out === undefined) return;
  let info;
  try {
    info = statSync(out);
  } catch {
    info = undefined;
  }
  if (info && !info.isFile()) {
    const kind = info.isDirectory() ? "a folder" : info.isFIFO() ? "a FIFO" : info.isCharacterDevice() || info.isBlockDevice() ? "a device" : info.isSocket() ? "a socket" : "not a regular file";
    throw new UsageError(`${what} ${out} is ${kind}; give a file name (to print, leave ${what} out and redirect stdout)`);
  }
  const target = realTarget(out);
  for (const input of inputs) {
    if (info && sameFile(info, input)) throw new UsageError(`${what} ${out} is the input ${input} (the same file); choose another file`);
    for (const p of protectedPaths(input)) {
      if (target === p || target.startsWith(p + sep)) {
        const inside = target !== p;
        throw new UsageError(`${what} ${out} would ${inside ? "write inside" : "overwrite"} the input ${input}; choose another file`);
      }
    }
  }
}

function sameFile(info: { dev: number; ino: number }, input: string): boolean {
  try {
    const other = statSync(input);
    return other.dev === info.dev && other.ino === info.ino;
  } catch {
    return false;
  }
}

/** Several output paths against the inputs and each other. */
export function checkOutputPaths(outs: readonly (string | undefined)[], inputs: readonly string[]): void {
  const given = outs.filter((o): o is string => o !== undefined);
  given.forEach((o) => checkOutputPath(o, inputs));
  const real = given.map(realTarget);
  const twice = real.findIndex((r, i) => real.indexOf(r) !== i);
  if (twice >= 0) throw new UsageError(`${given[twice]} is given as two outputs; choose different files`);
}

/** Stream lines to stdout, or atomically to `out` (temp file renamed at the end, removed on error). */
export async function emitLines(out: string | undefined, lines: Iterable<string> | ((sink: TextSink) => Promise<void>)): Promise<void> {
  const write = typeof lines === "function" ? lines : (sink: TextSink) => writeLines(sink, lines);
  if (!out) {
    const sink = streamSink(process.stdout);
    try {
      await write(sink);
      await sink.flush();
    } catch (e) {
      // the reader closed the pipe (`fprisk … | head`): it has what it wanted
      if ((e as NodeJS.ErrnoException).code === "EPIPE") return;
      throw e;
    }
    return;
  }
  const file = await openAtomicFile(out);
  try {
    const sink = streamSink(file.stream);
    await write(sink);
    await sink.flush();
  } catch (e) {
    await file.abort();
    throw e;
  }
  await file.commit();
  process.stderr.write(`fprisk: wrote ${out}\n`);
}

/** Print to stdout, or write atomically to --out. */
export async function emit(text: string, out?: string): Promise<void> {
  await emitLines(out, [text]);
}
