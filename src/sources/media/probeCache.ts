/**
 * A cache of ffprobe results, so re-scanning an unchanged folder does not run ffprobe
 * again. An entry is keyed by the file's real path, size and modification time (ns):
 * editing, replacing or touching a file misses the cache. Corrupt files are cached
 * too (their ffprobe error), so they are not re-probed on every scan either.
 *
 * Location, in order: `--probe-cache DIR`, FPRISK_PROBE_CACHE, else the user cache
 * folder $XDG_CACHE_HOME/fprisk/probes (~/.cache/fprisk/probes when XDG_CACHE_HOME is
 * unset), beside fprisk's dataset cache (src/sources/registry/dataDir.ts). Entries are written
 * atomically; nothing is ever written next to the media files. Deleting the folder
 * is always safe.
 */
import { createHash } from "node:crypto";
import { readFile, stat } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { userCacheDataDir } from "../registry/dataDir.js";
import { writeFileAtomic } from "../../base/atomicWrite.js";

/** Bump when the entry layout changes; older entries then simply miss. */
const FORMAT = 1;

export interface ProbeFileKey {
  /** Real (symlink-resolved) absolute path. */
  path: string;
  size: bigint;
  mtimeNs: bigint;
}

export type CachedProbe = { ok: true; output: unknown; ffprobe: string } | { ok: false; error: string; ffprobe: string };

interface Entry {
  format: number;
  path: string;
  size: string;
  mtimeNs: string;
  result: CachedProbe;
}

/** The probe cache folder when no option says otherwise. */
export function defaultProbeCacheDir(): string {
  const env = process.env.FPRISK_PROBE_CACHE?.trim();
  if (env) return resolve(env);
  return join(dirname(userCacheDataDir()), "probes");
}

export class ProbeCache {
  readonly dir: string;
  constructor(dir: string) {
    this.dir = resolve(dir);
  }

  private fileFor(key: ProbeFileKey): string {
    const hash = createHash("sha256").update(`${key.path}\u0000${key.size}\u0000${key.mtimeNs}`).digest("hex");
    return join(this.dir, hash.slice(0, 2), `${hash}.json`);
  }

  /** Entries that were not regular files (a FIFO, a device): refused unopened, one line each. */
  readonly refused: string[] = [];

  /** The cached result, or undefined on a miss (absent, unreadable, stale or refused entry). */
  async get(key: ProbeFileKey): Promise<CachedProbe | undefined> {
    const file = this.fileFor(key);
    let entry: Entry;
    try {
      // Opening a FIFO blocks until something writes to it: look before opening.
      const info = await stat(file);
      if (!info.isFile()) {
        this.refused.push(`${file}: the probe cache entry is not a regular file; ignored and probed again`);
        return undefined;
      }
      entry = JSON.parse(await readFile(file, "utf8")) as Entry;
    } catch {
      return undefined; // a missing or half-written entry is a miss, never an error
    }
    if (entry.format !== FORMAT || entry.path !== key.path || entry.size !== String(key.size) || entry.mtimeNs !== String(key.mtimeNs)) return undefined;
    return entry.result;
  }

  async put(key: ProbeFileKey, result: CachedProbe): Promise<void> {
    const entry: Entry = { format: FORMAT, path: key.path, size: String(key.size), mtimeNs: String(key.mtimeNs), result };
    await writeFileAtomic(this.fileFor(key), JSON.stringify(entry));
  }
}
