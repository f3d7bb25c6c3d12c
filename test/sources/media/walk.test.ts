import { copyFileSync, linkSync, mkdirSync, mkdtempSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { describe, expect, it } from "vitest";
import { walkFiles } from "../../../src/sources/media/walk.js";
import { join } from "node:path";
import { repoRoot } from "../../helpers.js";

// Made by scripts/make-media-fixtures.sh.
const fixtures = join(repoRoot, "test", "fixtures", "media");
const fx = (name: string) => join(fixtures, name);

function tmp(): string {
  return mkdtempSync(join(tmpdir(), "fprisk-walk-"));
}

describe("folder walk", () => {
  it("follows symlinked folders, survives a link loop, counts a file reachable twice once", async () => {
    const dir = tmp();
    mkdirSync(join(dir, "films"));
    copyFileSync(fx("test-pattern-40k.mp4"), join(dir, "films", "a.mp4"));
    linkSync(join(dir, "films", "a.mp4"), join(dir, "films", "a-hardlink.mp4")); // same inode
    symlinkSync(join(dir, "films"), join(dir, "alias")); // the folder again
    symlinkSync(dir, join(dir, "films", "loop")); // back to the root
    symlinkSync(join(dir, "missing.mkv"), join(dir, "dangling.mkv"));
    const w = await walkFiles(dir);
    // sorted walk: "alias" comes before "films", and "a-hardlink" before "a.mp4"
    expect(w.files.map((f) => f.path)).toEqual([join(dir, "alias", "a-hardlink.mp4")]);
    expect(w.repeats).toBe(3); // alias/a.mp4 (same inode), alias/loop (the root), films/ (same folder as alias/)
    expect(w.problems).toEqual([{ path: join(dir, "dangling.mkv"), reason: "broken symlink", detail: "its target does not exist" }]);
  });
});
