/**
 * `fprisk reproduce`: every figure and table of a study into one folder — per
 * artifact a tidy CSV, and for figures the vega-lite spec, SVG and PNG — the results
 * page (README.md) built from them, and study.lock.json saying how they were made.
 * Same study, data and seed, same bytes.
 */
import { join } from "node:path";
import { writeFileAtomic } from "../../base/atomicWrite.js";
import { renderCsv } from "../../output/tabular.js";
import { isPaperStudy, loadStudy } from "../study/loadStudy.js";
import { LOCK_FILE, lockText, studyChecksums } from "../study/lock.js";
import type { DatasetChecksum, ResolvedStudy } from "../study/types.js";
import { f1 } from "./f1.js";
import { f2 } from "./f2.js";
import { f3 } from "./f3.js";
import { f4 } from "./f4.js";
import { f5 } from "./f5.js";
import { f6 } from "./f6.js";
import { f7 } from "./f7.js";
import { ArtifactNotBuilt } from "./notBuilt.js";
import { resultsPage, type NotBuiltEntry, type PageEntry } from "./readme.js";
import { t1 } from "./t1.js";
import { t2 } from "./t2.js";
import { t3 } from "./t3.js";
import { t4 } from "./t4.js";
import type { Artifact, ArtifactMaker, ReproduceConfig } from "./types.js";

export const ARTIFACTS: ArtifactMaker[] = [f1, f2, f3, f4, f5, f6, f7, t1, t2, t3, t4];

export interface RunStudyOptions {
  outDir: string;
  /** Write the results page (README.md): a run of the whole study; `--only` runs leave it alone. */
  page?: boolean;
  /** The datasets' checksums when already computed (the CLI does so before running). */
  checksums?: DatasetChecksum[];
  onProgress?: ReproduceConfig["onProgress"];
}

export interface ReproduceSummary {
  artifacts: Artifact[];
  notBuilt: NotBuiltEntry[];
  files: string[];
}

/** The makers of the study's artifacts, in the study's order. */
export function studyArtifacts(study: ResolvedStudy): ArtifactMaker[] {
  return ARTIFACTS.filter((a) => a.id in study.artifacts);
}

/** Builds every artifact of a resolved study (see loadStudy) into `outDir`. */
export async function runStudy(study: ResolvedStudy, options: RunStudyOptions): Promise<ReproduceSummary> {
  const makers = studyArtifacts(study);
  const checksums = options.checksums ?? (await studyChecksums(study));
  // vega and resvg load only when figures are drawn
  const { figurePaths, writeFigure } = await import("../../figures/writeFigure.js");
  const config: ReproduceConfig = { quick: study.quick, seed: study.seed, study, onProgress: options.onProgress };
  const artifacts: Artifact[] = [];
  const notBuilt: NotBuiltEntry[] = [];
  const entries: PageEntry[] = [];
  const files: string[] = [];
  const write = async (name: string, data: string | Uint8Array) => {
    const path = join(options.outDir, name);
    await writeFileAtomic(path, data);
    files.push(path);
  };
  for (const maker of makers) {
    let artifact: Artifact;
    try {
      artifact = await maker.make(config);
    } catch (e) {
      if (!(e instanceof ArtifactNotBuilt)) throw e;
      const entry = { id: maker.id, title: maker.title, reason: e.reason };
      notBuilt.push(entry);
      entries.push(entry);
      continue;
    }
    artifacts.push(artifact);
    entries.push(artifact);
    await write(`${artifact.name}.csv`, renderCsv(artifact.data));
    if (artifact.spec) files.push(...(await writeFigure(artifact.spec, figurePaths(join(options.outDir, artifact.name)))));
  }
  if (options.page ?? true) await write("README.md", resultsPage(entries, study, isPaperStudy(study.file)));
  await write(LOCK_FILE, lockText(study, checksums));
  return { artifacts, notBuilt, files };
}

export interface ReproduceOptions extends ReproduceConfig {
  /** Artifact ids (F1, T2, …); all when absent. */
  only?: string[];
  outDir: string;
}

/** The paper's study (experiments/paper.json) at `quick` and `seed`; the page only when every artifact runs. */
export async function reproduce(options: ReproduceOptions): Promise<ReproduceSummary> {
  const study = options.study ?? loadStudy(undefined, { set: [`seed=${options.seed}`, `quick=${options.quick}`], only: options.only });
  return runStudy(study, { outDir: options.outDir, page: !options.only || options.only.length === 0, onProgress: options.onProgress });
}
