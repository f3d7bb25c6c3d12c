import { describe, expect, it } from "vitest";
import { catalogToDuckDb } from "../../../src/engine/sql/catalogTable.js";
import { DuckDbRunner } from "../../../src/engine/sql/duckdbRunner.js";
import { catalogOf } from "../../helpers.js";

describe("catalogToDuckDb", () => {
  it("stores title codes, numbers with NaN as NULL, blank text as NULL, across vector boundaries", async () => {
    const n = 5000; // more than two 2048-row vectors
    const titles = Array.from({ length: n }, (_, i) => `t${i % 7}`);
    const c = catalogOf(titles, { duration_ms: Array.from({ length: n }, (_, i) => (i % 10 === 0 ? null : i * 1.5)), height: Array.from({ length: n }, () => 1080) });
    c.text.codec = Array.from({ length: n }, (_, i) => (i % 3 === 0 ? " " : "h264"));
    const duck = await DuckDbRunner.open({ threads: 1 });
    try {
      const relation = await catalogToDuckDb(duck, c);
      expect(relation).toMatchObject({ dialect: "duckdb", numeric: ["duration_ms", "height"], text: ["codec"], source: "test" });
      const [row] = await duck.query(
        `SELECT count(*) AS n, count(duration_ms) AS d, sum(duration_ms) AS s, count(codec) AS codecs, count(DISTINCT title) AS titles, max(title) AS top, max(height) AS h FROM ${relation.from}`,
      );
      let sum = 0;
      for (let i = 0; i < n; i++) if (i % 10 !== 0) sum += i * 1.5;
      expect(row).toEqual({ n: BigInt(n), d: BigInt(n - n / 10), s: sum, codecs: BigInt(n - Math.ceil(n / 3)), titles: 7n, top: 6, h: 1080 });
      const [last] = await duck.query(`SELECT title, duration_ms FROM ${relation.from} LIMIT 1 OFFSET ${n - 1}`);
      expect(last).toEqual({ title: (n - 1) % 7, duration_ms: (n - 1) * 1.5 });
    } finally {
      await duck.close();
    }
  });
});
