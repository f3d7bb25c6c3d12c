import { describe, expect, it } from "vitest";
import { UserError } from "../../src/base/errors.js";
import { splitList, sweepSchemes } from "../../src/experiments/sweep.js";
import { formatScheme } from "../../src/schemes/format.js";

describe("splitList", () => {
  it("splits on commas outside parentheses, trims, and drops one trailing empty piece", () => {
    expect(splitList("exact, 1s ,ladder(1,3Mbps)")).toEqual(["exact", "1s", "ladder(1,3Mbps)"]);
    expect(splitList("1s,10s,")).toEqual(["1s", "10s"]);
    expect(splitList("drop")).toEqual(["drop"]);
  });
});

describe("sweepSchemes", () => {
  it("crosses the axes, first axis slowest, a bare width meaning round(width)", () => {
    const schemes = sweepSchemes({ duration: ["1s", "exact"], bitrate: ["100kbps", "drop"] }).map(formatScheme);
    expect(schemes).toEqual([
      "duration=round(1s),bitrate=round(100kbps)",
      "duration=round(1s)",
      "duration=exact,bitrate=round(100kbps)",
      "duration=exact",
    ]);
  });

  it("keeps one of schemes that are the same once canonical (60s is 1min) and skips empty axes", () => {
    const schemes = sweepSchemes({ duration: ["60s", "1min", "round(1min)", "2min"], bitrate: [] }).map(formatScheme);
    expect(schemes).toEqual(["duration=round(1min)", "duration=round(2min)"]);
  });

  it("refuses a grid without any axis", () => {
    expect(() => sweepSchemes({})).toThrow(UserError);
    expect(() => sweepSchemes({ duration: [] })).toThrow(/at least one axis/);
  });
});
