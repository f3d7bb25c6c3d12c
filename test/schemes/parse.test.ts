import { describe, expect, it } from "vitest";
import { UserError } from "../../src/base/errors.js";
import {
  SchemeError,
  parseGeneralizer,
  parseScheme,
} from "../../src/schemes/index.js";

function schemeError(text: string): { reason: string; caret: number; message: string } {
  try {
    parseScheme(text);
  } catch (e) {
    expect(e).toBeInstanceOf(SchemeError);
    expect(e).toBeInstanceOf(UserError);
    const message = (e as Error).message;
    const lines = message.split("\n");
    expect(lines).toHaveLength(3);
    expect(lines[0]).toBe(`scheme "${text}": ${(e as SchemeError).reason}`);
    expect(lines[1]).toBe(`         ${text}`);
    const caret = lines[2].indexOf("^") - 9;
    expect(caret).toBe((e as SchemeError).index);
    return { reason: (e as SchemeError).reason, caret, message };
  }
  throw new Error(`expected "${text}" to be rejected`);
}

describe("parseScheme", () => {
  it("parses the design example into internal units, in canonical order", () => {
    expect(parseScheme("resolution=class, bitrate=log(10%), duration=round(60s)")).toEqual({
      parts: [
        { attribute: "duration", generalizer: { kind: "round", width: 60_000 } },
        { attribute: "bitrate", generalizer: { kind: "log", percent: 10 } },
        { attribute: "resolution", generalizer: { kind: "class" } },
      ],
    });
  });

  it("tolerates whitespace and case", () => {
    expect(parseScheme("  Duration = Round( 60 s ) ,bitrate = floor(1 Mbps)  ")).toEqual(
      parseScheme("duration=round(60s),bitrate=floor(1Mbps)"),
    );
  });

  it("reads every generalizer", () => {
    const g = (s: string) => parseScheme(s).parts[0].generalizer;
    expect(g("duration=exact")).toEqual({ kind: "exact" });
    expect(g("duration=floor(10s)")).toEqual({ kind: "floor", width: 10_000 });
    expect(g("duration=sig(3)")).toEqual({ kind: "sig", digits: 3 });
    expect(g("bitrate=log(12.5%)")).toEqual({ kind: "log", percent: 12.5 });
    expect(g("size=quantile(10)")).toEqual({ kind: "quantile", k: 10 });
    expect(g("bitrate=ladder(1,3,6Mbps)")).toEqual({ kind: "ladder", thresholds: [1000, 3000, 6000] });
    expect(g("bitrate=ladder(500kbps,1,3Mbps)")).toEqual({ kind: "ladder", thresholds: [500, 1000, 3000] });
    expect(g("fps=ladder(24,30,60)")).toEqual({ kind: "ladder", thresholds: [24, 30, 60] });
    expect(g("resolution=height")).toEqual({ kind: "height" });
    expect(g("resolution=round(16px)")).toEqual({ kind: "round", width: 16 });
    expect(g("fps=round(1)")).toEqual({ kind: "round", width: 1 });
    expect(g("size=floor(1.5GiB)")).toEqual({ kind: "floor", width: 1_610_612_736 });
    expect(g("bitrate=round(500bps)")).toEqual({ kind: "round", width: 0.5 });
  });

  it("accepts unit spellings from the unit parser", () => {
    expect(parseScheme("duration=round(1 minute)")).toEqual(parseScheme("duration=round(60000ms)"));
    expect(parseScheme("bitrate=round(1 Mb/s)")).toEqual(parseScheme("bitrate=round(1000kbps)"));
  });

  it("treats drop as not naming the attribute, and none as the empty scheme", () => {
    expect(parseScheme("duration=round(1min),bitrate=drop")).toEqual(parseScheme("duration=round(1min)"));
    expect(parseScheme("none")).toEqual({ parts: [] });
    expect(parseScheme(" NONE ")).toEqual({ parts: [] });
    expect(parseScheme("bitrate=drop")).toEqual({ parts: [] });
  });

  it("parseGeneralizer reads one attribute's generalizer", () => {
    expect(parseGeneralizer("duration", "round(1min)")).toEqual({ kind: "round", width: 60_000 });
    expect(parseGeneralizer("duration", "drop")).toBeNull();
  });
});

describe("scheme errors", () => {
  it("missing unit: the example from the design brief, caret under the number", () => {
    const e = schemeError("duration=round(60)");
    expect(e.message).toBe(
      'scheme "duration=round(60)": missing unit in round(60) — write e.g. round(60s)\n' +
        "         duration=round(60)\n" +
        "                        ^",
    );
  });

  it.each([
    // [scheme, message fragment, caret index]
    ["bitrate=ladder(1,3,6)", "missing unit in ladder(1,3,6) — write e.g. ladder(1,3,6Mbps)", 19],
    ["resolution=floor(16)", "missing unit in floor(16) — write e.g. floor(16px)", 17],
    ["duration=round(5parsec)", 'unknown unit "parsec" in round(5parsec) — duration takes ms, s, min, h', 16],
    ["bitrate=round(5Mbs)", "bitrate takes bps, kbps, Mbps, Gbps", 15],
    ["size=round(1Mb)", "size takes B, KB, MB, GB, TB, KiB, MiB, GiB, TiB", 12],
    ["resolution=round(16p)", 'unknown unit "p" in round(16p) — resolution takes px', 19],
    ["fps=round(1s)", 'fps values take no unit, not "s"', 11],
    ["durration=exact", 'unknown attribute "durration" (did you mean duration?) — expected one of duration, bitrate, resolution, fps, size', 0],
    // codec became an attribute (text, keyed as categories); an unknown one is still refused
    ["duration=exact,audio=exact", 'unknown attribute "audio"', 15],
    ["duration=exact,codec=round(1s)", "round does not apply to codec — codec takes exact", 21],
    ["duration=rund(1s)", 'unknown generalizer "rund" (did you mean round?) — duration takes exact, round(W), floor(W), sig(D), log(P%), quantile(K), ladder(a,b,…), geom(W,scale=S,seed=N), rround(W,seed=N), drop', 9],
    ["bitrate=class", "class does not apply to bitrate (class is only for resolution) — bitrate takes exact, round(W)", 8],
    ["resolution=log(10%)", "log does not apply to resolution — resolution takes exact, round(W), floor(W), class, height, drop", 11],
    ["duration=exact, duration=round(1s)", "duration is named twice", 16],
    ["resolution=round(1.5px)", "resolution widths are whole pixels", 17],
    ["bitrate=log(10)", "log takes a percent — write log(10%)", 14],
    ["bitrate=log(10s)", 'log takes a percent, not "s"', 14],
    ["bitrate=log(0%)", "percent must be positive in log(0%)", 12],
    ["bitrate=log(-5%)", "percent must be positive", 12],
    ["bitrate=round(10%)", '"%" only fits log(P%)', 16],
    ["duration round(1s)", 'missing "=" after duration, found "r"', 9],
    ["duration", 'missing "=" after duration, found the end', 8],
    ["duration=round(1s", 'unbalanced "(" in round(1s — missing ")"', 14],
    ["duration=round(1s))", 'unbalanced ")"', 18],
    ["duration=round(1s) bitrate=exact", 'expected "," between parts, found "b"', 19],
    ["duration=round(1s 2s)", 'unexpected "2"', 18],
    ["duration=exact,", "empty part", 15],
    ["duration=", 'expected a generalizer after "duration=", found the end', 9],
    ["bitrate=ladder(1,3,2Mbps)", "ladder thresholds must increase strictly, but 2Mbps follows 3Mbps in ladder(1,3,2Mbps)", 19],
    ["bitrate=ladder(3Mbps,3000kbps)", "but 3Mbps follows 3Mbps", 21],
    ["duration=round()", "round needs a width, e.g. round(60s)", 15],
    ["duration=round", "round needs a width", 14],
    ["duration=round(1s,2s)", "round takes one argument, not 2", 18],
    ["duration=exact(3)", "exact takes no arguments — write exact", 14],
    ["duration=sig(2.5)", "sig takes a whole number of significant digits from 1 to 15", 13],
    ["duration=sig(16)", "from 1 to 15", 13],
    ["duration=quantile(0)", "quantile takes a positive whole number of buckets", 18],
    ["duration=quantile(4s)", "(no unit)", 19],
    ["none,duration=exact", '"none" must stand alone', 0],
    ["", 'empty scheme — write "none"', 0],
  ])("%s", (text, fragment, caret) => {
    const e = schemeError(text);
    expect(e.reason).toContain(fragment);
    expect(e.caret).toBe(caret);
  });
});
