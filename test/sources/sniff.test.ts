import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { detectDelimiter, sniffFile } from "../../src/sources/sniff.js";

const dir = mkdtempSync(join(tmpdir(), "fprisk-sniff-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
function file(name: string, body: string | Buffer): string {
  const p = join(dir, name);
  writeFileSync(p, body);
  return p;
}

describe("detectDelimiter", () => {
  it("the most frequent delimiter of the header line, outside quotes; .tsv means tab", () => {
    expect(detectDelimiter("a;b;c\n1,2;3")).toBe(";");
    expect(detectDelimiter('"a,b,c"|d|e\n')).toBe("|");
    expect(detectDelimiter("a\tb\n")).toBe("\t");
    expect(detectDelimiter("a,b", "x.tsv")).toBe("\t");
    expect(detectDelimiter("title\n")).toBe(",");
  });
});

describe("sniffFile", () => {
  it("CSV, JSON array, NDJSON, one JSON document, SQLite", async () => {
    expect((await sniffFile(file("a.csv", "title;ms\nA;1\n"))).delimiter).toBe(";");
    expect((await sniffFile(file("a.txt", '[{"title":"A"}]'))).kind).toBe("json");
    expect((await sniffFile(file("b.txt", '{"title":"A"}\n{"title":"B"}\n'))).kind).toBe("ndjson");
    expect((await sniffFile(file("c.txt", '{"streams": []}'))).kind).toBe("json");
    expect((await sniffFile(file("d.db", Buffer.concat([Buffer.from("SQLite format 3\0", "latin1"), Buffer.alloc(100)])))).kind).toBe("sqlite");
  });
  it("empty, UTF-16, binary and media files are refused with one line", async () => {
    await expect(sniffFile(file("e.csv", ""))).rejects.toThrow(/the file is empty/);
    await expect(sniffFile(file("u.csv", Buffer.from([0xff, 0xfe, 0x41, 0x00])))).rejects.toThrow(/UTF-16/);
    await expect(sniffFile(file("b.csv", Buffer.from([0x41, 0x00, 0x42])))).rejects.toThrow(/binary file \(NUL byte at offset 1\)/);
  });
});
