/**
 * The draw hash: the same words in JS, DuckDB and (as SQL text) ClickHouse; every
 * intermediate value below 2^53.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";
import { HASH_A, HASH_B, HASH_SQL, hashStep, numberWord, seedWord, textWord } from "../../src/base/drawHash.js";

let instance: DuckDBInstance;
let con: DuckDBConnection;
beforeAll(async () => {
  instance = await DuckDBInstance.create(":memory:");
  con = await instance.connect();
});
afterAll(() => {
  con.closeSync();
  instance.closeSync();
});

/** The definition with plain doubles: products stay exact because A, B < 2^21. */
function stepByDefinition(h: number, v: number): number {
  const M = 2 ** 32;
  let y = ((Number(BigInt(h) ^ BigInt(v))) * HASH_A) % M;
  y = Number(BigInt(y) ^ BigInt(Math.floor(y / 2 ** 15)));
  y = (y * HASH_B) % M;
  return Number(BigInt(y) ^ BigInt(Math.floor(y / 2 ** 13)));
}

describe("drawHash", () => {
  it("multipliers are odd and below 2^21, so (2^32 − 1)·A < 2^53", () => {
    for (const m of [HASH_A, HASH_B]) {
      expect(m % 2).toBe(1);
      expect(m).toBeLessThan(2 ** 21);
      expect((2 ** 32 - 1) * m).toBeLessThan(2 ** 53);
    }
  });

  it("hand-computed words", () => {
    expect(numberWord(1000.5)).toBe(1_000_500);
    expect(numberWord(NaN)).toBe(0);
    expect(numberWord(2 ** 32 / 1000 + 1)).toBe(1000);
    expect(textWord(null)).toBe(0);
    // md5("abc") = 900150983cd24fb0…
    expect(textWord("abc")).toBe(0x90015098);
    expect(seedWord(2 ** 32 + 5)).toBe(5);
  });

  it("the step is its definition", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.integer({ min: 0, max: 2 ** 32 - 1 }), (h, v) => {
        expect(hashStep(h, v)).toBe(stepByDefinition(h, v));
      }),
    );
  });

  it("DuckDB computes the same words and steps", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        fc.oneof(fc.double({ min: 0, max: 1e12, noNaN: true }), fc.constant(NaN)),
        fc.oneof(fc.string(), fc.constant(null)),
        async (h, v, x, s) => {
          const d = HASH_SQL.duckdb;
          const xs = x !== x ? "CAST(NULL AS DOUBLE)" : `CAST('${String(x)}' AS DOUBLE)`;
          const ss = s === null ? "CAST(NULL AS VARCHAR)" : `'${s.replaceAll("'", "''")}'`;
          const row = (await con.runAndReadAll(`SELECT ${d.step(String(h), String(v))}, ${d.numberWord(xs)}, ${d.textWord(ss)}`)).getRowsJS()[0].map(Number);
          expect(row).toEqual([hashStep(h, v), numberWord(x), textWord(s)]);
        },
      ),
      { numRuns: 60 },
    );
  });

  it("ClickHouse's text uses its own function names", () => {
    const c = HASH_SQL.clickhouse;
    expect(c.step("h", "v")).toContain("bitXor(toUInt64(h), toUInt64(v))");
    expect(c.textWord("s")).toBe("ifNull(toUInt64(reinterpretAsUInt32(reverse(unhex(substring(hex(MD5(s)), 1, 8))))), 0)");
  });
});

describe("the module comment's worked example", () => {
  it("step(0, 1) = 1945743496", () => {
    expect(hashStep(0, 1)).toBe(1945743496);
    expect(1945775961 >>> 13).toBe(237521);
  });
});
