import { describe, expect, it } from "vitest";
import { applyKeep, defaultSpace, formatSpace, parseKeep, parseSpace, spaceSchemes } from "../../../src/experiments/tune/space.js";
import { formatScheme } from "../../../src/schemes/format.js";

describe("search space", () => {
  it("parses per-attribute choices (ladders keep their commas) and enumerates the product", () => {
    const s = parseSpace("resolution=exact|class, duration=round(1s)|round(60s), bitrate=drop|ladder(1,3,6Mbps)");
    expect(formatSpace(s)).toBe("duration=round(1s)|round(1min),bitrate=drop|ladder(1Mbps,3Mbps,6Mbps),resolution=exact|class");
    const schemes = spaceSchemes(s).map(formatScheme);
    expect(schemes).toHaveLength(8);
    expect(schemes[0]).toBe("duration=round(1s),resolution=exact");
    expect(schemes).toContain("duration=round(1min),bitrate=ladder(1Mbps,3Mbps,6Mbps),resolution=class");
  });
  it("refuses mistakes before any work", () => {
    expect(() => parseSpace("duraton=round(1s)")).toThrow(/attribute one of duration/);
    expect(() => parseSpace("duration=round(1s),duration=exact")).toThrow(/given twice/);
    expect(() => parseSpace("duration=round(1s)||exact")).toThrow(/empty choice/);
    expect(() => parseSpace("duration=geom(1s,scale=2,seed=1)")).toThrow(/randomized/);
    expect(() => parseSpace("duration=round(1)")).toThrow(/scheme/);
  });
  it("keep removes the choices that are not at least as fine (by nesting)", () => {
    const s = parseSpace("bitrate=exact|ladder(1,3,6,10Mbps)|round(1Mbps)|drop,resolution=exact|height|class|drop");
    const kept = applyKeep(s, parseKeep("bitrate:ladder(1,3,6,10Mbps),resolution:class"));
    expect(formatSpace(kept)).toBe("bitrate=exact|ladder(1Mbps,3Mbps,6Mbps,10Mbps),resolution=exact|class");
    expect(() => applyKeep(parseSpace("bitrate=round(1Mbps)"), parseKeep("bitrate:ladder(1,3Mbps)"))).toThrow(/no choice for bitrate/);
    expect(() => applyKeep(s, parseKeep("duration:round(1s)"))).toThrow(/not in the search space/);
  });
  it("the default space covers the documented ranges", () => {
    const s = formatSpace(defaultSpace(["duration", "bitrate", "resolution"]));
    expect(s).toMatch(/^duration=exact\|round\(1s\).*round\(1h\)\|drop,bitrate=exact.*log\(1%\).*log\(50%\).*round\(10Mbps\)\|drop,resolution=exact\|height\|class\|drop$/);
    expect(formatSpace(defaultSpace(["duration"]))).toMatch(/^duration=/);
  });
});
