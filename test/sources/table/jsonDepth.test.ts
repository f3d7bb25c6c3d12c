import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { jsonTooDeep, MAX_JSON_DEPTH } from "../../../src/sources/table/jsonDepth.js";

/** Depth by brute force: parse, then walk the value (fine for the small values generated here). */
function depthOf(v: unknown): number {
  if (v === null || typeof v !== "object") return 0;
  const children = Array.isArray(v) ? v : Object.values(v);
  return 1 + Math.max(0, ...children.map(depthOf));
}

describe("jsonTooDeep", () => {
  it("finds the first place past the limit, with its line; brackets inside strings do not count", () => {
    expect(jsonTooDeep('[{"a": [[1]]}]', 3)).toEqual({ line: 1, depth: 4 });
    expect(jsonTooDeep('[{"a": [[1]]}]', 4)).toBeUndefined();
    expect(jsonTooDeep('[\n{"a": "[[[[[[\\"[[["}\n]', 2)).toBeUndefined();
    expect(jsonTooDeep("[\n[\n[1]]]", 2)).toEqual({ line: 3, depth: 3 });
    expect(jsonTooDeep("[".repeat(10_000))).toEqual({ line: 1, depth: MAX_JSON_DEPTH + 1 });
  });
  it("agrees with the parsed value's depth on random JSON", () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), fc.integer({ min: 0, max: 7 }), (value, limit) => {
        const text = JSON.stringify(value);
        expect(jsonTooDeep(text, limit) === undefined).toBe(depthOf(value) <= limit);
      }),
      { numRuns: 300 },
    );
  });
});
