import { describe, expect, it } from "vitest";
import { checkHeader, checkMapAgainstHeader, detectFieldMap } from "../../../src/sources/table/detect.js";

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

describe("header checks", () => {
  it("a column named twice is an error naming both positions", () => {
    expect(() => checkHeader(["title", "duration_ms", "codec", "duration_ms"], "x.csv")).toThrow(
      'x.csv:1: column "duration_ms" appears twice in the header (columns 2 and 4); rename one',
    );
    expect(() => checkHeader(["title", "duration_ms"], "x.csv")).not.toThrow();
  });
  it("a mapped column missing from the header, no title, no measured field", () => {
    expect(() => checkMapAgainstHeader({ title: { columns: ["t"] }, duration: { columns: ["len"] } }, ["t", "x"], "y.csv")).toThrow(/y\.csv: column "len" \(mapped to duration\) is not in the header/);
    expect(() => checkMapAgainstHeader({ duration: { columns: ["x"] } }, ["x"], "y.csv")).toThrow(/no title column found/);
    expect(() => checkMapAgainstHeader({ title: { columns: ["t"] } }, ["t"], "y.csv")).toThrow(/no duration, bitrate, resolution or size column/);
  });
});
