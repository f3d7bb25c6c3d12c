/**
 * Write a file so readers never see it half-written: write a temp file in the same
 * folder, then rename over the target (atomic on one filesystem). On any error the
 * temp file is removed and the target is left as it was.
 *
 * `openAtomicFile` does the same for output produced piece by piece (a 50-million-row
 * CSV): the pieces stream into the temp file, `commit` renames, `abort` removes it.
 */
import { randomBytes } from "node:crypto";
import { createWriteStream, type WriteStream } from "node:fs";
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { UserError } from "./errors.js";

function tempPathFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
}

function writeError(path: string, e: unknown): UserError {
  if (e instanceof UserError) return e;
  const code = (e as NodeJS.ErrnoException).code;
  const why =
    code === "EACCES" || code === "EPERM" || code === "EROFS"
      ? "permission denied"
      : code === "ENOENT"
        ? "folder does not exist"
        : code === "ENOTDIR" || code === "EEXIST"
          ? "a folder on its path is a file"
          : code === "ENOSPC"
          ? "no space left on the device"
          : (e as Error).message;
  return new UserError(`cannot write ${path}: ${why}`);
}

export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const tmp = tempPathFor(path);
  try {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(tmp, data);
    await rename(tmp, path);
  } catch (e) {
    await removeQuietly(tmp);
    throw writeError(path, e);
  }
}

/** Remove a temp file if it is there; its folder may not exist (that was the error). */
async function removeQuietly(tmp: string): Promise<void> {
  await rm(tmp, { force: true }).catch(() => {});
}

export interface AtomicFile {
  /** The temp file's stream: write here (respect backpressure). */
  stream: WriteStream;
  /** Flush, close and rename over the target. */
  commit(): Promise<void>;
  /** Close and remove the temp file; the target is untouched. */
  abort(): Promise<void>;
}

export async function openAtomicFile(path: string): Promise<AtomicFile> {
  const tmp = tempPathFor(path);
  let stream: WriteStream;
  try {
    await mkdir(dirname(path), { recursive: true });
    stream = createWriteStream(tmp, { flags: "wx" });
    await new Promise<void>((resolve, reject) => {
      stream.once("open", () => resolve());
      stream.once("error", reject);
    });
  } catch (e) {
    await removeQuietly(tmp);
    throw writeError(path, e);
  }
  let failure: unknown;
  stream.on("error", (e) => (failure ??= e));
  const close = () =>
    new Promise<void>((resolve) => {
      if (stream.closed) resolve();
      else stream.end(() => resolve());
      stream.once("error", () => resolve());
    });
  return {
    stream,
    async commit() {
      await close();
      try {
        if (failure) throw failure;
        await rename(tmp, path);
      } catch (e) {
        await removeQuietly(tmp);
        throw writeError(path, e);
      }
    },
    async abort() {
      stream.destroy();
      await removeQuietly(tmp);
    },
  };
}

/**
 * The same for a file another program writes (DuckDB's COPY … TO): `write` is given
 * the temp path (in the target's folder) and must create the file there; it is then
 * renamed over the target, or removed if anything fails.
 */
export async function writeAtomicWith(path: string, write: (tempPath: string) => Promise<void>): Promise<void> {
  const tmp = tempPathFor(path);
  try {
    await mkdir(dirname(path), { recursive: true });
    await write(tmp);
    await rename(tmp, path);
  } catch (e) {
    await removeQuietly(tmp);
    throw writeError(path, e);
  }
}
