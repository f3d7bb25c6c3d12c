/**
 * `fprisk sql`'s text: golden files per dialect (test/golden/sql/), and the DuckDB,
 * Spark and Trino texts executed on DuckDB — where those dialects agree; Spark quotes
 * names with backticks, which DuckDB reads as double quotes — giving the in-memory
 * engine's numbers. After an intended change of the text, rewrite the golden files with
 * UPDATE_GOLDEN=1 and review the diff.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { catalogToDuckDb } from "../../../src/engine/sql/catalogTable.js";
import { SQL_DIALECTS } from "../../../src/engine/sql/dialect.js";
import { DuckDbRunner } from "../../../src/engine/sql/duckdbRunner.js";
import { evaluate } from "../../../src/measures/evaluate.js";
import { METRIC_KEYS, type Metrics } from "../../../src/measures/metrics.js";
import { assertPrintable, sqlScript, tableRelation } from "../../../src/measures/sql/sqlScript.js";
import { parseScheme } from "../../../src/schemes/parse.js";
import type { SqlRelation } from "../../../src/sources/relation.js";
import { generateVideoLibrary } from "../../../src/sources/synthetic/synthetic.js";
import { repoRoot } from "../../helpers.js";
import { expectSameMetrics } from "./sameNumbers.js";

const EXECUTED_SCHEME = "duration=round(1min),bitrate=log(10%),resolution=class";
/** codec=exact shows each dialect's trim (ClickHouse 18.16 has none). */
const GOLDEN_SCHEME = `${EXECUTED_SCHEME},codec=exact`;

const golden = (dialect: string) => readFileSync(join(repoRoot, "test/golden/sql", `${dialect}.sql`), "utf8");

describe("sqlScript", () => {
  it.each(SQL_DIALECTS)("%s: the golden file", (dialect) => {
    const text = sqlScript(dialect, "telemetry.plays", parseScheme(GOLDEN_SCHEME), METRIC_KEYS);
    if (process.env.UPDATE_GOLDEN) writeFileSync(join(repoRoot, "test/golden/sql", `${dialect}.sql`), text);
    expect(text).toBe(golden(dialect));
  });

  it("refuses a table name that is not one, and quantile (fitted on data it does not read)", () => {
    expect(() => tableRelation("trino", "plays; DROP TABLE x")).toThrow("--table takes a table name such as telemetry.plays");
    expect(tableRelation("spark", "a.b.c").from).toBe("a.b.c");
    expect(() => assertPrintable(parseScheme("bitrate=quantile(10)"))).toThrow("bitrate=quantile(10) is fitted on the data, which fprisk sql does not read");
  });

  describe("executed on DuckDB, the in-memory engine's numbers", () => {
    let duck: DuckDbRunner;
    let relation: SqlRelation;
    const catalog = generateVideoLibrary({ titles: 400, seed: 5 });
    beforeAll(async () => {
      duck = await DuckDbRunner.open({ threads: 1 });
      relation = await catalogToDuckDb(duck, catalog);
    });
    afterAll(() => duck.close());

    const schemes = [EXECUTED_SCHEME, "duration=sig(2),resolution=height", "duration=exact", "none", "bitrate=ladder(1,3,6Mbps),resolution=round(16px)"];
    it.each(["duckdb", "spark", "trino"] as const)("%s", async (dialect) => {
      for (const scheme of schemes) {
        const text = sqlScript(dialect, relation.from, parseScheme(scheme), METRIC_KEYS);
        const statements = text
          .split(";\n")
          .map((s) => s.replace(/^--.*$/gm, "").trim())
          .filter(Boolean);
        expect(statements).toHaveLength(2);
        // the only place Spark's text differs from DuckDB's: quoted names
        const [row] = await duck.query(dialect === "spark" ? statements[1].replace(/`(\w+)`/g, '"$1"') : statements[1]);
        const got = Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Number(v)])) as Metrics;
        const want = evaluate(catalog, [scheme]).results[0].metrics;
        expectSameMetrics(got, want, `${dialect} ${scheme}`);
      }
    });
  });
});
