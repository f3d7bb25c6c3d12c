import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { classGeneralizer } from "../../../src/schemes/generalizers/class.js";
import { RESOLUTION_CLASSES, resolutionClass } from "../../../src/catalog/resolutionClass.js";
import { bucketLabel, explainNesting, nests, parseScheme } from "../../../src/schemes/index.js";
import { part, resKeys } from "./helpers.js";

describe("resolution=class", () => {
  it("names the nominal class, robust to letterbox and pillarbox crops", () => {
    const cases: [number, number, string][] = [
      [1920, 1080, "1080p"],
      [1920, 800, "1080p"], // 2.40:1 letterbox
      [1904, 1072, "1080p"], // mod-16 crop
      [1440, 1080, "1080p"], // 4:3 pillarbox
      [1080, 1920, "1080p"], // portrait
      [1280, 536, "720p"],
      [1280, 800, "720p"],
      [2560, 1440, "1440p"],
      [3840, 1600, "4K"],
      [7680, 4320, "8K"],
      [720, 576, "SD"],
      [NaN, 1080, "1080p"], // "1080p" labels: height only
    ];
    for (const [w, h, name] of cases) {
      const [key] = resKeys({ kind: "class" }, [[w, h]]);
      expect(bucketLabel(part("resolution", { kind: "class" }), key), `${w}×${h}`).toBe(name);
    }
    expect(resKeys({ kind: "class" }, [[NaN, NaN]])).toEqual([NaN]);
    expect(RESOLUTION_CLASSES.map((c) => c.name)).toEqual(["SD", "720p", "1080p", "1440p", "4K", "8K"]);
  });

  it("is the largest class whose nominal width or height is within 10 %, and grows with the frame (property)", () => {
    const dim = fc.oneof(fc.integer({ min: 1, max: 9000 }), fc.constant(NaN));
    fc.assert(
      fc.property(dim, dim, fc.integer({ min: 0, max: 500 }), (w, h, grow) => {
        const [key] = resKeys({ kind: "class" }, [[w, h]]);
        if (w !== w && h !== h) {
          expect(key).toBeNaN();
          return;
        }
        // a missing dimension is ignored: only the other side's test can hold
        const long = w === w && h === h ? Math.max(w, h) : w === w ? w : NaN;
        const short = w === w && h === h ? Math.min(w, h) : h === h ? h : NaN;
        let brute = 0;
        RESOLUTION_CLASSES.forEach((c, i) => {
          if (i > 0 && (long >= 0.9 * c.width || short >= 0.9 * c.height)) brute = i;
        });
        expect(key).toBe(brute);
        if (w === w && h === h) expect(resolutionClass(w + grow, h + grow)).toBeGreaterThanOrEqual(key);
      }),
      { numRuns: 1000 },
    );
  });

  it("neither refines height nor is refined by it; exact refines it", () => {
    expect(resKeys({ kind: "class" }, [[1920, 800], [1280, 800]])).toEqual([2, 1]);
    expect(resKeys({ kind: "class" }, [[1920, 1080], [1920, 800]])).toEqual([2, 2]);
    expect(explainNesting(parseScheme("resolution=height"), parseScheme("resolution=class"))).toContain("1920×800 and 1280×800 share a height but not a class");
    expect(explainNesting(parseScheme("resolution=class"), parseScheme("resolution=height"))).toContain("1920×1080 and 1920×800 share a class but not a height");
    expect(explainNesting(parseScheme("resolution=floor(8px)"), parseScheme("resolution=class"))).toContain("a pixel bucket can straddle a class boundary");
    expect(nests(parseScheme("resolution=exact"), parseScheme("resolution=class"))).toBe(true);
    expect(classGeneralizer.interval).toBeNull();
  });

  it("compiles to SQL: one arm per class, largest first", () => {
    const sql = classGeneralizer.sql({ kind: "class" }, "resolution", (f) => f);
    expect(sql.startsWith("(CASE WHEN width IS NULL AND height IS NULL THEN NULL ELSE (CASE WHEN")).toBe(true);
    expect(sql.match(/THEN \d/g)).toEqual(["THEN 5", "THEN 4", "THEN 3", "THEN 2", "THEN 1"]);
    expect(sql).toContain(`>= CAST('${0.9 * 1920}' AS DOUBLE)`);
  });
});
