/** The one figure writer: only the renderings asked for, each complete, same bytes twice. */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { TopLevelSpec } from "vega-lite";
import { describe, expect, it } from "vitest";
import { figurePaths, writeFigure } from "../../src/figures/writeFigure.js";
import { tmp } from "../cliHelpers.js";

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

const spec = {
  $schema: "https://vega.github.io/schema/vega-lite/v6.json",
  title: "three bars",
  data: { values: [{ x: "a", y: 1 }, { x: "b", y: 3 }, { x: "c", y: 2 }] },
  mark: "bar",
  encoding: { x: { field: "x", type: "nominal" }, y: { field: "y", type: "quantitative" } },
} as TopLevelSpec;

describe("writeFigure", () => {
  it("names the three renderings after one stem", () => {
    expect(figurePaths("out/f1")).toEqual({ spec: "out/f1.vl.json", svg: "out/f1.svg", png: "out/f1.png" });
  });

  it("writes spec, SVG and PNG in that order, the spec re-readable as the same object", async () => {
    const dir = tmp("fprisk-figure-");
    const paths = figurePaths(join(dir, "bars"));
    const asWritten = JSON.parse(JSON.stringify(spec)) as unknown;
    const written = await writeFigure(spec, paths);
    expect(written).toEqual([paths.spec, paths.svg, paths.png]);
    expect(JSON.parse(readFileSync(paths.spec, "utf8"))).toEqual(asWritten);
    const svg = readFileSync(paths.svg, "utf8");
    expect(svg).toMatch(/^<svg/);
    expect(svg).toContain("three bars");
    expect(readFileSync(paths.png).subarray(0, 8)).toEqual(PNG_SIGNATURE);
    // no temp files left beside the outputs
    expect(readdirSync(dir).sort()).toEqual(["bars.png", "bars.svg", "bars.vl.json"]);
  });

  it("writes only the renderings asked for, and the same bytes every time", async () => {
    const dir = tmp("fprisk-figure-");
    expect(await writeFigure(spec, { png: join(dir, "a.png") })).toEqual([join(dir, "a.png")]);
    expect(await writeFigure(spec, { svg: join(dir, "a.svg") })).toEqual([join(dir, "a.svg")]);
    expect(await writeFigure(spec, { spec: join(dir, "a.vl.json") })).toEqual([join(dir, "a.vl.json")]);
    expect(readdirSync(dir).sort()).toEqual(["a.png", "a.svg", "a.vl.json"]);
    const again = figurePaths(join(dir, "b"));
    await writeFigure(spec, again);
    expect(readFileSync(again.png).equals(readFileSync(join(dir, "a.png")))).toBe(true);
    expect(readFileSync(again.svg, "utf8")).toBe(readFileSync(join(dir, "a.svg"), "utf8"));
  });

  it("writes nothing when vega rejects the spec", async () => {
    const dir = tmp("fprisk-figure-");
    const bad = { ...spec, mark: "no-such-mark" } as unknown as TopLevelSpec;
    await expect(writeFigure(bad, figurePaths(join(dir, "bad")))).rejects.toThrow();
    expect(existsSync(join(dir, "bad.vl.json"))).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  });
});
