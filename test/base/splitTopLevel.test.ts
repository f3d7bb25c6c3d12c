import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { splitTopLevel } from "../../src/base/splitTopLevel.js";

describe("splitTopLevel", () => {
  it("splits on commas outside parentheses only, keeping pieces as written", () => {
    expect(splitTopLevel("exact,1s,ladder(1,3Mbps)")).toEqual(["exact", "1s", "ladder(1,3Mbps)"]);
    expect(splitTopLevel("duration=round(1s),resolution=class,bitrate=quantile(4)")).toEqual(["duration=round(1s)", "resolution=class", "bitrate=quantile(4)"]);
    expect(splitTopLevel("a, b,,c")).toEqual(["a", " b", "", "c"]);
    expect(splitTopLevel("")).toEqual([""]);
    expect(splitTopLevel("f(a,(b,c)),d")).toEqual(["f(a,(b,c))", "d"]);
    expect(splitTopLevel("a+b(c+d)", "+")).toEqual(["a", "b(c+d)"]);
  });

  it("a stray ')' does not hide the separators after it", () => {
    expect(splitTopLevel("a),b,c")).toEqual(["a)", "b", "c"]);
  });

  it("joining the pieces with the separator gives the text back; no piece holds a top-level separator", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom("a", ",", "(", ")", " ", "1"), { maxLength: 30 }), (chars) => {
        const text = chars.join("");
        const pieces = splitTopLevel(text);
        expect(pieces.join(",")).toBe(text);
        for (const p of pieces) expect(splitTopLevel(p)).toEqual([p]);
      }),
    );
  });
});
