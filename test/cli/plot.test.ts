/** `--plot FILE` of sweep and evaluate: F1's chart through the one figure writer. */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { expectUserError, fprisk, tmp } from "../cliHelpers.js";

const LIBRARY = "synthetic:video-library?titles=300&seed=3";

describe("fprisk sweep --plot", () => {
  it("draws the risk chart into the .svg named, and nothing else", () => {
    const dir = tmp("fprisk-plot-");
    const file = join(dir, "risk.svg");
    const r = fprisk(["sweep", LIBRARY, "--duration", "1s,1min", "--bitrate", "drop,100kbps", "--model", "--plot", file]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`fprisk: plot ${file}`);
    expect(readdirSync(dir)).toEqual(["risk.svg"]);
    const svg = readFileSync(file, "utf8");
    expect(svg).toMatch(/^<svg/);
    expect(svg).toContain("duration rounding width");
    expect(svg).toContain("round(100kbps)");
    expect(svg).toContain("occupancy model");
  });

  it("writes a PNG for a .png, and counts schemes left out for having no duration width", () => {
    const dir = tmp("fprisk-plot-");
    const file = join(dir, "risk.png");
    const r = fprisk(["sweep", LIBRARY, "--duration", "1s,log(10%)", "--plot", file]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain("(1 schemes without a duration width left out)");
    expect(readFileSync(file).subarray(0, 4)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47]));
  });

  it("refuses another extension before reading the catalog", () => {
    const dir = tmp("fprisk-plot-");
    expectUserError(fprisk(["sweep", join(dir, "missing.csv"), "--duration", "1s", "--plot", join(dir, "risk.pdf")]), /--plot: give a \.png or \.svg file/);
    expect(existsSync(join(dir, "risk.pdf"))).toBe(false);
  });
});
