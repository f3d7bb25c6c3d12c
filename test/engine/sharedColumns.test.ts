import { describe, expect, it } from "vitest";
import { shareColumns } from "../../src/engine/sharedColumns.js";
import { catalogOf } from "../helpers.js";

describe("shareColumns", () => {
  it("moves numeric columns and title codes into shared memory, values unchanged, once", () => {
    const catalog = catalogOf(["A", "B", "A"], { duration_ms: [1, NaN, 3], height: [720, 1080, null] });
    const before = { d: [...catalog.numeric.duration_ms!], h: [...catalog.numeric.height!], t: [...catalog.titleCodes] };
    shareColumns(catalog);
    expect(catalog.numeric.duration_ms!.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(catalog.numeric.height!.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(catalog.titleCodes.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect([...catalog.numeric.duration_ms!]).toEqual(before.d);
    expect([...catalog.numeric.height!]).toEqual(before.h);
    expect([...catalog.titleCodes]).toEqual(before.t);
    const same = catalog.numeric.duration_ms;
    shareColumns(catalog);
    expect(catalog.numeric.duration_ms).toBe(same);
  });
});
