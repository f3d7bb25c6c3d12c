/**
 * (e) Play-log unicity at warehouse scale (`--only playlog`, `--playlog-rows N` servers,
 * default 1,000,000): a seeded synthetic play log (each server a mean of 10 items from
 * a 200,000-title synthetic library, replays included) written as Parquet, then per
 * scheme the unicity with 4 plays in memory (`playLogUnicity` on the generator's log)
 * and on DuckDB (the unicity query on the Parquet file, 3 GB limit, spilling beyond),
 * the counts checked equal. Schemes are fine ones, where the risk is: the work is the
 * sum over servers of the holders of their rarest observed class, which a coarse scheme
 * (every server holding every class) makes quadratic in the servers, in both engines.
 */
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cpuUsage } from "node:process";
import { playRowsOf, syntheticPlayLog } from "../../src/attacks/syntheticPlayLog.js";
import { playLogUnicity } from "../../src/attacks/playLogUnicity.js";
import { DuckDbRunner } from "../../src/engine/sql/duckdbRunner.js";
import { runUnicity } from "../../src/engine/sql/unicitySql.js";
import { writePlayLogParquet } from "../../src/output/playLogParquet.js";
import { parseScheme } from "../../src/schemes/parse.js";
import { playLogFromRows } from "../../src/sources/playLog.js";
import { playLogRelation } from "../../src/sources/playLogFile.js";
import { generateVideoLibrary } from "../../src/sources/synthetic/synthetic.js";
import type { WarehouseSection } from "./section.js";

export const PLAY_LOG_SCHEMES = ["duration=exact,bitrate=exact", "duration=round(1s),bitrate=round(100kbps)", "duration=round(10s),bitrate=round(1Mbps),resolution=class"];
const MEAN_SIZE = 10;
const TITLES = 200_000;
const PLAYS = 4;
const MEMORY_LIMIT_BYTES = 3e9;

interface Step {
  step: string;
  scheme: string;
  wall_s: number;
  /** The process's CPU time (DuckDB's threads included). */
  cpu_s: number;
  result: string;
}

async function timed<T>(steps: Step[], log: (l: string) => void, step: string, scheme: string, run: () => T | Promise<T>, describe: (r: T) => string): Promise<T> {
  const c0 = cpuUsage();
  const t0 = performance.now();
  const r = await run();
  const c = cpuUsage(c0);
  const s = { step, scheme, wall_s: (performance.now() - t0) / 1000, cpu_s: (c.user + c.system) / 1e6, result: describe(r) };
  steps.push(s);
  log(`playlog: ${step} ${scheme} ${s.wall_s.toFixed(1)} s (${s.result})`);
  return r;
}

export const playLog: WarehouseSection = {
  id: "playlog",
  title: "play-log unicity (4 plays) in memory and on DuckDB",
  async run(ctx) {
    const servers = ctx.rows("playlog-rows", 1_000_000);
    const steps: Step[] = [];
    const problems: string[] = [];
    const dir = mkdtempSync(join(tmpdir(), "fprisk-bench-playlog-"));
    const file = join(dir, "plays.parquet");
    try {
      const catalog = generateVideoLibrary({ titles: TITLES, seed: ctx.seed });
      const plays = await timed(steps, ctx.log, "generate plays", "", () => syntheticPlayLog(catalog, { servers, seed: ctx.seed, meanSize: MEAN_SIZE }), (p) => `${p.server.length} plays`);
      await timed(steps, ctx.log, "write Parquet", "", () => writePlayLogParquet(file, catalog, plays), () => `${(statSync(file).size / 1e6).toFixed(1)} MB`);
      const log = await timed(steps, ctx.log, "in-memory log", "", () => playLogFromRows(playRowsOf(catalog, plays, file)), (l) => `${l.items.rows} items, ${l.servers.items.length} server-items`);
      const duck = await DuckDbRunner.open({ memoryLimitBytes: MEMORY_LIMIT_BYTES });
      try {
        const { relation } = await playLogRelation(duck.connection, file, { serverColumn: "server_id" });
        for (const text of PLAY_LOG_SCHEMES) {
          const scheme = parseScheme(text);
          const [mem] = await timed(steps, ctx.log, "unicity in memory", text, () => playLogUnicity(log, scheme, { plays: [PLAYS], seed: ctx.seed }), ([r]) => `unique ${r.unique_fraction.toFixed(4)}`);
          const sql = await timed(steps, ctx.log, "unicity on DuckDB", text, () => runUnicity(duck, relation, scheme, { plays: PLAYS, seed: ctx.seed }), (c) => `unique ${(c.unique / c.servers).toFixed(4)}`);
          const want = { servers: mem.servers, unique: mem.unique, candidates: Math.round(mem.mean_candidates * mem.servers), short: mem.short };
          if (JSON.stringify(sql) !== JSON.stringify(want)) problems.push(`${text}: DuckDB ${JSON.stringify(sql)}, memory ${JSON.stringify(want)}`);
        }
      } finally {
        await duck.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    return {
      lines: [
        `${servers.toLocaleString("en-US")} servers, mean ${MEAN_SIZE} items from ${TITLES.toLocaleString("en-US")} titles; DuckDB limited to ${MEMORY_LIMIT_BYTES / 1e9} GB`,
        ...steps.map((s) => `  ${s.step.padEnd(18)} ${s.scheme.padEnd(58)} ${s.wall_s.toFixed(2).padStart(8)} s wall ${s.cpu_s.toFixed(2).padStart(8)} s cpu  ${s.result}`),
        problems.length ? "  DISAGREE" : "  DuckDB and memory give the same counts on every scheme",
      ],
      data: { servers, mean_size: MEAN_SIZE, titles: TITLES, plays: PLAYS, steps },
      problems,
    };
  },
};
