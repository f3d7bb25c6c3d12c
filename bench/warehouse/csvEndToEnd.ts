/**
 * (c) End to end on a seeded --e2e-rows-row CSV (default 1M) with the four bench
 * schemes: `fprisk evaluate` (default engine, then --engine duckdb) against DuckDB
 * reading the same CSV and computing the same numbers from per-(class, title) counts,
 * each a fresh process — the comparison of bench/endToEnd.ts, run twice.
 */
import { BENCH_SCHEMES, endToEnd } from "../endToEnd.js";
import type { WarehouseSection } from "./section.js";

export const csvEndToEnd: WarehouseSection = {
  id: "e2e",
  title: "end to end: fprisk evaluate on a CSV vs DuckDB read_csv + SQL, fresh processes",
  async run(ctx) {
    const rows = ctx.rows("e2e-rows", 1_000_000);
    const runs = [
      { engine: "auto", args: [] as string[] },
      { engine: "duckdb", args: ["--engine", "duckdb"] },
    ].map(({ engine, args }) => ({ engine, e2e: endToEnd({ rows, seed: ctx.seed, reps: Math.max(ctx.reps, 3), schemes: BENCH_SCHEMES, fpriskArgs: args, log: ctx.log }, ctx.root) }));
    return {
      lines: [
        `${rows.toLocaleString("en-US")}-row CSV (${(runs[0].e2e.csv_bytes / 1e6).toFixed(1)} MB), ${BENCH_SCHEMES.length} schemes, medians of ${Math.max(ctx.reps, 3)} runs`,
        ...runs.map(
          ({ engine, e2e }) =>
            `  fprisk evaluate --engine ${engine.padEnd(6)} ${(e2e.fprisk_ms / 1000).toFixed(2)} s   DuckDB ${(e2e.duckdb_ms / 1000).toFixed(2)} s   ratio ${e2e.ratio.toFixed(2)}×   ${e2e.agree ? "same numbers" : "DISAGREE"}`,
        ),
      ],
      data: { rows, runs: runs.map(({ engine, e2e }) => ({ engine, ...e2e })) },
      problems: runs.flatMap(({ engine, e2e }) => e2e.problems.map((p) => `--engine ${engine}: ${p}`)),
    };
  },
};
