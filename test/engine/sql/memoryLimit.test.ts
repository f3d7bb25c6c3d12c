import { describe, expect, it } from "vitest";
import { parseMemoryLimit } from "../../../src/engine/sql/memoryLimit.js";

describe("parseMemoryLimit", () => {
  it("reads decimal and binary units as DuckDB does", () => {
    expect(parseMemoryLimit("4GB")).toBe(4e9);
    expect(parseMemoryLimit("512MiB")).toBe(512 * 2 ** 20);
    expect(parseMemoryLimit(" 1.5 gb ")).toBe(1.5e9);
    expect(parseMemoryLimit("2TiB")).toBe(2 * 2 ** 40);
  });

  it("refuses a size without a known unit, and one too small to work in", () => {
    expect(() => parseMemoryLimit("4")).toThrow('--memory-limit takes a size with a unit, e.g. 4GB or 512MiB, not "4"');
    expect(() => parseMemoryLimit("4 gigs")).toThrow("takes a size with a unit");
    expect(() => parseMemoryLimit("-1GB")).toThrow("takes a size with a unit");
    expect(() => parseMemoryLimit("10MB")).toThrow("--memory-limit 10MB is too small: give at least 64MiB");
  });
});
