/**
 * A cache of ffprobe results, so re-scanning an unchanged folder does not run ffprobe
 * again. An entry is keyed by the file's real path, size and modification time (ns):
 * editing, replacing or touching a file misses the cache. Corrupt files are cached
 * too (their ffprobe error), so they are not re-probed on every scan either.
 *
 * An entry is trusted only if it is intact and current: it carries a SHA-256
 * checksum of its own content, and the version of the ffprobe that made it. An entry
 * whose checksum does not match (edited by hand, damaged, or not a regular file at
 * all) is "tampered"; one made by another ffprobe version, or by an older fprisk
 * entry layout, is "stale". Both are probed again and the scan says so in a note.
 * (The checksum catches edits and damage; someone who can write the cache folder
 * and recomputes the checksum is not stopped — keep the folder private.)
 *
 * Location, in order: `--probe-cache DIR`, FPRISK_PROBE_CACHE, else the user cache
 * folder $XDG_CACHE_HOME/fprisk/probes (~/.cache/fprisk/probes when XDG_CACHE_HOME is
 * unset), beside fprisk's dataset cache (src/sources/registry/dataDir.ts). Entries are written
 * atomically; nothing is ever written next to the media files. Deleting the folder
 * is always safe.
 */
import { createHash } from "node:crypto";
import { constants } from "node:fs";
import { open } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { userCacheDataDir } from "../registry/dataDir.js";
import { writeFileAtomic } from "../../base/atomicWrite.js";

/** Bump when the entry layout changes; older entries are then stale. 2: checksum added. */
const FORMAT = 2;

/** No ffprobe output of one file comes near this; a bigger entry is not ours. */
const MAX_ENTRY_BYTES = 64 * 1024 * 1024;

export interface ProbeFileKey {
  /** Real (symlink-resolved) absolute path. */
  path: string;
  size: bigint;
  mtimeNs: bigint;
}

/** `ffprobe` is the version line of the binary that made it ("ffprobe version 5.1.9-0+deb12u1"). */
export type CachedProbe = { ok: true; output: unknown; ffprobe: string } | { ok: false; error: string; ffprobe: string };

/**
 * A lookup: a usable result, nothing cached ("absent"), or an entry that must not be
 * used — "tampered" (checksum mismatch, unreadable JSON, not a regular file) or
 * "stale" (another ffprobe version or entry layout; `madeBy` says which).
 */
export type CacheLookup =
  | { hit: CachedProbe }
  | { miss: "absent" }
  | { miss: "tampered" }
  | { miss: "stale"; madeBy: string };

interface Entry {
  format: number;
  path: string;
  size: string;
  mtimeNs: string;
  result: CachedProbe;
  /** SHA-256 (hex) of JSON.stringify of the entry without this field, keys in the order above. */
  checksum: string;
}

/** The probe cache folder when no option says otherwise. */
export function defaultProbeCacheDir(): string {
  const env = process.env.FPRISK_PROBE_CACHE?.trim();
  if (env) return resolve(env);
  return join(dirname(userCacheDataDir()), "probes");
}

function checksumOf(body: Omit<Entry, "checksum">): string {
  return createHash("sha256").update(JSON.stringify(body)).digest("hex");
}

export class ProbeCache {
  readonly dir: string;
  constructor(dir: string) {
    this.dir = resolve(dir);
  }

  /** Where the entry for `key` lives (one JSON file per probed file). */
  fileFor(key: ProbeFileKey): string {
    const hash = createHash("sha256").update(`${key.path}\u0000${key.size}\u0000${key.mtimeNs}`).digest("hex");
    return join(this.dir, hash.slice(0, 2), `${hash}.json`);
  }

  /** Look `key` up for results made by `ffprobeVersion` (see CacheLookup). */
  async get(key: ProbeFileKey, ffprobeVersion: string): Promise<CacheLookup> {
    const text = await readEntry(this.fileFor(key));
    if (text === "absent" || text === "tampered") return { miss: text };
    let entry: Entry;
    try {
      entry = JSON.parse(text) as Entry;
    } catch {
      return { miss: "tampered" }; // half-written entries cannot exist (atomic writes): this was edited
    }
    if (typeof entry !== "object" || entry === null) return { miss: "tampered" };
    if (entry.format !== FORMAT) return { miss: "stale", madeBy: `an older fprisk (cache format ${String(entry.format)})` };
    const { checksum, ...body } = entry;
    if (typeof checksum !== "string" || checksum !== checksumOf(body)) return { miss: "tampered" };
    // The key hashes to the file name, so a different key here means a copied entry.
    if (entry.path !== key.path || entry.size !== String(key.size) || entry.mtimeNs !== String(key.mtimeNs)) return { miss: "tampered" };
    if (typeof entry.result !== "object" || entry.result === null) return { miss: "tampered" };
    if (entry.result.ffprobe !== ffprobeVersion) return { miss: "stale", madeBy: entry.result.ffprobe };
    return { hit: entry.result };
  }

  async put(key: ProbeFileKey, result: CachedProbe): Promise<void> {
    const body = { format: FORMAT, path: key.path, size: String(key.size), mtimeNs: String(key.mtimeNs), result };
    const entry: Entry = { ...body, checksum: checksumOf(body) };
    await writeFileAtomic(this.fileFor(key), JSON.stringify(entry));
  }
}

/**
 * An entry's text. Opened without following a symlink and without blocking (a FIFO
 * planted in the cache must not hang the scan), then checked to be a regular file of
 * a sane size; anything else is "tampered". A missing or unreadable entry is "absent".
 */
async function readEntry(file: string): Promise<string | "absent" | "tampered"> {
  let handle;
  try {
    handle = await open(file, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "ELOOP" ? "tampered" : "absent";
  }
  try {
    const info = await handle.stat();
    if (!info.isFile() || info.size > MAX_ENTRY_BYTES) return "tampered";
    return await handle.readFile("utf8");
  } catch {
    return "absent";
  } finally {
    await handle.close();
  }
}
