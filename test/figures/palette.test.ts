import { describe, expect, it } from "vitest";
import { FIGURE_FONT_FAMILY, OKABE_ITO } from "../../src/figures/palette.js";

describe("palette", () => {
  it("is Okabe & Ito's eight colours, distinct, blue first and black last", () => {
    expect(OKABE_ITO).toHaveLength(8);
    expect(new Set(OKABE_ITO.map((c) => c.toLowerCase())).size).toBe(8);
    for (const c of OKABE_ITO) expect(c).toMatch(/^#[0-9A-F]{6}$/);
    expect(OKABE_ITO[0]).toBe("#0072B2");
    expect(OKABE_ITO[1]).toBe("#E69F00");
    expect(OKABE_ITO.at(-1)).toBe("#000000");
  });

  it("names the font figures are set in", () => {
    expect(FIGURE_FONT_FAMILY).toBe("DejaVu Sans");
  });
});
