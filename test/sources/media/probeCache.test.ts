import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, statSync, unlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ProbeCache, type CachedProbe, type ProbeFileKey } from "../../../src/sources/media/probeCache.js";

const dir = mkdtempSync(join(tmpdir(), "fprisk-probecache-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const key: ProbeFileKey = { path: "/movies/Heat (1995).mkv", size: 123n, mtimeNs: 456n };
const result: CachedProbe = { ok: true, output: { format: { duration: "10200" } }, ffprobe: "ffprobe 6.1" };

/** Every entry file under the cache folder. */
function entries(root: string): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((e) => !e.isDirectory())
    .map((e) => join(e.parentPath ?? (e as unknown as { path: string }).path, e.name));
}

describe("ProbeCache", () => {
  it("returns what was put under the same key, and misses for another size or mtime", async () => {
    const cache = new ProbeCache(join(dir, "a"));
    expect(await cache.get(key, "ffprobe 6.1")).toEqual({ miss: "absent" });
    await cache.put(key, result);
    expect(await cache.get(key, "ffprobe 6.1")).toEqual({ hit: result });
    expect(await cache.get({ ...key, size: 124n }, "ffprobe 6.1")).toEqual({ miss: "absent" });
    expect(await cache.get({ ...key, mtimeNs: 457n }, "ffprobe 6.1")).toEqual({ miss: "absent" });
    expect(await cache.get(key, "ffprobe 7.0")).toEqual({ miss: "stale", madeBy: "ffprobe 6.1" });
  });

  it("a FIFO in place of an entry is not read (no hang): a tampered miss", async () => {
    const root = join(dir, "fifo");
    const cache = new ProbeCache(root);
    await cache.put(key, result);
    const [entry] = entries(root);
    unlinkSync(entry);
    execFileSync("mkfifo", [entry]);
    expect(statSync(entry).isFIFO()).toBe(true);
    expect(await cache.get(key, "ffprobe 6.1")).toEqual({ miss: "tampered" });
    // The next put replaces it with a regular entry.
    await cache.put(key, result);
    expect(await cache.get(key, "ffprobe 6.1")).toEqual({ hit: result });
  }, 5000);
});
