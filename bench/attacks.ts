/**
 * `npm run bench:attacks [-- --rows N] [-- --targets T] [-- --json]`: attack throughput
 * (targets answered per second) on a seeded synthetic release catalog, 100k items by
 * default, the attacker holding the same catalog. Index building is included, the
 * bootstrap is not (it is evaluation, not attack). Library attacks run against 10,000
 * synthetic servers drawn from the catalog (drawing them is timed separately).
 */
import { performance } from "node:perf_hooks";
import { runAttack, type AttackMethod } from "../src/attacks/runAttack.js";
import { runLibraryAttack } from "../src/attacks/libraryAttack.js";
import { drawLibraries } from "../src/attacks/libraries.js";
import { generateVideoLibrary } from "../src/sources/synthetic/synthetic.js";
import { parseScheme } from "../src/schemes/parse.js";

interface Options {
  rows: number;
  targets: number;
  servers: number;
  json: boolean;
}

function parseArgs(argv: string[]): Options {
  const o: Options = { rows: 100_000, targets: 5000, servers: 10_000, json: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const num = () => {
      const v = Number(argv[++i]);
      if (!Number.isInteger(v) || v <= 0) throw new Error(`${a} needs a positive whole number`);
      return v;
    };
    if (a === "--rows") o.rows = num();
    else if (a === "--targets") o.targets = num();
    else if (a === "--servers") o.servers = num();
    else if (a === "--json") o.json = true;
    else throw new Error(`unknown option ${a}; usage: npm run bench:attacks -- [--rows N] [--targets T] [--servers S] [--json]`);
  }
  return o;
}

const ITEM_SCHEMES = ["duration=round(1s)", "duration=round(1min),bitrate=log(10%),resolution=class", "duration=round(5min)"];
const LIBRARY_SCHEMES = ["duration=round(1s),bitrate=round(10kbps),resolution=exact", "duration=round(1min),bitrate=round(1Mbps),resolution=class"];

interface Row {
  attack: string;
  scheme: string;
  targets: number;
  seconds: number;
  targets_per_s: number;
}

function timed(attack: string, scheme: string, targets: number, run: () => unknown): Row {
  const t0 = performance.now();
  run();
  const seconds = (performance.now() - t0) / 1000;
  return { attack, scheme, targets, seconds, targets_per_s: targets / seconds };
}

const opts = parseArgs(process.argv.slice(2));
const catalog = generateVideoLibrary({ rows: opts.rows, seed: 1 });
const rows: Row[] = [];
for (const scheme of ITEM_SCHEMES) {
  for (const method of ["class", "likelihood"] as AttackMethod[]) {
    rows.push(timed(method, scheme, opts.targets, () => runAttack(catalog, { scheme, method, targets: opts.targets, seed: 1, bootstrap: 0 })));
  }
}
const t0 = performance.now();
const libraries = drawLibraries(catalog, { count: opts.servers, seed: 1 });
const drawSeconds = (performance.now() - t0) / 1000;
const libTargets = Math.min(opts.targets, 2000);
for (const text of LIBRARY_SCHEMES) {
  const scheme = parseScheme(text);
  for (const plays of [4, 10]) {
    rows.push(timed(`linkage p=${plays}`, text, libTargets, () => runLibraryAttack(catalog, libraries, { method: "linkage", scheme, plays, targets: libTargets, seed: 1 })));
    rows.push(timed(`scoreboard p=${plays}`, text, libTargets, () => runLibraryAttack(catalog, libraries, { method: "scoreboard", scheme, plays, targets: libTargets, seed: 1 })));
  }
}

if (opts.json) {
  process.stdout.write(JSON.stringify({ rows: opts.rows, servers: opts.servers, draw_servers_seconds: drawSeconds, results: rows }, null, 2) + "\n");
} else {
  process.stdout.write(`catalog: synthetic, ${opts.rows} items; ${opts.servers} servers drawn in ${drawSeconds.toFixed(2)} s\n\n`);
  const w = Math.max(...rows.map((r) => r.scheme.length));
  process.stdout.write(`${"attack".padEnd(16)}  ${"scheme".padEnd(w)}  targets  targets/s\n`);
  for (const r of rows) {
    process.stdout.write(`${r.attack.padEnd(16)}  ${r.scheme.padEnd(w)}  ${String(r.targets).padStart(7)}  ${Math.round(r.targets_per_s).toString().padStart(9)}\n`);
  }
}
