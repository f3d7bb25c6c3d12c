/**
 * A seeded 32-bit hash that JavaScript, DuckDB SQL and ClickHouse 18.16 SQL compute
 * identically, so that a seeded draw ("the p plays of each server with the smallest
 * hash") gives the same plays in memory and in any of those engines, with no window
 * function, CTE or engine-specific hash involved.
 *
 * Every intermediate value is a whole number below 2^53, so doubles (JS), BIGINT
 * (DuckDB) and UInt64 (ClickHouse) all hold it exactly:
 *   step(h, v) = fmix((h XOR v) · A mod 2^32)          h, v in [0, 2^32)
 *   fmix(x)    = y XOR (y >> 13)  where y = (x XOR (x >> 15)) · B mod 2^32
 * with odd multipliers A, B below 2^21 (so a product stays below 2^53).
 *
 * Inputs become 32-bit words first:
 * - a number x (internal units): floor(x · 1000) mod 2^32, 0 when missing — only the
 *   hash sees this, so numbers equal to a thousandth merely tie (ties are broken by the
 *   values themselves, see attacks/playDraw.ts);
 * - a text (a server id, a codec): the first 4 bytes of its MD5, big-endian, 0 when
 *   missing — MD5 is the one string digest all three have (node:crypto, DuckDB md5,
 *   ClickHouse MD5).
 *
 * Worked example, step(0, 1): (0 XOR 1) · A = 2051419; XOR its >> 15 (62) gives
 * 2051429; · B mod 2^32 = 1945775961; XOR its >> 13 (237521) gives 1945743496.
 */
import { createHash } from "node:crypto";

const TWO_POW_32 = 4294967296;
/** Odd multipliers below 2^21. */
export const HASH_A = 0x1f4d5b;
export const HASH_B = 0x1ce4e5;

/** One mixing step: the hash so far, h, absorbs the word v. */
export function hashStep(h: number, v: number): number {
  let y = Math.imul(h ^ v, HASH_A) >>> 0;
  y = (y ^ (y >>> 15)) >>> 0;
  y = Math.imul(y, HASH_B) >>> 0;
  return (y ^ (y >>> 13)) >>> 0;
}

/** A number as a hash word: floor(x·1000) mod 2^32, 0 for NaN. */
export function numberWord(x: number): number {
  if (x !== x || !Number.isFinite(x)) return 0;
  const f = Math.floor(x * 1000) % TWO_POW_32;
  return f < 0 ? f + TWO_POW_32 : f;
}

/** A text as a hash word: the first 4 bytes of its MD5 (big-endian), 0 for null. */
export function textWord(s: string | null): number {
  if (s === null) return 0;
  return createHash("md5").update(s, "utf8").digest().readUInt32BE(0);
}

/** The seed as a hash word (a whole number ≥ 0, taken mod 2^32). */
export function seedWord(seed: number): number {
  return seed % TWO_POW_32;
}

/** The SQL dialects the hash is written for. */
export type HashDialect = "duckdb" | "clickhouse";

/** SQL text of the same functions; arguments are SQL expressions. */
export interface HashSql {
  step(h: string, v: string): string;
  numberWord(x: string): string;
  textWord(s: string): string;
}

const M = String(TWO_POW_32);

export const HASH_SQL: Record<HashDialect, HashSql> = {
  duckdb: {
    step(h, v) {
      const y1 = `((xor(CAST(${h} AS BIGINT), CAST(${v} AS BIGINT)) * ${HASH_A}) % ${M})`;
      const y2 = `((xor(${y1}, ${y1} >> 15) * ${HASH_B}) % ${M})`;
      return `xor(${y2}, ${y2} >> 13)`;
    },
    numberWord: (x) => `coalesce(((CAST(floor(${x} * 1000) AS BIGINT) % ${M}) + ${M}) % ${M}, 0)`,
    textWord: (s) => `coalesce(CAST(('0x' || substr(md5(${s}), 1, 8)) AS BIGINT), 0)`,
  },
  clickhouse: {
    step(h, v) {
      const y1 = `modulo(bitXor(toUInt64(${h}), toUInt64(${v})) * ${HASH_A}, ${M})`;
      const y2 = `modulo(bitXor(${y1}, bitShiftRight(${y1}, 15)) * ${HASH_B}, ${M})`;
      return `bitXor(${y2}, bitShiftRight(${y2}, 13))`;
    },
    numberWord: (x) => `ifNull(toUInt64(modulo(modulo(toInt64(floor(${x} * 1000)), ${M}) + ${M}, ${M})), 0)`,
    textWord: (s) => `ifNull(toUInt64(reinterpretAsUInt32(reverse(unhex(substring(hex(MD5(${s})), 1, 8))))), 0)`,
  },
};
