import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openAtomicFile, writeFileAtomic } from "../../src/base/atomicWrite.js";
import { tmp } from "../cliHelpers.js";

describe("atomic writes", () => {
  it("an atomic file appears only on commit; abort leaves the old file and no temp", async () => {
    const dir = tmp();
    const target = join(dir, "out.csv");
    writeFileSync(target, "old\n");
    const a = await openAtomicFile(target);
    a.stream.write("new\n");
    expect(readFileSync(target, "utf8")).toBe("old\n");
    await a.abort();
    expect(readFileSync(target, "utf8")).toBe("old\n");
    expect(readdirSync(dir)).toEqual(["out.csv"]);
    const b = await openAtomicFile(target);
    b.stream.write("a\n1\n");
    await b.commit();
    expect(readFileSync(target, "utf8")).toBe("a\n1\n");
    expect(readdirSync(dir)).toEqual(["out.csv"]);
  });

  it("writeFileAtomic creates folders and leaves no temp file; an unwritable target is a UserError", async () => {
    const dir = tmp();
    await writeFileAtomic(join(dir, "a", "b.txt"), "x");
    expect(readFileSync(join(dir, "a", "b.txt"), "utf8")).toBe("x");
    expect(readdirSync(join(dir, "a"))).toEqual(["b.txt"]);
    writeFileSync(join(dir, "file"), "");
    await expect(writeFileAtomic(join(dir, "file", "c.txt"), "x")).rejects.toThrow(/^cannot write .*c\.txt: a folder on its path is a file$/);
  });
});
