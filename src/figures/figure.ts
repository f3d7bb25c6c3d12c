/**
 * Figures are data: a vega-lite spec (written next to the picture so anyone can
 * re-render or restyle it), compiled to SVG by vega and rasterised to PNG by resvg.
 */
import { existsSync } from "node:fs";
import { Resvg } from "@resvg/resvg-js";
import * as vega from "vega";
import * as vegaLite from "vega-lite";

import { FIGURE_FONT_FAMILY } from "./palette.js";

const FONT_FILES = ["/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"];

export interface RenderedFigure {
  svg: string;
  png: Uint8Array;
  /** False when DejaVu Sans is not installed: the PNG then has no text (the SVG does). */
  fontFound: boolean;
}

export async function renderVegaLite(spec: vegaLite.TopLevelSpec): Promise<RenderedFigure> {
  const compiled = vegaLite.compile(spec).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: "none" });
  const svg = await view.toSVG();
  view.finalize();
  const fontFiles = FONT_FILES.filter((f) => existsSync(f));
  const resvg = new Resvg(svg, {
    background: "white",
    fitTo: { mode: "zoom", value: 2 },
    font: { fontFiles, loadSystemFonts: false, defaultFontFamily: FIGURE_FONT_FAMILY, sansSerifFamily: FIGURE_FONT_FAMILY },
  });
  return { svg, png: resvg.render().asPng(), fontFound: fontFiles.length > 0 };
}
