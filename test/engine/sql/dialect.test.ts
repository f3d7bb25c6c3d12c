import { describe, expect, it } from "vitest";
import { dialectOf, isSqlDialect, SQL_DIALECTS } from "../../../src/engine/sql/dialect.js";

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
    for (const d of ["duckdb", "spark", "trino"] as const) expect(dialectOf(d).trim("codec")).toBe("trim(codec)");
    // ClickHouse 18.16 has no trim (nor trimBoth): a regular expression removing JavaScript's white space
    // (the SQL literal doubles the pattern's backslashes)
    const white = "[\\\\t\\\\n\\\\v\\\\f\\\\r \\\\x{00A0}\\\\x{FEFF}\\\\x{2028}\\\\x{2029}\\\\p{Zs}]";
    expect(dialectOf("clickhouse").trim("codec")).toBe(`replaceRegexpAll(codec, '^${white}+|${white}+$', '')`);
  });

  it("knows the four names and no others", () => {
    expect(SQL_DIALECTS).toEqual(["duckdb", "clickhouse", "spark", "trino"]);
    expect(SQL_DIALECTS.every(isSqlDialect)).toBe(true);
    expect(isSqlDialect("postgres")).toBe(false);
  });
});
