/** Text widths measured with the figure font, as vega lays text out. */
import { describe, expect, it } from "vitest";
import { figureFontFiles } from "../../src/figures/figure.js";
import { textWidthMeasure } from "../../src/figures/textWidth.js";

describe("textWidthMeasure", () => {
  it("measures with the DejaVu Sans files npm installed (regular and bold)", () => {
    expect(figureFontFiles().map((f) => f.split(/[\\/]/).pop())).toEqual(["DejaVuSans.ttf", "DejaVuSans-Bold.ttf"]);
  });

  const width = textWidthMeasure(figureFontFiles(), "DejaVu Sans");

  it("adds the advances of the characters, spaces included, in proportion to the font size", () => {
    // DejaVu Sans advances (units per em 2048): H 1540, i 569, space 651 → at 100 px: 75.2, 27.8, 31.8
    expect(width({ fontSize: 100 }, "H")).toBeCloseTo(75.2, 0);
    expect(width({ fontSize: 100 }, "i")).toBeCloseTo(27.8, 0);
    expect(width({ fontSize: 100 }, " ")).toBeCloseTo(31.8, 0);
    expect(width({ fontSize: 100 }, "Hi H")).toBeCloseTo(75.2 * 2 + 27.8 + 31.8, 0);
    expect(width({ fontSize: 9 }, "Golle 2006")).toBeCloseTo((width({ fontSize: 100 }, "Golle 2006") * 9) / 100, 9);
  });

  it("is narrower than vega's canvas-less guess of 0.8 × size per character, and bold is wider", () => {
    const label = "duration=round(1min),bitrate=round(1Mbps),resolution=class";
    const measured = width({ fontSize: 11 }, label);
    expect(measured).toBeLessThan(0.8 * 11 * label.length * 0.8);
    expect(measured).toBeGreaterThan(0.4 * 11 * label.length);
    expect(width({ fontSize: 11, fontWeight: "bold" }, label)).toBeGreaterThan(measured);
  });
});
