/**
 * study.lock.json: what a result folder needs to say how it was made — the study as run
 * (overrides applied, seed and quick explicit), fprisk's version, the seed, and the
 * sha256 of every dataset file the run's catalogs read. It is itself a study file:
 * `reproduce --config out/study.lock.json` runs the same study again, and is told
 * (one note per dataset) when a file no longer has the recorded checksum.
 */
import { createHash } from "node:crypto";
import { createReadStream, existsSync, readFileSync, statSync } from "node:fs";
import { basename, join } from "node:path";
import { UserError } from "../../base/errors.js";
import { packageRoot } from "../../sources/registry/dataDir.js";
import { datasetFilePaths, getDataset } from "../../sources/registry/registry.js";
import type { DatasetChecksum, ResolvedStudy, StudyFile } from "./types.js";

export const LOCK_FILE = "study.lock.json";

export async function sha256File(path: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

/** fprisk's version, from its package.json. */
export function fpriskVersion(): string {
  return (JSON.parse(readFileSync(join(packageRoot(), "package.json"), "utf8")) as { version: string }).version;
}

/** The ids of the catalogs the study's artifacts read (the servers' catalog when a library attack runs). */
export function catalogsRead(study: ResolvedStudy): string[] {
  const a = study.artifacts;
  const used = new Set<string>();
  for (const p of [a.F1, a.F5, a.F6, a.F7, a.T1, a.T2, a.T4]) for (const id of p?.catalogs ?? []) used.add(id);
  for (const r of a.T3?.rows ?? []) used.add(r.catalog);
  if (a.F2 || a.F3 || a.F4 || a.F5 || a.T3) used.add(study.servers.catalog);
  return study.catalogs.filter((c) => used.has(c.id)).map((c) => c.id);
}

/**
 * The files behind one catalog source and their sha256: none for a synthetic URI; a
 * registry dataset's table files (named "<dataset>/<file>", never a machine path); a
 * file as given; a folder as given, unhashed (null).
 */
export async function sourceChecksums(source: string): Promise<DatasetChecksum> {
  if (source.startsWith("synthetic:")) return { source, files: [] };
  const entry = getDataset(source);
  if (entry && !existsSync(source)) {
    const paths = datasetFilePaths(entry);
    return { source, files: await Promise.all(paths.map(async (p) => ({ path: `${entry.name}/${basename(p)}`, sha256: await sha256File(p) }))) };
  }
  let folder: boolean;
  try {
    folder = statSync(source).isDirectory();
  } catch (e) {
    throw sourceError(source, e);
  }
  if (folder) return { source, files: [{ path: source, sha256: null }] };
  return { source, files: [{ path: source, sha256: await sha256File(source) }] };
}

/**
 * The checksums of the catalogs the run reads. A catalog the study names but the
 * selected artifacts do not read (`--only F2` reads only the servers' catalog) is still
 * checked to exist, so a typo in `--set catalogs=…` stops the run instead of passing unseen.
 */
export async function studyChecksums(study: ResolvedStudy): Promise<DatasetChecksum[]> {
  const ids = catalogsRead(study);
  const out: DatasetChecksum[] = [];
  for (const c of study.catalogs) {
    if (ids.includes(c.id)) out.push(await sourceChecksums(c.source));
    else checkSourceExists(c.source);
  }
  return out;
}

function checkSourceExists(source: string): void {
  if (source.startsWith("synthetic:") || (getDataset(source) && !existsSync(source))) return;
  try {
    statSync(source);
  } catch (e) {
    throw sourceError(source, e);
  }
}

function sourceError(source: string, e: unknown): UserError {
  const code = (e as NodeJS.ErrnoException).code;
  return new UserError(`catalog "${source}": ${code === "ENOENT" ? "neither a file nor a known dataset (see `fprisk datasets list`)" : `cannot be read (${code})`}`);
}

/** The lock file's text: the study as run, then its lock. */
export function lockText(study: ResolvedStudy, datasets: DatasetChecksum[]): string {
  // no "$schema": a study file's relative link to the schema would not resolve from the output folder
  const { $schema: _schema, ...rest } = study.file;
  const file: StudyFile = { ...rest, lock: { fprisk: fpriskVersion(), seed: study.seed, datasets } };
  return `${JSON.stringify(file, null, 2)}\n`;
}

/** What differs between a lock and the files as they are now, one line each (empty: nothing). */
export function lockDifferences(lock: NonNullable<StudyFile["lock"]>, now: DatasetChecksum[]): string[] {
  const notes: string[] = [];
  if (lock.fprisk !== fpriskVersion()) notes.push(`the lock was written by fprisk ${lock.fprisk}, this is ${fpriskVersion()}: results may differ`);
  for (const was of lock.datasets) {
    const is = now.find((d) => d.source === was.source);
    if (!is) continue;
    for (const f of was.files) {
      const g = is.files.find((x) => x.path === f.path);
      if (!g) notes.push(`${was.source}: ${f.path} is no longer read`);
      else if (g.sha256 !== f.sha256) notes.push(`${was.source}: ${f.path} has changed since the lock (sha256 ${g.sha256?.slice(0, 12)}…, locked ${f.sha256?.slice(0, 12)}…): results may differ`);
    }
  }
  return notes;
}
