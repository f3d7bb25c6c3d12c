/**
 * `npm run bench:population [-- --rows N] [-- --json]`: time of the population-risk
 * models on a seeded synthetic release catalog (1M items by default) with N = 10× the
 * catalog: the copula model (fit marginals and normal-score correlations, one rectangle
 * probability per class) and the histogram estimators (Zayatz, Pitman, SNB), per scheme —
 * an exact scheme (one class per item: the copula's worst case), a fine and a coarse one.
 * The partition is timed apart: the estimators start from its class sizes.
 */
import { performance } from "node:perf_hooks";
import { partition } from "../src/engine/partition.js";
import { copulaAverages, fitCopula } from "../src/measures/population/copula.js";
import { classSizeCounts } from "../src/measures/population/histogram.js";
import { pitman } from "../src/measures/population/pitman.js";
import { snb } from "../src/measures/population/snb.js";
import { zayatz } from "../src/measures/population/zayatz.js";
import { parseScheme } from "../src/schemes/parse.js";
import { generateVideoLibrary } from "../src/sources/synthetic/synthetic.js";

function parseArgs(argv: string[]): { rows: number; json: boolean } {
  const o = { rows: 1_000_000, json: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--rows") {
      o.rows = Number(argv[++i]);
      if (!Number.isInteger(o.rows) || o.rows <= 0) throw new Error("--rows needs a positive whole number");
    } else if (a === "--json") o.json = true;
    else throw new Error(`unknown option ${a}; usage: npm run bench:population -- [--rows N] [--json]`);
  }
  return o;
}

const SCHEMES = [
  "duration=exact,bitrate=exact,resolution=exact",
  "duration=round(1s),bitrate=round(100kbps),resolution=class",
  "duration=round(1min),bitrate=round(1Mbps),resolution=class",
];

const o = parseArgs(process.argv.slice(2));
const catalog = generateVideoLibrary({ rows: o.rows, seed: 1 });
const N = 10 * o.rows;
const size = { n: o.rows, N };
const out = [];
for (const s of SCHEMES) {
  const scheme = parseScheme(s);
  let t = performance.now();
  const part = partition(catalog, scheme);
  const partitionMs = performance.now() - t;
  t = performance.now();
  const fit = fitCopula(catalog, scheme, part);
  const avg = copulaAverages(fit, part, N);
  const copulaMs = performance.now() - t;
  t = performance.now();
  const h = classSizeCounts(part.classSize);
  const est = { zayatz: zayatz(h, size), pitman: pitman(h, size), snb: snb(h, size) };
  const estimatorsMs = performance.now() - t;
  out.push({
    scheme: s,
    rows: o.rows,
    classes: part.classCount,
    partition_ms: Math.round(partitionMs),
    copula_ms: Math.round(copulaMs),
    estimators_ms: Math.round(estimatorsMs),
    pop_unique_copula: avg.unique,
    pop_kappa_copula: avg.kappa,
    statuses: Object.fromEntries(Object.entries(est).map(([k, e]) => [k, e.status])),
  });
}
if (o.json) console.log(JSON.stringify(out, null, 2));
else {
  console.log(`population models on ${o.rows.toLocaleString("en-US")} synthetic releases, N = ${N.toLocaleString("en-US")} (node ${process.version})`);
  for (const r of out) {
    console.log(
      `${r.scheme}\n  ${r.classes.toLocaleString("en-US")} classes; partition ${r.partition_ms} ms; copula ${r.copula_ms} ms; Zayatz+Pitman+SNB ${r.estimators_ms} ms ` +
        `(${Object.entries(r.statuses).map(([k, v]) => `${k} ${v}`).join(", ")}); pop_unique_copula ${r.pop_unique_copula.toPrecision(4)}`,
    );
  }
}
