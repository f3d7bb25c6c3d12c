import { describe, expect, it } from "vitest";
import { assertSchemeCompiles, assertSchemeFitsRelation, compileSchemeSql, fittedParts } from "../../../src/engine/sql/schemeSql.js";
import type { SqlRelation } from "../../../src/sources/relation.js";
import { duckdbTrim } from "../../../src/sources/sqlTrim.js";
import { parseScheme } from "../../../src/schemes/parse.js";

const relation: SqlRelation = { dialect: "duckdb", from: "t", numeric: ["duration_ms", "height"], text: ["codec"], source: "plays.parquet" };

describe("compileSchemeSql", () => {
  it("gives one key per part, each the generalizer's own SQL over the relation's columns", () => {
    const { keys } = compileSchemeSql(parseScheme("duration=floor(1s),codec=exact"), relation);
    expect(keys).toEqual(["floor((duration_ms / CAST('1000' AS DOUBLE)) + CAST('1e-13' AS DOUBLE) * abs((duration_ms / CAST('1000' AS DOUBLE))))", `(CASE WHEN ${duckdbTrim("codec")} = '' THEN NULL ELSE codec END)`]);
    expect(compileSchemeSql(parseScheme("none"), relation).keys).toEqual([]);
  });

  it("over the relation's table, each field reads as its expression there", () => {
    const rel = { dialect: "duckdb" as const, numeric: ["duration_ms" as const], text: [], source: "t" };
    const table = { name: "t", fields: { title: "name", duration_ms: "secs * 1000" } };
    const over = compileSchemeSql(parseScheme("duration=floor(1min)"), rel, {}, table);
    expect(over.table).toBe(table);
    expect(over.keys[0]).toContain("(secs * 1000)");
    expect(over.keys[0]).not.toMatch(/duration_ms/);
    expect(compileSchemeSql(parseScheme("duration=floor(1min)"), rel).keys[0]).toContain("duration_ms");
    expect(() => compileSchemeSql(parseScheme("duration=floor(1min)"), rel, {}, { name: "t", fields: {} })).toThrow(/no expression for duration_ms/);
  });

  it("reads a resolution dimension the relation lacks as a typed NULL of its dialect", () => {
    expect(compileSchemeSql(parseScheme("resolution=exact"), relation).keys[0]).toContain("coalesce(CAST(NULL AS DOUBLE), -1) * 65536 + coalesce(height, -1)");
    expect(compileSchemeSql(parseScheme("resolution=exact"), { ...relation, dialect: "clickhouse" }).keys[0]).toContain("CAST(NULL AS Nullable(Float64))");
  });

  it("puts fitted quantile thresholds into the key, and refuses without them", () => {
    const scheme = parseScheme("duration=quantile(3)");
    expect(fittedParts(scheme).map((p) => p.attribute)).toEqual(["duration"]);
    expect(fittedParts(parseScheme("duration=round(1s)"))).toEqual([]);
    expect(compileSchemeSql(scheme, relation, { duration: Float64Array.of(10, 20) }).keys[0]).toBe(
      "(CASE WHEN duration_ms IS NULL THEN NULL WHEN duration_ms >= CAST('20' AS DOUBLE) THEN 2 WHEN duration_ms >= CAST('10' AS DOUBLE) THEN 1 ELSE 0 END)",
    );
    expect(() => compileSchemeSql(scheme, relation)).toThrow("quantile(3) needs its thresholds fitted on the data");
  });

  it("refuses a field the relation lacks with the in-memory engine's message, and randomized noise", () => {
    expect(() => assertSchemeFitsRelation(parseScheme("bitrate=round(1Mbps)"), relation)).toThrow(
      'scheme "bitrate=round(1Mbps)" needs bitrate_kbps, which plays.parquet does not have (fields present: duration_ms, height, codec)',
    );
    expect(() => assertSchemeFitsRelation(parseScheme("resolution=class"), relation)).not.toThrow();
    expect(() => assertSchemeCompiles(parseScheme("duration=rround(1s,seed=3)"))).toThrow("use --engine memory");
    expect(() => compileSchemeSql(parseScheme("duration=geom(1s,scale=2,seed=3)"), relation)).toThrow("use --engine memory");
  });
});
