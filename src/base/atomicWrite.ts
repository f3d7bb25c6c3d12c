/**
 * Write a file so readers never see it half-written: write a temp file in the same
 * folder, then rename over the target (atomic on one filesystem).
 */
import { randomBytes } from "node:crypto";
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { UserError } from "./errors.js";

export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const dir = dirname(path);
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  try {
    await mkdir(dir, { recursive: true });
    await writeFile(tmp, data);
    await rename(tmp, path);
  } catch (e) {
    // the temp file may not exist, or its folder may not (a path under a plain file): the
    // write's own error is the one to report
    await rm(tmp, { force: true }).catch(() => undefined);
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === "EACCES" || code === "EPERM" || code === "EROFS" ? "permission denied" : code === "ENOENT" ? "folder does not exist" : (e as Error).message;
    throw new UserError(`cannot write ${path}: ${why}`);
  }
}
