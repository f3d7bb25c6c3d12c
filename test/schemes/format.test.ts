import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  formatScheme,
  parseScheme,
  type Scheme,
} from "../../src/schemes/index.js";
import { arbScheme } from "./schemeFixtures.js";

describe("formatScheme", () => {
  it.each([
    ["duration=round(60000ms)", "duration=round(1min)"],
    ["duration=round(60s)", "duration=round(1min)"],
    ["duration=round(1min)", "duration=round(1min)"],
    ["duration=round(1500ms)", "duration=round(1500ms)"],
    ["duration=round(1.5s)", "duration=round(1500ms)"],
    ["duration=floor(2h)", "duration=floor(2h)"],
    ["duration=floor(7200s)", "duration=floor(2h)"],
    ["duration=round(0.5ms)", "duration=round(0.5ms)"],
    ["bitrate=round(100kbps)", "bitrate=round(100kbps)"],
    ["bitrate=round(2000kbps)", "bitrate=round(2Mbps)"],
    ["bitrate=round(0.5kbps)", "bitrate=round(500bps)"],
    ["bitrate=round(1000Mbps)", "bitrate=round(1Gbps)"],
    ["size=floor(1073741824B)", "size=floor(1GiB)"],
    ["size=floor(1000MB)", "size=floor(1GB)"],
    ["bitrate=log(10%)", "bitrate=log(10%)"],
    ["bitrate = ladder(500, 1000kbps, 3000 kbps)", "bitrate=ladder(500kbps,1Mbps,3Mbps)"],
    ["fps=round(0.001)", "fps=round(0.001)"],
    ["resolution=floor(16px)", "resolution=floor(16px)"],
    ["size=exact,fps=sig(2),resolution=class,bitrate=quantile(10),duration=exact", "duration=exact,bitrate=quantile(10),resolution=class,fps=sig(2),size=exact"],
    ["resolution=height,duration=drop", "resolution=height"],
    ["duration=drop", "none"],
    ["none", "none"],
  ])("%s → %s", (input, canonical) => {
    expect(formatScheme(parseScheme(input))).toBe(canonical);
  });

  it("prints parts in canonical order even when given out of order", () => {
    const s: Scheme = {
      parts: [
        { attribute: "size", generalizer: { kind: "exact" } },
        { attribute: "duration", generalizer: { kind: "exact" } },
      ],
    };
    expect(formatScheme(s)).toBe("duration=exact,size=exact");
  });

  it("parseScheme(formatScheme(s)) gives back s", () => {
    fc.assert(
      fc.property(arbScheme, (s) => {
        expect(parseScheme(formatScheme(s))).toEqual(s);
      }),
      { numRuns: 500 },
    );
  });
});
