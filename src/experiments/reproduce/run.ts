/**
 * `fprisk reproduce`: every figure and table of the study into one folder — per
 * artifact a tidy CSV, and for figures the vega-lite spec, SVG and PNG — and the
 * results page (README.md) built from them. Same data and seed, same bytes.
 */
import { join } from "node:path";
import { UserError } from "../../base/errors.js";
import { writeFileAtomic } from "../../base/atomicWrite.js";
import { renderCsv } from "../../output/tabular.js";
import { f1 } from "./f1.js";
import { f2 } from "./f2.js";
import { f3 } from "./f3.js";
import { f4 } from "./f4.js";
import { f5 } from "./f5.js";
import { f6 } from "./f6.js";
import { f7 } from "./f7.js";
import { resultsPage } from "./readme.js";
import { t1 } from "./t1.js";
import { t2 } from "./t2.js";
import { t3 } from "./t3.js";
import { t4 } from "./t4.js";
import type { Artifact, ArtifactMaker, ReproduceConfig } from "./types.js";

export const ARTIFACTS: ArtifactMaker[] = [f1, f2, f3, f4, f5, f6, f7, t1, t2, t3, t4];

export interface ReproduceOptions extends ReproduceConfig {
  /** Artifact ids (F1, T2, …); all when absent. */
  only?: string[];
  outDir: string;
}

export interface ReproduceSummary {
  artifacts: Artifact[];
  files: string[];
}

export function selectArtifacts(only: string[] | undefined): ArtifactMaker[] {
  if (!only || only.length === 0) return ARTIFACTS;
  const wanted = only.map((s) => s.trim().toUpperCase()).filter(Boolean);
  const unknown = wanted.filter((id) => !ARTIFACTS.some((a) => a.id === id));
  if (unknown.length > 0) throw new UserError(`\`only\`: unknown ${unknown.join(", ")} (known: ${ARTIFACTS.map((a) => a.id).join(", ")})`);
  return ARTIFACTS.filter((a) => wanted.includes(a.id));
}

export async function reproduce(options: ReproduceOptions): Promise<ReproduceSummary> {
  const makers = selectArtifacts(options.only);
  // vega and resvg load only when figures are drawn
  const { figurePaths, writeFigure } = await import("../../figures/writeFigure.js");
  const artifacts: Artifact[] = [];
  const files: string[] = [];
  const write = async (name: string, data: string | Uint8Array) => {
    const path = join(options.outDir, name);
    await writeFileAtomic(path, data);
    files.push(path);
  };
  for (const maker of makers) {
    const artifact = await maker.make(options);
    artifacts.push(artifact);
    await write(`${artifact.name}.csv`, renderCsv(artifact.data));
    if (artifact.spec) files.push(...(await writeFigure(artifact.spec, figurePaths(join(options.outDir, artifact.name)))));
  }
  // The results page describes the whole study: written only when every artifact ran.
  if (makers.length === ARTIFACTS.length) await write("README.md", resultsPage(artifacts, options));
  return { artifacts, files };
}
