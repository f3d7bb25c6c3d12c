/** Options and output plumbing shared by the commands. */
import { realpathSync } from "node:fs";
import { resolve } from "node:path";
import type { Argv } from "yargs";
import type { Catalog } from "../catalog/catalog.js";
import { UserError } from "../base/errors.js";
import type { Redactor } from "../base/redact.js";
import { loadCatalog } from "../sources/loadCatalog.js";
import { csvOffload, warmFor } from "./engineWarmup.js";
import type { ScanEvent } from "../sources/media/mediaFolder.js";
import { progressBar } from "./progress.js";

export { emit, emitLines } from "./output.js";

export interface OutputArgs {
  /** Unset: from --out's extension, else a text table (see outputFormat). */
  format?: string;
  out?: string;
}

export interface CatalogArgs {
  catalog: string;
  map?: string;
  "skip-invalid": boolean;
  /** Folder scans: probe cache folder, or false (`--no-probe-cache`). */
  "probe-cache"?: string | false;
  jobs?: number;
  ffprobe?: string;
  /** Engine threads (default: available parallelism). */
  threads?: number;
  encoding?: "utf8" | "latin1";
  verbose?: boolean;
}

export function withOutput<T>(y: Argv<T>, formats: readonly string[] = ["table", "csv", "json"]) {
  return y
    .option("format", { choices: formats, describe: "output format (default: from --out's extension, else table)" })
    .option("out", { type: "string", describe: "write to this file (atomically) instead of stdout; never onto an input" });
}

export function withCatalog<T>(y: Argv<T>) {
  return withLoadOptions(
    y.positional("catalog", {
      type: "string",
      demandOption: true,
      describe:
        "a CSV/TSV/JSON/NDJSON file (plain or .gz), a Parquet file or a quoted glob of them (\"logs/*.parquet\"), a DuckDB table (file.duckdb#table), an ffprobe JSON output, a folder of media files or ffprobe outputs, a Plex/Jellyfin/Kodi database (read from a private copy), a dataset name (see `datasets list`) or synthetic:video-library?titles=N&seed=S",
    }),
  );
}

/** How catalogs are read (the options of `withCatalog` without its positional). */
export function withLoadOptions<T>(y: Argv<T>) {
  return y
    .option("map", { type: "string", describe: 'source columns → fields, e.g. "title=name+artist,duration=milliseconds:ms,size=bytes:B"' })
    .option("skip-invalid", { type: "boolean", default: false, describe: "skip invalid rows (reported on stderr by reason) instead of stopping" })
    .option("probe-cache", {
      type: "string",
      describe: "folder scans: where ffprobe results are cached (default $FPRISK_PROBE_CACHE, else ~/.cache/fprisk/probes); --no-probe-cache disables it",
    })
    .option("jobs", { type: "number", describe: "folder scans: ffprobe processes at once (default min(4, cores))" })
    .option("ffprobe", { type: "string", describe: "folder scans: the ffprobe binary (default $FPRISK_FFPROBE, else ffprobe on PATH, else the one npm installed with fprisk)" })
    .option("threads", { type: "number", describe: "threads for grouping and statistics (default: available cores; results are the same for any)" })
    .option("encoding", { choices: ["utf8", "latin1"] as const, default: "utf8" as const, describe: "text encoding of CSV/TSV/JSON inputs (invalid UTF-8 stops with its line)" })
    .option("verbose", { type: "boolean", default: false, describe: "say on stderr how the catalog was read (e.g. why a CSV went to csv-parse)" });
}

/** The catalog options' own checks, for a command that must run them before other work (report's salt). */
export function checkCatalogArgs(args: CatalogArgs): void {
  if (args["probe-cache"] === "") throw new UserError("--probe-cache needs a folder (or use --no-probe-cache to disable the cache)");
  const jobs = args.jobs;
  if (jobs !== undefined && !(Number.isInteger(jobs) && jobs >= 1)) throw new UserError(`--jobs must be a whole number ≥ 1, got ${jobs}`);
  const threads = args.threads;
  if (threads !== undefined && !(Number.isInteger(threads) && threads >= 1)) throw new UserError(`--threads must be a whole number ≥ 1, got ${threads}`);
}

/** Skipped files shown one by one on stderr; the rest only counted. */
const SHOWN_SKIPS = 5;

/**
 * Load the catalog and tell stderr what was left out: rows skipped by --skip-invalid,
 * or for a folder scan the files skipped (unreadable, corrupt) and ignored (not media).
 * With a `redactor` (--redact-titles) the scan names files only by their hashes, so
 * nothing printed here carries a folder or file name.
 */
export async function loadFromArgs(args: CatalogArgs, redactor?: Redactor): Promise<Catalog> {
  checkCatalogArgs(args);
  const offload = warmFor(args.catalog, args.threads) ? csvOffload(args.threads) : undefined;
  const cacheArg = args["probe-cache"];
  const jobs = args.jobs;
  const skipped: ScanEvent[] = [];
  const ignored = new Map<string, number>();
  const bar = progressBar("probing", "files");
  let catalog: Catalog;
  try {
    // yargs reads a lone "-" (stdin) as an empty positional (main.ts lets that through)
    const source = args.catalog === "" && process.argv.slice(2).includes("-") ? "-" : args.catalog;
    catalog = await loadCatalog(source, {
      map: args.map,
      skipInvalid: args["skip-invalid"],
      probeCacheDir: cacheArg,
      jobs,
      ffprobePath: args.ffprobe,
      encoding: args.encoding,
      csv: { offload },
      onNote: args.verbose ? (note) => process.stderr.write(`fprisk: ${note}\n`) : undefined,
      redactor,
      onProgress: bar.update,
      onFile: (e) => {
        if (e.outcome === "skipped") skipped.push(e);
        else ignored.set(e.reason, (ignored.get(e.reason) ?? 0) + 1);
      },
    });
  } catch (e) {
    // under --redact-titles an error names the catalog by its hash too (a file name is a title)
    if (redactor && e instanceof UserError) throw new UserError(redactPaths(e.message, args.catalog, redactor));
    throw e;
  } finally {
    bar.stop();
  }
  if (skipped.length > 0) {
    process.stderr.write(`fprisk: skipped ${plural(skipped.length, "file")}: ${countText(Object.entries(catalog.rejected))}\n`);
    // under --redact-titles the scan already names files (and ffprobe's words about them) by their hashes
    for (const s of skipped.slice(0, SHOWN_SKIPS)) process.stderr.write(`fprisk:   ${s.file}: ${s.detail}\n`);
    if (skipped.length > SHOWN_SKIPS) process.stderr.write(`fprisk:   … and ${skipped.length - SHOWN_SKIPS} more (see \`fprisk inspect\`)\n`);
  } else reportSkippedRows(catalog.rejected);
  if (ignored.size > 0) {
    const n = [...ignored.values()].reduce((a, b) => a + b, 0);
    process.stderr.write(`fprisk: ignored ${plural(n, "file")} that ${n === 1 ? "is" : "are"} not media (${countText([...ignored])})\n`);
  }
  return catalog;
}

/** Rows --skip-invalid left out, by reason, on stderr (nothing when none were). */
export function reportSkippedRows(rejected: Record<string, number>): void {
  const rows = Object.entries(rejected);
  if (rows.length > 0) process.stderr.write(`fprisk: skipped ${plural(rows.reduce((a, [, n]) => a + n, 0), "row")}: ${countText(rows)}\n`);
}

/** `message` with the catalog path, as given and as resolved, replaced by its salted hash. */
function redactPaths(message: string, catalog: string, redactor: Redactor): string {
  const forms = new Set([catalog, resolve(catalog)]);
  try {
    forms.add(realpathSync(catalog));
  } catch {
    // a missing path has no real path; the forms above still cover how it was named
  }
  let out = message;
  for (const form of [...forms].filter((f) => f.length > 0).sort((a, b) => b.length - a.length)) out = out.split(form).join(redactor.path(form));
  return out;
}

function countText(counts: [string, number][]): string {
  return counts.map(([why, n]) => `${n} ${why}`).join(", ");
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}
