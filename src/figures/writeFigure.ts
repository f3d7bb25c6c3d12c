/**
 * The one way a figure reaches disk, for `--plot`, `demo` and `reproduce` alike: the
 * vega-lite spec (`.vl.json`, data included, so anyone can re-render or restyle it),
 * the SVG and the PNG, each written atomically, in that order. A PNG rendered without
 * its font has no text; that is said once per run on stderr, whoever drew the figure.
 *
 *   await writeFigure(spec, figurePaths("results/f1-risk-vs-width"));
 *   // → ["results/f1-risk-vs-width.vl.json", "….svg", "….png"]
 *   await writeFigure(spec, { png: "risk.png" });  // → ["risk.png"]
 */
import type { TopLevelSpec } from "vega-lite";
import { writeFileAtomic } from "../base/atomicWrite.js";
import { renderVegaLite } from "./figure.js";

/** Where each rendering goes; an absent one is not written. */
export interface FigurePaths {
  spec?: string;
  svg?: string;
  png?: string;
}

/** All three renderings next to each other: `<stem>.vl.json`, `<stem>.svg`, `<stem>.png`. */
export function figurePaths(stem: string): Required<FigurePaths> {
  return { spec: `${stem}.vl.json`, svg: `${stem}.svg`, png: `${stem}.png` };
}

const MISSING_FONT_WARNING = "fprisk: DejaVu Sans not installed (apt fonts-dejavu-core): PNG figures have no text; SVG figures are complete\n";
let warnedMissingFont = false;

/** Writes the renderings `paths` asks for and returns the files written, in order. */
export async function writeFigure(spec: TopLevelSpec, paths: FigurePaths): Promise<string[]> {
  const written: string[] = [];
  const write = async (path: string | undefined, data: string | Uint8Array) => {
    if (path === undefined) return;
    await writeFileAtomic(path, data);
    written.push(path);
  };
  // rendered before anything is written: a spec vega rejects leaves no files behind
  const figure = paths.svg !== undefined || paths.png !== undefined ? await renderVegaLite(spec) : undefined;
  await write(paths.spec, JSON.stringify(spec, null, 2) + "\n");
  if (figure === undefined) return written;
  await write(paths.svg, figure.svg);
  await write(paths.png, figure.png);
  if (paths.png !== undefined && !figure.fontFound && !warnedMissingFont) {
    warnedMissingFont = true;
    process.stderr.write(MISSING_FONT_WARNING);
  }
  return written;
}
