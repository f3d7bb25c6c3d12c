import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { detectPrecision } from "../../src/catalog/precision.js";
import { UserError } from "../../src/base/errors.js";
import { detectFieldMap } from "../../src/sources/table/detect.js";
import { parseFieldMap, formatFieldMap } from "../../src/sources/table/fieldMap.js";
import { loadCatalog } from "../../src/sources/loadCatalog.js";

const dir = mkdtempSync(join(tmpdir(), "fprisk-loaders-"));
function file(name: string, body: string | Buffer): string {
  const p = join(dir, name);
  writeFileSync(p, body);
  return p;
}

describe("--map", () => {
  it("parses joins and units, and prints back", () => {
    const m = parseFieldMap("title=name+artist,duration=milliseconds:ms,size=bytes:B");
    expect(m).toEqual({ title: { columns: ["name", "artist"] }, duration: { columns: ["milliseconds"], unit: "ms" }, size: { columns: ["bytes"], unit: "B" } });
    expect(formatFieldMap(m)).toBe("title=name+artist,duration=milliseconds:ms,size=bytes:B");
  });
  it("rejects unknown fields and joins outside title", () => {
    expect(() => parseFieldMap("colour=x")).toThrow(/unknown field "colour"/);
    expect(() => parseFieldMap("duration=a+b")).toThrow(/only title may join/);
  });
});

describe("column detection", () => {
  it("takes units from names", () => {
    const m = detectFieldMap(["Title", "runtimeMinutes", "bit_rate", "Width", "Height", "file_size"]);
    expect(m.title).toEqual({ columns: ["Title"] });
    expect(m.duration).toEqual({ columns: ["runtimeMinutes"], unit: "min" });
    expect(m.bitrate).toEqual({ columns: ["bit_rate"], unit: "bps" });
    expect(m.size).toEqual({ columns: ["file_size"], unit: "B" });
    expect(m.width?.columns).toEqual(["Width"]);
  });
  it("leaves a bare duration column without a unit, and joins title with artist", () => {
    const m = detectFieldMap(["track_name", "track_artist", "duration"]);
    expect(m.duration).toEqual({ columns: ["duration"] });
    expect(m.title).toEqual({ columns: ["track_name", "track_artist"] });
  });
  it("does not override what --map gave", () => {
    const m = detectFieldMap(["name", "id", "duration_ms"], { title: { columns: ["id"] } });
    expect(m.title).toEqual({ columns: ["id"] });
  });
});

describe("precision detection", () => {
  it("minutes, seconds, milliseconds, finer", () => {
    expect(detectPrecision("duration_ms", Float64Array.from([60_000, 5_400_000, NaN]))).toBe(60_000);
    expect(detectPrecision("duration_ms", Float64Array.from([1000, 61_000]))).toBe(1000);
    expect(detectPrecision("duration_ms", Float64Array.from([212_700, 248_000]))).toBe(100);
    expect(detectPrecision("duration_ms", Float64Array.from([1071, 60_000]))).toBe(1);
    expect(detectPrecision("duration_ms", Float64Array.from([0.5]))).toBe(0);
    expect(detectPrecision("duration_ms", Float64Array.from([NaN]))).toBeNaN();
  });
});

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
});

describe("JSON and NDJSON", () => {
  it("array of objects with nulls and numeric titles", async () => {
    const c = await loadCatalog(file("a.json", JSON.stringify([{ Title: 2012, "Running Time min": 158 }, { Title: "Up", "Running Time min": null }])));
    expect(c.titleNames).toEqual(["2012", "Up"]);
    expect(c.numeric.duration_ms![0]).toBe(158 * 60_000);
    expect(c.numeric.duration_ms![1]).toBeNaN();
  });
  it("NDJSON with line numbers in errors", async () => {
    const ok = await loadCatalog(file("a.ndjson", '{"title":"A","duration_ms":5}\n{"title":"B","duration_ms":"6s"}\n'));
    expect([...ok.numeric.duration_ms!]).toEqual([5, 6000]);
    await expect(loadCatalog(file("b.ndjson", '{"title":"A","duration_ms":5}\n{"title":\n'))).rejects.toThrow(/b\.ndjson:2: invalid JSON line/);
  });
  it("a JSON object instead of an array is explained", async () => {
    await expect(loadCatalog(file("o.json", '{"items": []}'))).rejects.toThrow(/expected a JSON array of objects/);
  });
});

describe("registry datasets load with their maps", () => {
  it("netflix-titles keeps movies and reads '90 min'", async () => {
    const c = await loadCatalog("netflix-titles");
    expect(c.rows).toBe(6131);
    expect(c.precision.duration_ms).toBe(60_000);
    expect(c.numeric.duration_ms![0]).toBe(90 * 60_000); // "Dick Johnson Is Dead", 90 min
  });
  it("spotify is deduplicated by track id", async () => {
    const c = await loadCatalog("spotify-popularity-2024");
    expect(c.rows).toBe(4495);
    expect(c.titleNames.length).toBe(4495);
  });
  it("jamendo reads both TSVs with their variable tag columns", async () => {
    const c = await loadCatalog("mtg-jamendo-durations");
    expect(c.rows).toBe(33_027);
    expect(c.precision.duration_ms).toBe(100);
  });
  it("vega-movies from a JSON array", async () => {
    const c = await loadCatalog("vega-movies");
    expect(c.rows).toBe(3200); // one upstream record has no title: skipped and reported
    expect(c.rejected).toEqual({ "empty title": 1 });
    // 1209 runtimes upstream; the untitled record has one (85 min), so 1208 remain.
    expect(c.numeric.duration_ms!.filter((x) => !Number.isNaN(x)).length).toBe(1208);
  });
});
