import { parse } from "csv-parse/sync";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { pyStr, pythonCsv, pythonCsvLine, pythonFloatRepr } from "../../../../src/sources/registry/recipes/pythonCsv.js";

describe("pythonCsv: Python's csv.writer with its defaults", () => {
  it("quotes only fields holding a comma, a quote or a line break, and ends rows in CRLF", () => {
    // Python: csv.writer(f).writerow(["a", "x,y", 'say "hi"', "two\nlines", "cr\r", " pad ", ""])
    expect(pythonCsvLine(["a", "x,y", 'say "hi"', "two\nlines", "cr\r", " pad ", ""])).toBe('a,"x,y","say ""hi""","two\nlines","cr\r", pad ,\r\n');
    expect(pythonCsv([["h1", "h2"], ["1", "2"]])).toBe("h1,h2\r\n1,2\r\n");
  });

  it("writes a row of one empty field as \"\" so it reads back as a row", () => {
    expect(pythonCsvLine([""])).toBe('""\r\n');
    expect(pythonCsvLine([null])).toBe('""\r\n');
    expect(pythonCsvLine(["", ""])).toBe(",\r\n");
  });

  it("prints values as str() does: None empty, ints as digits, floats as repr, booleans as True/False", () => {
    expect(pythonCsvLine([null, undefined, 12n, -3n, 0.99, 2, true, false])).toBe(",,12,-3,0.99,2.0,True,False\r\n");
    expect(pyStr(1954n)).toBe("1954");
  });

  it("repr(float): shortest digits, fixed for exponents in [-4, 16), else d.ddde±XX", () => {
    const cases: [number, string][] = [
      [0.99, "0.99"],
      [3, "3.0"],
      [-2.5, "-2.5"],
      [0, "0.0"],
      [-0, "-0.0"],
      [0.0001, "0.0001"],
      [0.00001, "1e-05"],
      [1.5e-7, "1.5e-07"],
      [123456789012345.6, "123456789012345.6"],
      [1e15, "1000000000000000.0"],
      [1e16, "1e+16"],
      [1.2345e20, "1.2345e+20"],
      [1e100, "1e+100"],
      [0.1 + 0.2, "0.30000000000000004"],
      [NaN, "nan"],
      [Infinity, "inf"],
      [-Infinity, "-inf"],
    ];
    for (const [x, repr] of cases) expect(pythonFloatRepr(x), String(x)).toBe(repr);
  });

  it("repr(float) reads back to the same double (property)", () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        const r = pythonFloatRepr(x);
        expect(Object.is(Number(r), x) || (x === 0 && Number(r) === 0)).toBe(true);
        // always has a point or an exponent, as Python's repr of a float does
        expect(r).toMatch(/[.e]/);
      }),
    );
  });

  it("any rows of strings read back field for field with a strict CSV parser (property)", () => {
    const field = fc.string({ unit: fc.constantFrom("a", "b", ",", '"', "\n", "\r", " ", "é") });
    fc.assert(
      fc.property(fc.array(fc.array(field, { minLength: 2, maxLength: 4 }), { minLength: 1, maxLength: 5 }), (rows) => {
        const back = parse(pythonCsv(rows), { relax_column_count: true, record_delimiter: "\r\n" }) as string[][];
        expect(back).toEqual(rows);
      }),
    );
  });
});
