/**
 * `npm run bench:warehouse [-- --only a,b] [-- --json] [-- --<section>-rows N]`: the
 * warehouse-scale measurements, one section each (bench/warehouse/*.ts). To add one,
 * write a `WarehouseSection` in bench/warehouse/ and list it in SECTIONS below.
 *
 *   parquet  100M-row Parquet through the DuckDB engine with a 4 GB limit (--parquet-rows)
 *   engines  in-memory vs DuckDB engine on a 10M-row catalog (--engine-rows)
 *   e2e      fprisk evaluate on a 1M-row CSV vs DuckDB, fresh processes (--e2e-rows)
 *   cluster  ClickHouse: a two-shard cluster vs one server on the same rows (--cluster-rows)
 *   playlog  play-log unicity in memory and on DuckDB (--playlog-rows N servers, default 1M)
 *
 * The machine's load average is printed with the results: other work on the machine
 * slows every number here.
 */
import { loadavg } from "node:os";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { cluster } from "./warehouse/cluster.js";
import { csvEndToEnd } from "./warehouse/csvEndToEnd.js";
import { engines } from "./warehouse/engines.js";
import { parquetScale } from "./warehouse/parquetScale.js";
import { playLog } from "./warehouse/playLog.js";
import type { SectionResult, WarehouseSection } from "./warehouse/section.js";

/** Every section, in the order they run (the Parquet one first: its peak RSS is measured before the others allocate). */
export const SECTIONS: WarehouseSection[] = [parquetScale, engines, csvEndToEnd, cluster, playLog];

function usage(): never {
  process.stderr.write(`usage: npm run bench:warehouse -- [--json] [--only ${SECTIONS.map((s) => s.id).join(",")}] [--reps R] [--seed S] [--parquet-rows N] [--engine-rows N] [--e2e-rows N] [--cluster-rows N] [--playlog-rows N]\n`);
  process.exit(2);
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  let json = false;
  let only: string[] | undefined;
  let reps = 1;
  let seed = 1;
  const rowCounts = new Map<string, number>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const num = () => {
      const v = Number(argv[++i]);
      if (!Number.isSafeInteger(v) || v < 1) usage();
      return v;
    };
    if (a === "--json") json = true;
    else if (a === "--only") only = (argv[++i] ?? "").split(",");
    else if (a === "--reps") reps = num();
    else if (a === "--seed") seed = num();
    else if (/^--[a-z0-9]+-rows$/.test(a)) rowCounts.set(a.slice(2), num());
    else usage();
  }
  if (only?.some((id) => !SECTIONS.some((s) => s.id === id))) usage();
  const root = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
  const log = (line: string) => process.stderr.write(`bench: ${line}\n`);
  const ctx = { root, seed, reps, log, rows: (name: string, fallback: number) => rowCounts.get(name) ?? fallback };
  const results: { section: WarehouseSection; result: SectionResult; loadBefore: number[]; loadAfter: number[] }[] = [];
  for (const section of SECTIONS.filter((s) => !only || only.includes(s.id))) {
    const loadBefore = loadavg();
    const result = await section.run(ctx);
    results.push({ section, result, loadBefore, loadAfter: loadavg() });
  }
  const load = (l: number[]) => l.map((x) => x.toFixed(1)).join(" ");
  if (json) {
    const out = Object.fromEntries(results.map(({ section, result, loadBefore, loadAfter }) => [section.id, { ...result.data, load_average_before: loadBefore, load_average_after: loadAfter }]));
    process.stdout.write(`${JSON.stringify({ seed, reps, ...out }, null, 2)}\n`);
  } else {
    for (const { section, result, loadBefore, loadAfter } of results) {
      process.stdout.write(`${section.title}\n${result.lines.map((l) => `  ${l}`).join("\n")}\n  load average (1/5/15 min) before: ${load(loadBefore)}, after: ${load(loadAfter)}\n\n`);
    }
  }
  const problems = results.flatMap(({ section, result }) => result.problems.map((p) => `${section.id}: ${p}`));
  if (problems.length > 0) {
    process.stderr.write(`bench: FAILED — the engines disagree:\n${problems.map((p) => `  ${p}`).join("\n")}\n`);
    process.exitCode = 1;
  }
}

await main();
