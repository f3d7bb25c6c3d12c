/**
 * Text widths from the font the PNG is drawn with, for vega's layout. Without a canvas
 * vega guesses every string as 0.8 × font size per character, about 1.4 times too wide
 * for DejaVu Sans: figures got a blank right margin (the title "needed" it) and legend
 * labels were cut although they fit. Here each character's advance is measured once
 * with resvg and the same font files, as the width of "H c H" minus that of "H H"
 * (ink bounds of the outer H's, so side bearings and spaces count), at 100 px:
 *
 *   width("Golle 2006", 9 px) = Σ advance(c) × 9 / 100   // ≈ 49 px, vega's guess: 72 px
 *
 * Kerning is ignored (DejaVu Sans kerns little; the error is under a pixel per label).
 */
import { Resvg } from "@resvg/resvg-js";

const PROBE_SIZE = 100;

export interface TextStyle {
  fontSize?: number;
  fontWeight?: string | number;
  fontStyle?: string;
}

/** A function (style, text) → width in px, measuring with `fontFiles` and `family`. */
export function textWidthMeasure(fontFiles: string[], family: string): (style: TextStyle, text: string) => number {
  const advances = new Map<string, number>();
  const inkWidth = (text: string, weight: string, slant: string): number => {
    const escaped = text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
    const svg =
      `<svg xmlns="http://www.w3.org/2000/svg" width="${PROBE_SIZE * 40}" height="${PROBE_SIZE * 2}">` +
      `<text x="10" y="${PROBE_SIZE * 1.5}" font-family="${family}" font-size="${PROBE_SIZE}" font-weight="${weight}" font-style="${slant}" xml:space="preserve">${escaped}</text></svg>`;
    const box = new Resvg(svg, { font: { fontFiles, loadSystemFonts: false, defaultFontFamily: family, sansSerifFamily: family } }).getBBox();
    return box ? box.width : 0;
  };
  const advance = (ch: string, weight: string, slant: string): number => {
    const key = `${weight}|${slant}|${ch}`;
    let w = advances.get(key);
    if (w === undefined) {
      w = inkWidth(`H${ch}H`, weight, slant) - inkWidth("HH", weight, slant);
      advances.set(key, w);
    }
    return w;
  };
  return (style, text) => {
    const size = style.fontSize ?? 11;
    const weight = String(style.fontWeight ?? "normal");
    const slant = style.fontStyle ?? "normal";
    let total = 0;
    for (const ch of text) total += advance(ch, weight, slant);
    return (total * size) / PROBE_SIZE;
  };
}
