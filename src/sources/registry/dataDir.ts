/**
 * Where dataset files live. Nothing here knows a machine path: the search order is
 *
 *   1. FPRISK_DATA_DIR, if set — and then only it, so a wrong value fails loudly
 *      instead of silently falling back to another copy;
 *   2. the user cache: $XDG_CACHE_HOME/fprisk/datasets or ~/.cache/fprisk/datasets
 *      (where `fprisk datasets fetch` writes);
 *   3. ../shared/datasets next to the package root (a checkout beside the project's
 *      shared folder, as in CI).
 *
 * Each data directory holds one folder per dataset: <dir>/<name>/<file>.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, isAbsolute, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { UserError } from "../../base/errors.js";

let cachedRoot: string | undefined;

/**
 * The package root: the nearest folder above this module with fprisk's package.json.
 * Found from the module's own URL (works from src/ under tsx and from dist/), never
 * from the working directory, so `npx fprisk` behaves the same from any folder.
 */
export function packageRoot(): string {
  if (cachedRoot) return cachedRoot;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, "package.json");
    if (existsSync(pkg)) {
      try {
        if ((JSON.parse(readFileSync(pkg, "utf8")) as { name?: string }).name === "fprisk") return (cachedRoot = dir);
      } catch {
        // an unreadable package.json further down is not ours; keep climbing
      }
    }
    const up = dirname(dir);
    if (up === dir) throw new Error(`fprisk: cannot find the package root above ${fileURLToPath(import.meta.url)}`);
    dir = up;
  }
}

/** The per-user cache folder for fetched datasets. */
export function userCacheDataDir(): string {
  const xdg = process.env.XDG_CACHE_HOME;
  // The XDG spec says relative values are invalid and must be ignored.
  const base = xdg && isAbsolute(xdg) ? xdg : join(homedir(), ".cache");
  return join(base, "fprisk", "datasets");
}

/** The shared folder a checkout may sit next to (`<root>/../shared/datasets`). */
export function siblingSharedDataDir(): string {
  return resolve(packageRoot(), "..", "shared", "datasets");
}

/** Data directories in search order (absolute paths; they need not exist). */
export function resolveDataDirs(): string[] {
  const env = process.env.FPRISK_DATA_DIR;
  if (env && env.trim()) return [resolve(env.trim())];
  return [userCacheDataDir(), siblingSharedDataDir()];
}

/**
 * The folder `<dir>/<name>` of the first data directory that holds the dataset with
 * all of `files`. Throws a UserError that lists where it looked and how to fix it.
 *
 * @param fix what to suggest besides FPRISK_DATA_DIR (default: `fprisk datasets fetch <name>`)
 */
export function findDatasetDir(name: string, files: readonly string[] = [], fix?: string): string {
  const looked: string[] = [];
  for (const dir of resolveDataDirs()) {
    const folder = join(dir, name);
    if (!isDir(folder)) {
      looked.push(`${folder} (absent)`);
      continue;
    }
    const missing = files.filter((f) => !isFile(join(folder, f)));
    if (missing.length === 0) return folder;
    looked.push(`${folder} (lacks ${missing.join(", ")})`);
  }
  const viaEnv = process.env.FPRISK_DATA_DIR?.trim() ? " (FPRISK_DATA_DIR is set, so only there)" : "";
  const howTo = fix ?? `or run \`fprisk datasets fetch ${name}\``;
  throw new UserError(
    `dataset "${name}" not found; looked in${viaEnv}: ${looked.join("; ")}. ` +
      `Fix: set FPRISK_DATA_DIR to the folder that holds ${name}/, ${howTo}`,
  );
}

function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

/**
 * The data directory `datasets fetch` writes into: the explicit one, else
 * FPRISK_DATA_DIR, else the user cache (never the shared folder, which is read-only).
 */
export function fetchDataDir(explicit?: string): string {
  const env = process.env.FPRISK_DATA_DIR?.trim();
  return resolve(explicit ?? (env || userCacheDataDir()));
}
