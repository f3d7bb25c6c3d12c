import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { UserError } from "../../src/base/errors.js";
import { CatalogAssembler, TitleDictionary, type AssemblerSpec } from "../../src/sources/catalogAssembler.js";

function spec(over: Partial<AssemblerSpec> = {}): AssemblerSpec {
  return {
    source: "x.csv",
    titleFrom: 'column "title"',
    numeric: [
      { key: "duration_ms", from: 'column "ms"', noteZeros: true },
      { key: "width", from: 'column "w"' },
    ],
    text: [{ key: "codec", from: 'column "codec"' }],
    skipInvalid: false,
    empty: (skipped) => `x.csv: nothing (${skipped.length} reasons)`,
    ...over,
  };
}

describe("TitleDictionary", () => {
  it("numbers titles by first appearance", () => {
    const d = new TitleDictionary();
    expect(["Heat", "Alien", "Heat", "Up", "Alien"].map((t) => d.code(t))).toEqual([0, 1, 0, 2, 1]);
    expect(d.names).toEqual(["Heat", "Alien", "Up"]);
  });
});

describe("TitleDictionary.addNew", () => {
  it("codes a title without a lookup; a later lookup finds it", () => {
    const d = new TitleDictionary();
    expect(d.code("A")).toBe(0);
    expect(d.addNew("B")).toBe(1);
    expect(d.addNew("C")).toBe(2);
    expect(d.code("C")).toBe(2);
    expect(d.code("B")).toBe(1);
    expect(d.code("D")).toBe(3);
    expect(d.addNew("E")).toBe(4);
    expect(d.code("E")).toBe(4);
    expect(d.names).toEqual(["A", "B", "C", "D", "E"]);
  });
});

describe("CatalogAssembler", () => {
  it("a hand-worked catalog: codes, columns, zeros as unknown with a note, origin, provenance", () => {
    const a = new CatalogAssembler(spec());
    const f = a.file("x.csv");
    a.add("Heat", [10_200_000, 1920], ["h264"], f, 2);
    a.add("Alien", [0, NaN], [""], f, 3);
    a.add("Heat", [7_020_000, 0], ["hevc"], f, 5);
    const c = a.finish();
    expect(c.rows).toBe(3);
    expect(c.titleNames).toEqual(["Heat", "Alien"]);
    expect([...c.titleCodes]).toEqual([0, 1, 0]);
    expect([...c.numeric.duration_ms!]).toEqual([10_200_000, NaN, 7_020_000]);
    expect([...c.numeric.width!]).toEqual([1920, NaN, NaN]);
    expect(c.text.codec).toEqual(["h264", "", "hevc"]);
    // Only duration notes its zeros (noteZeros); width's 0 is unknown all the same.
    expect(c.notes).toEqual(["duration_ms: 1 zero value read as missing"]);
    expect(c.provenance).toEqual({ title: 'column "title"', duration_ms: 'column "ms"', width: 'column "w"', codec: 'column "codec"' });
    expect(c.origin).toEqual({ files: ["x.csv"], file: Int32Array.from([0, 0, 0]), line: Int32Array.from([2, 3, 5]) });
    expect(c.rejected).toEqual({});
  });

  it("addCoded: a row by its title's code, checked and stored as add stores it", () => {
    const byTitle = new CatalogAssembler(spec({ skipInvalid: true }));
    const byCode = new CatalogAssembler(spec({ skipInvalid: true }));
    const f = byTitle.file("x.csv");
    byCode.file("x.csv");
    const rows: [string, number[], string][] = [["Heat", [10_200_000, 1920], "h264"], ["Alien", [0, NaN], ""], ["Heat", [-1, 0], "x"], ["Heat", [7_020_000, 0], "hevc"]];
    rows.forEach(([title, numbers, codec], i) => {
      const added = byTitle.add(title, numbers, [codec], f, i + 2);
      // Codes as a database numbers them: a title's first row adds it to the dictionary.
      const code = byCode.titles.names.indexOf(title);
      expect(byCode.addCoded(code >= 0 ? code : byCode.titles.addNew(title), numbers, [codec], f, i + 2)).toBe(added);
    });
    expect(byCode.finish()).toEqual(byTitle.finish());
    expect(() => byCode.addCoded(2, [1, 1], [""], f, 9)).toThrow("addCoded: title code 2 of 2");
  });

  it("negative and infinite values stop the load naming the row; NaN is missing", () => {
    const a = new CatalogAssembler(spec());
    const f = a.file("x.csv");
    expect(() => a.add("A", [-5000, 1], [""], f, 7)).toThrow(new UserError("x.csv:7: duration_ms -5000 is negative (0 means unknown; a negative value is invalid) — fix the row or pass --skip-invalid to skip such rows"));
    expect(() => a.add("A", [1, Infinity], [""], f, 8)).toThrow("x.csv:8: width Infinity is not a finite number");
    expect(() => a.add("A", [-Infinity, 1], [""], f, 9)).toThrow("x.csv:9: duration_ms -Infinity is not a finite number");
    expect(() => a.add("", [1, 1], [""], f, 10)).toThrow('x.csv:10: the title (column "title") is empty');
    expect(a.add("A", [NaN, NaN], [""], f, 11)).toBe(true);
    expect(a.rows).toBe(1);
  });

  it("with skipInvalid, invalid rows are counted by reason and leave no trace", () => {
    const a = new CatalogAssembler(spec({ skipInvalid: true }));
    const f = a.file("x.csv");
    expect(a.add("A", [-1, 1], ["a"], f, 2)).toBe(false);
    expect(a.add("B", [-2, 1], ["b"], f, 3)).toBe(false);
    expect(a.add("C", [1, Infinity], ["c"], f, 4)).toBe(false);
    a.count("not analyzed", "row 9", "no duration");
    expect(a.add("D", [5, 6], ["d"], f, 5)).toBe(true);
    const c = a.finish();
    expect(c.titleNames).toEqual(["D"]);
    expect(c.text.codec).toEqual(["d"]);
    expect(c.rejected).toEqual({ "negative duration_ms": 2, "non-finite width": 1, "not analyzed": 1 });
    expect(a.rejected().get("negative duration_ms")!.first).toBe("x.csv:2: duration_ms -1 is negative (0 means unknown; a negative value is invalid)");
  });

  it("rows are named file:line, or with a rowLabel 'file row n'; rejects counted elsewhere add to the counts", () => {
    const a = new CatalogAssembler(spec({ rowLabel: "row", skipInvalid: true }));
    const f = a.file("p.parquet");
    expect(a.locate(f, 3)).toBe("p.parquet row 3");
    expect(new CatalogAssembler(spec()).locate(0, 3)).toBe("x.csv:3");
    a.add("A", [-1, 1], ["h264"], f, 2);
    a.addRejected("negative duration_ms", { count: 4, first: "elsewhere" });
    a.addRejected("empty title", { count: 2, first: "p.parquet row 9: the title is empty" });
    expect([...a.rejected()]).toEqual([
      ["negative duration_ms", { count: 5, first: "p.parquet row 2: duration_ms -1 is negative (0 means unknown; a negative value is invalid)" }],
      ["empty title", { count: 2, first: "p.parquet row 9: the title is empty" }],
    ]);
  });

  it("no row: the spec's message, given the reasons", () => {
    const a = new CatalogAssembler(spec({ skipInvalid: true }));
    a.add("A", [-1, 1], [""], a.file("x.csv"), 2);
    expect(() => a.finish()).toThrow(new UserError("x.csv: nothing (1 reasons)"));
  });

  it("side columns keep 0 as a value and stay out of the catalog; empty columns can be dropped", () => {
    const a = new CatalogAssembler(
      spec({ numeric: [{ key: "weight", from: 'column "views"', zero: "value" }, { key: "fps", from: "probe", dropIfEmpty: true }], text: [] }),
    );
    a.add("A", [0, NaN], [], a.file("p.csv"), 2);
    a.add("B", [3, NaN], [], 0, 3);
    const c = a.finish();
    expect(Object.keys(c.numeric)).toEqual([]);
    expect([...a.column("weight")]).toEqual([0, 3]);
  });

  it("addBlock gives the catalog row-by-row add gives (random rows)", () => {
    const value = fc.oneof(fc.constant(0), fc.constant(NaN), fc.double({ min: 0, max: 1e9, noNaN: true }), fc.constant(-0));
    const row = fc.tuple(fc.constantFrom("A", "B", "C", "D"), value, value, fc.constantFrom("h264", "", "av1"));
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 30 }), (rows) => {
        const one = new CatalogAssembler(spec());
        const f1 = one.file("x.csv");
        rows.forEach(([t, d, w, codec], i) => one.add(t, [d, w], [codec], f1, i + 2));
        const block = new CatalogAssembler(spec());
        const f2 = block.file("x.csv");
        const codes = Int32Array.from(rows, ([t]) => block.titles.code(t));
        const bad = block.addBlock(
          codes,
          [Float64Array.from(rows, (r) => r[1]), Float64Array.from(rows, (r) => r[2])],
          [rows.map((r) => r[3])],
          f2,
          Int32Array.from(rows, (_, i) => i + 2),
        );
        expect(bad).toBe(-1);
        expect(block.finish()).toEqual(one.finish());
      }),
      { numRuns: 200 },
    );
  });

  it("addBlock reports the first invalid row and adds nothing", () => {
    const a = new CatalogAssembler(spec());
    const f = a.file("x.csv");
    const codes = Int32Array.from([a.titles.code("A"), a.titles.code("B"), a.titles.code("C")]);
    expect(a.addBlock(codes, [Float64Array.from([1, 2, 3]), Float64Array.from([1, -1, Infinity])], [["", "", ""]], f, Int32Array.from([2, 3, 4]))).toBe(1);
    expect(a.rows).toBe(0);
  });
});
