import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { binaryKind, detectDelimiter, sniffFile } from "../../src/sources/sniff.js";

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

describe("binaryKind", () => {
  it("Parquet (PAR1 at 0) and DuckDB (DUCK at 8) heads, which hold NUL bytes; SQLite by its header", () => {
    const parquet = Buffer.concat([Buffer.from("PAR1"), Buffer.from([0x15, 0x00, 0x15])]);
    expect(binaryKind(parquet)).toBe("parquet");
    const duck = Buffer.concat([Buffer.from([6, 0xd7, 0x6f, 0x27, 0xc2, 0xda, 0xb3, 0xb9]), Buffer.from("DUCK"), Buffer.from([0x40, 0, 0, 0])]);
    expect(binaryKind(duck)).toBe("duckdb");
    expect(binaryKind(Buffer.from("SQLite format 3\0"))).toBe("sqlite");
  });
  it("text that happens to spell a magic stays text", () => {
    expect(binaryKind(Buffer.from("PAR1,title\n1,A\n"))).toBeUndefined();
    expect(binaryKind(Buffer.from("title;x;DUCK\nA;1;2\n"))).toBeUndefined();
  });
  it("sniffFile says parquet instead of refusing a binary file", async () => {
    const p = file("p.parquet", Buffer.concat([Buffer.from("PAR1"), Buffer.alloc(10)]));
    expect((await sniffFile(p)).kind).toBe("parquet");
  });
});
