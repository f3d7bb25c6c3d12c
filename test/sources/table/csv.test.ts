import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { UserError } from "../../../src/base/errors.js";
import { CatalogBuilder } from "../../../src/sources/catalogBuilder.js";
import { openInput } from "../../../src/sources/input.js";
import { loadCatalog } from "../../../src/sources/loadCatalog.js";
import { readCsvInto } from "../../../src/sources/table/csv.js";
import { detectFieldMap } from "../../../src/sources/table/detect.js";

const dir = mkdtempSync(join(tmpdir(), "fprisk-csv-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
function file(name: string, body: string | Buffer): string {
  const p = join(dir, name);
  writeFileSync(p, body);
  return p;
}

describe("CSV", () => {
  it("BOM, quotes with commas and newlines, CRLF, units in values", async () => {
    const f = file("q.csv", '\uFEFFtitle,duration,bitrate\r\n"Film, The","1:32:05","8.5 Mbps"\r\n"Two\nLines",92 min,8500 kb/s\r\n');
    const c = await loadCatalog(f);
    expect(c.rows).toBe(2);
    expect(c.titleNames).toEqual(["Film, The", "Two\nLines"]);
    expect([...c.numeric.duration_ms!]).toEqual([5_525_000, 5_520_000]);
    expect([...c.numeric.bitrate_kbps!]).toEqual([8500, 8500]);
    expect(c.precision.duration_ms).toBe(1000);
  });
  it("detects ; and tab delimiters", async () => {
    const semi = await loadCatalog(file("s.csv", "title;duration_ms;resolution\nA;1000;1920x800\nB;2000;4K\n"));
    expect([...semi.numeric.width!]).toEqual([1920, 3840]);
    expect([...semi.numeric.height!]).toEqual([800, 2160]);
    const tab = await loadCatalog(file("t.tsv", "title\tduration_s\nA\t1.5\nB\t2\n"));
    expect([...tab.numeric.duration_ms!]).toEqual([1500, 2000]);
  });
  it("derives bitrate from size: 8 · bytes / ms", async () => {
    const c = await loadCatalog(file("size.csv", "title,duration_ms,size_bytes\nA,1000,1000\n"));
    expect(c.numeric.bitrate_kbps![0]).toBe(8);
  });
  it("zero durations read as missing, with a note", async () => {
    const c = await loadCatalog(file("zero.csv", "title,runtime\nA,0\nB,90\n"));
    expect(c.numeric.duration_ms![0]).toBeNaN();
    expect(c.numeric.duration_ms![1]).toBe(5_400_000);
    expect(c.notes.join()).toMatch(/duration_ms: 1 zero value read as missing/);
  });
  it("a bare number in a unitless duration column asks for the unit", async () => {
    await expect(loadCatalog(file("bare.csv", "title,duration\nA,100\n"))).rejects.toThrow(/bare\.csv:2: .*missing unit/);
  });
  it("errors are UserErrors with file:line", async () => {
    const err = await loadCatalog(file("bad.csv", "title,duration_ms\nA,1\nB,oops\n")).catch((e) => e);
    expect(err).toBeInstanceOf(UserError);
    expect(err.message).toMatch(/^.*bad\.csv:3: /);
  });
  it("loads a large generated CSV without row objects (1e5 rows)", async () => {
    const lines = ["title,duration_ms,bitrate_kbps"];
    for (let i = 0; i < 100_000; i++) lines.push(`t${i % 40_000},${1000 + i},${2000 + (i % 7)}`);
    const c = await loadCatalog(file("big.csv", lines.join("\n")));
    expect(c.rows).toBe(100_000);
    expect(c.titleNames.length).toBe(40_000);
    expect(c.numeric.duration_ms![99_999]).toBe(100_999);
  });
  it("readCsvInto streams records into the builder its header makes, with csv-parse's line numbers", async () => {
    const f = file("direct.csv", 'title,duration_ms\nA,1000\n\n"B\nb",2000\n');
    let b: CatalogBuilder | undefined;
    await readCsvInto(await openInput(f), { delimiter: "," }, (header) => (b = new CatalogBuilder({ file: f, header, map: detectFieldMap(header), skipInvalid: false })));
    const c = b!.finish();
    expect(c.titleNames).toEqual(["A", "B\nb"]);
    expect([...c.origin!.line]).toEqual([2, 5]);
  });
});

describe("text encodings", () => {
  // "Am\xe9lie" and "Am\xe1lie" are two Latin-1 titles; as UTF-8 both used to become "Am\uFFFDlie", one title.
  const latin1 = Buffer.from("title,duration_ms\nAm\xe9lie,7320000\nAm\xe1lie,7000000\n", "latin1");

  it("invalid UTF-8 stops the load naming the file and line, with the way out", async () => {
    const f = file("latin1.csv", latin1);
    const err = await loadCatalog(f).catch((e) => e);
    expect(err).toBeInstanceOf(UserError);
    expect(err.message).toBe(`${f}:2: not valid UTF-8 (bytes 0xE9 0x6C); if the file is Latin-1 (ISO-8859-1), read it with encoding "latin1"`);
  });

  it('encoding "latin1" reads such a file, and the two titles stay apart', async () => {
    const c = await loadCatalog(file("latin1b.csv", latin1), { encoding: "latin1" });
    expect(c.titleNames).toEqual(["Amélie", "Amálie"]);
  });

  it("an invalid byte far into the file is found on its line", async () => {
    const lines = ["title,duration_ms"];
    for (let i = 0; i < 50_000; i++) lines.push(`Film ${i},${1000 + i}`);
    const body = Buffer.concat([Buffer.from(lines.join("\n") + "\n"), Buffer.from("Caf\xe9,5\n", "latin1")]);
    await expect(loadCatalog(file("late.csv", body))).rejects.toThrow(/late\.csv:50002: not valid UTF-8/);
  });

  it("an unknown encoding is refused before reading, by its option name", async () => {
    await expect(loadCatalog(file("x.csv", "title,duration_ms\nA,1\n"), { encoding: "cp1252" as "latin1" })).rejects.toThrow('encoding must be one of utf8, latin1, got "cp1252"');
  });
});

describe("invalid values are invalid rows; 0 stays unknown", () => {
  const cases: [string, string, string, string][] = [
    ["overflow.csv", "title,duration_s\nA,5400\nB,1e308\n", "non-finite duration_ms", ":3: duration_ms Infinity is not a finite number"],
    ["nan.csv", "title,duration_ms\nA,5400\nB,NaN\n", "non-finite duration_ms", ':3: duration "NaN" is not a finite number'],
    ["inf.csv", "title,width\nA,1920\nB,inf\n", "non-finite width", ':3: width "inf" is not a finite number'],
    ["negdur.csv", "title,duration_ms\nA,5400\nB,-5000\n", "negative duration_ms", ":3: duration_ms -5000 is negative"],
    ["negbr.csv", "title,duration_ms,bitrate_kbps\nA,5400,800\nB,5400,-8\n", "negative bitrate_kbps", ":3: bitrate_kbps -8 is negative"],
    ["negsize.csv", "title,duration_ms,size_bytes\nA,5400,10\nB,5400,-1 MB\n", "negative size_bytes", ":3: size_bytes -1000000 is negative"],
  ];
  for (const [name, body, reason, message] of cases) {
    it(`${name}: exit 2 naming file:line, or counted as "${reason}" with skipInvalid`, async () => {
      const f = file(name, body);
      const err = await loadCatalog(f).catch((e) => e);
      expect(err).toBeInstanceOf(UserError);
      expect(err.message).toContain(f + message);
      const c = await loadCatalog(f, { skipInvalid: true });
      expect(c.rows).toBe(1);
      expect(c.titleNames).toEqual(["A"]);
      expect(c.rejected).toEqual({ [reason]: 1 });
    });
  }
  it("0 is unknown, not invalid", async () => {
    const c = await loadCatalog(file("zeros.csv", "title,duration_ms,bitrate_kbps\nA,0,0\nB,1000,-0\n"));
    expect(c.rows).toBe(2);
    expect(c.numeric.duration_ms![0]).toBeNaN();
    expect(c.numeric.bitrate_kbps![1]).toBeNaN();
    expect(c.rejected).toEqual({});
  });
});

describe("a duplicate header column", () => {
  it("is an error naming both positions, not silently the first", async () => {
    const f = file("dup.csv", "title,duration_ms,duration_ms\nA,1000,2000\n");
    await expect(loadCatalog(f)).rejects.toThrow(`${f}:1: column "duration_ms" appears twice in the header (columns 2 and 3); rename one`);
  });
});

describe("gzip", () => {
  it(".csv.gz and .tsv.gz are read transparently, with the same catalog as the plain file", async () => {
    const text = "title,duration_ms,resolution\nA,1000,1920x800\nB,2000,4K\nA,1000,720p\n";
    const plain = await loadCatalog(file("p.csv", text));
    const gz = await loadCatalog(file("p.csv.gz", gzipSync(text)));
    expect({ ...gz, source: "", origin: { ...gz.origin!, files: [] } }).toEqual({ ...plain, source: "", origin: { ...plain.origin!, files: [] } });
    expect(gz.source).toBe(join(dir, "p.csv.gz"));
    const tsv = await loadCatalog(file("p.tsv.gz", gzipSync("title\tduration_s\nA\t1.5\n")));
    expect([...tsv.numeric.duration_ms!]).toEqual([1500]);
  });
  it("invalid UTF-8 inside a gzip file names its line too", async () => {
    const f = file("l.csv.gz", gzipSync(Buffer.from("title,duration_ms\nA,1\nCaf\xe9,2\n", "latin1")));
    await expect(loadCatalog(f)).rejects.toThrow(`${f}:3: not valid UTF-8`);
  });
  it("a damaged gzip file is one line, no stack", async () => {
    const good = gzipSync("title,duration_ms\nA,1\n" + "B,2\n".repeat(1000));
    const f = file("cut.csv.gz", good.subarray(0, good.length - 20));
    const err = await loadCatalog(f).catch((e) => e);
    expect(err).toBeInstanceOf(UserError);
    expect(err.message).toMatch(/cut\.csv\.gz: not a readable gzip file/);
  });
});
