/**
 * `npm run bench:tune [-- --rows 1000000,10000000] [-- --duckdb-budget S] [-- --sample N] [-- --threads N] [-- --json]`:
 * fprisk's `tune` against DuckDB computing the same group-bys.
 *
 * Space: 18 duration × 14 bitrate × 4 resolution choices = 1,008 schemes, all made of
 * generalizers with an SQL form (exact, round, floor, ladder, height, class; drop), so
 * DuckDB can compute every scheme's numbers (bench/duckdbSql.ts `groupNumbersSql`).
 * Per row count (default 1M and 10M; `--rows 1000000` for a quick run), on a seeded
 * synthetic video library:
 *
 * 1. fprisk `tune` over the whole space with `prune: false` (every scheme evaluated),
 *    and with the typical target title_unique_fraction ≤ 1 % (pruning on);
 * 2. DuckDB, the catalog loaded once into a table (untimed): a seeded sample of
 *    `--sample` schemes first (default 20); if that sample's mean time × 1,008 fits in
 *    `--duckdb-budget` seconds (default 300) the remaining schemes are run too and the
 *    total is measured, otherwise the total is extrapolated from the sample and
 *    printed as such. Every scheme DuckDB ran is checked against fprisk's numbers
 *    (`disagreement`); the bench fails on any difference.
 *
 * Each time is printed as wall clock and as the process's CPU time (user + system,
 * summed over threads). fprisk and DuckDB both use `--threads` threads (default: every
 * core); on a shared machine CPU time is the steadier of the two.
 */
import { availableParallelism } from "node:os";
import { performance } from "node:perf_hooks";
import { DuckDBInstance } from "@duckdb/node-api";
import { Rng } from "../src/base/random.js";
import { tune, type TuneResult } from "../src/experiments/tune/tune.js";
import { parseSpace } from "../src/experiments/tune/space.js";
import { parseTarget } from "../src/experiments/tune/target.js";
import { generateVideoLibrary } from "../src/sources/synthetic/synthetic.js";
import { disagreement, groupNumbersSql, numbersFromMetrics, type GroupNumbers } from "./duckdbSql.js";
import { loadIntoDuckDB } from "./duckdbLoad.js";

const SPACE = parseSpace(
  [
    "duration=exact|round(1s)|round(2s)|round(5s)|round(10s)|round(15s)|round(30s)|round(1min)|round(2min)|round(5min)|round(10min)|round(15min)|round(1h)|floor(1s)|floor(10s)|floor(1min)|floor(10min)|drop",
    "bitrate=exact|round(10kbps)|round(50kbps)|round(100kbps)|round(250kbps)|round(500kbps)|round(1Mbps)|round(2Mbps)|round(5Mbps)|round(10Mbps)|floor(100kbps)|floor(1Mbps)|ladder(1,3,6,10Mbps)|drop",
    "resolution=exact|height|class|drop",
  ].join(","),
);
const TARGET = "title_unique_fraction<=0.01";
const SEED = 1;

interface Options {
  rows: number[];
  budgetS: number;
  sample: number;
  threads: number;
  json: boolean;
}

function parseArgs(argv: string[]): Options {
  const o: Options = { rows: [1_000_000, 10_000_000], budgetS: 300, sample: 20, threads: availableParallelism(), json: false };
  const usage = "usage: npm run bench:tune -- [--rows 1000000,10000000] [--duckdb-budget SECONDS] [--sample N] [--threads N] [--json]";
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--rows") {
      o.rows = String(argv[++i] ?? "").split(",").map(Number);
      if (o.rows.length === 0 || o.rows.some((r) => !Number.isInteger(r) || r <= 0)) throw new Error(`--rows needs positive whole numbers, comma-separated; ${usage}`);
    } else if (a === "--duckdb-budget") {
      o.budgetS = Number(argv[++i]);
      if (!(o.budgetS >= 0)) throw new Error(`--duckdb-budget needs seconds ≥ 0; ${usage}`);
    } else if (a === "--sample") {
      o.sample = Number(argv[++i]);
      if (!Number.isInteger(o.sample) || o.sample <= 0) throw new Error(`--sample needs a positive whole number; ${usage}`);
    } else if (a === "--threads") {
      o.threads = Number(argv[++i]);
      if (!Number.isInteger(o.threads) || o.threads <= 0) throw new Error(`--threads needs a positive whole number; ${usage}`);
    } else if (a === "--json") o.json = true;
    else throw new Error(`unknown option ${a}; ${usage}`);
  }
  return o;
}

function cpuMs(u: NodeJS.CpuUsage): number {
  return (u.user + u.system) / 1000;
}

function log(msg: string): void {
  process.stderr.write(`[bench:tune] ${msg}\n`);
}

interface RowResult {
  rows: number;
  threads: number;
  schemes: number;
  fprisk_all_ms: number;
  fprisk_target_ms: number;
  /** CPU time of the process (user + system, all threads): what the wall time would be alone on one core, for fprisk. */
  fprisk_all_cpu_ms: number;
  fprisk_target_cpu_ms: number;
  target_evaluated: number;
  target_pruned: number;
  recommended: string | null;
  duckdb_schemes_run: number;
  duckdb_ms_run: number;
  /** Measured when every scheme ran, else mean × schemes. */
  duckdb_total_ms: number;
  duckdb_total_cpu_ms: number;
  duckdb_extrapolated: boolean;
  agree: boolean;
}

/** A seeded random order of 0..n-1 (Fisher–Yates). */
function shuffled(n: number, seed: number): number[] {
  const rng = new Rng(seed);
  const xs = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [xs[i], xs[j]] = [xs[j], xs[i]];
  }
  return xs;
}

async function runOne(rows: number, o: Options): Promise<RowResult> {
  log(`generating synthetic:video-library?rows=${rows}&seed=${SEED}`);
  const catalog = generateVideoLibrary({ rows, seed: SEED });

  let t = performance.now();
  let cpu = process.cpuUsage();
  const all: TuneResult = tune([catalog], { targets: [parseTarget(TARGET)], space: SPACE, prune: false, threads: o.threads });
  const allMs = performance.now() - t;
  const allCpuMs = cpuMs(process.cpuUsage(cpu));
  log(`fprisk tune, ${all.evaluated} schemes, no pruning: ${allMs.toFixed(0)} ms (CPU ${allCpuMs.toFixed(0)} ms)`);

  t = performance.now();
  cpu = process.cpuUsage();
  const pruned = tune([catalog], { targets: [parseTarget(TARGET)], space: SPACE, threads: o.threads });
  const targetMs = performance.now() - t;
  const targetCpuMs = cpuMs(process.cpuUsage(cpu));
  log(`fprisk tune, ${TARGET}: ${targetMs.toFixed(0)} ms (CPU ${targetCpuMs.toFixed(0)} ms) (${pruned.evaluated} evaluated, ${pruned.pruned} pruned; recommended ${pruned.recommended?.text ?? "none"})`);

  const instance = await DuckDBInstance.create(":memory:", { threads: String(o.threads) });
  const con = await instance.connect();
  await loadIntoDuckDB(con, catalog);
  const order = shuffled(all.outcomes.length, SEED);
  let ran = 0;
  let duckMs = 0;
  let duckCpuMs = 0;
  let agree = true;
  const runScheme = async (k: number): Promise<void> => {
    const o = all.outcomes[k];
    const sql = groupNumbersSql(o.scheme, "t", rows);
    const s = performance.now();
    const c0 = process.cpuUsage();
    const reader = await con.runAndReadAll(sql);
    duckMs += performance.now() - s;
    duckCpuMs += cpuMs(process.cpuUsage(c0));
    ran++;
    const d = reader.getRowObjectsJS()[0] as unknown as GroupNumbers;
    const problem = disagreement(numbersFromMetrics(o.metrics[0]), d);
    if (problem) {
      agree = false;
      log(`DISAGREE on ${o.text}: ${problem}`);
    }
  };
  const first = Math.min(o.sample, order.length);
  for (let i = 0; i < first; i++) await runScheme(order[i]);
  const estimateS = (duckMs / ran) * order.length / 1000;
  log(`DuckDB, ${ran} sampled schemes: ${duckMs.toFixed(0)} ms (all ${order.length} estimated at ${estimateS.toFixed(0)} s)`);
  if (estimateS <= o.budgetS) {
    for (let i = first; i < order.length; i++) await runScheme(order[i]);
    log(`DuckDB, all ${ran} schemes: ${duckMs.toFixed(0)} ms`);
  }
  con.closeSync();
  instance.closeSync();
  const extrapolated = ran < order.length;
  return {
    rows,
    threads: o.threads,
    schemes: all.outcomes.length,
    fprisk_all_ms: allMs,
    fprisk_target_ms: targetMs,
    fprisk_all_cpu_ms: allCpuMs,
    fprisk_target_cpu_ms: targetCpuMs,
    target_evaluated: pruned.evaluated,
    target_pruned: pruned.pruned,
    recommended: pruned.recommended?.text ?? null,
    duckdb_schemes_run: ran,
    duckdb_ms_run: duckMs,
    duckdb_total_ms: extrapolated ? (duckMs / ran) * order.length : duckMs,
    duckdb_total_cpu_ms: extrapolated ? (duckCpuMs / ran) * order.length : duckCpuMs,
    duckdb_extrapolated: extrapolated,
    agree,
  };
}

function printTable(results: RowResult[]): void {
  const out: string[] = [];
  out.push(`fprisk tune vs DuckDB — ${results[0].schemes.toLocaleString("en-US")}-scheme space, synthetic video-library (seed ${SEED}), ${results[0].threads} thread(s) each`);
  out.push("");
  const head = ["rows", "fprisk all s (CPU s)", `fprisk ${TARGET} s (CPU s)`, "DuckDB all s (CPU s, all threads)", "DuckDB / fprisk all, wall (CPU)", "agree"];
  out.push(head.join(" | "));
  for (const r of results) {
    const duck = `${(r.duckdb_total_ms / 1000).toFixed(1)} (${(r.duckdb_total_cpu_ms / 1000).toFixed(1)})${r.duckdb_extrapolated ? ` (extrapolated from ${r.duckdb_schemes_run} schemes, ${(r.duckdb_ms_run / 1000).toFixed(1)} s)` : ""}`;
    out.push(
      [
        r.rows.toLocaleString("en-US"),
        `${(r.fprisk_all_ms / 1000).toFixed(1)} (${(r.fprisk_all_cpu_ms / 1000).toFixed(1)})`,
        `${(r.fprisk_target_ms / 1000).toFixed(1)} (${(r.fprisk_target_cpu_ms / 1000).toFixed(1)}); ${r.target_evaluated} evaluated, ${r.target_pruned} pruned`,
        duck,
        `${(r.duckdb_total_ms / r.fprisk_all_ms).toFixed(1)}× (${(r.duckdb_total_cpu_ms / r.fprisk_all_cpu_ms).toFixed(1)}×)`,
        `${r.agree ? "yes" : "NO"} (${r.duckdb_schemes_run} schemes)`,
      ].join(" | "),
    );
  }
  out.push("");
  out.push(`CPU s = process user + system time summed over threads; on a busy machine it is the steadier measure.`);
  for (const r of results) out.push(`recommended at ${r.rows.toLocaleString("en-US")} rows for ${TARGET}: ${r.recommended ?? "none"}`);
  process.stdout.write(out.join("\n") + "\n");
}

async function main(): Promise<void> {
  const o = parseArgs(process.argv.slice(2));
  const results: RowResult[] = [];
  for (const rows of o.rows) results.push(await runOne(rows, o));
  if (o.json) process.stdout.write(JSON.stringify(results, null, 2) + "\n");
  else printTable(results);
  if (results.some((r) => !r.agree)) {
    process.stderr.write("fprisk and DuckDB disagree (see above)\n");
    process.exitCode = 1;
  }
}

main().catch((e) => {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 2;
});
