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

/** The parts of a study that make it what it is: not its name for the seed or size, nor its lock. */
function essence(file: StudyFile): string {
  const { $schema: _s, seed: _seed, quick: _q, lock: _l, ...rest } = file;
  return JSON.stringify(rest);
}

/** Whether a study is the paper's (at any seed, full or quick): its results page then names the plain command. */
export function isPaperStudy(file: StudyFile): boolean {
  return essence(file) === essence(paperStudyFile());
}
