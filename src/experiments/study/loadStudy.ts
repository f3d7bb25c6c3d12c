/**
 * A study ready to run, from a study file (or the paper's), command-line overrides and an
 * artifact selection — every check done, nothing read but the study file:
 *
 *   const study = loadStudy("my-study.json", { set: ["plays=1..8"], only: ["F2"] });
 *   await runStudy(study, { outDir: "f2" });
 */
import { applyOverrides } from "./overrides.js";
import { paperStudyFile, paperStudyPath, readStudyFile } from "./readStudy.js";
import { resolveStudy } from "./resolveStudy.js";
import type { ResolvedStudy, StudyFile } from "./types.js";

export interface LoadStudyOptions {
  /** `key=value` overrides, applied in order (see overrides.ts for the keys). */
  set?: readonly string[];
  /** Artifact ids to build (any case); all of the study's when absent. */
  only?: readonly string[];
}

/** The study at `path` (the paper's, experiments/paper.json, when absent) with the overrides applied, resolved. */
export function loadStudy(path?: string, options: LoadStudyOptions = {}): ResolvedStudy {
  const file = path ? readStudyFile(path) : paperStudyFile();
  const study = applyOverrides(file, options.set ?? [], options.only);
  return resolveStudy(study, { where: path ?? paperStudyPath(), only: options.only ? [...options.only] : undefined });
}

/** The parts of a study that make it what it is, for the artifacts `ids`: not its seed or size, nor its lock. */
function essence(file: StudyFile, ids: string[]): string {
  const { $schema: _s, seed: _seed, quick: _q, lock: _l, artifacts, ...rest } = file;
  return JSON.stringify({ ...rest, artifacts: ids.map((id) => artifacts[id] ?? null) });
}

/**
 * Whether a study is the paper's, or some of its artifacts unchanged (at any seed, full or
 * quick): it may then write into results/, and its page names the plain command.
 */
export function isPaperStudy(file: StudyFile): boolean {
  const ids = Object.keys(file.artifacts);
  return essence(file, ids) === essence(paperStudyFile(), ids);
}
