/**
 * A file's sha256 (streamed, so a large dataset file is never held in memory) and its
 * size, the two facts the registry records for every file.
 *
 *   await sha256File("chinook_tracks.csv");  // "d6f167a9…"
 *   await fileSize("missing.csv");           // -1
 */
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { pipeline } from "node:stream/promises";

export async function sha256File(path: string): Promise<string> {
  const hash = createHash("sha256");
  await pipeline(createReadStream(path), hash);
  return hash.digest("hex");
}

/** Size in bytes, or -1 when the file does not exist (or cannot be read). */
export async function fileSize(path: string): Promise<number> {
  try {
    return (await stat(path)).size;
  } catch {
    return -1;
  }
}

/** True when `path` exists with exactly the expected size and sha256. */
export async function fileMatches(path: string, expected: { bytes: number; sha256: string }): Promise<boolean> {
  return (await fileSize(path)) === expected.bytes && (await sha256File(path)) === expected.sha256;
}
