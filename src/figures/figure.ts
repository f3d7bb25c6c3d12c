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

export const FIGURE_FONT = FIGURE_FONT_FAMILY;

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

export async function renderVegaLite(spec: vegaLite.TopLevelSpec): Promise<RenderedFigure> {
  const compiled = vegaLite.compile(spec).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: "none" });
  const svg = await view.toSVG();
  view.finalize();
  const fontFiles = figureFontFiles();
  const resvg = new Resvg(svg, {
    background: "white",
    fitTo: { mode: "zoom", value: 2 },
    font: { fontFiles, loadSystemFonts: false, defaultFontFamily: FIGURE_FONT, sansSerifFamily: FIGURE_FONT },
  });
  return { svg, png: resvg.render().asPng(), fontFound: fontFiles.length === FONT_FILE_NAMES.length };
}
