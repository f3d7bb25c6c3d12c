import { describe, expect, it } from "vitest";
import { formatFieldMap, parseFieldMap } from "../../../src/sources/table/fieldMap.js";

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
  it("a column name with a comma inside parentheses stays one column", () => {
    expect(parseFieldMap("title=Name,duration=Runtime (min, approx):min")).toEqual({
      title: { columns: ["Name"] },
      duration: { columns: ["Runtime (min, approx)"], unit: "min" },
    });
  });
});
