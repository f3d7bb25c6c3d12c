import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { catalogToDuckDb } from "../../../src/engine/sql/catalogTable.js";
import { DuckDbRunner } from "../../../src/engine/sql/duckdbRunner.js";
import type { SqlRunner } from "../../../src/engine/sql/runner.js";
import { classSizeTotals, compilesToSql, fitOnRelation, relationTitles } from "../../../src/engine/sql/sizeTotals.js";
import { fitQuantileThresholds } from "../../../src/schemes/generalizers/quantile.js";
import { parseScheme } from "../../../src/schemes/parse.js";
import type { SqlRelation } from "../../../src/sources/relation.js";
import { catalogOf } from "../../helpers.js";

let duck: DuckDbRunner;
let relation: SqlRelation;
const durations = [1000, 1000, 1000, 2000, 5000, 5000, 7000, 9000];
beforeAll(async () => {
  duck = await DuckDbRunner.open({ threads: 1 });
  relation = await catalogToDuckDb(duck, catalogOf(["A", "A", "B", "C", "D", "D", "E", "E"], { duration_ms: durations }));
});
afterAll(() => duck.close());

describe("classSizeTotals", () => {
  it("counts per class size, and the titles exposed by single-title classes", async () => {
    const t = await classSizeTotals(duck, relation, parseScheme("duration=exact"));
    // classes: 1000 {A,A,B}, 2000 {C}, 5000 {D,D}, 7000 {E}, 9000 {E}
    expect(Array.from(t.classSize)).toEqual([1, 2, 3]);
    expect(Array.from(t.classes)).toEqual([3, 1, 1]);
    expect(Array.from(t.singleTitleClasses)).toEqual([3, 1, 0]);
    expect(Array.from(t.titleSum)).toEqual([3, 1, 2]);
    expect(Array.from(t.squareSum)).toEqual([3, 4, 5]);
    expect(t.exposedTitles).toBe(3);
    expect(await relationTitles(duck, relation)).toBe(5);
  });

  it("fits quantile thresholds on the relation exactly as in memory", async () => {
    const fitted = await fitOnRelation(duck, relation, parseScheme("duration=quantile(3)"));
    expect(Array.from(fitted.duration!)).toEqual(Array.from(fitQuantileThresholds(Float64Array.from(durations), 3)));
    const t = await classSizeTotals(duck, relation, parseScheme("duration=quantile(3)"));
    expect(Array.from(t.classSize).reduce((a, f, i) => a + f * t.classes[i], 0)).toBe(8);
  });

  it("works without a store (queries nested), as a runner without temporary tables", async () => {
    const plain: SqlRunner = { dialect: "duckdb", query: (sql) => duck.query(sql) };
    const a = await classSizeTotals(plain, relation, parseScheme("duration=round(2s)"));
    const b = await classSizeTotals(duck, relation, parseScheme("duration=round(2s)"));
    expect(a).toEqual(b);
  });

  it("knows which schemes compile", () => {
    expect(compilesToSql(parseScheme("duration=round(1s),resolution=class"))).toBe(true);
    expect(compilesToSql(parseScheme("duration=geom(1s,scale=2,seed=1)"))).toBe(false);
  });
});
