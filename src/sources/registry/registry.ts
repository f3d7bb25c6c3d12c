/**
 * The dataset registry: `datasets/registry.json` (shipped with the package) names
 * each real catalog's files, checksums, column map, declared precision, licence
 * and upstream location. The files themselves live in a data directory
 * (see dataDir.ts) and are never copied into the repository.
 *
 *   const entry = getDataset("chinook-tracks")!;
 *   datasetFilePaths(entry);          // absolute paths of the table files
 *   await verifyDataset(entry);       // [{ file, expected, actual, ok }]
 *   await fetchDataset(entry);        // download copies, or rebuild a derived dataset (network)
 */
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { mkdir, rename, rmdir, stat, unlink } from "node:fs/promises";
import { join } from "node:path";
import { UserError } from "../../base/errors.js";
import { fetchDataDir, findDatasetDir, packageRoot } from "./dataDir.js";
import { downloadFile, upstreamUrl } from "./download.js";
import { fileMatches, sha256File } from "./fileDigest.js";
import { rebuildDataset } from "./rebuildDataset.js";
import { recipeFor } from "./recipes/registry.js";
import { assertWritable, explainWriteError } from "./writeGuard.js";

export { explainWriteError };

export interface DatasetFile {
  /** File name inside the dataset folder. */
  path: string;
  bytes: number;
  sha256: string;
  /** "aux": verified and fetched, but not part of the catalog table (default "table"). */
  role?: "table" | "aux";
}

export interface DatasetEntry {
  name: string;
  /** One line. */
  title: string;
  description: string;
  files: DatasetFile[];
  format: "csv" | "tsv" | "json" | "ndjson";
  /** A `--map` spec naming the source columns. */
  map: string;
  /** Declared precision per field, e.g. `{ duration: "60s" }` for minute runtimes. */
  precision?: { duration?: string; bitrate?: string };
  /**
   * CSV reading quirks. `relaxQuotes`: the file has unescaped quotes inside quoted
   * fields (MSD's `"Barking Dogs (From "Piouhgd")"`), which a strict parser rejects;
   * read them literally (csv-parse `relax_quotes`).
   */
  csv?: { relaxQuotes?: boolean };
  /** Keep only rows whose column equals the value (e.g. netflix-titles: type = Movie). */
  filter?: { column: string; equals: string };
  /** Drop later rows that repeat this column's value. */
  unique?: string;
  /** Rows expected after filter and unique (before rows with missing values are rejected). */
  rows: number;
  licence: string;
  upstream: {
    /** GitHub owner/name. */
    repo: string;
    commit: string;
    /** Dataset file → upstream path (several for a file derived from several). */
    paths: Record<string, string | string[]>;
    /**
     * True when a file was produced by a derivation: `datasets fetch` then downloads
     * `inputs` and runs the dataset's recipe (recipes/registry.ts) to rebuild it.
     */
    derived: boolean;
    /** The derivation, quoted from SOURCE.md in one line. */
    recipe?: string;
    /**
     * Raw-file base URL at `commit`: a file is fetched from `url` + its upstream path
     * (each segment percent-encoded).
     */
    url?: string;
    /** For a derived dataset: the upstream files its recipe reads, each checksummed. */
    inputs?: UpstreamInput[];
  };
  notes?: string;
}

/** One upstream file a recipe reads: its path under `upstream.url`, size and sha256. */
export interface UpstreamInput {
  path: string;
  bytes: number;
  sha256: string;
}

interface RegistryFile {
  datasets: DatasetEntry[];
}

let cache: readonly DatasetEntry[] | undefined;

/** The registry's location: relative to the package root, never the working directory. */
export function registryPath(): string {
  return join(packageRoot(), "datasets", "registry.json");
}

export function listDatasets(): DatasetEntry[] {
  if (!cache) {
    const parsed = JSON.parse(readFileSync(registryPath(), "utf8")) as RegistryFile;
    if (!Array.isArray(parsed.datasets)) throw new Error(`${registryPath()}: expected {"datasets": [...]}`);
    cache = Object.freeze(parsed.datasets.map((e) => deepFreeze(e)));
  }
  return [...cache];
}

export function getDataset(name: string): DatasetEntry | undefined {
  return listDatasets().find((d) => d.name === name);
}

/** The files that make up the catalog table (aux files excluded). */
export function tableFiles(entry: DatasetEntry): DatasetFile[] {
  return entry.files.filter((f) => (f.role ?? "table") === "table");
}

/** Absolute paths of the table files, from the first data directory that has them all. */
export function datasetFilePaths(entry: DatasetEntry): string[] {
  const files = tableFiles(entry).map((f) => f.path);
  const dir = findDatasetDir(entry.name, files, fixHint(entry));
  return files.map((f) => join(dir, f));
}

export interface VerifyResult {
  file: string;
  /** Absolute path that was checked. */
  path: string;
  expected: string;
  actual: string;
  ok: boolean;
}

/** sha256 of every registered file (streamed), from the first data directory holding them all. */
export async function verifyDataset(entry: DatasetEntry): Promise<VerifyResult[]> {
  const dir = findDatasetDir(
    entry.name,
    entry.files.map((f) => f.path),
    fixHint(entry),
  );
  const out: VerifyResult[] = [];
  for (const f of entry.files) {
    const path = join(dir, f.path);
    const actual = await sha256File(path);
    out.push({ file: f.path, path, expected: f.sha256, actual, ok: actual === f.sha256 });
  }
  return out;
}

function fixHint(entry: DatasetEntry): string {
  const rebuildable = entry.upstream.derived && recipeFor(entry.name) !== undefined && entry.upstream.inputs !== undefined;
  return (entry.upstream.derived && !rebuildable) || !entry.upstream.url
    ? `or copy ${entry.name}/ from a machine that has it (it is derived upstream data and cannot be fetched; see \`fprisk datasets info ${entry.name}\`)`
    : `or run \`fprisk datasets fetch ${entry.name}\``;
}

// ---------------------------------------------------------------------------
// fetch
// ---------------------------------------------------------------------------

export interface FetchOptions {
  /** Data directory to write into (default: FPRISK_DATA_DIR, else the user cache). */
  dataDir?: string;
  /** Per-file time limit in ms (default 5 minutes). */
  timeoutMs?: number;
}

export interface FetchResult {
  dataset: string;
  /** The dataset folder written to. */
  dir: string;
  /** "rebuilt": produced by the dataset's recipe from its downloaded upstream files. */
  files: { file: string; status: "fetched" | "rebuilt" | "present"; bytes: number; sha256: string }[];
  /** One line for people. */
  message: string;
}

/**
 * Download byte-for-byte copies from `upstream.url` into `<dataDir>/<name>/`; a
 * derived dataset with a recipe is rebuilt instead (see rebuildDataset.ts).
 * Every file is streamed to a temporary file in the same folder while hashed; only
 * when all of them match their sha256 are they renamed into place, so a checksum
 * failure or a dropped connection leaves nothing visible.
 */
export async function fetchDataset(entry: DatasetEntry, options: FetchOptions = {}): Promise<FetchResult> {
  const up = entry.upstream;
  if (up.derived) {
    const recipe = recipeFor(entry.name);
    if (recipe && up.url && up.inputs) return rebuildDataset(entry, recipe, options);
    // The table files are what a derivation produced (jellyfin's JSON fixtures are
    // copies, but the catalog is the summary CSV made from them).
    const which = tableFiles(entry).map((f) => f.path);
    throw new UserError(
      `${entry.name} cannot be fetched byte-identical: ${which.join(", ")} ${which.length > 1 ? "were" : "was"} produced by a derivation ` +
        `from ${up.repo}@${up.commit.slice(0, 12)}, not copied (${up.recipe ?? "see its SOURCE.md"}). ` +
        `Copy the ${entry.name}/ folder from a machine that has it and set FPRISK_DATA_DIR to the folder holding it.`,
    );
  }
  if (!up.url) {
    throw new UserError(`${entry.name}: the registry has no download URL for it; copy the ${entry.name}/ folder and set FPRISK_DATA_DIR to the folder holding it.`);
  }
  const dataDir = fetchDataDir(options.dataDir);
  const dir = join(dataDir, entry.name);
  const timeoutMs = options.timeoutMs ?? 300_000;

  const results: FetchResult["files"] = [];
  const missing: DatasetFile[] = [];
  for (const f of entry.files) {
    if (await fileMatches(join(dir, f.path), f)) {
      results.push({ file: f.path, status: "present", bytes: f.bytes, sha256: f.sha256 });
    } else {
      missing.push(f);
    }
  }
  if (missing.length === 0) {
    return { dataset: entry.name, dir, files: results, message: `${entry.name}: already present in ${dir}, sha256 verified; nothing to fetch` };
  }

  await assertWritable(dataDir, dir);
  const created = (await stat(dir).catch(() => undefined)) === undefined;
  try {
    await mkdir(dir, { recursive: true });
  } catch (e) {
    throw explainWriteError(e, dir);
  }

  const temps = new Map<DatasetFile, string>();
  let done = false;
  try {
    for (const f of missing) {
      const upstreamPath = up.paths[f.path];
      if (typeof upstreamPath !== "string") throw new Error(`registry: ${entry.name}/${f.path} has no single upstream path`);
      const tmp = join(dir, `.${f.path}.${process.pid}.${randomBytes(4).toString("hex")}.part`);
      temps.set(f, tmp);
      await downloadFile(upstreamUrl(up.url, upstreamPath), tmp, f, `${entry.name}/${f.path}`, timeoutMs);
    }
    // Everything verified: now make it visible, one atomic rename per file.
    for (const f of missing) {
      try {
        await rename(temps.get(f)!, join(dir, f.path));
      } catch (e) {
        throw explainWriteError(e, dir);
      }
      temps.delete(f);
      results.push({ file: f.path, status: "fetched", bytes: f.bytes, sha256: f.sha256 });
    }
    done = true;
  } finally {
    for (const tmp of temps.values()) await unlink(tmp).catch(() => undefined);
    // A failed first fetch leaves no empty folder that would look like a broken dataset.
    if (!done && created) await rmdir(dir).catch(() => undefined);
  }
  results.sort((a, b) => entry.files.findIndex((f) => f.path === a.file) - entry.files.findIndex((f) => f.path === b.file));
  const n = missing.length;
  return {
    dataset: entry.name,
    dir,
    files: results,
    message: `${entry.name}: fetched ${n} file${n > 1 ? "s" : ""} into ${dir} from ${up.repo}@${up.commit.slice(0, 12)}, sha256 verified`,
  };
}

function deepFreeze<T>(o: T): T {
  if (o && typeof o === "object") {
    for (const v of Object.values(o)) deepFreeze(v);
    Object.freeze(o);
  }
  return o;
}
