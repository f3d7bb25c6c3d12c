/**
 * Figures are data: a vega-lite spec (written next to the picture so anyone can
 * re-render or restyle it), compiled to SVG by vega and rasterised to PNG by resvg.
 *
 * The PNG's text is set in DejaVu Sans from the npm package dejavu-fonts-ttf, loaded
 * by file and with system fonts off: every machine, with or without fonts
 * installed, rasterises with the same glyphs, so the same spec gives the same PNG.
 */
import { createRequire } from "node:module";
import { Resvg } from "@resvg/resvg-js";
import * as vega from "vega";
import * as vegaLite from "vega-lite";

import { FIGURE_FONT_FAMILY } from "./palette.js";
import { textWidthMeasure, type TextStyle } from "./textWidth.js";

const FONT_FILE_NAMES = ["DejaVuSans.ttf", "DejaVuSans-Bold.ttf"];

/** The font files resvg loads: DejaVu Sans regular and bold, as npm installed them (none on a broken install). */
export function figureFontFiles(): string[] {
  const require = createRequire(import.meta.url);
  return FONT_FILE_NAMES.flatMap((name) => {
    try {
      return [require.resolve(`dejavu-fonts-ttf/ttf/${name}`)];
    } catch {
      return [];
    }
  });
}

export interface RenderedFigure {
  svg: string;
  png: Uint8Array;
  /** False only when npm's dejavu-fonts-ttf is missing (a broken install, `npm ci` fixes it): the PNG then has no text (the SVG does). */
  fontFound: boolean;
}

/** vega's hook for text widths (exported by vega, missing from its types). */
type TextItem = TextStyle & { limit?: number };
const { textMetrics } = vega as unknown as { textMetrics: { width: (item: TextItem, text?: unknown) => number } };
let measured = false;

/** Lays text out with the widths of the font the PNG uses, instead of vega's canvas-less guess. */
function measureTextWithFont(fontFiles: string[]): void {
  if (measured || fontFiles.length === 0) return;
  measured = true;
  const width = textWidthMeasure(fontFiles, FIGURE_FONT_FAMILY);
  textMetrics.width = (item, text) => {
    const w = width(item, text == null ? "" : String(text).trim());
    // vega cuts a label at `limit` px with an ellipsis: it is then at most that wide
    return item.limit !== undefined && item.limit > 0 ? Math.min(w, item.limit) : w;
  };
}

/** The laid-out vega view of a spec (its scenegraph has every mark's position), text sized by the figure font. */
export async function layoutVegaLite(spec: vegaLite.TopLevelSpec): Promise<vega.View> {
  measureTextWithFont(figureFontFiles());
  const view = new vega.View(vega.parse(vegaLite.compile(spec).spec), { renderer: "none" });
  await view.runAsync();
  return view;
}

export async function renderVegaLite(spec: vegaLite.TopLevelSpec): Promise<RenderedFigure> {
  const view = await layoutVegaLite(spec);
  const svg = await view.toSVG();
  view.finalize();
  const fontFiles = figureFontFiles();
  const resvg = new Resvg(svg, {
    background: "white",
    fitTo: { mode: "zoom", value: 2 },
    font: { fontFiles, loadSystemFonts: false, defaultFontFamily: FIGURE_FONT_FAMILY, sansSerifFamily: FIGURE_FONT_FAMILY },
  });
  return { svg, png: resvg.render().asPng(), fontFound: fontFiles.length === FONT_FILE_NAMES.length };
}
