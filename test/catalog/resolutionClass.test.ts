import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { RESOLUTION_CLASSES, resolutionClass, resolutionClassIndex } from "../../src/catalog/resolutionClass.js";

const name = (w: number, h: number) => RESOLUTION_CLASSES[resolutionClass(w, h)].name;

describe("resolutionClass", () => {
  it("names the nominal frame sizes by their own class", () => {
    for (const [c, cls] of RESOLUTION_CLASSES.entries()) if (c > 0) expect(resolutionClass(cls.width, cls.height)).toBe(c);
    expect(name(720, 480)).toBe("SD");
    expect(name(640, 360)).toBe("SD");
  });

  it("classifies letterbox and narrow crops by width or height with 10 % slack", () => {
    expect(name(1920, 800)).toBe("1080p");
    expect(name(3840, 1600)).toBe("4K");
    expect(name(1440, 1080)).toBe("1080p");
    expect(name(1904, 1072)).toBe("1080p");
    expect(name(1728, 100)).toBe("1080p"); // 1728 = 0.9 · 1920 exactly
    expect(name(1727, 100)).toBe("720p");
    expect(name(1152, 0)).toBe("720p"); // 0.9 · 1280
    expect(name(1151, 647)).toBe("SD"); // below 0.9 · 1280 and 0.9 · 720 = 648
    expect(name(7680, 3200)).toBe("8K");
  });

  it("classifies portrait frames by their long side, ignores one missing dimension, and gives NaN for none", () => {
    expect(name(1080, 1920)).toBe("1080p");
    expect(name(2160, 3840)).toBe("4K");
    expect(name(1920, NaN)).toBe("1080p");
    expect(name(NaN, 1080)).toBe("1080p");
    expect(resolutionClass(NaN, NaN)).toBeNaN();
  });

  it("is the largest class whose width or height reaches 90 % of nominal (brute force), symmetric in its arguments", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9000 }), fc.integer({ min: 0, max: 9000 }), (w, h) => {
        const long = Math.max(w, h);
        const short = Math.min(w, h);
        let want = 0;
        RESOLUTION_CLASSES.forEach((c, i) => {
          if (i > 0 && (long >= 0.9 * c.width || short >= 0.9 * c.height)) want = i;
        });
        expect(resolutionClass(w, h)).toBe(want);
        expect(resolutionClass(h, w)).toBe(want);
      }),
    );
  });
});

describe("resolutionClassIndex", () => {
  it("is the key order of the table", () => {
    expect(resolutionClassIndex("SD")).toBe(0);
    expect(resolutionClassIndex("1080p")).toBe(2);
    expect(resolutionClassIndex("4K")).toBe(4);
    expect(RESOLUTION_CLASSES.map((c) => resolutionClassIndex(c.name))).toEqual([0, 1, 2, 3, 4, 5]);
  });
});
