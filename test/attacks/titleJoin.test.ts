import { describe, expect, it } from "vitest";
import { normalizeTitle, TitleIndex } from "../../src/attacks/titleJoin.js";

describe("titleJoin", () => {
  it("normalizes titles: case, accents, punctuation, &, leading article", () => {
    expect(normalizeTitle("The Lord of the Rings: The Two Towers")).toBe("lord of the rings the two towers");
    expect(normalizeTitle("Amélie")).toBe("amelie");
    expect(normalizeTitle("  Tom & Jerry!! ")).toBe("tom and jerry");
    expect(normalizeTitle("A Beautiful Mind")).toBe("beautiful mind");
    const ix = new TitleIndex<number>();
    ix.add("Toy Story — 1995", 1);
    expect(ix.get("toy story — 1995")).toBe(1);
    expect(ix.get("Toy Story")).toBe(1); // base title fallback
    expect(ix.get("Toy Story 2")).toBeUndefined();
  });
});
