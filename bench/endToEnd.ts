/**
 * The end-to-end comparison shared by the benches: `fprisk evaluate` (the real CLI, a
 * fresh process) on a seeded synthetic CSV against DuckDB reading the same CSV with
 * read_csv and running the same group-bys (duckdbE2e.ts, also a fresh process),
 * wall-clock medians, with a check that both computed the same numbers.
 */
import { spawnSync } from "node:child_process";
import { closeSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Catalog } from "../src/catalog/catalog.js";
import { generateVideoLibrary } from "../src/sources/synthetic/synthetic.js";
import { COLUMNS, disagreement, numbersFromMetrics, type GroupNumbers } from "./duckdbSql.js";

/** The four schemes every engine bench times: exact, fine, coarse, coarsest with classes. */
export const BENCH_SCHEMES: readonly string[] = [
  "duration=exact,bitrate=exact,resolution=exact",
  "duration=round(1s),bitrate=round(10kbps)",
  "duration=round(60s),bitrate=round(100kbps)",
  "duration=floor(10min),bitrate=floor(2Mbps),resolution=class",
];

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function csvField(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The seeded synthetic catalog as a CSV (title,duration_ms,bitrate_kbps,width,height; missing = empty). */
export function writeCsv(file: string, catalog: Catalog): void {
  const fd = openSync(file, "w");
  try {
    writeSync(fd, `${Object.values(COLUMNS).join(",")}\n`);
    const { duration_ms: d, bitrate_kbps: b, width: w, height: h } = catalog.numeric;
    const cell = (x: number) => (x === x ? String(x) : "");
    const names = catalog.titleNames.map(csvField);
    let buf: string[] = [];
    for (let i = 0; i < catalog.rows; i++) {
      buf.push(`${names[catalog.titleCodes[i]]},${cell(d![i])},${cell(b![i])},${cell(w![i])},${cell(h![i])}\n`);
      if (buf.length === 65536) {
        writeSync(fd, buf.join(""));
        buf = [];
      }
    }
    writeSync(fd, buf.join(""));
  } finally {
    closeSync(fd);
  }
}

export interface E2e {
  rows: number;
  csv_bytes: number;
  fprisk_ms: number;
  duckdb_ms: number;
  ratio: number;
  duckdb_read_ms: number;
  duckdb_query_ms: number;
  agree: boolean;
  problems: string[];
}

/** Wall time of a fresh `node …` process; its stdout parsed as JSON. */
export function runNode(args: string[], cwd: string): { ms: number; out: unknown } {
  const t = performance.now();
  const r = spawnSync(process.execPath, args, { cwd, encoding: "utf8", maxBuffer: 64 << 20 });
  const ms = performance.now() - t;
  if (r.status !== 0) throw new Error(`node ${args.join(" ")} exited with ${r.status}: ${r.stderr}`);
  return { ms, out: JSON.parse(r.stdout) };
}

export interface E2eOptions {
  rows: number;
  seed: number;
  reps: number;
  schemes: readonly string[];
  /** More `fprisk evaluate` options, e.g. ["--engine", "duckdb"]. */
  fpriskArgs?: readonly string[];
  log: (line: string) => void;
}

/**
 * `fprisk evaluate` on a seeded CSV of `rows` rows against DuckDB reading the same CSV
 * and computing the same numbers, each a fresh process, alternating, `reps` times.
 */
export function endToEnd(opts: E2eOptions, root: string): E2e {
  const dir = mkdtempSync(join(tmpdir(), "fprisk-bench-"));
  try {
    const file = join(dir, `video-library-${opts.rows}.csv`);
    opts.log(`e2e: writing ${opts.rows} rows to ${file}`);
    writeCsv(file, generateVideoLibrary({ rows: opts.rows, seed: opts.seed }));
    const bytes = statSync(file).size;
    const cli = join(root, "bin", "fprisk.js");
    const duck = join(root, "dist", "bench", "duckdbE2e.js");
    const fpriskArgs = [cli, "evaluate", file, ...opts.schemes.flatMap((s) => ["--scheme", s]), "--format", "json", ...(opts.fpriskArgs ?? [])];
    const fTimes: number[] = [];
    const dTimes: number[] = [];
    const reads: number[] = [];
    const queries: number[] = [];
    let fOut: { results: { scheme: string; metrics: Record<string, number> }[] } | undefined;
    let dOut: { results: GroupNumbers[] } | undefined;
    // Alternate the two so that background load hits both alike.
    for (let r = 0; r < opts.reps; r++) {
      const f = runNode(fpriskArgs, root);
      fTimes.push(f.ms);
      fOut = f.out as typeof fOut;
      const d = runNode([duck, file, ...opts.schemes], root);
      dTimes.push(d.ms);
      const o = d.out as { results: GroupNumbers[]; read_ms: number; query_ms: number };
      reads.push(o.read_ms);
      queries.push(o.query_ms);
      dOut = o;
      opts.log(`e2e run ${r + 1}/${opts.reps}: fprisk ${f.ms.toFixed(0)} ms, duckdb ${d.ms.toFixed(0)} ms`);
    }
    const problems: string[] = [];
    opts.schemes.forEach((s, i) => {
      const p = disagreement(numbersFromMetrics(fOut!.results[i].metrics), dOut!.results[i]);
      if (p) problems.push(`${s}: ${p}`);
    });
    const fprisk_ms = median(fTimes);
    const duckdb_ms = median(dTimes);
    return {
      rows: opts.rows,
      csv_bytes: bytes,
      fprisk_ms,
      duckdb_ms,
      ratio: fprisk_ms / duckdb_ms,
      duckdb_read_ms: median(reads),
      duckdb_query_ms: median(queries),
      agree: problems.length === 0,
      problems,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

