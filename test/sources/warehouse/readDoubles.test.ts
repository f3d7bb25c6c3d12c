import { DuckDBInstance } from "@duckdb/node-api";
import { describe, expect, it } from "vitest";
import { readDoubles } from "../../../src/sources/warehouse/readDoubles.js";

describe("readDoubles", () => {
  it("reads DOUBLE columns across chunks into typed arrays, and checks the row count", async () => {
    const instance = await DuckDBInstance.create(":memory:");
    const con = await instance.connect();
    try {
      // 5000 rows: more than one of DuckDB's 2048-row chunks.
      const sql = "SELECT i::DOUBLE / 4, coalesce(CASE WHEN i % 7 = 0 THEN NULL ELSE -i::DOUBLE END, 'NaN'::DOUBLE) FROM range(5000) t(i) ORDER BY i";
      const [a, b] = await readDoubles(con, sql, 2, 5000);
      expect(a.length).toBe(5000);
      expect(a[4999]).toBe(4999 / 4);
      expect(b[7]).toBeNaN();
      expect(b[8]).toBe(-8);
      await expect(readDoubles(con, sql, 2, 4999)).rejects.toThrow("more than the 4999 rows counted");
      await expect(readDoubles(con, sql, 2, 5001)).rejects.toThrow("5000 rows where 5001 were counted");
      await expect(readDoubles(con, "SELECT 'x'", 1, 1)).rejects.toThrow("expected a double");
    } finally {
      con.closeSync();
      instance.closeSync();
    }
  });
});
