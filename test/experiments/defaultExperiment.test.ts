import { describe, expect, it } from "vitest";
import { DEFAULT_CATALOG, PLEX_STYLE_SCHEMES, runDefaultExperiment } from "../../src/experiments/defaultExperiment.js";
import { evaluateScheme } from "../../src/measures/evaluate.js";
import { formatScheme } from "../../src/schemes/format.js";
import { parseScheme } from "../../src/schemes/parse.js";
import { catalogOf } from "../helpers.js";

// Five items: A and B differ by 400 ms and 40 kbps, C is far from both, D twice (one title).
const cat = catalogOf(["A", "B", "C", "D", "D"], {
  duration_ms: [60_000, 60_400, 300_000, 120_000, 120_000],
  bitrate_kbps: [1000, 1040, 5000, 2000, 2000],
  width: [1920, 1920, 3840, 1280, 1280],
  height: [1080, 1080, 2160, 720, 720],
});

describe("the default experiment (npm start)", () => {
  it("runs offline on the seeded synthetic library", () => {
    expect(DEFAULT_CATALOG).toBe("synthetic:video-library?titles=20000&seed=1");
  });

  it("evaluates the Plex-style schemes in order, each as evaluating it alone would", () => {
    const { table } = runDefaultExperiment(cat);
    expect(table.results.map((r) => formatScheme(r.scheme))).toEqual(PLEX_STYLE_SCHEMES.map((s) => formatScheme(parseScheme(s))));
    for (const r of table.results) expect(r.metrics).toEqual(evaluateScheme(cat, r.scheme).metrics);
    // exact: every item title-unique (D's two releases share a title); round(5min) puts A, B, D together
    expect(table.results[0].metrics.title_unique_fraction).toBe(1);
    const last = table.results.at(-1)!;
    expect(formatScheme(last.scheme)).toBe("duration=round(5min)");
    // 1 min, 1 min, 5 min, 2 min, 2 min → round(5min): 0, 0, 5, 0, 0 → C alone, the rest shared by three titles
    expect(last.metrics.title_unique_fraction).toBe(1 / 5);
  });

  it("grids 8 duration widths × 5 bitrate schemes with resolution as a class, reporting progress", () => {
    const progress: [number, number][] = [];
    const { grid, figure } = runDefaultExperiment(cat, (done, total) => progress.push([done, total]));
    expect(grid.results).toHaveLength(40);
    expect(grid.results.every((r) => formatScheme(r.scheme).endsWith("resolution=class"))).toBe(true);
    expect(formatScheme(grid.results[0].scheme)).toBe("duration=round(1ms),bitrate=exact,resolution=class");
    expect(progress.at(-1)).toEqual([40, 40]);
    const spec = JSON.stringify(figure);
    expect(spec).toContain("Does rounding playback telemetry hide the title?");
    expect(spec).toContain("test: 5 items, 4 titles; resolution reported as a class");
  });
});
