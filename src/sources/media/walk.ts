/**
 * Recursive folder walk for media scans. Symlinks are followed (libraries are often
 * assembled from links), but every folder is entered once, tracked by device + inode,
 * so a link back to an ancestor ends instead of looping; a file reachable by two
 * paths (links, hard links, a folder linked twice) is listed once, under the first
 * path in sorted order. Unreadable entries are reported, not fatal.
 */
import type { Dirent } from "node:fs";
import { readdir, realpath, stat } from "node:fs/promises";
import { join } from "node:path";

export interface WalkedFile {
  /** Path as reached from the root given (relative roots give relative paths). */
  path: string;
  /** Symlink-resolved absolute path (the probe cache key). */
  realPath: string;
  size: bigint;
  mtimeNs: bigint;
}

export interface WalkProblem {
  path: string;
  reason: "unreadable" | "broken symlink";
  detail: string;
}

export interface WalkResult {
  files: WalkedFile[];
  problems: WalkProblem[];
  /** Files and folders reached a second time (links), entered or listed once. */
  repeats: number;
}

export async function walkFiles(root: string): Promise<WalkResult> {
  const result: WalkResult = { files: [], problems: [], repeats: 0 };
  const seen = new Set<string>();
  const visit = async (dir: string): Promise<void> => {
    let entries: Dirent[];
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (e) {
      result.problems.push({ path: dir, reason: "unreadable", detail: errnoText(e) });
      return;
    }
    // Sorted by code unit, so the walk (and the catalog's row order) is the same on every machine.
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (!entry.isFile() && !entry.isDirectory() && !entry.isSymbolicLink()) continue; // sockets, FIFOs, devices
      let info;
      try {
        info = await stat(path, { bigint: true }); // follows symlinks
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (entry.isSymbolicLink() && (code === "ENOENT" || code === "ELOOP")) {
          result.problems.push({ path, reason: "broken symlink", detail: code === "ELOOP" ? "the link points to itself" : "its target does not exist" });
        } else {
          result.problems.push({ path, reason: "unreadable", detail: errnoText(e) });
        }
        continue;
      }
      const id = `${info.dev}:${info.ino}`;
      if (info.isDirectory()) {
        if (seen.has(id)) {
          result.repeats++;
          continue;
        }
        seen.add(id);
        await visit(path);
      } else if (info.isFile()) {
        if (seen.has(id)) {
          result.repeats++;
          continue;
        }
        seen.add(id);
        result.files.push({ path, realPath: await realpath(path), size: info.size, mtimeNs: info.mtimeNs });
      }
    }
  };
  const rootInfo = await stat(root, { bigint: true });
  seen.add(`${rootInfo.dev}:${rootInfo.ino}`);
  await visit(root);
  return result;
}

export function errnoText(e: unknown): string {
  const code = (e as NodeJS.ErrnoException)?.code;
  if (code === "EACCES" || code === "EPERM") return "permission denied";
  if (code === "ENOENT") return "no such file or directory";
  if (code === "EIO") return "input/output error";
  return (e as Error)?.message ?? String(e);
}
