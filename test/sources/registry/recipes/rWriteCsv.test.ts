import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { NA_INTEGER, type RObject } from "../../../../src/sources/registry/recipes/rSerialized.js";
import { formatRDouble, rWriteCsv } from "../../../../src/sources/registry/recipes/rWriteCsv.js";

const none = () => new Map<string, RObject>();
const chr = (values: (string | null)[], attributes = none()): RObject => ({ kind: "character", values, attributes });
const int = (values: number[], attributes = none()): RObject => ({ kind: "integer", values: Int32Array.from(values), attributes });
const dbl = (values: number[], na: number[] = []): RObject => ({ kind: "double", values: Float64Array.from(values), na: Uint8Array.from(values, (_, i) => (na.includes(i) ? 1 : 0)), attributes: none() });
const frame = (cols: [string, RObject][]): RObject => ({
  kind: "list",
  values: cols.map(([, c]) => c),
  attributes: new Map([
    ["names", chr(cols.map(([n]) => n))],
    ["class", chr(["data.frame"])],
  ]),
});

describe("rWriteCsv: write.csv(df, row.names = FALSE)", () => {
  it("formats doubles as R prints them with 15 significant digits", () => {
    // each expected value is what R 4.x's write.csv prints for the double
    const cases: [number, string][] = [
      [6.4, "6.4"],
      [14.5, "14.5"],
      [0, "0"],
      [100, "100"],
      [123456, "123456"],
      [100000, "1e+05"], // fixed "100000" (6) is wider than "1e+05" (5)
      [1e6, "1e+06"],
      [1500000, "1500000"], // "1.5e+06" (7) is as wide: fixed wins ties
      [0.001, "0.001"],
      [0.0001, "1e-04"],
      [0.1 + 0.2, "0.3"], // 15 significant digits hide the binary error
      [1 / 3, "0.333333333333333"],
      [2 / 3, "0.666666666666667"],
      [-2.5, "-2.5"],
      [1e15, "1e+15"],
      [123456789.123, "123456789.123"],
      [1e-15, "1e-15"],
      [1.5e300, "1.5e+300"],
      [Infinity, "Inf"],
      [-Infinity, "-Inf"],
      [NaN, "NaN"],
    ];
    for (const [x, text] of cases) expect(formatRDouble(x), String(x)).toBe(text);
  });

  it("a printed double reads back to the value within 15 significant digits (property)", () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e300, max: 1e300 }), (x) => {
        const back = Number(formatRDouble(x));
        expect(Math.abs(back - x)).toBeLessThanOrEqual(Math.abs(x) * 1e-14);
      }),
    );
  });

  it("quotes names, strings and factor labels, writes NA unquoted, ends lines in LF", () => {
    const factorLevels = new Map<string, RObject>([["levels", chr(["PG", "R"])], ["class", chr(["factor"])]]);
    const csv = rWriteCsv(
      frame([
        ["title", chr(['Say "Hi"', "$1,000", null])],
        ["year", int([1971, NA_INTEGER, 2000])],
        ["rating", dbl([6.4, 0, 1e6], [1])],
        ["mpaa", int([2, NA_INTEGER, 1], factorLevels)],
        ["short", { kind: "logical", values: Int32Array.from([1, 0, NA_INTEGER]), attributes: none() }],
      ]),
    );
    expect(csv).toBe('"title","year","rating","mpaa","short"\n"Say ""Hi""",1971,6.4,"R",TRUE\n"$1,000",NA,NA,NA,FALSE\nNA,2000,1e+06,"PG",NA\n');
  });

  it("refuses what is not a data frame", () => {
    expect(() => rWriteCsv(chr(["a"]))).toThrow(/expected a data frame/);
    expect(() => rWriteCsv({ kind: "list", values: [], attributes: new Map([["names", chr([])]]) })).toThrow(/class data.frame/);
    expect(() => rWriteCsv(frame([["a", int([1, 2])], ["b", int([1])]]))).toThrow(/differ in length/);
    expect(() => rWriteCsv(frame([["a", { kind: "list", values: [], attributes: none() }]]))).toThrow(/column a is a list/);
  });
});
