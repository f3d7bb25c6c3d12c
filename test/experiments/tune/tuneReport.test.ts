import { describe, expect, it } from "vitest";
import { parseSpace } from "../../../src/experiments/tune/space.js";
import { parseTarget } from "../../../src/experiments/tune/target.js";
import { PLEX_LIKE_SCHEMES, tune } from "../../../src/experiments/tune/tune.js";
import { renderTune, tuneFigureData, tuneJson } from "../../../src/experiments/tune/tuneReport.js";
import { parseScheme } from "../../../src/schemes/parse.js";
import { catalogOf } from "../../helpers.js";

// exact: 4 classes, every row named (1); round(5s): 60, 61, 62 s → 60 s (A, B), 200 s alone (C): 1/4
const c = catalogOf(["A", "A", "B", "C"], { duration_ms: [60_000, 61_000, 62_000, 200_000] });
const result = tune([c], { targets: [parseTarget("title_unique_fraction<=0.3")], space: parseSpace("duration=exact|round(5s)"), references: [parseScheme(PLEX_LIKE_SCHEMES[1].scheme)] });

describe("tune report", () => {
  it("JSON has the documented keys, metrics per catalog", () => {
    const j = tuneJson(result) as Record<string, unknown> & { recommended: { scheme: string; metrics: Record<string, { title_unique_fraction: number }> } };
    expect(Object.keys(j)).toEqual(["targets", "space", "objective", "catalogs", "evaluated", "pruned", "frontier", "recommended"]);
    expect(j.recommended.scheme).toBe("duration=round(5s)");
    expect(j.recommended.metrics.test.title_unique_fraction).toBe(0.25);
  });
  it("CSV: one row per scheme and catalog", () => {
    const lines = renderTune(result, "csv").trim().split("\n");
    expect(lines[0]).toBe("scheme,catalog,title_unique_fraction,entropy_bits,objective,meets,frontier");
    expect(lines.slice(1).sort()).toEqual(["duration=exact,test,1,2,2,no,yes", "duration=round(5s),test,0.25,0.8112781244591328,0.8112781244591328,yes,yes"]);
  });
  it("the text report says what the next finer choice breaks", () => {
    expect(renderTune(result, "table")).toMatch(/duration exact → title_unique_fraction 1 on test breaks title_unique_fraction<=0.3/);
  });
  it("figure data: roles, labelled recommendation and reference, the target as threshold", () => {
    const { points, options } = tuneFigureData(result);
    expect(points.map((p) => [p.scheme, p.role])).toEqual([
      ["duration=exact", "frontier"],
      ["duration=round(5s)", "recommended"],
      [PLEX_LIKE_SCHEMES[1].scheme, "reference"],
    ]);
    expect(points[2].label).toBe(PLEX_LIKE_SCHEMES[1].label);
    expect(options.threshold).toBe(0.3);
  });
});
