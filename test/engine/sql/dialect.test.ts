import { describe, expect, it } from "vitest";
import { dialectOf, isSqlDialect, SQL_DIALECTS } from "../../../src/engine/sql/dialect.js";
import { SQL_TRIM } from "../../../src/sources/sqlTrim.js";

describe("dialects", () => {
  it("differ only in the double type, quoting, distributed IN and trim", () => {
    expect(dialectOf("duckdb").divide("a", "b")).toBe("CAST(a AS DOUBLE) / CAST(b AS DOUBLE)");
    expect(dialectOf("clickhouse").toDouble("n")).toBe("CAST(n AS Float64)");
    expect(dialectOf("clickhouse").nullDouble).toBe("CAST(NULL AS Nullable(Float64))");
    expect(dialectOf("trino").nullDouble).toBe("CAST(NULL AS DOUBLE)");
    expect(dialectOf("clickhouse").inSubquery("t", "SELECT 1")).toBe("t GLOBAL IN (SELECT 1)");
    expect(dialectOf("spark").quote("rows")).toBe("`rows`");
    expect(dialectOf("trino").quote("rows")).toBe('"rows"');
    for (const d of ["duckdb", "spark", "trino"] as const) expect(dialectOf(d).inSubquery("t", "SELECT 1")).toBe("t IN (SELECT 1)");
    // every dialect removes what JavaScript's trim removes (sources/sqlTrim.ts), not only spaces
    for (const d of SQL_DIALECTS) expect(dialectOf(d).trim).toBe(SQL_TRIM[d]);
    expect(dialectOf("duckdb").trim("codec")).toMatch(/^CASE WHEN regexp_matches\(codec, '\^\[\\x\{0009\}/);
  });

  it("knows the four names and no others", () => {
    expect(SQL_DIALECTS).toEqual(["duckdb", "clickhouse", "spark", "trino"]);
    expect(SQL_DIALECTS.every(isSqlDialect)).toBe(true);
    expect(isSqlDialect("postgres")).toBe(false);
  });
});
