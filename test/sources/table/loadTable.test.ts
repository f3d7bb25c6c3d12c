import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadTable, loadTitleColumn } from "../../../src/sources/table/loadTable.js";

const dir = mkdtempSync(join(tmpdir(), "fprisk-loadtable-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
function file(name: string, body: string | Buffer): string {
  const p = join(dir, name);
  writeFileSync(p, body);
  return p;
}

describe("loadTable", () => {
  it("several files with one header make one catalog, each row's origin its own file and line", async () => {
    const a = file("a.csv", "title,duration_ms\nA,1000\nB,2000\n");
    const b = file("b.csv", "title,duration_ms\nA,1000\nC,3000\n");
    const c = await loadTable({ files: [a, b], skipInvalid: false, source: "two" });
    expect(c.source).toBe("two");
    expect(c.titleNames).toEqual(["A", "B", "C"]);
    expect([...c.titleCodes]).toEqual([0, 1, 0, 2]);
    expect(c.origin).toEqual({ files: [a, b], file: Int32Array.from([0, 0, 1, 1]), line: Int32Array.from([2, 3, 2, 3]) });
  });
  it("files whose headers differ are refused", async () => {
    const a = file("h1.csv", "title,duration_ms\nA,1000\n");
    const b = file("h2.csv", "title,duration_s\nA,1\n");
    await expect(loadTable({ files: [a, b], skipInvalid: false, source: "x" })).rejects.toThrow(`${b}: its header differs from ${a}'s`);
  });
  it("a CSV read with encoding latin1 goes to csv-parse; a UTF-8 one is read byte by byte, or handed over saying why", async () => {
    const f = file("latin1.csv", Buffer.from("title,duration_ms\nAm\xe9lie,7320000\n", "latin1"));
    const notes: string[] = [];
    const c = await loadTable({ files: [f], skipInvalid: false, source: f, encoding: "latin1", onNote: (n) => notes.push(n) });
    expect(c.titleNames).toEqual(["Amélie"]);
    expect(notes).toEqual([]);
    const g = file("quoted.csv", 'title,duration_ms\n"Am\xe9lie",7320000\n');
    expect((await loadTable({ files: [g], skipInvalid: false, source: g, onNote: (n) => notes.push(n) })).titleNames).toEqual(["Am\xe9lie"]);
    expect(notes).toEqual([]);
    const h = file("mixed.csv", "title,duration_ms\r\nA,1000\r\nB,2000\n");
    await loadTable({ files: [h], skipInvalid: true, source: h, onNote: (n) => notes.push(n) });
    expect(notes).toEqual([`${h}: read with csv-parse: LF and CR LF line endings are mixed`]);
  });
});

describe("loadTitleColumn", () => {
  it("titles and one more column, every row kept; zero is a value, text is skipped and counted", async () => {
    const f = file("views.csv", "title,runtime_min,views\nA,90,100\nB,oops,0\nA,90,50\nC,,lots\n");
    const { catalog, values } = await loadTitleColumn({ files: [f], column: "views", source: f, skipInvalid: true });
    // B keeps its weight although its runtime is not a number: only title and views are read.
    expect(catalog.titleNames).toEqual(["A", "B"]);
    expect([...catalog.titleCodes]).toEqual([0, 1, 0]);
    expect([...values]).toEqual([100, 0, 50]);
    expect(catalog.rejected).toEqual({ "invalid views": 1 });
  });
  it("a missing column or an undetectable title is one line", async () => {
    const f = file("v2.csv", "title,views\nA,1\n");
    await expect(loadTitleColumn({ files: [f], column: "plays", source: f, skipInvalid: true })).rejects.toThrow(`${f} has no column "plays" (columns: title, views)`);
    const g = file("v3.csv", "label,views\nA,1\n");
    await expect(loadTitleColumn({ files: [g], column: "views", source: g, skipInvalid: true })).rejects.toThrow(`${g}: cannot tell which column names the title (columns: label, views)`);
    expect((await loadTitleColumn({ files: [g], title: ["label"], column: "views", source: g, skipInvalid: true })).catalog.titleNames).toEqual(["A"]);
  });
});
