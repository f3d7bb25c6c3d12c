import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { evaluate } from "../../src/measures/evaluate.js";
import { toDataFrame } from "../../src/output/dataframe.js";
import { renderCsv, renderTextTable, formatNumber } from "../../src/output/tabular.js";
import { schemeColumns } from "../../src/output/results.js";
import { catalogOf, repoRoot } from "../helpers.js";

describe("tabular output", () => {
  it("CSV quotes what needs quoting and keeps full precision", () => {
    expect(renderCsv({ columns: ["a", "b"], rows: [['x,"y"', 1 / 3], [null, NaN]] })).toBe('a,b\n"x,""y""",0.3333333333333333\n,\n');
  });
  it("text table aligns numbers right", () => {
    expect(renderTextTable({ columns: ["s", "n"], rows: [["a", 1], ["bb", 0.12345]] })).toBe("s        n\n--  ------\na        1\nbb  0.1235\n");
    expect(formatNumber(0.00001234)).toBe("1.23e-5");
  });
  it("scheme columns split on top-level commas only", () => {
    expect(schemeColumns("duration=round(1s),bitrate=ladder(1Mbps,3Mbps)")).toEqual({ duration: "round(1s)", bitrate: "ladder(1Mbps,3Mbps)", resolution: "—", fps: "—", size: "—" });
  });
});

describe("toDataFrame (notebook edge)", () => {
  it("one row per scheme, metric columns intact", () => {
    const cat = catalogOf(["A", "B", "C"], { duration_ms: [1000, 1000, 2000] });
    const df = toDataFrame(evaluate(cat, ["duration=exact", "none"]));
    expect(df.shape[0]).toBe(2);
    expect(df.column("title_unique_fraction").values).toEqual([1 / 3, 0]);
    expect(df.column("duration").values).toEqual(["exact", "—"]);
  });
});

describe("npm start's experiment (fprisk demo)", () => {
  it("prints the scheme table and writes a deterministic figure", () => {
    const run = (dir: string) =>
      spawnSync(process.execPath, [join(repoRoot, "bin", "fprisk.js"), "demo", "synthetic:video-library?titles=2000&seed=5", "--results-dir", dir], { encoding: "utf8" });
    const a = mkdtempSync(join(tmpdir(), "fprisk-demo-"));
    const b = mkdtempSync(join(tmpdir(), "fprisk-demo-"));
    const ra = run(a);
    expect(ra.status, ra.stderr).toBe(0);
    expect(ra.stdout).toMatch(/duration=round\(1min\),bitrate=round\(100kbps\),resolution=class/);
    expect(ra.stdout).toMatch(/title_unique_fraction/);
    expect(readdirSync(a).sort()).toEqual(["default-experiment-grid.csv", "default-experiment.json", "default-experiment.png", "default-experiment.svg", "default-experiment.vl.json"]);
    const png = readFileSync(join(a, "default-experiment.png"));
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(png.length).toBeGreaterThan(20_000); // a real picture, not an empty canvas
    const svg = readFileSync(join(a, "default-experiment.svg"), "utf8");
    expect(svg).toMatch(/Does rounding playback telemetry hide the title\?/);
    expect(svg).toMatch(/duration rounding width/);
    // 8 duration widths × 5 bitrate schemes in the grid behind the figure
    expect(readFileSync(join(a, "default-experiment-grid.csv"), "utf8").trim().split("\n")).toHaveLength(41);
    const rb = run(b);
    expect(rb.stdout).toBe(ra.stdout);
    for (const f of readdirSync(a)) expect(readFileSync(join(b, f)).equals(readFileSync(join(a, f))), f).toBe(true);
  });
});
