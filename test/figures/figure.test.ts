/**
 * Figures rasterise with the DejaVu Sans that npm installs (dejavu-fonts-ttf), never
 * with system fonts: a machine without fonts draws the same text, so the same spec
 * gives the same PNG everywhere.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { TopLevelSpec } from "vega-lite";
import { describe, expect, it } from "vitest";
import { figureFontFiles, renderVegaLite } from "../../src/figures/figure.js";
import { repoRoot } from "../helpers.js";

function chart(title: string): TopLevelSpec {
  return {
    title,
    width: 120,
    height: 60,
    data: { values: [{ x: 1, y: 2 }, { x: 2, y: 3 }, { x: 3, y: 1 }] },
    mark: "line",
    encoding: { x: { field: "x", type: "quantitative", title: "width (s)" }, y: { field: "y", type: "quantitative", title: "risk" } },
  };
}

describe("figure fonts", () => {
  it("come from npm's dejavu-fonts-ttf inside this install, not from the system", () => {
    const files = figureFontFiles();
    expect(files.map((f) => f.slice(f.lastIndexOf("node_modules")))).toEqual([
      join("node_modules", "dejavu-fonts-ttf", "ttf", "DejaVuSans.ttf"),
      join("node_modules", "dejavu-fonts-ttf", "ttf", "DejaVuSans-Bold.ttf"),
    ]);
    for (const f of files) expect(existsSync(f)).toBe(true);
    // the package is a pinned dependency, so `npm ci` brings it on any machine
    expect(JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")).dependencies["dejavu-fonts-ttf"]).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it("the PNG draws the glyphs, and is the same on every render", async () => {
    // Two titles of one length get the same layout (vega estimates text width from
    // the character count), so only drawn glyphs can tell the PNGs apart; with no
    // font loaded both would be the same picture without text.
    const titled = await renderVegaLite(chart("Risk by width"));
    const other = await renderVegaLite(chart("Risk by depth"));
    expect(titled.svg.replaceAll("Risk by width", "Risk by depth")).toBe(other.svg);
    expect(titled.fontFound).toBe(true);
    expect(Buffer.from(titled.png).equals(Buffer.from(other.png))).toBe(false);
    const again = await renderVegaLite(chart("Risk by width"));
    expect(Buffer.from(again.png).equals(Buffer.from(titled.png))).toBe(true);
    // PNG signature
    expect(Array.from(titled.png.subarray(0, 8))).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  });
});
