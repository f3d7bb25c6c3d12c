/**
 * Each generalizer's SQL form, run on DuckDB, keys the same values as its TypeScript
 * keys (text attributes: equal SQL strings exactly where the category codes are equal).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";
import { bucketKeys, generalizerOf, parseScheme, type SchemePart } from "../../../src/schemes/index.js";
import { codecFamily } from "../../../src/schemes/generalizers/family.js";
import { catalogWith } from "./helpers.js";

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

const literal = (x: number) => (x !== x ? "NULL" : `CAST('${String(x)}' AS DOUBLE)`);
const text = (s: string) => `'${s.replaceAll("'", "''")}'`;

/** The SQL key of every row, NULL as NaN (numbers) or null (strings). */
async function sqlKeys(part: SchemePart, rows: { d: number; w: number; h: number; codec: string }[], fitted?: Float64Array): Promise<unknown[]> {
  const values = rows.map((r, i) => `(${literal(r.d)}, ${literal(r.w)}, ${literal(r.h)}, ${text(r.codec)}, ${i})`).join(", ");
  const expr = generalizerOf(part.generalizer).sql(part.generalizer, part.attribute, (f) => f, fitted);
  const reader = await con.runAndReadAll(`SELECT ${expr} AS k FROM (VALUES ${values}) AS t(duration_ms, width, height, codec, i) ORDER BY i`);
  return reader.getRowObjectsJS().map((r) => {
    const k = r.k as unknown;
    if (k === null) return NaN;
    return typeof k === "string" ? k : Number(k);
  });
}

const num = fc.oneof(
  fc.integer({ min: -100_000, max: 10_000_000 }),
  fc.integer({ min: -100_000, max: 1_000_000 }).map((k) => k / 10),
  fc.double({ min: 1e-3, max: 1e7, noNaN: true }),
  fc.constantFrom(NaN, 0, 29_500, 30_400, 1080, 1920, 800, 720),
);
const dim = fc.oneof(fc.integer({ min: 1, max: 8000 }), fc.constantFrom(NaN, 720, 800, 1080, 1280, 1920, 2160, 3840));
const arbRows = fc.array(
  fc.record({ d: num, w: dim, h: dim, codec: fc.constantFrom("h264", "avc1", " H264", "hevc", "hvc1", "", "  ", "vp9", "prores", "it's") }),
  { minLength: 1, maxLength: 40 },
);

const COMPILED = [
  "duration=exact",
  "duration=round(1s)",
  "duration=round(0.1ms)",
  "duration=floor(7s)",
  "duration=ladder(0,30,90min)",
  "duration=sig(1)",
  "duration=sig(2)",
  "duration=sig(4)",
  "duration=sig(15)",
  "duration=log(10%)",
  "duration=log(100%)",
  "duration=log(0.5%)",
  "duration=quantile(1)",
  "duration=quantile(4)",
  "duration=quantile(10)",
  "resolution=exact",
  "resolution=round(16px)",
  "resolution=floor(8px)",
  "resolution=class",
  "resolution=height",
];

describe("SQL forms agree with the keys (DuckDB)", () => {
  it.each(COMPILED)("%s", async (scheme) => {
    const part = parseScheme(scheme).parts[0];
    await fc.assert(
      fc.asyncProperty(arbRows, async (rows) => {
        const cat = catalogWith({ duration_ms: rows.map((r) => r.d), width: rows.map((r) => r.w), height: rows.map((r) => r.h) });
        const want = Array.from(bucketKeys(part, cat));
        const def = generalizerOf(part.generalizer);
        const got = await sqlKeys(part, rows, def.fit ? def.fit(part.generalizer, cat.numeric.duration_ms!) : undefined);
        got.forEach((k, i) => expect(k === want[i] || (k !== k && want[i] !== want[i]), `row ${i}: sql ${String(k)}, keys ${want[i]}`).toBe(true));
      }),
      { numRuns: 40 },
    );
  });

  it.each(["codec=exact", "codec=family"])("%s", async (scheme) => {
    const part = parseScheme(scheme).parts[0];
    await fc.assert(
      fc.asyncProperty(arbRows, async (rows) => {
        const codecs = rows.map((r) => r.codec);
        const want = bucketKeys(part, catalogWith({}, { codec: codecs }));
        const got = await sqlKeys(part, rows);
        for (let i = 0; i < rows.length; i++) {
          expect(Number.isNaN(got[i])).toBe(Number.isNaN(want[i]));
          if (part.generalizer.kind === "family" && typeof got[i] === "string") expect(got[i]).toBe(codecFamily(codecs[i]));
          for (let j = 0; j < rows.length; j++) if (typeof got[i] === "string" && typeof got[j] === "string") expect(got[i] === got[j]).toBe(want[i] === want[j]);
        }
      }),
      { numRuns: 40 },
    );
  });

  it("randomized generalizers refuse, pointing to the in-memory engine", () => {
    for (const scheme of ["duration=geom(1s,scale=2,seed=1)", "duration=rround(1s,seed=1)"]) {
      const part = parseScheme(scheme).parts[0];
      expect(() => generalizerOf(part.generalizer).sql(part.generalizer, part.attribute, (f) => f)).toThrow("use --engine memory");
    }
  });

  it("sig agrees next to powers of ten and at ties", async () => {
    const values = [999.5, 9995, 99.95, 1e3, 1e4 - 0.5, 0.001, 1234.5, 1249, 1250, 1e-5, 12345678901, 5e-324, 1.7e308];
    const rows = values.map((d) => ({ d: -d, w: NaN, h: NaN, codec: "" })).concat(values.map((d) => ({ d, w: NaN, h: NaN, codec: "" })));
    for (const digits of [1, 2, 3]) {
      const part = parseScheme(`duration=sig(${digits})`).parts[0];
      const want = Array.from(bucketKeys(part, catalogWith({ duration_ms: rows.map((r) => r.d) })));
      expect(await sqlKeys(part, rows)).toEqual(want);
    }
  });
});
