/**
 * Where `datasets fetch` may write, and what it says when it cannot. Read-only data
 * folders are refused before anything is downloaded (permission bits are checked by
 * hand because root ignores them: the project's shared datasets folder, r-x for all,
 * must stay untouched even for root); a write that fails anyway (EACCES, EROFS,
 * ENOSPC, …) becomes one line naming the folder and the fix.
 */
import { stat } from "node:fs/promises";
import { resolve } from "node:path";
import { UserError } from "../../base/errors.js";
import { siblingSharedDataDir, userCacheDataDir } from "./dataDir.js";

/** Refuse `dir` (a dataset folder inside `dataDir`) when the nearest existing level is read-only by intent. */
export async function assertWritable(dataDir: string, dir: string): Promise<void> {
  const refuse = (p: string, why: string) =>
    new UserError(`will not write into ${p}: it is a read-only data folder${why}. Unset FPRISK_DATA_DIR to fetch into the user cache (${userCacheDataDir()}), or point it at a writable folder.`);
  // the shared folder by path, whether or not it exists on this machine
  if (resolve(dataDir) === siblingSharedDataDir()) throw refuse(dataDir, " (the project's shared datasets)");
  for (const p of [dir, dataDir]) {
    const s = await stat(p).catch(() => undefined);
    if (!s) continue;
    if ((s.mode & 0o222) === 0) throw refuse(p, "");
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
