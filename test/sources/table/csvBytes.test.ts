import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import type { Catalog } from "../../../src/catalog/catalog.js";
import { loadCatalog } from "../../../src/sources/loadCatalog.js";
import { scanDecimalBytes, type CsvReading } from "../../../src/sources/table/csvBytes.js";
import { preparse, preparseOut } from "../../../src/sources/table/csvPreparse.js";
import { closePool, offload } from "../../../src/engine/pool.js";

const dir = mkdtempSync(join(tmpdir(), "fprisk-csvbytes-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let fileNo = 0;

/** The same bytes as a plain file (read by csvBytes.ts) and gzipped (read by csv-parse). */
function write(text: string | Buffer, ext = "csv"): { plain: string; gz: string } {
  const plain = join(dir, `f${fileNo}.${ext}`);
  const gz = join(dir, `g${fileNo++}.${ext}.gz`);
  writeFileSync(plain, text);
  writeFileSync(gz, gzipSync(text));
  return { plain, gz };
}

type Outcome = { catalog: Catalog; notes: string[] } | { error: string; notes: string[] };

async function load(file: string, map?: string, skipInvalid = false, csv?: CsvReading): Promise<Outcome> {
  const notes: string[] = [];
  try {
    return { catalog: await loadCatalog(file, { map, skipInvalid, csv, onNote: (n) => notes.push(n) }), notes };
  } catch (e) {
    return { error: (e as Error).message, notes };
  }
}

/** Columns compared bit for bit (Object.is: NaN = NaN, 0 ≠ −0), everything else deeply; file names aside. */
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
  expect({ ...got, source: "", origin: { ...got.origin!, files: [] } }).toEqual({ ...want, source: "", origin: { ...want.origin!, files: [] } });
}

/** Both readers on the same bytes: the same catalog, or the same error (file names aside). */
async function expectSame(text: string | Buffer, map?: string, skipInvalid = false, csv?: CsvReading): Promise<Outcome> {
  const f = write(text);
  const got = await load(f.plain, map, skipInvalid, csv);
  const want = await load(f.gz, map, skipInvalid);
  if ("error" in want) {
    expect("error" in got ? got.error.replaceAll(f.plain, "FILE") : "loaded").toBe(want.error.replaceAll(f.gz, "FILE"));
  } else {
    expect("catalog" in got, "error" in got ? got.error : "").toBe(true);
    expectSameCatalog((got as { catalog: Catalog }).catalog, want.catalog);
  }
  return got;
}

/** Read by csvBytes.ts itself (no note that csv-parse took over). */
async function expectFast(text: string, map?: string, skipInvalid = false, csv?: CsvReading): Promise<Catalog> {
  const got = await expectSame(text, map, skipInvalid, csv);
  expect(got.notes).toEqual([]);
  if (!("catalog" in got)) throw new Error(got.error);
  return got.catalog;
}

/** Passes "ahead" on this thread, at once: the reader's bookkeeping of a pass run elsewhere, without a worker. */
const inPlace: CsvReading["offload"] = (args) => {
  preparse(args);
  return Promise.resolve();
};

/** Passes "ahead" that run only once awaited: the reader finds them unfinished, and gives the worker less of the next chunk. */
const late: CsvReading["offload"] = (args) => Promise.resolve().then(() => preparse(args));

/** Small chunks and passes, so records and passes cross their edges; passes ahead in place, late, or now and then refused. */
const readings = fc.record({
  chunkBytes: fc.integer({ min: 1, max: 64 }),
  passRows: fc.integer({ min: 1, max: 5 }),
  offload: fc.constantFrom<CsvReading["offload"]>(undefined, inPlace, late, (args) => (args.limit % 2 === 0 ? inPlace(args) : undefined)),
});

afterAll(() => closePool());

describe("csvBytes: the catalog csv-parse gives", () => {
  it("plain numbers, quotes, embedded delimiters and doubled quotes", async () => {
    const cat = await expectFast(
      ["title,duration_ms,bitrate_kbps,width,height", "Alien,7020000,8500.5,1920,800", '"Heat, the film",10200000,12000,1920,1080', '"The ""Thing""",6540000,4000.125,1280,720', "Alien,7020000,8500.5,1920,800"].join("\n") + "\n",
    );
    expect(cat.titleNames).toEqual(["Alien", "Heat, the film", 'The "Thing"']);
    expect([...cat.titleCodes]).toEqual([0, 1, 2, 0]);
  });

  it("missing values in every spelling, zero values, blanks around numbers", async () => {
    const cat = await expectFast(["title,duration_ms,bitrate_kbps,width,height", "A,,NA,1920,", "B,0,-0,N/A,null", "C, 5400000 ,null,\\N,1080", 'D,"",NA,\\N,720', "E,1e6,+7.5,1.92e3,.5", "F,\t12\t,7,0x10,1920.0000000000000001", "G,5.,+0,007,1e1"].join("\n") + "\n");
    expect(cat.notes.length).toBeGreaterThan(0);
  });

  it("declared units scale exactly (seconds with decimals, bit/s)", async () => {
    await expectFast(["name,seconds,bit_rate,w,h", "A,5400.125,8500000,1920,1080", "B,0.001,123456789,1280,720", "C,7200,999,640,480"].join("\n") + "\n", "title=name,duration=seconds:s,bitrate=bit_rate:bps,width=w,height=h");
  });

  it("values written with their units go through the builder's own parsers", async () => {
    await expectFast(["title,duration,bitrate,resolution,fps,codec", "A,92 min,8.5 Mbps,1920x1080,24000/1001,h264", "B,1:32:05,8500 kb/s,1080p,25, hevc ", "C,5525s,NA,4K,NA,", "A,92 min,8.5 Mbps,1920x1080,23.976,h264"].join("\n") + "\n");
  });

  it("frame rates: plain decimals read from their digits, everything else by parseFps, as csv-parse gives them", async () => {
    const fps = fc.oneof(
      fc.double({ min: 0, max: 1000, noNaN: true }).map(String),
      fc.integer({ min: 0, max: 120 }).map(String),
      fc.constantFrom("+5", "5.", ".5", "-1", "0", "1e3", "24000/1001", "25 fps", "NA", "", " 30 ", "29.97002997002997", "0x10", "Infinity"),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(fps, { minLength: 1, maxLength: 8 }), fc.boolean(), async (cells, skipInvalid) => {
        await expectSame(["title,duration_ms,fps", ...cells.map((c, i) => `T${i % 3},${1000 * (i + 1)},${c}`)].join("\n") + "\n", undefined, skipInvalid);
      }),
      { numRuns: 100 },
    );
  }, 600_000);

  it("multi-column titles: trimmed parts joined with an em dash, empty parts dropped", async () => {
    const cat = await expectFast(["track,artist,ms", " Song ,Band,1000", "Song,Band ,2000", "Intro,,3000", "Song,Other,4000"].join("\n") + "\n", "title=track+artist,duration=ms:ms");
    expect(cat.titleNames).toEqual(["Song — Band", "Intro", "Song — Other"]);
  });

  it("CRLF, a BOM, blank lines and a quoted line break keep csv-parse's line numbers", async () => {
    const cat = await expectFast('\uFEFFtitle,duration_ms\r\nA,1000\r\n\r\n"B\r\nsecond line",2000\r\nC,3000\r\n\r\n');
    // csv-parse counts CR and LF inside quotes as a line each.
    expect([...cat.origin!.line]).toEqual([2, 6, 7]);
    await expectFast("title,duration_ms\nA,1000\n\n\nB,2000");
  });

  it("one title in several spellings, and titles first seen in rows the builder reads itself", async () => {
    const cat = await expectFast(["title,duration_ms", "Up,1", " Up,2", '"Up",3', "Up ,4", "Heat,NA", '"Alien",5', "Alien,6", "Heat,7", "Up,8"].join("\n") + "\n");
    expect(cat.titleNames).toEqual(["Up", "Heat", "Alien"]);
    expect([...cat.titleCodes]).toEqual([0, 0, 0, 0, 1, 2, 2, 1, 0]);
  });

  it("tab-separated files", async () => {
    const f = write(["title\tduration_ms\twidth", "A\t1000\t1920", "B, with comma\t2000\t"].join("\n") + "\n", "tsv");
    const got = await load(f.plain);
    const want = await load(f.gz);
    expect(got.notes).toEqual([]);
    expectSameCatalog((got as { catalog: Catalog }).catalog, (want as { catalog: Catalog }).catalog);
  });

  it("invalid rows: counted by reason with --skip-invalid, else csv-parse's message naming the line", async () => {
    const text = ["title,duration_ms,bitrate_kbps", "A,1000,800", "B,-5,800", "C,1000", " ,1000,800", "D,abc,800", "E,1e400,800", "A,2000,900"].join("\n") + "\n";
    const cat = await expectFast(text, undefined, true);
    expect(cat.titleNames).toEqual(["A"]);
    expect(cat.rejected).toEqual({ "negative duration_ms": 1, "wrong number of fields": 1, "empty title": 1, "invalid duration_ms": 1, "non-finite duration_ms": 1 });
    const stopped = await expectSame(text);
    expect("error" in stopped && stopped.error).toMatch(/:3: duration_ms -5 is negative/);
  });

  it("falls back to csv-parse, saying why, where it cannot match it", async () => {
    const header = "title,duration_ms\n";
    const cases: [string | Buffer, RegExp][] = [
      [header + 'ab"c,1000\n', /a quote inside an unquoted field/],
      [header + '"A" ,1000\n', /a closing quote is followed by text/],
      [header + '"A,1000\n', /a quote is not closed/],
      [header + "A,1000\rB,2000\n", /a CR that does not end a line/],
      [header + "A,1000\r\nB,2000\n", /mixed/],
      [Buffer.from("title,duration_ms\nAm\xe9lie,1000\n", "latin1"), /not valid UTF-8/],
      [header + "A,-5\n", /csv-parse words this error: .*:2: duration_ms -5 is negative/],
      ["\n\n", /no header line/],
    ];
    for (const [text, why] of cases) {
      const got = await expectSame(text);
      expect(got.notes.join("\n")).toMatch(why);
    }
  });

  it("a large file in several chunks: quoted fields and titles across chunk edges", async () => {
    const rows = ["title,duration_ms,bitrate_kbps,width,height,codec"];
    let state = 7;
    const rand = (k: number) => {
      state = (state * 1103515245 + 12345) % 2147483648;
      return state % k;
    };
    for (let bytes = 0; bytes < (1 << 23) * 1.1; ) {
      const t = rand(20_000);
      const title = t % 9 === 0 ? `"Film, ${t} ""cut"""` : `Film ${t}`;
      const reps = 1 + rand(3);
      for (let r = 0; r < reps; r++) {
        const row = `${title},${5_000_000 + rand(3_600_000)},${(rand(20_000_000) / 1000).toFixed(3)},${rand(5) ? 1920 : ""},${rand(2) ? 1080 : 800},${rand(3) ? "h264" : "NA"}`;
        rows.push(row);
        bytes += row.length + 1;
      }
    }
    const text = rows.join("\n") + "\n";
    await expectFast(text);
    // Passes run ahead on the engine's worker thread (started first: it loads through tsx here).
    const plan = { delim: 44, fields: 1, extraFieldsIgnored: false, numericIndex: new Int32Array(0), numericExponent: new Int32Array(0), numericMantissa: new Float64Array(0), numericPlain: new Uint8Array(0), cells: new Int32Array(0) };
    const nothing = { buf: new Uint8Array(new SharedArrayBuffer(1)), from: 0, limit: 0, final: true, plan, out: preparseOut(plan, 1, 0, true) };
    for (let done = offload("csvPreparse", nothing); ; done = offload("csvPreparse", nothing)) {
      if (done) {
        await done;
        break;
      }
      await new Promise((r) => setTimeout(r, 20));
    }
    let ahead = 0;
    const onWorker: CsvReading["offload"] = (args) => {
      const done = offload("csvPreparse", args);
      if (done) ahead++;
      return done;
    };
    await expectFast(text, undefined, false, { offload: onWorker });
    expect(ahead).toBeGreaterThan(0);
  }, 600_000);

  it("random catalogs: the same catalog or the same error as csv-parse", async () => {
    const title = fc.oneof(fc.constantFrom("Alien", "Heat", " Up ", "Amélie", "Der Untergang", "M*A*S*H", "x", "", " "), fc.constantFrom('"Heat, 1995"', '"He said ""no"""', '"two\nlines"', '"a\r\nb"'));
    const num = fc.oneof(
      { arbitrary: fc.integer({ min: -10, max: 10_000_000 }).map(String), weight: 4 },
      { arbitrary: fc.double({ min: 0, max: 1e7, noNaN: true }).map(String), weight: 4 },
      { arbitrary: fc.constantFrom("", "NA", "N/A", "null", "0", " 42 ", "1e5", "90 min", "1:30:00", "-0", "007", "1234567890123456", "0.1234567890123456789"), weight: 4 },
      { arbitrary: fc.constantFrom("abc", "0x10", "+-1", "\\N", "Infinity", "1_000", '"5"', "1e400"), weight: 1 },
    );
    const row = fc.oneof(
      { arbitrary: fc.tuple(title, num, num, fc.constantFrom("1920", "1280", "", "NA", "0", "-1"), fc.constantFrom("h264", "", " av1")).map((r) => r.join(",")), weight: 8 },
      { arbitrary: fc.constantFrom("", "A", "A,1,2,3,4,5", ",,,,", "A,1,2,3"), weight: 1 },
    );
    await fc.assert(
      fc.asyncProperty(fc.array(row, { minLength: 1, maxLength: 12 }), fc.boolean(), fc.boolean(), fc.option(readings), async (rows, crlf, skipInvalid, csv) => {
        const nl = crlf ? "\r\n" : "\n";
        await expectSame(["title,duration_ms,bitrate_kbps,width,codec", ...rows].join(nl) + nl, undefined, skipInvalid, csv ?? undefined);
      }),
      { numRuns: 150 },
    );
  }, 600_000);

  it("random bytes: records and lines as csv-parse reads them, or its error", async () => {
    const piece = fc.constantFrom("a", "b", ",", '"', '""', "\n", "\r\n", "\r", " ", "x y", '"q,\n"', "1", "é");
    await fc.assert(
      fc.asyncProperty(fc.array(piece, { maxLength: 40 }), fc.boolean(), fc.option(readings), async (pieces, skipInvalid, csv) => {
        await expectSame("title,width\n" + pieces.join(""), undefined, skipInvalid, csv ?? undefined);
      }),
      { numRuns: 200 },
    );
  }, 600_000);
});

describe("scanDecimalBytes", () => {
  const bytes = (s: string) => Buffer.from(s, "latin1");
  it("reads plain decimals as Number() does, and leaves everything else (NaN)", () => {
    for (const s of ["0", "-0", "+5", "5.", ".5", "007", "920.715", "123456789012345", "0.000001"]) expect(Object.is(scanDecimalBytes(bytes(s), 0, s.length, 0), Number(s)), s).toBe(true);
    for (const s of ["1234567890123456", "1e5", "0x10", ".", "-", "1.2.3", "1 2", "1_000", "Infinity"]) expect(scanDecimalBytes(bytes(s), 0, s.length, 0), s).toBeNaN();
    expect(scanDecimalBytes(bytes("5400.125"), 0, 8, 3)).toBe(5400125);
    expect(scanDecimalBytes(bytes("1001"), 0, 4, -3)).toBe(1.001);
  });
  it("equals Number(text) on random decimals of up to 15 significant digits", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999_999_999_999_999 }), fc.integer({ min: 0, max: 20 }), fc.boolean(), (m, frac, neg) => {
        let s = String(m).padStart(frac + 1, "0");
        if (frac > 0) s = `${s.slice(0, s.length - frac)}.${s.slice(s.length - frac)}`;
        if (neg) s = `-${s}`;
        expect(Object.is(scanDecimalBytes(bytes(s), 0, s.length, 0), Number(s)), s).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});
