/**
 * The dataset registry: `datasets/registry.json` (shipped with the package) names
 * each real catalog's files, checksums, column map, declared precision, licence
 * and upstream location. The files themselves live in a data directory
 * (see dataDir.ts) and are never copied into the repository.
 *
 *   const entry = getDataset("chinook-tracks")!;
 *   datasetFilePaths(entry);          // absolute paths of the table files
 *   await verifyDataset(entry);       // [{ file, expected, actual, ok }]
 *   await fetchDataset(entry);        // download byte-for-byte copies (network)
 */
import { createHash, randomBytes } from "node:crypto";
import { createReadStream, createWriteStream, readFileSync } from "node:fs";
import { mkdir, rename, rmdir, stat, unlink } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { UserError } from "../../base/errors.js";
import { findDatasetDir, packageRoot, siblingSharedDataDir, userCacheDataDir } from "./dataDir.js";

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
    /** True when a file was produced by a derivation, so it cannot be fetched byte-identical. */
    derived: boolean;
    /** The derivation, quoted from SOURCE.md in one line. */
    recipe?: string;
    /**
     * Raw-file base URL at `commit`, only for byte-for-byte copies: a file is fetched
     * from `url` + its upstream path (each segment percent-encoded).
     */
    url?: string;
  };
  notes?: string;
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

async function sha256File(path: string): Promise<string> {
  const hash = createHash("sha256");
  await pipeline(createReadStream(path), hash);
  return hash.digest("hex");
}

function fixHint(entry: DatasetEntry): string {
  return entry.upstream.derived || !entry.upstream.url
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
  files: { file: string; status: "fetched" | "present"; bytes: number; sha256: string }[];
  /** One line for people. */
  message: string;
}

/**
 * Download byte-for-byte copies from `upstream.url` into `<dataDir>/<name>/`.
 * Every file is streamed to a temporary file in the same folder while hashed; only
 * when all of them match their sha256 are they renamed into place, so a checksum
 * failure or a dropped connection leaves nothing visible.
 */
export async function fetchDataset(entry: DatasetEntry, options: FetchOptions = {}): Promise<FetchResult> {
  const up = entry.upstream;
  if (up.derived) {
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
  const envDir = process.env.FPRISK_DATA_DIR?.trim();
  const dataDir = resolve(options.dataDir ?? (envDir || userCacheDataDir()));
  const dir = join(dataDir, entry.name);
  const timeoutMs = options.timeoutMs ?? 300_000;

  const results: FetchResult["files"] = [];
  const missing: DatasetFile[] = [];
  for (const f of entry.files) {
    if ((await fileSize(join(dir, f.path))) === f.bytes && (await sha256File(join(dir, f.path))) === f.sha256) {
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
      const url = up.url + upstreamPath.split("/").map(encodeURIComponent).join("/");
      const tmp = join(dir, `.${f.path}.${process.pid}.${randomBytes(4).toString("hex")}.part`);
      temps.set(f, tmp);
      await download(url, tmp, f, entry.name, timeoutMs);
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

async function download(url: string, tmp: string, f: DatasetFile, name: string, timeoutMs: number): Promise<void> {
  const host = hostOf(url);
  let res: Response;
  try {
    res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), redirect: "follow" });
  } catch (e) {
    throw networkError(e, host, name, timeoutMs);
  }
  if (!res.ok || !res.body) {
    throw new UserError(`could not fetch ${name}/${f.path}: ${url} answered HTTP ${res.status}${res.statusText ? " " + res.statusText : ""}`);
  }
  const hash = createHash("sha256");
  let bytes = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      bytes += chunk.length;
      // Stop early rather than fill the disk with something that cannot match.
      if (bytes > f.bytes) return done(new UserError(`${url}: the download is larger than the registered ${f.bytes} bytes; not the registered file`));
      hash.update(chunk);
      done(null, chunk);
    },
  });
  let out;
  try {
    out = createWriteStream(tmp, { flags: "wx" });
    await pipeline(Readable.fromWeb(res.body as never), meter, out);
  } catch (e) {
    if (e instanceof UserError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (code && /^E(ACCES|PERM|ROFS|NOSPC|DQUOT)$/.test(code)) throw explainWriteError(e, dirname(tmp));
    throw networkError(e, host, name, timeoutMs);
  }
  const actual = hash.digest("hex");
  if (bytes !== f.bytes || actual !== f.sha256) {
    throw new UserError(
      `${name}/${f.path}: checksum mismatch for ${url}: expected ${f.bytes} bytes sha256 ${f.sha256}, ` +
        `got ${bytes} bytes sha256 ${actual}; nothing was written`,
    );
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/** A network failure as one line: where, what (the system's code), and what to do. */
function networkError(e: unknown, host: string, name: string, timeoutMs: number): UserError {
  const err = e as { name?: string; message?: string; code?: string; cause?: { code?: string; message?: string } };
  if (err?.name === "TimeoutError" || err?.name === "AbortError") {
    return new UserError(`could not reach ${host}: no complete answer within ${Math.round(timeoutMs / 1000)} s (slow or offline?); nothing was written`);
  }
  const code = err?.cause?.code ?? err?.code;
  const detail = code ?? err?.cause?.message ?? err?.message ?? String(e);
  return new UserError(
    `could not reach ${host}: offline? (${detail}). Fetching ${name} needs network access to ${host}; ` +
      `or set FPRISK_DATA_DIR to a folder that already holds ${name}/. Nothing was written.`,
  );
}

/**
 * Refuse folders that are read-only by intent. Permission bits are checked by hand
 * because root ignores them: the project's shared datasets folder (r-x for all) must
 * stay untouched even for root.
 */
async function assertWritable(dataDir: string, dir: string): Promise<void> {
  const shared = siblingSharedDataDir();
  for (const p of [dir, dataDir]) {
    const s = await stat(p).catch(() => undefined);
    if (!s) continue;
    if ((s.mode & 0o222) === 0 || resolve(p) === shared || resolve(dataDir) === shared) {
      throw new UserError(
        `will not write into ${p}: it is a read-only data folder${resolve(dataDir) === shared ? " (the project's shared datasets)" : ""}. ` +
          `Unset FPRISK_DATA_DIR to fetch into the user cache (${userCacheDataDir()}), or point it at a writable folder.`,
      );
    }
    return; // the nearest existing level decides
  }
}

/** EACCES / EROFS / EPERM / ENOSPC as one clear line; anything else stays a bug with its stack. */
export function explainWriteError(e: unknown, dir: string): Error {
  const code = (e as NodeJS.ErrnoException)?.code;
  const why: Record<string, string> = {
    EACCES: "permission denied",
    EPERM: "operation not permitted",
    EROFS: "the file system is read-only",
    ENOSPC: "no space left on the device",
    EDQUOT: "disk quota exceeded",
  };
  if (code && why[code]) {
    return new UserError(
      `cannot write into ${dir}: ${why[code]} (${code}). Set FPRISK_DATA_DIR to a writable folder ` +
        `(or unset it to use ${userCacheDataDir()}); a shared datasets folder is read-only by design.`,
    );
  }
  return e instanceof Error ? e : new Error(String(e));
}

async function fileSize(path: string): Promise<number> {
  try {
    return (await stat(path)).size;
  } catch {
    return -1;
  }
}

function deepFreeze<T>(o: T): T {
  if (o && typeof o === "object") {
    for (const v of Object.values(o)) deepFreeze(v);
    Object.freeze(o);
  }
  return o;
}
