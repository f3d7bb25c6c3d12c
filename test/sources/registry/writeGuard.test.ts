import { chmodSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { UserError } from "../../../src/base/errors.js";
import { siblingSharedDataDir } from "../../../src/sources/registry/dataDir.js";
import { assertWritable, explainWriteError } from "../../../src/sources/registry/writeGuard.js";

describe("writeGuard", () => {
  it("a writable folder passes, whether the dataset folder exists yet or not", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "fprisk-wg-"));
    await expect(assertWritable(dataDir, join(dataDir, "new-dataset"))).resolves.toBeUndefined();
  });

  it("a folder without write bits is refused even for root; the nearest existing level decides", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "fprisk-wg-ro-"));
    chmodSync(dataDir, 0o555);
    try {
      await expect(assertWritable(dataDir, join(dataDir, "x"))).rejects.toThrow(/will not write into .*read-only data folder/);
    } finally {
      chmodSync(dataDir, 0o755);
    }
  });

  it("the project's shared datasets folder is refused by path", async () => {
    const shared = siblingSharedDataDir();
    await expect(assertWritable(shared, join(shared, "tiny"))).rejects.toThrow(/the project's shared datasets/);
  });

  it("write failures become one line; other errors stay as they are", () => {
    const e = explainWriteError(Object.assign(new Error("ENOSPC"), { code: "ENOSPC" }), "/d");
    expect(e).toBeInstanceOf(UserError);
    expect(e.message).toMatch(/^cannot write into \/d: no space left on the device \(ENOSPC\)/);
    const other = new Error("boom");
    expect(explainWriteError(other, "/d")).toBe(other);
    expect(explainWriteError("text", "/d").message).toBe("text");
  });
});
