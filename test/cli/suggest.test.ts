import { describe, expect, it } from "vitest";
import { closest, editDistance } from "../../src/cli/suggest.js";

describe("suggestions", () => {
  it("edit distance counts insertions, deletions, substitutions and swaps", () => {
    expect(editDistance("evalute", "evaluate")).toBe(1);
    expect(editDistance("sweep", "swepe")).toBe(1);
    expect(editDistance("kitten", "sitting")).toBe(3);
    expect(editDistance("", "abc")).toBe(3);
  });
  it("suggests a near name, or nothing for a different word", () => {
    expect(closest("redact-title", ["redact-titles", "salt", "scheme"])).toBe("redact-titles");
    expect(closest("frobnicate", ["format", "out", "scheme"])).toBeUndefined();
    expect(closest("inspct", ["inspect", "evaluate"])).toBe("inspect");
  });
});
