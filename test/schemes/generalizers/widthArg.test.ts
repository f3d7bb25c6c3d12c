import { describe, expect, it } from "vitest";
import { parseGeneralizer, parseScheme, SchemeError } from "../../../src/schemes/parse.js";

describe("the width argument of round, floor, geom and rround", () => {
  it("reads a positive width in internal units", () => {
    expect(parseGeneralizer("duration", "round(1min)")).toEqual({ kind: "round", width: 60000 });
    expect(parseGeneralizer("bitrate", "floor(0.5Mbps)")).toEqual({ kind: "floor", width: 500 });
    expect(parseGeneralizer("resolution", "round(16px)")).toEqual({ kind: "round", width: 16 });
    expect(parseGeneralizer("fps", "floor(0.1)")).toEqual({ kind: "floor", width: 0.1 });
    expect(parseGeneralizer("duration", "rround(10s,seed=1)")).toEqual({ kind: "rround", width: 10000, seed: 1, mode: "memo" });
  });

  it.each([
    ["duration=round(0s)", "width must be positive in round(0s)", 15],
    ["duration=floor(-5s)", "width must be positive in floor(-5s)", 15],
    ["fps=round(0)", "width must be positive in round(0)", 10],
    ["duration=geom(0s,scale=1,seed=1)", "width must be positive in geom(0s,scale=1,seed=1)", 14],
    ["bitrate=rround(-1kbps,seed=1)", "width must be positive in rround(-1kbps,seed=1)", 15],
  ])("%s → %s", (scheme, message, caret) => {
    let err: unknown;
    try {
      parseScheme(scheme);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(SchemeError);
    expect((err as SchemeError).message).toContain(message);
    expect((err as SchemeError).index).toBe(caret);
  });
});
