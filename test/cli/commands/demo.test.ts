/** `fprisk demo`, what `npm start` runs: the scheme table, the grid and F1's chart, deterministic. */
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fprisk, tmp } from "../../cliHelpers.js";

describe("npm start's experiment (fprisk demo)", () => {
  it("prints the scheme table and writes a deterministic figure", () => {
    const run = (dir: string) => fprisk(["demo", "synthetic:video-library?titles=2000&seed=5", "--results-dir", dir]);
    const a = tmp("fprisk-demo-");
    const b = tmp("fprisk-demo-");
    const ra = run(a);
    expect(ra.code, ra.stderr).toBe(0);
    expect(ra.stdout).toMatch(/duration=round\(1min\),bitrate=round\(100kbps\),resolution=class/);
    expect(ra.stdout).toMatch(/title_unique_fraction/);
    expect(readdirSync(a).sort()).toEqual(["default-experiment-grid.csv", "default-experiment.json", "default-experiment.png", "default-experiment.svg", "default-experiment.vl.json"]);
    const png = readFileSync(join(a, "default-experiment.png"));
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(png.length).toBeGreaterThan(20_000); // a real picture, not an empty canvas
    const svg = readFileSync(join(a, "default-experiment.svg"), "utf8");
    expect(svg).toMatch(/Does rounding playback telemetry hide the title\?/);
    expect(svg).toMatch(/duration rounding width/);
    // F1's chart code: its panel titles and its line-style legend
    expect(svg).toContain("named outright by one play (title_unique_fraction)");
    expect(svg).toContain("named by a random pick among look-alikes (kappa)");
    // 8 duration widths × 5 bitrate schemes in the grid behind the figure
    expect(readFileSync(join(a, "default-experiment-grid.csv"), "utf8").trim().split("\n")).toHaveLength(41);
    const rb = run(b);
    expect(rb.stdout).toBe(ra.stdout);
    for (const f of readdirSync(a)) expect(readFileSync(join(b, f)).equals(readFileSync(join(a, f))), f).toBe(true);
  });
});
