import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DuckDbRunner } from "../../../src/engine/sql/duckdbRunner.js";

describe("DuckDbRunner", () => {
  it("runs with the memory limit and its own spill directory, removed on close", async () => {
    const duck = await DuckDbRunner.open({ memoryLimitBytes: 256 * 2 ** 20, threads: 1 });
    expect(existsSync(duck.tempDirectory)).toBe(true);
    try {
      const [row] = await duck.query("SELECT current_setting('memory_limit') AS m, current_setting('temp_directory') AS t, 6 * 7 AS x");
      expect(row).toEqual({ m: "256.0 MiB", t: duck.tempDirectory, x: 42 });
      const stored = await duck.store("SELECT range AS v FROM range(5)");
      expect(await duck.query(`SELECT sum(v) AS s FROM ${stored.from}`)).toEqual([{ s: 10n }]);
      await stored.drop();
      await expect(duck.query(`SELECT * FROM ${stored.from}`)).rejects.toThrow(/does not exist/);
    } finally {
      await duck.close();
    }
    expect(existsSync(duck.tempDirectory)).toBe(false);
  });

  it("spills a grouping larger than its memory limit to disk instead of failing", async () => {
    const duck = await DuckDbRunner.open({ memoryLimitBytes: 64 * 2 ** 20, threads: 1 });
    try {
      // ~3M distinct keys: the hash table needs well over 64 MiB
      const [row] = await duck.query("SELECT count(*) AS groups FROM (SELECT range % 3000000 AS k, count(*) AS c FROM range(6000000) GROUP BY k)");
      expect(row.groups).toBe(3000000n);
    } finally {
      await duck.close();
    }
  });
});
