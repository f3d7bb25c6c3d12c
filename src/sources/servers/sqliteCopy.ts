/**
 * Reading a live SQLite database without touching it: the database file and its `-wal` and
 * `-shm` companions (those that exist) are copied into a private temporary folder and only the
 * copy is opened. Rows a running server has committed to the WAL but not yet checkpointed are
 * therefore seen, and the server's files are never opened by SQLite (no locks, no checkpoint,
 * no recovery written back). The folder is removed afterwards, also on error. A path through a
 * symlink is resolved first, so the companions beside the real file are the ones copied.
 *
 *   const count = await withPrivateCopy("library.db", (db) => db.prepare("SELECT 1").pluck().get());
 */
import { copyFile, mkdtemp, realpath, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import type Database from "better-sqlite3";
import { UserError } from "../../base/errors.js";
import { fileError } from "../input.js";

/** The files SQLite keeps beside a database in WAL mode. */
const COMPANIONS = ["", "-wal", "-shm"] as const;

/** Copy attempts before giving up on a stable snapshot of a database that keeps changing. */
const COPY_ATTEMPTS = 3;

export interface PrivateCopyInfo {
  /** Companion files that existed and were copied ("-wal", "-shm"). */
  copied: string[];
  /** True when the source kept changing during every copy attempt (the last copy is used). */
  unstable: boolean;
}

/**
 * Run `read` on a private copy of the database at `path`, opened with better-sqlite3.
 * SQLite errors that mean "this is not a readable database" become one-line UserErrors.
 */
export async function withPrivateCopy<T>(path: string, read: (db: Database.Database, info: PrivateCopyInfo) => T): Promise<T> {
  // SQLite keeps -wal and -shm beside the real file: a database reached through a symlink
  // has them next to its target, not next to the link.
  let real: string;
  try {
    real = await realpath(path);
  } catch (e) {
    throw fileError(path, e);
  }
  const dir = await mkdtemp(join(tmpdir(), "fprisk-db-"));
  try {
    const copy = join(dir, basename(real));
    const info = await copyStable(real, copy);
    // Imported here, not at the top, so that commands reading no database do not load it.
    const { default: SqliteDatabase } = await import("better-sqlite3");
    let db: Database.Database;
    try {
      // Read-write on purpose: the copy is ours, and SQLite must be able to rebuild the WAL
      // index (-shm) from the copied WAL, which a read-only connection cannot do.
      db = new SqliteDatabase(copy, { fileMustExist: true });
    } catch (e) {
      throw sqliteUserError(path, e);
    }
    try {
      return read(db, info);
    } catch (e) {
      throw sqliteUserError(path, e);
    } finally {
      db.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Copy the database and companions; a server may write between the copies, so the sizes and
 * modification times are compared before and after, and the copy repeated when they moved.
 */
async function copyStable(path: string, copy: string): Promise<PrivateCopyInfo> {
  let unstable = true;
  let copied: string[] = [];
  for (let attempt = 0; attempt < COPY_ATTEMPTS && unstable; attempt++) {
    const before = await fingerprint(path);
    copied = [];
    for (const suffix of COMPANIONS) {
      if (suffix !== "" && before[suffix] === undefined) continue;
      try {
        await copyFile(path + suffix, copy + suffix);
      } catch (e) {
        // A companion may vanish between stat and copy (the server checkpointed and closed).
        if (suffix !== "" && (e as NodeJS.ErrnoException).code === "ENOENT") continue;
        throw fileError(path + suffix, e);
      }
      if (suffix !== "") copied.push(suffix);
    }
    const after = await fingerprint(path);
    unstable = JSON.stringify(before) !== JSON.stringify(after);
  }
  return { copied, unstable };
}

async function fingerprint(path: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const suffix of COMPANIONS) {
    try {
      const s = await stat(path + suffix);
      out[suffix] = `${s.size}:${s.mtimeMs}`;
    } catch (e) {
      if (suffix === "" || (e as NodeJS.ErrnoException).code !== "ENOENT") throw fileError(path + suffix, e);
    }
  }
  return out;
}

/** SQLite result codes (primary or extended) that mean the file is damaged or not a database. */
const CORRUPT = /^SQLITE_(CORRUPT|NOTADB)/;

function sqliteUserError(path: string, e: unknown): Error {
  if (e instanceof UserError) return e;
  const code = (e as { code?: string })?.code;
  if (typeof code === "string" && code.startsWith("SQLITE_")) {
    const message = (e as Error).message;
    if (CORRUPT.test(code)) return new UserError(`${path}: the database is corrupt (${message})`);
    return new UserError(`${path}: cannot read the database (${message})`);
  }
  return e as Error;
}
