import { describe, expect, it } from "vitest";
import { CatalogBuilder, joinTitleParts } from "../../src/sources/catalogBuilder.js";
import { parseFieldMap } from "../../src/sources/table/fieldMap.js";

function builder(header: string[], map: string, skipInvalid = false, extra?: { key: string; column: string }) {
  return new CatalogBuilder({ file: "t.csv", header, map: parseFieldMap(map), skipInvalid, extra });
}

describe("joinTitleParts", () => {
  it("trims, drops empty parts, joins with an em dash", () => {
    expect(joinTitleParts([" Song ", "Band "])).toBe("Song — Band");
    expect(joinTitleParts(["Intro", " "])).toBe("Intro");
    expect(joinTitleParts(["  Up  "])).toBe("Up");
  });
});

describe("CatalogBuilder", () => {
  it("parses each mapped cell with its unit, resolution into width and height, texts as written", () => {
    const b = builder(["name", "len", "res", "codec"], "title=name,duration=len:min,resolution=res,codec=codec");
    b.add(["Heat", "170", "1920x800", " h264"], 2);
    b.add(["Up", "96 min", "4K", "NA"], 3);
    const c = b.finish();
    expect([...c.numeric.duration_ms!]).toEqual([10_200_000, 5_760_000]);
    expect([...c.numeric.width!]).toEqual([1920, 3840]);
    expect([...c.numeric.height!]).toEqual([800, 2160]);
    expect(c.text.codec).toEqual([" h264", ""]);
    expect(c.provenance).toEqual({ title: '"name"', duration_ms: 'column "len" (min)', width: 'column "res"', height: 'column "res"', codec: 'column "codec"' });
  });

  it("non-finite spellings and overflows are counted as non-finite, negatives as negative, text as invalid", () => {
    const b = builder(["title", "s", "w"], "title=title,duration=s:s,width=w", true);
    const rows = [
      ["A", "NaN", "1"],
      ["B", "-inf", "1"],
      ["C", "1e308", "1"],
      ["D", "-3", "1"],
      ["E", "1", "Infinity"],
      ["F", "1", "wide"],
      ["G", "1", "-1920"],
      ["H", "2", "1280"],
    ];
    rows.forEach((r, i) => b.add(r, i + 2));
    const c = b.finish();
    expect(c.titleNames).toEqual(["H"]);
    expect(c.rejected).toEqual({
      "non-finite duration_ms": 3,
      "negative duration_ms": 1,
      "non-finite width": 1,
      "invalid width": 1,
      "negative width": 1,
    });
  });

  it("a side column keeps every number (0 included) beside the titles", () => {
    const b = builder(["title", "views"], "title=title", true, { key: "value", column: "views" });
    b.add(["A", "0"], 2);
    b.add(["B", "12.5"], 3);
    b.add(["C", "lots"], 4);
    b.add(["D", ""], 5);
    const c = b.finish();
    expect(c.titleNames).toEqual(["A", "B", "D"]);
    expect([...b.column("value")]).toEqual([0, 12.5, NaN]);
    expect(c.rejected).toEqual({ "invalid views": 1 });
  });

  it("filter and unique keep the registry's rows only", () => {
    const b = new CatalogBuilder({ file: "r.csv", header: ["id", "type", "title", "ms"], map: parseFieldMap("title=title,duration=ms:ms"), filter: { column: "type", equals: "Movie" }, unique: "id", skipInvalid: false });
    b.add(["1", "Movie", "A", "1"], 2);
    b.add(["1", "Movie", "A again", "1"], 3);
    b.add(["2", "TV Show", "B", "1"], 4);
    b.add(["3", "Movie", "C", "1"], 5);
    expect(b.finish().titleNames).toEqual(["A", "C"]);
  });
});
