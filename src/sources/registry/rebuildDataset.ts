/**
 * `datasets fetch` for a derived dataset: download the upstream files the registry
 * names (each checked against its size and sha256), run the dataset's recipe, check
 * every produced file against the registered size and sha256, and only then write
 * them into `<dataDir>/<name>/` (temp file + rename each). Checksummed on both ends:
 * a changed upstream byte or a derivation that drifted is refused with one line, and
 * nothing partial is left behind.
 *
 *   await rebuildDataset(getDataset("spotify-popularity-2024")!, recipeFor("spotify-popularity-2024")!);
 *   // → downloads high_/low_popularity_spotify_data.csv, writes spotify_tracks_duration.csv
 *
 * The only hosts contacted are the registry's `upstream.url`, and only from here.
 */
import { createHash, randomBytes } from "node:crypto";
import { mkdir, rename, rmdir, stat, unlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { UserError } from "../../base/errors.js";
import { fetchDataDir } from "./dataDir.js";
import { downloadBytes, upstreamUrl } from "./download.js";
import { fileMatches } from "./fileDigest.js";
import type { Recipe } from "./recipes/recipe.js";
import type { DatasetEntry, DatasetFile, FetchOptions, FetchResult } from "./registry.js";
import { assertWritable, explainWriteError } from "./writeGuard.js";

export async function rebuildDataset(entry: DatasetEntry, recipe: Recipe, options: FetchOptions = {}): Promise<FetchResult> {
  const up = entry.upstream;
  const inputs = up.inputs ?? [];
  if (!up.url || inputs.length === 0) throw new Error(`registry: ${entry.name} is derived but names no upstream url and inputs`);
  for (const p of recipe.inputs) {
    if (!inputs.some((i) => i.path === p)) throw new Error(`registry: ${entry.name}'s recipe reads ${p}, which is not a registered upstream input`);
  }
  const dataDir = fetchDataDir(options.dataDir);
  const dir = join(dataDir, entry.name);
  const timeoutMs = options.timeoutMs ?? 300_000;

  const present: DatasetFile[] = [];
  const missing: DatasetFile[] = [];
  for (const f of entry.files) ((await fileMatches(join(dir, f.path), f)) ? present : missing).push(f);
  const status = (f: DatasetFile, s: FetchResult["files"][number]["status"]) => ({ file: f.path, status: s, bytes: f.bytes, sha256: f.sha256 });
  if (missing.length === 0) {
    return { dataset: entry.name, dir, files: entry.files.map((f) => status(f, "present")), message: `${entry.name}: already present in ${dir}, sha256 verified; nothing to fetch` };
  }
  await assertWritable(dataDir, dir);

  // 1. Upstream bytes, each verified before anything reads it.
  const bytes = new Map<string, Buffer>();
  for (const input of inputs) {
    const url = upstreamUrl(up.url, input.path);
    bytes.set(input.path, await downloadBytes(url, input, `${entry.name}: upstream ${input.path}`, timeoutMs));
  }

  // 2. The derivation, then the copies; every output verified before anything is written.
  let derived: Map<string, Buffer>;
  try {
    derived = await recipe.derive(bytes);
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    throw new UserError(`${entry.name}: the recipe could not derive ${recipe.outputs.join(", ")} from the verified upstream files (${why}); nothing was written`);
  }
  const outputs = new Map<DatasetFile, Buffer>();
  for (const f of missing) {
    const copyOf = up.paths[f.path];
    const out = derived.get(f.path) ?? (typeof copyOf === "string" && !recipe.outputs.includes(f.path) ? bytes.get(copyOf) : undefined);
    if (!out) throw new Error(`registry: ${entry.name}/${f.path} is neither produced by its recipe nor a copy of an upstream input`);
    const actual = createHash("sha256").update(out).digest("hex");
    if (out.length !== f.bytes || actual !== f.sha256) {
      throw new UserError(
        `${entry.name}/${f.path}: the rebuilt file does not match the registry: expected ${f.bytes} bytes sha256 ${f.sha256}, ` +
          `got ${out.length} bytes sha256 ${actual} (the recipe no longer reproduces it); nothing was written`,
      );
    }
    outputs.set(f, out);
  }

  // 3. Make them visible: temp file + atomic rename each; on failure remove what was started.
  const created = (await stat(dir).catch(() => undefined)) === undefined;
  const temps = new Map<DatasetFile, string>();
  let done = false;
  try {
    await mkdir(dir, { recursive: true });
    for (const [f, out] of outputs) {
      const tmp = join(dir, `.${f.path}.${process.pid}.${randomBytes(4).toString("hex")}.part`);
      temps.set(f, tmp);
      await writeFile(tmp, out, { flag: "wx" });
    }
    for (const f of outputs.keys()) {
      await rename(temps.get(f)!, join(dir, f.path));
      temps.delete(f);
    }
    done = true;
  } catch (e) {
    throw explainWriteError(e, dir);
  } finally {
    for (const tmp of temps.values()) await unlink(tmp).catch(() => undefined);
    if (!done && created) await rmdir(dir).catch(() => undefined);
  }
  const n = outputs.size;
  return {
    dataset: entry.name,
    dir,
    files: entry.files.map((f) => status(f, outputs.has(f) ? "rebuilt" : "present")),
    message:
      `${entry.name}: rebuilt ${n} file${n > 1 ? "s" : ""} into ${dir} from ${inputs.length} upstream file${inputs.length > 1 ? "s" : ""} ` +
      `of ${up.repo}@${up.commit.slice(0, 12)}, sha256 verified on both ends`,
  };
}
