import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { decodeText, firstInvalidUtf8, openInput, readAllText, textLines, type OpenedInput } from "../../src/sources/input.js";

const dir = mkdtempSync(join(tmpdir(), "fprisk-input-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
function file(body: string | Buffer, ext = "csv"): string {
  const p = join(dir, `f${n++}.${ext}`);
  writeFileSync(p, body);
  return p;
}

/** An input whose content arrives in the given chunks (to split sequences anywhere). */
function chunked(chunks: Buffer[]): OpenedInput {
  return {
    name: "mem",
    hintName: "",
    head: Buffer.concat(chunks).subarray(0, 65536),
    plainFile: false,
    chunks: { [Symbol.asyncIterator]: async function* () { yield* chunks; } },
    close: () => undefined,
  };
}

describe("openInput", () => {
  it("a plain file: its head, its content, extension hints", async () => {
    const p = file("title,ms\nA,1\n", "TSV");
    const input = await openInput(p);
    expect(input.head.toString()).toBe("title,ms\nA,1\n");
    expect(input.plainFile).toBe(true);
    expect(input.hintName).toBe(p.toLowerCase());
    expect(await readAllText(input)).toBe("title,ms\nA,1\n");
  });
  it("gzip by its magic bytes, decompressed while read; the .gz is dropped from the hint", async () => {
    const big = "title,ms\n" + "Some film,123\n".repeat(20_000); // more than the 64 KiB head
    const p = file(gzipSync(big), "csv.gz");
    const input = await openInput(p);
    expect(input.plainFile).toBe(false);
    expect(input.hintName.endsWith(".csv")).toBe(true);
    expect(input.head.length).toBeGreaterThanOrEqual(65536);
    expect(await readAllText(input)).toBe(big);
  });
  it("an empty file has an empty head", async () => {
    const input = await openInput(file(""));
    expect(input.head.length).toBe(0);
    expect(await readAllText(input)).toBe("");
  });
  it("a missing file or a folder is one line", async () => {
    await expect(openInput(join(dir, "nope.csv"))).rejects.toThrow(`${join(dir, "nope.csv")}: cannot read: no such file or directory`);
    await expect(openInput(dir)).rejects.toThrow(`${dir}: is a directory, expected a file`);
  });
});

describe("decodeText", () => {
  it("UTF-8 split across chunks anywhere decodes as a whole, BOM dropped", async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: "binary", maxLength: 40 }), fc.array(fc.nat(), { maxLength: 5 }), async (text, cuts) => {
        const bytes = Buffer.from("\uFEFF" + text);
        const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
        const chunks: Buffer[] = [];
        let prev = 0;
        for (const p of [...points, bytes.length]) {
          chunks.push(bytes.subarray(prev, p));
          prev = p;
        }
        expect(await readAllText(chunked(chunks))).toBe(text);
      }),
      { numRuns: 300 },
    );
  });
  it("the first invalid byte is named with its line, whichever chunk it is in", async () => {
    const bytes = Buffer.concat([Buffer.from("a\nb\nc"), Buffer.from([0xe9]), Buffer.from("\nd\n")]);
    for (let cut = 0; cut <= bytes.length; cut++) {
      const input = chunked([bytes.subarray(0, cut), bytes.subarray(cut)]);
      await expect(readAllText(input)).rejects.toThrow(/^mem:3: not valid UTF-8 \(bytes 0xE9 0x0A\)/);
    }
  });
  it("a sequence cut short at the end of the input is invalid", async () => {
    await expect(readAllText(chunked([Buffer.from("ok\n"), Buffer.from([0xc3])]))).rejects.toThrow(/^mem:2: not valid UTF-8/);
  });
  it("latin1 maps every byte to its code point", async () => {
    const parts: string[] = [];
    for await (const t of decodeText(chunked([Buffer.from([0x41, 0xe9, 0xe1, 0xff])]), "latin1")) parts.push(t);
    expect(parts.join("")).toBe("Aéáÿ");
  });
  it("textLines: LF and CR LF line ends, a last line without one", async () => {
    const lines: string[] = [];
    for await (const l of textLines(chunked([Buffer.from("a\r\nb"), Buffer.from("\n\nc")]))) lines.push(l);
    expect(lines).toEqual(["a", "b", "", "c"]);
  });
});

describe("firstInvalidUtf8", () => {
  it("finds the offset of the first byte that starts no valid sequence", () => {
    expect(firstInvalidUtf8(Buffer.from("abc"))).toBe(3);
    expect(firstInvalidUtf8(Buffer.from([0x41, 0xc3, 0xa9, 0xe9, 0x41]))).toBe(3);
    expect(firstInvalidUtf8(Buffer.from([0xc0, 0x80]))).toBe(0); // overlong
    expect(firstInvalidUtf8(Buffer.from([0xed, 0xa0, 0x80]))).toBe(0); // a surrogate
  });
});
