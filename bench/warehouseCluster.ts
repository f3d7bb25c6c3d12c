/**
 * The ClickHouse engine at warehouse scale: a two-shard cluster (Distributed over MergeTree)
 * against one server holding the same rows in one MergeTree table, four schemes each,
 * timed end to end through `evaluateClickHouse` (relation checks, quantile fits, the class
 * queries, the metrics). Both targets get the same seeded rows, generated on the servers
 * (test/system/clickhouseHarness.ts), and must give the same metrics. Each server runs with
 * max_threads=2; all three run on this machine, so the cluster's gain is what splitting the
 * first grouping stage buys, not extra hardware. Load averages are printed with the figures.
 *
 *   npm run build && node dist/bench/warehouseCluster.js [--rows 10000000] [--json]
 */
import { loadavg } from "node:os";
import { readFileSync } from "node:fs";
import { evaluateClickHouse } from "../src/measures/sql/evaluateClickHouse.js";
import type { Metrics } from "../src/measures/metrics.js";
import { createDistributedTable, createLocalTable, generateRows, GENERATED_COLUMNS, startLocalCluster, type LocalCluster } from "../test/system/clickhouseHarness.js";

const SCHEMES = [
  "duration=exact,bitrate=exact,resolution=exact",
  "duration=round(1s),bitrate=round(10kbps)",
  "duration=round(1min),bitrate=round(100kbps)",
  "duration=floor(10min),bitrate=floor(2Mbps),resolution=class",
];

function argValue(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

/** Peak resident memory of a server process, MiB (Linux /proc). */
function peakRssMiB(pid: number | undefined): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Math.round(Number(m[1]) / 1024) : NaN;
  } catch {
    return NaN;
  }
}

const load = () => loadavg().map((x) => x.toFixed(2)).join(" ");

async function main(): Promise<void> {
  const rows = argValue("--rows", 10_000_000);
  const json = process.argv.includes("--json");
  const log = (line: string) => {
    if (!json) console.log(line);
  };
  let cluster: LocalCluster | undefined;
  let single: LocalCluster | undefined;
  try {
    cluster = await startLocalCluster(2);
    single = await startLocalCluster(1);
    await createDistributedTable(cluster, "fp", "bench", GENERATED_COLUMNS);
    await createLocalTable(single, "fp", "bench", GENERATED_COLUMNS);
    const loadMs: Record<string, number> = {};
    for (const [name, target] of [["cluster", cluster], ["single", single]] as const) {
      const conn = target.connect("fp", "bench");
      const t = performance.now();
      await generateRows(conn, "fp.bench", rows, 1);
      loadMs[name] = Math.round(performance.now() - t);
      await conn.close();
    }
    log(`${rows} rows generated on the servers: 2-shard cluster ${loadMs.cluster} ms, one server ${loadMs.single} ms (load average ${load()})`);
    const results: { scheme: string; clusterMs: number; singleMs: number; classes: number; same: boolean; load: string }[] = [];
    for (const scheme of SCHEMES) {
      const time = async (target: LocalCluster): Promise<[number, Metrics]> => {
        const t = performance.now();
        const r = await evaluateClickHouse(target.url("fp", "bench"), [scheme]);
        return [Math.round(performance.now() - t), r.results[0].metrics];
      };
      const [clusterMs, a] = await time(cluster);
      const [singleMs, b] = await time(single);
      const same = Object.keys(a).every((k) => a[k] === b[k] || Math.abs(a[k] - b[k]) <= 1e-12 * Math.abs(b[k]));
      results.push({ scheme, clusterMs, singleMs, classes: a.classes, same, load: load() });
      log(`${scheme}: cluster ${clusterMs} ms, one server ${singleMs} ms, ${a.classes} classes, metrics ${same ? "equal" : "DIFFER"} (load ${load()})`);
    }
    const rss = { cluster: cluster.servers.map((s) => peakRssMiB(s.process.pid)), single: single.servers.map((s) => peakRssMiB(s.process.pid)) };
    log(`peak server RSS MiB: cluster ${rss.cluster.join(" + ")}, one server ${rss.single.join("")}`);
    if (json) console.log(JSON.stringify({ rows, loadMs, results, peakRssMiB: rss }, null, 2));
    if (results.some((r) => !r.same)) process.exitCode = 1;
  } finally {
    await cluster?.stop();
    await single?.stop();
  }
}

await main();
