import { describe, expect, it } from "vitest";
import { evaluate } from "../../src/measures/evaluate.js";
import { toDataFrame } from "../../src/output/dataframe.js";
import { catalogOf } from "../helpers.js";

describe("toDataFrame (notebook edge)", () => {
  it("one row per scheme, metric columns intact", () => {
    const cat = catalogOf(["A", "B", "C"], { duration_ms: [1000, 1000, 2000] });
    const df = toDataFrame(evaluate(cat, ["duration=exact", "none"]));
    expect(df.shape[0]).toBe(2);
    expect(df.column("title_unique_fraction").values).toEqual([1 / 3, 0]);
    expect(df.column("duration").values).toEqual(["exact", "—"]);
  });
});
