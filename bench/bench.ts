/**
 * `npm run bench [-- --json] [-- --rows N]`: fprisk's engine against embedded DuckDB.
 *
 * 1. Engine: partition + all metrics (`evaluateScheme`) for four schemes on a seeded
 *    synthetic catalog of N rows (default 10M), on 1 thread and on every core
 *    (`--threads`, default the machine's available parallelism), and the same group-by
 *    counts in DuckDB over the same columns, loaded once into a DuckDB table
 *    (untimed; DuckDB uses every core). Both sides compute classes, unique rows,
 *    title-unique rows, Σc²/f and entropy; the bench fails unless they agree. Times
 *    are medians of --reps runs; each fprisk run also reports ns/row per phase (keys,
 *    partition, group, title stats, metrics; see src/engine/phases.ts).
 * 2. End to end: `fprisk evaluate` (the real CLI) on a seeded CSV of --e2e-rows rows
 *    (default 1M) against DuckDB reading the same CSV with read_csv and running the
 *    same group-bys, each as a fresh process, wall-clock.
 *
 * Peak memory is fprisk's, catalog included: the RSS high-water mark of a fresh process
 * that generates the catalog and evaluates the four schemes once (peakMemory.ts), run
 * before this process builds anything.
 */
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";
import type { Catalog } from "../src/catalog/catalog.js";
import { generateVideoLibrary } from "../src/sources/synthetic/synthetic.js";
import { availableParallelism } from "node:os";
import { evaluateScheme } from "../src/measures/evaluate.js";
import { newPhaseTimes, type PhaseTimes } from "../src/engine/phases.js";
import { parseScheme } from "../src/schemes/parse.js";
import { formatScheme } from "../src/schemes/format.js";
import { disagreement, groupNumbersSql, numbersFromMetrics, type GroupNumbers } from "./duckdbSql.js";
import { BENCH_SCHEMES, endToEnd, median, runNode, type E2e } from "./endToEnd.js";
import { loadIntoDuckDB } from "./duckdbLoad.js";

const SCHEMES = BENCH_SCHEMES;

interface Options {
  json: boolean;
  rows: number;
  e2eRows: number;
  reps: number;
  seed: number;
  threads: number;
}

function usage(): never {
  process.stderr.write(
    "usage: npm run bench -- [--json] [--rows N] [--e2e-rows N (0 = skip)] [--reps R] [--seed S] [--threads T]\n",
  );
  process.exit(2);
}

function parseArgs(argv: string[]): Options {
  const o: Options = { json: false, rows: 10_000_000, e2eRows: 1_000_000, reps: 3, seed: 1, threads: availableParallelism() };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const num = () => {
      const v = Number(argv[++i]);
      if (!Number.isSafeInteger(v) || v < 0) usage();
      return v;
    };
    if (a === "--json") o.json = true;
    else if (a === "--rows") o.rows = num();
    else if (a === "--e2e-rows") o.e2eRows = num();
    else if (a === "--reps") o.reps = Math.max(1, num());
    else if (a === "--seed") o.seed = num();
    else if (a === "--threads") o.threads = Math.max(1, num());
    else usage();
  }
  if (o.rows < 1) usage();
  return o;
}

const log = (s: string) => process.stderr.write(`bench: ${s}\n`);

/** Collect garbage between timed runs (npm run bench passes --expose-gc) so one run's debt is not paid by the next. */
function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/** One fprisk timing: median ms and, from the median run, ns per row of each phase. */
interface FpriskTiming {
  threads: number;
  ms: number;
  ns_per_row: PhaseTimes;
}

interface CaseResult {
  scheme: string;
  /** fprisk on --threads threads (the default). */
  fprisk_ms: number;
  duckdb_ms: number;
  timings: FpriskTiming[];
  fprisk: GroupNumbers;
  duckdb: GroupNumbers;
  agree: boolean;
  problem?: string;
}

function timeFprisk(catalog: Catalog, scheme: string, reps: number, threads: number): { timing: FpriskTiming; numbers: GroupNumbers; canonical: string } {
  const runs: { ms: number; phases: PhaseTimes }[] = [];
  let numbers: GroupNumbers | undefined;
  let canonical = scheme;
  for (let r = 0; r < reps; r++) {
    gc();
    const phases = newPhaseTimes();
    const t = performance.now();
    const res = evaluateScheme(catalog, scheme, { threads, phases });
    runs.push({ ms: performance.now() - t, phases });
    numbers = numbersFromMetrics(res.metrics);
    canonical = formatScheme(res.scheme);
  }
  runs.sort((a, b) => a.ms - b.ms);
  const mid = runs[runs.length >> 1];
  const perRow = Object.fromEntries(Object.entries(mid.phases).map(([k, v]) => [k, Number(((v * 1e6) / catalog.rows).toFixed(1))])) as unknown as PhaseTimes;
  return { timing: { threads, ms: median(runs.map((x) => x.ms)), ns_per_row: perRow }, numbers: numbers!, canonical };
}

async function timeDuckDB(con: DuckDBConnection, scheme: string, rows: number, reps: number): Promise<{ ms: number; numbers: GroupNumbers }> {
  const sql = groupNumbersSql(parseScheme(scheme), "t", rows);
  const times: number[] = [];
  let numbers: GroupNumbers | undefined;
  for (let r = 0; r < reps; r++) {
    const t = performance.now();
    const reader = await con.runAndReadAll(sql);
    times.push(performance.now() - t);
    numbers = reader.getRowObjectsJS()[0] as unknown as GroupNumbers;
  }
  return { ms: median(times), numbers: numbers! };
}

function pad(s: string, n: number, right = false): string {
  return right ? s.padStart(n) : s.padEnd(n);
}

function printTable(rows: number, cases: CaseResult[], peakKb: number, genMs: number, loadMs: number, e2e?: E2e): void {
  const out: string[] = [];
  out.push(`fprisk vs DuckDB — ${rows.toLocaleString("en-US")} rows (synthetic video-library), median times`);
  out.push("");
  const w = Math.max(...cases.map((c) => c.scheme.length), 6);
  const threads = cases[0].timings.map((t) => t.threads);
  const tCols = threads.map((t) => `fprisk ${t}T ms`);
  out.push(`${pad("scheme", w)}  ${tCols.map((c) => pad(c, 13, true)).join("  ")}  ${pad("duckdb ms", 10, true)}  ${pad("ratio", 6, true)}  ${pad("classes", 10, true)}  agree`);
  for (const c of cases) {
    out.push(
      `${pad(c.scheme, w)}  ${c.timings.map((t) => pad(t.ms.toFixed(0), 13, true)).join("  ")}  ${pad(c.duckdb_ms.toFixed(0), 10, true)}  ${pad((c.fprisk_ms / c.duckdb_ms).toFixed(2), 6, true)}  ${pad(String(c.fprisk.classes), 10, true)}  ${c.agree ? "yes" : "NO"}`,
    );
  }
  out.push("");
  out.push("ns/row per phase (median run): keys / partition / group / title stats / metrics");
  for (const c of cases) {
    for (const t of c.timings) {
      const p = t.ns_per_row;
      out.push(`${pad(c.scheme, w)}  ${t.threads}T  ${[p.keys, p.partition, p.group, p.titleStats, p.metrics].map((x) => pad(x.toFixed(1), 7, true)).join(" ")}`);
    }
  }
  out.push("");
  out.push(`peak RSS (fprisk, catalog included, fresh process): ${(peakKb / 1024).toFixed(0)} MiB`);
  out.push(`untimed: catalog generation ${genMs.toFixed(0)} ms, DuckDB load ${loadMs.toFixed(0)} ms`);
  if (e2e) {
    out.push("");
    out.push(`end to end, ${e2e.rows.toLocaleString("en-US")}-row CSV (${(e2e.csv_bytes / 1e6).toFixed(1)} MB), ${SCHEMES.length} schemes, fresh process each:`);
    out.push(`  fprisk evaluate       ${e2e.fprisk_ms.toFixed(0)} ms`);
    out.push(`  DuckDB read_csv + SQL ${e2e.duckdb_ms.toFixed(0)} ms  (in process: read ${e2e.duckdb_read_ms.toFixed(0)} ms, queries ${e2e.duckdb_query_ms.toFixed(0)} ms)`);
    out.push(`  ratio                 ${e2e.ratio.toFixed(2)}×  agree: ${e2e.agree ? "yes" : "NO"}`);
  }
  process.stdout.write(out.join("\n") + "\n");
}

async function main(): Promise<void> {
  const opts = parseArgs(process.argv.slice(2));
  const here = dirname(fileURLToPath(import.meta.url));
  const root = resolve(here, "..", "..");

  log(`peak memory: a fresh process evaluating the ${SCHEMES.length} schemes on ${opts.threads} threads`);
  const peak = runNode(["--max-old-space-size=6144", resolve(here, "peakMemory.js"), String(opts.rows), String(opts.seed), String(opts.threads)], root);
  const peakKb = (peak.out as { peak_rss_kb: number }).peak_rss_kb;

  log(`generating synthetic:video-library?rows=${opts.rows}&seed=${opts.seed}`);
  let t = performance.now();
  const catalog = generateVideoLibrary({ rows: opts.rows, seed: opts.seed });
  const genMs = performance.now() - t;

  const threadCounts = [...new Set([1, opts.threads])];
  const fpriskRuns = SCHEMES.map((s) => {
    const runs = threadCounts.map((threads) => {
      const r = timeFprisk(catalog, s, opts.reps, threads);
      log(`fprisk ${r.canonical}, ${threads} thread${threads === 1 ? "" : "s"}: ${r.timing.ms.toFixed(0)} ms (ns/row ${JSON.stringify(r.timing.ns_per_row)})`);
      return r;
    });
    const problem = runs.map((r) => disagreement(r.numbers, runs[0].numbers)).find((p) => p);
    if (problem) throw new Error(`fprisk disagrees with itself across thread counts on ${s}: ${problem}`);
    const main = runs[runs.length - 1];
    return { ms: main.timing.ms, numbers: main.numbers, canonical: main.canonical, timings: runs.map((r) => r.timing) };
  });

  const instance = await DuckDBInstance.create(":memory:");
  const con = await instance.connect();
  t = performance.now();
  await loadIntoDuckDB(con, catalog);
  const loadMs = performance.now() - t;
  log(`DuckDB table loaded in ${loadMs.toFixed(0)} ms`);
  const cases: CaseResult[] = [];
  for (let i = 0; i < SCHEMES.length; i++) {
    const d = await timeDuckDB(con, SCHEMES[i], catalog.rows, opts.reps);
    const f = fpriskRuns[i];
    const problem = disagreement(f.numbers, d.numbers);
    log(`duckdb ${f.canonical}: ${d.ms.toFixed(0)} ms${problem ? ` — DISAGREE: ${problem}` : ""}`);
    cases.push({ scheme: f.canonical, fprisk_ms: f.ms, duckdb_ms: d.ms, timings: f.timings, fprisk: f.numbers, duckdb: d.numbers, agree: !problem, ...(problem ? { problem } : {}) });
  }
  con.closeSync();
  instance.closeSync();

  const e2e = opts.e2eRows > 0 ? endToEnd({ rows: opts.e2eRows, seed: opts.seed, reps: opts.reps, schemes: SCHEMES, log }, root) : undefined;

  if (opts.json) {
    const json = {
      rows: catalog.rows,
      cases: cases.map((c) => ({
        scheme: c.scheme,
        fprisk_ms: Math.round(c.fprisk_ms),
        duckdb_ms: Math.round(c.duckdb_ms),
        ratio: Number((c.fprisk_ms / c.duckdb_ms).toFixed(3)),
        by_threads: c.timings.map((t) => ({ threads: t.threads, ms: Math.round(t.ms), ns_per_row: t.ns_per_row })),
        agree: c.agree,
        ...(c.problem ? { problem: c.problem } : {}),
        numbers: c.fprisk,
      })),
      peak_rss_kb: peakKb,
      reps: opts.reps,
      seed: opts.seed,
      threads: opts.threads,
      generate_ms: Math.round(genMs),
      duckdb_load_ms: Math.round(loadMs),
      ...(e2e ? { e2e: { ...e2e, fprisk_ms: Math.round(e2e.fprisk_ms), duckdb_ms: Math.round(e2e.duckdb_ms), ratio: Number(e2e.ratio.toFixed(3)), duckdb_read_ms: Math.round(e2e.duckdb_read_ms), duckdb_query_ms: Math.round(e2e.duckdb_query_ms) } } : {}),
    };
    process.stdout.write(JSON.stringify(json, null, 2) + "\n");
  } else {
    printTable(catalog.rows, cases, peakKb, genMs, loadMs, e2e);
  }

  const failures = [
    ...cases.filter((c) => !c.agree).map((c) => `${c.scheme}: ${c.problem}`),
    ...(e2e && !e2e.agree ? e2e.problems.map((p) => `end to end: ${p}`) : []),
  ];
  if (failures.length > 0) {
    process.stderr.write(`bench: FAILED — fprisk and DuckDB disagree:\n${failures.map((f) => `  ${f}`).join("\n")}\n`);
    process.exitCode = 1;
  }
}

await main();
