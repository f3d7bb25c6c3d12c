import { describe, expect, it } from "vitest";
import { count } from "../../../src/engine/sql/runner.js";

describe("count", () => {
  it("reads a driver's counts: numbers, bigints (DuckDB), strings (ClickHouse JSON), NULL as 0", () => {
    expect(count(3)).toBe(3);
    expect(count(12345678901234n)).toBe(12345678901234);
    expect(count("42")).toBe(42);
    expect(count(null)).toBe(0);
    expect(() => count({})).toThrow("expected a count from the database, got object");
  });
});
