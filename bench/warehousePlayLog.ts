/**
 * `npm run bench:playlog [-- --servers N] [-- --mean-size M] [-- --titles T] [-- --plays P] [-- --memory-limit-gb G] [-- --json]`:
 * play-log unicity at warehouse scale, in memory and on DuckDB, on the same seeded
 * synthetic play log (default 1,000,000 servers with a mean of 10 items each, drawn
 * from a 200,000-title synthetic video library, replays included; DuckDB limited to 3 GB,
 * spilling beyond).
 *
 * Steps, each timed (wall clock, and the process's CPU time, which counts DuckDB's
 * threads too):
 * 1. generate the plays (the server simulation) and write them as Parquet (DuckDB COPY);
 * 2. in memory: the play log from the generator's plays (distinct items, each server's
 *    distinct plays), then `playLogUnicity` per scheme;
 * 3. DuckDB: the unicity query (engine/sql/unicitySql.ts) on the Parquet file per
 *    scheme, never loaded into the process; its counts must equal the in-memory ones
 *    (the bench fails otherwise).
 * The load average (1, 5, 15 min) is printed before and after: the machine may be shared.
 */
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { cpuUsage } from "node:process";
import { playRowsOf, syntheticPlayLog } from "../src/attacks/syntheticPlayLog.js";
import { playLogUnicity } from "../src/attacks/playLogUnicity.js";
import { writePlayLogParquet } from "../src/output/playLogParquet.js";
import { playLogFromRows } from "../src/sources/playLog.js";
import { playLogRelation } from "../src/sources/playLogFile.js";
import { generateVideoLibrary } from "../src/sources/synthetic/synthetic.js";
import { DuckDbRunner } from "../src/engine/sql/duckdbRunner.js";
import { runUnicity } from "../src/engine/sql/unicitySql.js";
import { parseScheme } from "../src/schemes/parse.js";

interface Options {
  servers: number;
  meanSize: number;
  titles: number;
  plays: number;
  memoryLimitGb: number;
  json: boolean;
}

function parseArgs(argv: string[]): Options {
  const o: Options = { servers: 1_000_000, meanSize: 10, titles: 200_000, plays: 4, memoryLimitGb: 3, json: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const num = () => {
      const v = Number(argv[++i]);
      if (!Number.isInteger(v) || v <= 0) throw new Error(`${a} needs a positive whole number`);
      return v;
    };
    if (a === "--servers") o.servers = num();
    else if (a === "--mean-size") o.meanSize = num();
    else if (a === "--titles") o.titles = num();
    else if (a === "--plays") o.plays = num();
    else if (a === "--memory-limit-gb") o.memoryLimitGb = num();
    else if (a === "--json") o.json = true;
    else throw new Error(`unknown option ${a}; usage: npm run bench:playlog -- [--servers N] [--mean-size M] [--titles T] [--plays P] [--memory-limit-gb G] [--json]`);
  }
  return o;
}

/**
 * Fine schemes, where the risk is: the work is the sum over servers of the holders of
 * their rarest observed class, which a coarse scheme (every server holding every class)
 * makes quadratic in the servers, in memory and in SQL alike.
 */
const SCHEMES = ["duration=exact,bitrate=exact", "duration=round(1s),bitrate=round(100kbps)", "duration=round(10s),bitrate=round(1Mbps),resolution=class"];

interface Step {
  step: string;
  scheme: string;
  wall_s: number;
  cpu_s: number;
  result: string;
}

async function timed<T>(steps: Step[], step: string, scheme: string, run: () => T | Promise<T>, describe: (r: T) => string): Promise<T> {
  const c0 = cpuUsage();
  const t0 = performance.now();
  const r = await run();
  const wall = (performance.now() - t0) / 1000;
  const c = cpuUsage(c0);
  steps.push({ step, scheme, wall_s: wall, cpu_s: (c.user + c.system) / 1e6, result: describe(r) });
  return r;
}

const opts = parseArgs(process.argv.slice(2));
const loadBefore = loadavg();
const steps: Step[] = [];
const dir = mkdtempSync(join(tmpdir(), "fprisk-bench-playlog-"));
const file = join(dir, "plays.parquet");
try {
  const catalog = generateVideoLibrary({ titles: opts.titles, seed: 1 });
  const plays = await timed(steps, "generate plays", "", () => syntheticPlayLog(catalog, { servers: opts.servers, seed: 1, meanSize: opts.meanSize }), (p) => `${p.server.length} plays`);
  await timed(steps, "write Parquet", "", () => writePlayLogParquet(file, catalog, plays), () => `${(statSync(file).size / 1e6).toFixed(1)} MB`);
  const log = await timed(steps, "in-memory log", "", () => playLogFromRows(playRowsOf(catalog, plays, file)), (l) => `${l.items.rows} items, ${l.servers.items.length} server-items`);
  const duck = await DuckDbRunner.open({ memoryLimitBytes: opts.memoryLimitGb * 1e9 });
  try {
    const { relation } = await playLogRelation(duck.connection, file, { serverColumn: "server_id" });
    for (const text of SCHEMES) {
      const scheme = parseScheme(text);
      const [mem] = await timed(steps, "unicity in memory", text, () => playLogUnicity(log, scheme, { plays: [opts.plays], seed: 1 }), ([r]) => `unique ${r.unique_fraction.toFixed(4)}`);
      const sql = await timed(steps, "unicity on DuckDB", text, () => runUnicity(duck, relation, scheme, { plays: opts.plays, seed: 1 }), (c) => `unique ${(c.unique / c.servers).toFixed(4)}`);
      const want = { servers: mem.servers, unique: mem.unique, candidates: Math.round(mem.mean_candidates * mem.servers), short: mem.short };
      if (JSON.stringify(sql) !== JSON.stringify(want)) throw new Error(`DuckDB and memory disagree on ${text}: ${JSON.stringify(sql)} vs ${JSON.stringify(want)}`);
    }
  } finally {
    await duck.close();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
const loadAfter = loadavg();
const fmt = (l: number[]) => l.map((x) => x.toFixed(2)).join(" ");
if (opts.json) {
  process.stdout.write(JSON.stringify({ options: opts, load_before: loadBefore, load_after: loadAfter, steps }, null, 2) + "\n");
} else {
  process.stdout.write(`play-log unicity: ${opts.servers} servers, mean ${opts.meanSize} items, ${opts.titles} titles, ${opts.plays} plays; load average before ${fmt(loadBefore)}\n`);
  for (const s of steps) process.stdout.write(`${s.step.padEnd(20)} ${s.scheme.padEnd(60)} ${s.wall_s.toFixed(2).padStart(8)} s wall ${s.cpu_s.toFixed(2).padStart(8)} s cpu  ${s.result}\n`);
  process.stdout.write(`load average after ${fmt(loadAfter)}; DuckDB and memory agree on every scheme\n`);
}
