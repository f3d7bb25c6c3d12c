/**
 * `node dist/bench/peakMemory.js ROWS SEED THREADS`: fprisk's peak memory as a library
 * user meets it — a fresh process generates the seeded synthetic catalog, evaluates each
 * of the bench's four schemes once on THREADS threads, and prints its RSS high-water
 * mark (KiB) as JSON.
 *
 * bench.ts runs this before it builds anything itself. Its own timing loop forces a full
 * garbage collection before every run (so one run's garbage is not collected in the
 * next); each such compaction of the ~600 MB heap of title strings at 30M rows leaves
 * ~90 MB more resident, a cost of the forced collections that no fprisk command has.
 */
import { evaluateScheme } from "../src/measures/evaluate.js";
import { generateVideoLibrary } from "../src/sources/synthetic/synthetic.js";
import { BENCH_SCHEMES } from "./endToEnd.js";

const [rows, seed, threads] = process.argv.slice(2).map(Number);
const catalog = generateVideoLibrary({ rows, seed });
for (const scheme of BENCH_SCHEMES) evaluateScheme(catalog, scheme, { threads });
process.stdout.write(JSON.stringify({ peak_rss_kb: process.resourceUsage().maxRSS }) + "\n");
