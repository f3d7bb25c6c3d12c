/**
 * (b) The in-memory engine against the DuckDB engine on the same loaded catalog of
 * --engine-rows rows (default 10M, the seeded synthetic library): per scheme, the
 * in-memory `evaluate` and the SQL engine's class-size totals + metrics, after the
 * catalog was put into DuckDB (timed apart), with the numbers checked equal.
 */
import { DuckDbRunner } from "../../src/engine/sql/duckdbRunner.js";
import { catalogToDuckDb } from "../../src/engine/sql/catalogTable.js";
import { classSizeTotals } from "../../src/engine/sql/sizeTotals.js";
import { evaluateScheme } from "../../src/measures/evaluate.js";
import type { Metrics } from "../../src/measures/metrics.js";
import { metricsFromSizes } from "../../src/measures/metrics.js";
import { parseScheme } from "../../src/schemes/parse.js";
import { generateVideoLibrary } from "../../src/sources/synthetic/synthetic.js";
import { BENCH_SCHEMES, median } from "../endToEnd.js";
import { largestRelativeDifference, metricsDisagree } from "./sameMetrics.js";
import type { WarehouseSection } from "./section.js";

export const engines: WarehouseSection = {
  id: "engines",
  title: "in-memory engine vs DuckDB engine on one loaded catalog",
  async run(ctx) {
    const rows = ctx.rows("engine-rows", 10_000_000);
    ctx.log(`engines: generating synthetic:video-library?rows=${rows}&seed=${ctx.seed}`);
    const catalog = generateVideoLibrary({ rows, seed: ctx.seed });
    const duck = await DuckDbRunner.open();
    const cases: { scheme: string; memory_ms: number; duckdb_ms: number; agree: boolean; largest_relative_difference: number }[] = [];
    const problems: string[] = [];
    let loadMs: number;
    try {
      let t = performance.now();
      const relation = await catalogToDuckDb(duck, catalog);
      loadMs = performance.now() - t;
      for (const s of BENCH_SCHEMES) {
        const scheme = parseScheme(s);
        const mem: number[] = [];
        const sql: number[] = [];
        let a: Metrics | undefined;
        let b: Metrics | undefined;
        for (let r = 0; r < ctx.reps; r++) {
          t = performance.now();
          a = evaluateScheme(catalog, scheme).metrics;
          mem.push(performance.now() - t);
          t = performance.now();
          b = metricsFromSizes(await classSizeTotals(duck, relation, scheme), catalog.titleNames.length).metrics;
          sql.push(performance.now() - t);
        }
        const problem = metricsDisagree(b!, a!);
        if (problem) problems.push(`${s}: ${problem}`);
        cases.push({ scheme: s, memory_ms: median(mem), duckdb_ms: median(sql), agree: !problem, largest_relative_difference: largestRelativeDifference(b!, a!) });
        ctx.log(`engines: ${s}: memory ${median(mem).toFixed(0)} ms, duckdb ${median(sql).toFixed(0)} ms${problem ? ` DISAGREE ${problem}` : ""}`);
      }
    } finally {
      await duck.close();
    }
    return {
      lines: [
        `${rows.toLocaleString("en-US")} rows; catalog into DuckDB (appender) ${(loadMs / 1000).toFixed(1)} s, untimed below`,
        ...cases.map((c) => `  ${c.scheme.padEnd(58)} memory ${(c.memory_ms / 1000).toFixed(2)} s  duckdb ${(c.duckdb_ms / 1000).toFixed(2)} s  ${(c.duckdb_ms / c.memory_ms).toFixed(2)}×  ${c.agree ? "same numbers" : "DISAGREE"} (largest relative difference ${c.largest_relative_difference.toExponential(1)})`),
      ],
      data: { rows, load_ms: Math.round(loadMs), cases: cases.map((c) => ({ ...c, memory_ms: Math.round(c.memory_ms), duckdb_ms: Math.round(c.duckdb_ms) })) },
      problems,
    };
  },
};
