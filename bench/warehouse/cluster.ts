/**
 * (c) The ClickHouse engine on a two-shard cluster (Distributed over MergeTree) against
 * one server holding the same rows in one MergeTree table: --cluster-rows rows (default
 * 10M) generated on the servers from the seed (test/system/clickhouseHarness.ts), the
 * bench's schemes each timed end to end through `evaluateClickHouse` (relation checks,
 * the class queries, the metrics), and both targets' metrics checked equal. Each server
 * runs with max_threads=2, all on this machine: the cluster's gain is what splitting the
 * first grouping stage buys here, not extra hardware. Peak RSS per server from /proc.
 */
import { readFileSync } from "node:fs";
import type { Metrics } from "../../src/measures/metrics.js";
import { evaluateClickHouse } from "../../src/measures/sql/evaluateClickHouse.js";
import { createDistributedTable, createLocalTable, generateRows, GENERATED_COLUMNS, startLocalCluster, type LocalCluster } from "../../test/system/clickhouseHarness.js";
import { BENCH_SCHEMES, median } from "../endToEnd.js";
import { metricsDisagree } from "./sameMetrics.js";
import type { WarehouseSection } from "./section.js";

/** Peak resident memory of a process, MiB (Linux /proc; NaN elsewhere). */
function peakRssMiB(pid: number | undefined): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Math.round(Number(m[1]) / 1024) : NaN;
  } catch {
    return NaN;
  }
}

export const cluster: WarehouseSection = {
  id: "cluster",
  title: "ClickHouse: two-shard cluster vs one server, same rows",
  async run(ctx) {
    const rows = ctx.rows("cluster-rows", 10_000_000);
    let two: LocalCluster | undefined;
    let one: LocalCluster | undefined;
    const lines: string[] = [];
    const problems: string[] = [];
    const cases: { scheme: string; cluster_ms: number; single_ms: number; classes: number }[] = [];
    try {
      two = await startLocalCluster(2);
      one = await startLocalCluster(1);
      await createDistributedTable(two, "fp", "bench", GENERATED_COLUMNS);
      await createLocalTable(one, "fp", "bench", GENERATED_COLUMNS);
      const loadMs: number[] = [];
      for (const target of [two, one]) {
        const conn = target.connect("fp", "bench");
        const t = performance.now();
        await generateRows(conn, "fp.bench", rows, ctx.seed);
        loadMs.push(Math.round(performance.now() - t));
        await conn.close();
      }
      lines.push(`${rows} rows generated on the servers: cluster ${loadMs[0]} ms, one server ${loadMs[1]} ms`);
      for (const scheme of BENCH_SCHEMES) {
        const run = async (target: LocalCluster): Promise<[number, Metrics]> => {
          const times: number[] = [];
          let metrics: Metrics | undefined;
          for (let r = 0; r < ctx.reps; r++) {
            const t = performance.now();
            metrics = (await evaluateClickHouse(target.url("fp", "bench"), [scheme])).results[0].metrics;
            times.push(performance.now() - t);
          }
          return [Math.round(median(times)), metrics!];
        };
        ctx.log(`cluster: ${scheme}`);
        const [clusterMs, a] = await run(two);
        const [singleMs, b] = await run(one);
        const differ = metricsDisagree(a, b);
        if (differ) problems.push(`${scheme}: cluster vs one server: ${differ}`);
        cases.push({ scheme, cluster_ms: clusterMs, single_ms: singleMs, classes: a.classes });
        lines.push(`${scheme}: cluster ${clusterMs} ms, one server ${singleMs} ms (${a.classes} classes, ${differ ? "DIFFER" : "same metrics"})`);
      }
      const rss = { cluster: two.servers.map((s) => peakRssMiB(s.process.pid)), single: one.servers.map((s) => peakRssMiB(s.process.pid)) };
      lines.push(`peak RSS per server: cluster ${rss.cluster.join(" + ")} MiB, one server ${rss.single[0]} MiB`);
      return { lines, data: { rows, load_ms: { cluster: loadMs[0], single: loadMs[1] }, schemes: cases, peak_rss_mib: rss }, problems };
    } finally {
      await two?.stop();
      await one?.stop();
    }
  },
};
