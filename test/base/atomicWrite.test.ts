import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openAtomicFile, writeAtomicWith, writeFileAtomic } from "../../src/base/atomicWrite.js";
import { tmp } from "../cliHelpers.js";
import { UserError } from "../../src/base/errors.js";

describe("writeFileAtomic", () => {
  const dir = mkdtempSync(join(tmpdir(), "fprisk-atomic-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("writes text and bytes, creating missing folders, and leaves no temp file", async () => {
    const text = join(dir, "out", "deeper", "a.csv");
    await writeFileAtomic(text, "x,y\n1,2\n");
    expect(readFileSync(text, "utf8")).toBe("x,y\n1,2\n");
    const bytes = join(dir, "out", "b.bin");
    await writeFileAtomic(bytes, Uint8Array.of(0, 255, 7));
    expect([...readFileSync(bytes)]).toEqual([0, 255, 7]);
    expect(readdirSync(join(dir, "out")).sort()).toEqual(["b.bin", "deeper"]);
    expect(readdirSync(join(dir, "out", "deeper"))).toEqual(["a.csv"]);
  });

  it("replaces an existing file whole", async () => {
    const path = join(dir, "replace.txt");
    writeFileSync(path, "a much longer old content\n");
    await writeFileAtomic(path, "new\n");
    expect(readFileSync(path, "utf8")).toBe("new\n");
    expect(readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  it("a path it cannot write is a UserError naming the path, with nothing left behind", async () => {
    const blocker = join(dir, "plain-file");
    writeFileSync(blocker, "not a folder");
    const target = join(blocker, "out.csv");
    const err = await writeFileAtomic(target, "x").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as Error).message).toMatch(new RegExp(`^cannot write ${target.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: `));
    expect(readFileSync(blocker, "utf8")).toBe("not a folder");
    expect(readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });
});

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

describe("writeAtomicWith", () => {
  const dir = mkdtempSync(join(tmpdir(), "fprisk-atomic-with-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("renames what the writer made at the temp path over the target", async () => {
    const target = join(dir, "t.parquet");
    writeFileSync(target, "old");
    let seen = "";
    await writeAtomicWith(target, async (tmpPath) => {
      seen = tmpPath;
      writeFileSync(tmpPath, "new");
    });
    expect(seen.startsWith(join(dir, "."))).toBe(true);
    expect(readFileSync(target, "utf8")).toBe("new");
    expect(readdirSync(dir)).toEqual(["t.parquet"]);
  });

  it("keeps the target and removes the temp file when the writer fails", async () => {
    const target = join(dir, "k.parquet");
    writeFileSync(target, "old");
    const err = await writeAtomicWith(target, async (tmpPath) => {
      writeFileSync(tmpPath, "half");
      throw new UserError("disk full");
    }).catch((e: Error) => e);
    expect((err as Error).message).toBe("disk full");
    expect(readFileSync(target, "utf8")).toBe("old");
    expect(readdirSync(dir).sort()).toEqual(["k.parquet", "t.parquet"]);
  });
});
