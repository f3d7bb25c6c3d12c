import { describe, expect, it } from "vitest";
import { bucketKeys } from "../../src/schemes/generalize.js";
import { parseScheme } from "../../src/schemes/parse.js";
import { bucketInterval, catalogHasPart, hasInterval, scalarColumn, scalarField, schemeView, viewKeys } from "../../src/schemes/schemeView.js";
import { catalogOf } from "../helpers.js";

const victim = catalogOf(["a", "b", "c", "d"], {
  duration_ms: [1000, 2000, 3000, 4000],
  width: [1920, 1280, null, 3840],
  height: [800, 720, null, 1600],
});
const attacker = catalogOf(["w", "x", "y", "z"], { duration_ms: [100, 200, 300, 4000] });

describe("schemeView", () => {
  it("fixes quantile thresholds on the victim and nothing for unfitted generalizers", () => {
    const view = schemeView(parseScheme("duration=quantile(2),resolution=class"), victim);
    expect(view.thresholds[0] && [...view.thresholds[0]]).toEqual([3000]);
    expect(view.thresholds[1]).toBeUndefined();
  });

  it("on the victim's catalog its keys are bucketKeys; on another it applies the victim's thresholds", () => {
    const scheme = parseScheme("duration=quantile(2)");
    const view = schemeView(scheme, victim);
    expect([...viewKeys(view, 0, victim)]).toEqual([...bucketKeys(scheme.parts[0], victim)]);
    expect([...viewKeys(view, 0, victim)]).toEqual([0, 0, 1, 1]);
    // refitting on the attacker would cut at its own median; the view keeps the cut at 3000
    expect([...viewKeys(view, 0, attacker)]).toEqual([0, 0, 0, 1]);
    expect([...bucketKeys(scheme.parts[0], attacker)]).not.toEqual([0, 0, 0, 1]);
  });

  it("a fitted part on a catalog without its column gets empty thresholds", () => {
    const noBitrate = schemeView(parseScheme("bitrate=quantile(3)"), victim);
    expect(noBitrate.thresholds[0]).toEqual(new Float64Array(0));
  });
});

describe("bucketInterval", () => {
  it("a grid bucket stands for its value range; a quantile bucket is unbounded at the ends", () => {
    expect(bucketInterval(schemeView(parseScheme("duration=round(1s)"), victim), 0, 2, 0)).toEqual([1500, 2500]);
    const q = schemeView(parseScheme("duration=quantile(2)"), victim);
    expect(bucketInterval(q, 0, 0, 0)).toEqual([-Infinity, 3000]);
    expect(bucketInterval(q, 0, 1, 0)).toEqual([3000, Infinity]);
  });

  it("an exact key stands for the recorded value ± half the victim's precision (a point when unknown)", () => {
    const view = schemeView(parseScheme("bitrate=exact"), victim);
    expect(bucketInterval(view, 0, 5000, 1000)).toEqual([4500, 5500]);
    expect(bucketInterval(view, 0, 5000, 0)).toEqual([5000, 5000]);
  });

  it("refuses generalizers whose buckets are matched by key only", () => {
    const view = schemeView(parseScheme("resolution=class"), victim);
    expect(() => bucketInterval(view, 0, 2, 0)).toThrow("class has no value interval");
    expect(hasInterval(view.parts[0].generalizer)).toBe(false);
    expect(hasInterval(parseScheme("duration=round(1s)").parts[0].generalizer)).toBe(true);
  });
});

describe("the columns behind a part", () => {
  it("scalar parts read their field; resolution and text parts have no scalar column", () => {
    const [duration, resolution] = parseScheme("duration=exact,resolution=class").parts;
    expect(scalarField(duration)).toBe("duration_ms");
    expect(scalarColumn(duration, victim)).toBe(victim.numeric.duration_ms);
    expect(scalarColumn(resolution, victim)).toBeUndefined();
    expect(() => scalarField(resolution)).toThrow("resolution is not a scalar attribute");
    expect(scalarColumn(parseScheme("bitrate=exact").parts[0], victim)).toBeUndefined();
  });

  it("catalogHasPart: resolution needs width or height, text needs its text column", () => {
    const resolution = parseScheme("resolution=class").parts[0];
    expect(catalogHasPart(resolution, victim)).toBe(true);
    expect(catalogHasPart(resolution, attacker)).toBe(false);
    expect(catalogHasPart(resolution, catalogOf(["a"], { height: [720] }))).toBe(true);
    expect(catalogHasPart(parseScheme("codec=exact").parts[0], victim)).toBe(false);
    expect(catalogHasPart(parseScheme("duration=exact").parts[0], attacker)).toBe(true);
    expect(catalogHasPart(parseScheme("fps=exact").parts[0], attacker)).toBe(false);
  });
});
