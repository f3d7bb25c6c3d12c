import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { categoryCode, categoryKeys, categoryName, isBlank } from "../../../src/schemes/generalizers/categories.js";

describe("isBlank", () => {
  it("an empty or whitespace-only cell is not reported", () => {
    expect(isBlank("")).toBe(true);
    expect(isBlank("  \t")).toBe(true);
    expect(isBlank("h264")).toBe(false);
    expect(isBlank(" h264 ")).toBe(false);
  });
});

describe("category codes", () => {
  it("numbers names by first appearance, blank cells NaN, and maps codes back to names", () => {
    // container is keyed nowhere else in this file, so its dictionary starts empty
    const keys = categoryKeys("container", ["mkv", "", "mp4", "mkv", " "]);
    expect([...keys]).toEqual([0, NaN, 1, 0, NaN]);
    expect(categoryName("container", 0)).toBe("mkv");
    expect(categoryName("container", 1)).toBe("mp4");
    expect(categoryCode("container", "mp4")).toBe(1);
    expect(categoryCode("container", "avi")).toBe(2);
  });

  it("one dictionary per attribute, shared by every column keyed in the process", () => {
    const first = categoryKeys("codec", ["hevc", "av1"]);
    const second = categoryKeys("codec", ["vp9", "av1", "hevc"]);
    expect(second[1]).toBe(first[1]);
    expect(second[2]).toBe(first[0]);
    expect(categoryName("codec", second[0])).toBe("vp9");
  });

  it("keys the normalized name: names that normalize alike share a code", () => {
    const lower = (s: string) => s.toLowerCase();
    const keys = categoryKeys("codec", ["H264", "h264", "HEVC"], lower);
    expect(keys[0]).toBe(keys[1]);
    expect(categoryName("codec", keys[0])).toBe("h264");
    expect(categoryName("codec", keys[2])).toBe("hevc");
  });

  it("refuses a code never handed out", () => {
    expect(() => categoryName("container", 999)).toThrow('no container category has code 999');
  });

  it("equal names ⇔ equal keys, and the name behind each key is the cell (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom("", "aac", "ac3", "dts", "eac3", "flac", "opus"), { maxLength: 30 }), (col) => {
        const keys = categoryKeys("codec", col);
        col.forEach((name, i) => {
          if (name === "") expect(keys[i]).toBeNaN();
          else expect(categoryName("codec", keys[i])).toBe(name);
          col.forEach((other, j) => {
            if (name !== "" && other !== "") expect(keys[i] === keys[j]).toBe(name === other);
          });
        });
      }),
    );
  });
});
