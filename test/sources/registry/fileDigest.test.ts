import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fileMatches, fileSize, sha256File } from "../../../src/sources/registry/fileDigest.js";

describe("fileDigest", () => {
  const dir = mkdtempSync(join(tmpdir(), "fprisk-digest-"));
  const path = join(dir, "abc.txt");
  writeFileSync(path, "abc");
  // sha256("abc"), the FIPS 180-2 test vector
  const ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

  it("sha256File streams the file's sha256; fileSize its bytes, -1 when missing", async () => {
    expect(await sha256File(path)).toBe(ABC);
    expect(await fileSize(path)).toBe(3);
    expect(await fileSize(join(dir, "missing"))).toBe(-1);
  });

  it("fileMatches needs both the size and the sha256", async () => {
    expect(await fileMatches(path, { bytes: 3, sha256: ABC })).toBe(true);
    expect(await fileMatches(path, { bytes: 4, sha256: ABC })).toBe(false);
    expect(await fileMatches(path, { bytes: 3, sha256: "0".repeat(64) })).toBe(false);
    expect(await fileMatches(join(dir, "missing"), { bytes: 3, sha256: ABC })).toBe(false);
  });
});
