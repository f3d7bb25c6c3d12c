import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { classesFrom, classesSql, classSizesSql, exposedTitlesSql, titleCountSql, titleCountsSql, valueRunsSql } from "../../../src/engine/sql/classQueries.js";
import { DuckDbRunner } from "../../../src/engine/sql/duckdbRunner.js";
import type { CompiledScheme } from "../../../src/engine/sql/schemeSql.js";

let duck: DuckDbRunner;
beforeAll(async () => {
  duck = await DuckDbRunner.open({ threads: 1 });
  // titles [A, A, B, C] in classes [x, x, x, y] (key = d), plus values for the runs
  await duck.query("CREATE TABLE plays AS SELECT * FROM (VALUES ('A', 1.0), ('A', 1.0), ('B', 1.0), ('C', 2.0)) AS v(title, d)");
});
afterAll(() => duck.close());

const relation = { from: "plays" };
const compiled: CompiledScheme = { scheme: { parts: [] }, keys: ["d"] };
const asNumbers = (rows: Record<string, unknown>[]) => rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === "bigint" ? Number(v) : v])));

describe("class queries (the module's worked example, run on DuckDB)", () => {
  it("per (class, title) counts, then per class", async () => {
    expect(asNumbers(await duck.query(`${titleCountsSql(relation, compiled)} ORDER BY k0, title`))).toEqual([
      { k0: 1, title: "A", cnt: 2 },
      { k0: 1, title: "B", cnt: 1 },
      { k0: 2, title: "C", cnt: 1 },
    ]);
    expect(asNumbers(await duck.query(`${classesSql(relation, compiled)} ORDER BY class_size`))).toEqual([
      { class_size: 1, class_titles: 1, title_squares: 1, first_title: "C" },
      { class_size: 3, class_titles: 2, title_squares: 5, first_title: "A" },
    ]);
  });

  it("per class size, the exposed titles, the titles", async () => {
    const classes = classesFrom(relation, compiled);
    expect(asNumbers(await duck.query(classSizesSql(classes)))).toEqual([
      { class_size: 1, classes: 1, single_title_classes: 1, title_sum: 1, square_sum: 1 },
      { class_size: 3, classes: 1, single_title_classes: 0, title_sum: 2, square_sum: 5 },
    ]);
    expect(asNumbers(await duck.query(exposedTitlesSql(classes)))).toEqual([{ exposed_titles: 1 }]);
    expect(asNumbers(await duck.query(titleCountSql(relation)))).toEqual([{ titles: 3 }]);
  });

  it("an empty scheme is one class; value runs ascend", async () => {
    const one = classesFrom(relation, { scheme: { parts: [] }, keys: [] });
    expect(asNumbers(await duck.query(classSizesSql(one)))).toEqual([{ class_size: 4, classes: 1, single_title_classes: 0, title_sum: 3, square_sum: 6 }]);
    expect(asNumbers(await duck.query(valueRunsSql(relation, "d")))).toEqual([
      { value: 1, value_count: 3 },
      { value: 2, value_count: 1 },
    ]);
  });

  it("uses no CTEs, window functions or positional GROUP BY (the dialect subset)", () => {
    const text = [classSizesSql(classesFrom(relation, compiled)), exposedTitlesSql("cls"), titleCountSql(relation), valueRunsSql(relation, "d")].join("\n");
    expect(text).not.toMatch(/\bWITH\b|\bOVER\s*\(|GROUP BY \d|sumKahan/i);
  });
});

describe("over the relation's table (grouping where the rows are)", () => {
  // The same four rows as a table of raw columns: the title with blanks around it, d in tenths,
  // and one invalid row the relation leaves out.
  beforeAll(async () => {
    await duck.query("CREATE TABLE raw AS SELECT * FROM (VALUES (' A', 10.0), ('A ', 10.0), ('B', 10.0), ('C', 20.0), ('', 5.0)) AS v(name, tenths)");
  });
  const table = { name: "raw", fields: { title: "trim(name)" }, where: "NOT (trim(name) = '')" };
  const flat = { from: "(SELECT trim(name) AS title, tenths / 10 AS d FROM raw WHERE NOT (trim(name) = ''))", table };
  const over: CompiledScheme = { scheme: { parts: [] }, keys: ["(tenths / 10)"], table };

  it("the same (class, title) counts as grouping the relation, from one grouping of the table", async () => {
    const sql = titleCountsSql(flat, over);
    expect(sql).toMatch(/FROM raw WHERE .* GROUP BY r_k0, r_title\) AS grouped$/);
    const want = await duck.query(`${titleCountsSql(flat, compiled)} ORDER BY k0, title`);
    expect(asNumbers(await duck.query(`${sql} ORDER BY k0, title`))).toEqual(asNumbers(want));
    expect(asNumbers(want)).toEqual([
      { k0: 1, title: "A", cnt: 2 },
      { k0: 1, title: "B", cnt: 1 },
      { k0: 2, title: "C", cnt: 1 },
    ]);
    expect(asNumbers(await duck.query(titleCountSql(flat)))).toEqual([{ titles: 3 }]);
    expect(titleCountSql(flat)).toMatch(/FROM raw WHERE/);
  });
});

