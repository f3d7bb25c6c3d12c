import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { writeFileAtomic } from "../../src/base/atomicWrite.js";
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
