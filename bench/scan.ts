/**
 * `npm run bench:scan [-- --copies N] [-- --jobs J]`: media-folder scan speed in files/s,
 * cold (empty probe cache: every media file goes through ffprobe) and warm (every probe
 * cached), on N copies of the repository's media fixtures in a temporary folder.
 */
import { cpSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { loadMediaFolder } from "../src/sources/media/mediaFolder.js";

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const i = args.indexOf(name);
  const v = i >= 0 ? Number(args[i + 1]) : fallback;
  if (!Number.isInteger(v) || v <= 0) throw new Error(`${name} needs a positive whole number`);
  return v;
};
const copies = option("--copies", 25);
const jobs = args.includes("--jobs") ? option("--jobs", 1) : undefined;

// dist/bench/scan.js or bench/scan.ts: the fixtures are at the package root either way
const here = fileURLToPath(new URL(".", import.meta.url));
const fixtures = [resolve(here, "../test/fixtures/media"), resolve(here, "../../test/fixtures/media")].find((p) => {
  try {
    return readdirSync(p).length > 0;
  } catch {
    return false;
  }
})!;
const root = mkdtempSync(join(tmpdir(), "fprisk-scan-bench-"));
try {
  for (let c = 0; c < copies; c++) cpSync(fixtures, join(root, "library", `copy-${c}`), { recursive: true });
  const cache = join(root, "cache");
  const files = copies * readdirSync(fixtures, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length;
  const run = async (label: string) => {
    const t0 = performance.now();
    const catalog = await loadMediaFolder(join(root, "library"), { probeCacheDir: cache, jobs });
    const s = (performance.now() - t0) / 1000;
    process.stdout.write(`${label.padEnd(5)} ${catalog.rows} items from ${files} files in ${s.toFixed(2)} s: ${(files / s).toFixed(1)} files/s\n`);
  };
  await run("cold");
  await run("warm");
} finally {
  rmSync(root, { recursive: true, force: true });
}
