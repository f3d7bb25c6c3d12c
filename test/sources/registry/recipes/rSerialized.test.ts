import { describe, expect, it } from "vitest";
import { NA_INTEGER, readRData, readSerialized } from "../../../../src/sources/registry/recipes/rSerialized.js";
import { charsxp, dataFrame, ints, list, NA_INT, rdata, reals, strs } from "./rdataBytes.js";

describe("readRData: R's XDR serialization", () => {
  it("reads a data frame's columns, NAs and attributes", () => {
    const bytes = rdata([
      [
        "movies",
        dataFrame(
          [
            ["title", strs(["$", null, "Amélie"])],
            ["year", ints([1971, NA_INT, 2001])],
            ["rating", reals([6.4, null, NaN])],
            ["flag", ints([1, 0, NA_INT], undefined, true)],
          ],
          3,
        ),
      ],
    ]);
    const { version, objects } = readRData(bytes);
    expect(version).toBe(2);
    expect([...objects.keys()]).toEqual(["movies"]);
    const frame = objects.get("movies")!;
    if (frame.kind !== "list") throw new Error("expected a list");
    expect(frame.attributes.get("names")).toMatchObject({ kind: "character", values: ["title", "year", "rating", "flag"] });
    expect(frame.attributes.get("class")).toMatchObject({ values: ["tbl_df", "tbl", "data.frame"] });
    const [title, year, rating, flag] = frame.values;
    expect(title).toMatchObject({ kind: "character", values: ["$", null, "Amélie"] });
    expect(year.kind).toBe("integer");
    expect(Array.from((year as { values: Int32Array }).values)).toEqual([1971, NA_INTEGER, 2001]);
    // NA_real_ and NaN are both NaN in JavaScript; the reader tells them apart
    if (rating.kind !== "double") throw new Error("expected doubles");
    expect(rating.values[0]).toBe(6.4);
    expect(Array.from(rating.na)).toEqual([0, 1, 0]);
    expect(Number.isNaN(rating.values[2])).toBe(true);
    expect(flag.kind).toBe("logical");
  });

  it("decodes latin1-marked strings and nested lists", () => {
    const bytes = rdata([["x", list([strs(["a"]), (w) => charsxp("café", true)(w)])]]);
    const x = readRData(bytes).objects.get("x")!;
    if (x.kind !== "list") throw new Error("expected a list");
    expect(x.values[1]).toMatchObject({ kind: "character", values: ["café"] });
  });

  it("refuses what it does not read, by name", () => {
    expect(() => readRData(Buffer.from("RDA2\nA\n"))).toThrow(/not an R data file/);
    expect(() => readSerialized(Buffer.from("A\n\0\0\0\x02"))).toThrow(/not XDR/);
    const closure = Buffer.concat([rdata([]).subarray(0, 19), Buffer.from([0, 0, 4, 2, 0, 0, 0, 1]), Buffer.from("\0\0\0\x09\0\0\0\x01f"), Buffer.from([0, 0, 0, 3])]);
    expect(() => readRData(closure)).toThrow(/unsupported item type 3 \(closure\)/);
    const truncated = rdata([["v", ints([1, 2, 3])]]);
    expect(() => readRData(truncated.subarray(0, truncated.length - 10))).toThrow(/ends early/);
  });
});
