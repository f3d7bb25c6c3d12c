import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import type { Catalog } from "../../../src/catalog/catalog.js";
import { detectCatalogPrecision } from "../../../src/catalog/precision.js";
import { CatalogBuilder } from "../../../src/sources/catalogBuilder.js";
import { readCsvInto } from "../../../src/sources/table/csv.js";
import { DUCKDB_CSV_MIN_BYTES, loadCsvWithDuckDB, readCsvHeader, scanRecords, tryLoadCsvWithDuckDB } from "../../../src/sources/table/duckdbCsv.js";
import { parseFieldMap } from "../../../src/sources/table/fieldMap.js";
import { loadCatalog } from "../../../src/sources/loadCatalog.js";
import { sniffFile } from "../../../src/sources/sniff.js";
import { openInput } from "../../../src/sources/input.js";
import { detectFieldMap } from "../../../src/sources/table/detect.js";

const dir = mkdtempSync(join(tmpdir(), "fprisk-duckdbcsv-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let fileNo = 0;

function write(text: string, ext = "csv"): string {
  const file = join(dir, `f${fileNo++}.${ext}`);
  writeFileSync(file, text);
  return file;
}

/** The fast path as loadTable calls it, plus the precision loadCatalog adds. */
async function fast(file: string, map?: string): Promise<Catalog | null> {
  const sniffed = await sniffFile(file);
  const cat = await tryLoadCsvWithDuckDB(file, sniffed.head, map ? parseFieldMap(map) : undefined, { delimiter: sniffed.delimiter!, source: file });
  if (cat) detectCatalogPrecision(cat);
  return cat;
}

/** The csv-parse path (these files are below the fast path's size threshold), or the error it gives. */
async function slow(file: string, map?: string): Promise<Catalog | Error> {
  try {
    return await loadCatalog(file, { map });
  } catch (e) {
    return e as Error;
  }
}

/** Columns compared bit for bit (Object.is: NaN = NaN, 0 ≠ −0), everything else deeply. */
function expectSameCatalog(got: Catalog, want: Catalog): void {
  expect(got.rows).toBe(want.rows);
  expect(Object.keys(got.numeric)).toEqual(Object.keys(want.numeric));
  for (const [field, col] of Object.entries(want.numeric)) {
    const g = got.numeric[field as keyof Catalog["numeric"]]!;
    for (let i = 0; i < col.length; i++) {
      if (!Object.is(g[i], col[i])) throw new Error(`${field}[${i}]: ${g[i]} vs ${col[i]}`);
    }
  }
  expect([...got.titleCodes]).toEqual([...want.titleCodes]);
  expect(got.titleNames).toEqual(want.titleNames);
  expect(got.text).toEqual(want.text);
  expect(got.precision).toEqual(want.precision);
  expect(got.provenance).toEqual(want.provenance);
  expect(got.notes).toEqual(want.notes);
  expect(got.rejected).toEqual(want.rejected);
  expect(got.origin).toEqual(want.origin);
  expect(got).toEqual(want);
}

async function expectSame(text: string, map?: string): Promise<Catalog> {
  const file = write(text);
  const want = await slow(file, map);
  if (want instanceof Error) throw want;
  const got = await fast(file, map);
  expect(got, "the fast path fell back").not.toBeNull();
  expectSameCatalog(got!, want);
  return got!;
}

describe("DuckDB CSV fast path: same catalog as csv-parse", () => {
  it("plain numbers, quotes, embedded delimiters and doubled quotes", async () => {
    const cat = await expectSame(
      [
        "title,duration_ms,bitrate_kbps,width,height",
        'Alien,7020000,8500.5,1920,800',
        '"Heat, the film",10200000,12000,1920,1080',
        '"The ""Thing""",6540000,4000.125,1280,720',
        "Alien,7020000,8500.5,1920,800",
      ].join("\n") + "\n",
    );
    expect(cat.titleNames).toEqual(["Alien", "Heat, the film", 'The "Thing"']);
  });

  it("missing values in every spelling, zero values, blanks around numbers", async () => {
    const cat = await expectSame(
      [
        "title,duration_ms,bitrate_kbps,width,height",
        "A,,NA,1920,",
        "B,0,-0,N/A,null",
        "C, 5400000 ,null,\\N,1080",
        'D,"",NA,\\N,720',
        "E,1e6,+7.5,1.92e3,.5",
      ].join("\n") + "\n",
    );
    expect(cat.notes.length).toBeGreaterThan(0);
  });

  it("declared units scale exactly (seconds with decimals, bit/s)", async () => {
    await expectSame(
      ["name,seconds,bit_rate,w,h", "A,5400.125,8500000,1920,1080", "B,0.001,123456789,1280,720", "C,7200,999,640,480"].join("\n") + "\n",
      "title=name,duration=seconds:s,bitrate=bit_rate:bps,width=w,height=h",
    );
  });

  it("values written with their units go through the builder's own parsers", async () => {
    await expectSame(
      ["title,duration,bitrate,resolution,fps,codec", 'A,92 min,8.5 Mbps,1920x1080,24000/1001,h264', 'B,1:32:05,8500 kb/s,1080p,25, hevc ', "C,5525s,NA,4K,NA,", "A,92 min,8.5 Mbps,1920x1080,23.976,h264"].join(
        "\n",
      ) + "\n",
    );
  });

  it("underscores and infinities: DuckDB alone would read 1_000 and inf as numbers", async () => {
    await expectSame(["title,duration_ms,width", "file_name_1,1000,1920", "a+-b,2000,1280"].join("\n") + "\n");
    for (const cell of ["1_000", "+-1", "inf", "nan", "Infinity", "-Infinity", "NaN"]) {
      for (const col of ["duration_ms", "width"]) {
        const file = write(`title,${col}\nA,${cell}\nB,5\n`);
        const want = await slow(file);
        const got = await fast(file);
        if (want instanceof Error) expect(got, `${col} ${cell}`).toBeNull();
        // A non-numeric text read as ≤ 0 ("-Infinity" as a width) is left to csv-parse on purpose.
        else if (got === null) expect(`${col} ${cell}`).toBe("width -Infinity");
        else expectSameCatalog(got, want);
      }
    }
  });

  it("multi-column titles: trimmed parts joined with an em dash, empty parts dropped", async () => {
    const cat = await expectSame(
      ["track,artist,ms", " Song ,Band,1000", "Song,Band ,2000", "Intro,,3000", "Song,Other,4000"].join("\n") + "\n",
      "title=track+artist,duration=ms:ms",
    );
    expect(cat.titleNames).toEqual(["Song — Band", "Intro", "Song — Other"]);
  });

  it("CRLF, a BOM, blank lines and a quoted line break keep csv-parse's line numbers", async () => {
    const cat = await expectSame(
      "\uFEFFtitle,duration_ms\r\nA,1000\r\n\r\n\"B\r\nsecond line\",2000\r\nC,3000\r\n\r\n",
    );
    // csv-parse counts CR and LF inside quotes as a line each.
    expect([...cat.origin!.line]).toEqual([2, 6, 7]);
    await expectSame("title,duration_ms\nA,1000\n\n\nB,2000");
  });

  it("tab-separated files", async () => {
    const file = write(["title\tduration_ms\twidth", "A\t1000\t1920", "B, with comma\t2000\t"].join("\n") + "\n", "tsv");
    const want = await slow(file);
    if (want instanceof Error) throw want;
    expectSameCatalog((await fast(file))!, want);
  });

  it("random catalogs: the fast path gives the csv-parse catalog, or falls back", async () => {
    const title = fc.oneof(
      fc.constantFrom("Alien", "Heat", " Up ", "Amélie", "Der Untergang", "M*A*S*H", "x"),
      fc.constantFrom('"Heat, 1995"', '"He said ""no"""', '"two\nlines"'),
    );
    const num = fc.oneof(
      { arbitrary: fc.integer({ min: -10, max: 10_000_000 }).map(String), weight: 4 },
      { arbitrary: fc.double({ min: 0, max: 1e7, noNaN: true }).map(String), weight: 4 },
      { arbitrary: fc.constantFrom("", "NA", "N/A", "null", "0", " 42 ", "1e5", "90 min", "1:30:00", "-0"), weight: 4 },
      // values csv-parse's path rejects: the fast path must then fall back
      { arbitrary: fc.constantFrom("abc", "0x10", "+-1", "\\N", "Infinity"), weight: 1 },
    );
    const row = fc.tuple(title, num, num, fc.constantFrom("1920", "1280", "", "NA", "0"), fc.constantFrom("h264", "", " av1"));
    await fc.assert(
      fc.asyncProperty(fc.array(row, { minLength: 1, maxLength: 12 }), fc.boolean(), async (rows, crlf) => {
        const nl = crlf ? "\r\n" : "\n";
        const text = ["title,duration_ms,bitrate_kbps,width,codec", ...rows.map((r) => r.join(","))].join(nl) + nl;
        const file = write(text);
        const want = await slow(file);
        const got = await fast(file);
        if (want instanceof Error) {
          expect(got, `csv-parse failed (${want.message}) but the fast path loaded`).toBeNull();
        } else {
          expect(got, "the fast path fell back on a file csv-parse reads").not.toBeNull();
          expectSameCatalog(got!, want);
        }
      }),
      { numRuns: 100 },
    );
  });
});

describe("loadCatalog takes the DuckDB path for large files", () => {
  it("and gives what csv-parse gives", async () => {
    const rows = ["title,duration_ms,bitrate_kbps,width,height,codec"];
    const rand = (k: number) => Math.floor(Math.random() * k);
    for (let bytes = 0; bytes < DUCKDB_CSV_MIN_BYTES + 1000; ) {
      const t = rand(20_000);
      const title = t % 9 === 0 ? `"Film, ${t} ""cut"""` : `Film ${t}`;
      const row = `${title},${5_000_000 + rand(3_600_000)},${(rand(20_000_000) / 1000).toFixed(3)},${rand(5) ? 1920 : ""},${rand(2) ? 1080 : 800},${rand(3) ? "h264" : "NA"}`;
      rows.push(row);
      bytes += row.length + 1;
    }
    const file = write(rows.join("\n") + "\n");
    const notes: string[] = [];
    const got = await loadCatalog(file, { onNote: (n) => notes.push(n) }); // the fast path: the file is above the threshold
    expect(notes, "the fast path was not taken").toEqual([]);
    const sniffed = await sniffFile(file);
    let b: CatalogBuilder | undefined;
    await readCsvInto(await openInput(file), { delimiter: sniffed.delimiter! }, (header) => (b = new CatalogBuilder({ file, header, map: detectFieldMap(header), skipInvalid: false })));
    const want = b!.finish(file);
    detectCatalogPrecision(want);
    expectSameCatalog(got, want);
  });
});

describe("DuckDB CSV fast path: falls back (null) where it cannot match csv-parse", () => {
  const header = "title,duration_ms\n";

  it("malformed quoting DuckDB would accept", async () => {
    for (const body of ['ab"c,1000\n', '"A" ,1000\n', '"A,1000\n']) {
      const file = write(header + body);
      expect(await slow(file)).toBeInstanceOf(Error);
      expect(await fast(file)).toBeNull();
    }
  });

  it("rows with the wrong number of fields, empty titles", async () => {
    for (const body of ["A\n", "A,1,2\n", ",1000\n", '" ",1000\n']) {
      const file = write(header + body);
      expect(await slow(file)).toBeInstanceOf(Error);
      expect(await fast(file)).toBeNull();
    }
  });

  it("bare numbers in a column without a unit", async () => {
    const file = write("title,duration\nA,5400\n");
    expect(await slow(file)).toBeInstanceOf(Error);
    expect(await fast(file)).toBeNull();
  });

  it("a unit-bearing column with more distinct texts than it hands to the builder", async () => {
    const lines = ["title,duration_ms"];
    for (let i = 0; i < 100_001; i++) lines.push(`T${i},${i + 1} s`);
    const file = write(lines.join("\n") + "\n");
    expect(await fast(file)).toBeNull();
  });

  it("registry filters, unique keys and relaxed quotes", async () => {
    const file = write(header + "A,1000\n");
    const sniffed = await sniffFile(file);
    const hdr = readCsvHeader(sniffed.head, ",")!;
    const map = { title: { columns: ["title"] }, duration: { columns: ["duration_ms"], unit: "ms" } };
    expect(await loadCsvWithDuckDB(file, hdr, map, { delimiter: ",", source: file })).not.toBeNull();
    expect(await loadCsvWithDuckDB(file, hdr, map, { delimiter: ",", source: file, unique: "title" })).toBeNull();
    expect(await loadCsvWithDuckDB(file, hdr, map, { delimiter: ",", source: file, filter: { column: "title", equals: "A" } })).toBeNull();
    expect(await loadCsvWithDuckDB(file, hdr, map, { delimiter: ",", source: file, relaxQuotes: true })).toBeNull();
  });
});

describe("DuckDB CSV fast path: each fallback names its reason", () => {
  async function reason(text: string, map?: string): Promise<string[]> {
    const file = write(text);
    const sniffed = await sniffFile(file);
    const notes: string[] = [];
    const cat = await tryLoadCsvWithDuckDB(file, sniffed.head, map ? parseFieldMap(map) : undefined, { delimiter: sniffed.delimiter!, source: file, onNote: (n) => notes.push(n) });
    expect(cat).toBeNull();
    expect(notes).toHaveLength(1);
    expect(notes[0].startsWith(`${file}: read with csv-parse, not DuckDB: `)).toBe(true);
    return notes.map((n) => n.slice(n.indexOf("not DuckDB: ") + 12));
  }

  it("invalid UTF-8, negative values, missing units, malformed quotes, a bad map", async () => {
    const latin = write("x");
    writeFileSync(latin, Buffer.from("title,duration_ms\nAm\xe9lie,1000\n", "latin1"));
    const sniffed = await sniffFile(latin);
    const notes: string[] = [];
    expect(await tryLoadCsvWithDuckDB(latin, sniffed.head, undefined, { delimiter: ",", source: latin, onNote: (n) => notes.push(n) })).toBeNull();
    expect(notes).toEqual([`${latin}: read with csv-parse, not DuckDB: the file is not valid UTF-8 (reported by csv-parse with its line)`]);
    expect(await reason("title,duration_ms\nA,1000\nB,-5\n")).toEqual(["line 3 holds a negative or non-finite number (reported by csv-parse)"]);
    expect(await reason("title,duration\nA,5400\n")).toEqual(["plain numbers in duration_ms's column, which has no unit (reported by csv-parse)"]);
    expect(await reason('title,duration_ms\nab"c,1000\n')).toEqual(["the quoting or line endings are ones csv-parse reads differently or rejects"]);
    expect(await reason("title,duration_ms\nA,1000\n", "title=title,duration=duration_ms:fortnights")).toEqual(['unknown unit "fortnights" (reported by csv-parse)']);
    expect(await reason("title,duration_ms\n ,1000\n")).toEqual(["a row has an empty title (reported by csv-parse)"]);
    // A repeated column: DuckDB reads columns by position, so it would silently take the first.
    expect(await reason("title,duration_ms,duration_ms\nA,1000,2000\n")).toEqual(["the header repeats a column or does not fit the map (reported by csv-parse)"]);
  });
});

describe("the record scan agrees with csv-parse", () => {
  it("on record count and end lines, and fails wherever csv-parse fails", async () => {
    const piece = fc.constantFrom("a", "b", ",", '"', '""', "\n", "\r\n", "\r", " ", "x y", '"q,\n"');
    await fc.assert(
      fc.asyncProperty(fc.array(piece, { maxLength: 40 }), async (pieces) => {
        const text = "h1,h2\n" + pieces.join("");
        const file = write(text);
        let want: { records: number; lines: number[] } | null;
        try {
          const lines: number[] = [];
          const recs = parse(text, {
            bom: true,
            relax_column_count: true,
            skip_empty_lines: true,
            on_record: (r: string[], ctx: { lines: number }) => {
              lines.push(ctx.lines);
              return r;
            },
          }) as string[][];
          want = { records: recs.length - 1, lines: lines.slice(1) };
        } catch {
          want = null;
        }
        const got = await scanRecords(file, 44);
        if (want === null) expect(got).toBeNull();
        else if (got !== null) expect({ records: got.records, lines: [...got.lines] }).toEqual(want);
        // got === null with csv-parse succeeding: a case the scan declines (lone CR, mixed endings).
        else expect(text).toMatch(/\r(?!\n)|\r\n[\s\S]*[^\r]\n|[^\r]\n[\s\S]*\r\n/);
      }),
      { numRuns: 500 },
    );
  });
});
