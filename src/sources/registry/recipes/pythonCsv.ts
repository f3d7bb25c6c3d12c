/**
 * CSV exactly as Python's `csv.writer` writes it with its defaults (the tool four of
 * the derived datasets were written with), so a recipe reproduces their bytes:
 *
 *   - QUOTE_MINIMAL: a field is quoted only when it holds the delimiter `,`, a quote
 *     `"` (doubled inside), or a line-break character `\r` / `\n`; a row that is one
 *     empty field is written `""` (an empty line would read back as no row);
 *   - every row ends in `\r\n` (the default `lineterminator`);
 *   - values as `str()` makes them: None → empty, integers (bigint) as digits,
 *     floats as `repr(float)` (`0.99`, `1.0`, `1e+16`, `1.5e-05`), True/False.
 *
 *   pythonCsv([["a", 1n, 0.99], ["x,y", null, 2]])   // 'a,1,0.99\r\n"x,y",,2.0\r\n'
 */

/** A value as Python's csv module receives it: number is a Python float, bigint a Python int. */
export type PyValue = string | number | bigint | boolean | null | undefined;

export function pythonCsv(rows: Iterable<readonly PyValue[]>): string {
  let out = "";
  for (const row of rows) out += pythonCsvLine(row);
  return out;
}

export function pythonCsvLine(row: readonly PyValue[]): string {
  if (row.length === 1 && pyStr(row[0]) === "") return '""\r\n';
  return row.map((v) => quoteMinimal(pyStr(v))).join(",") + "\r\n";
}

function quoteMinimal(s: string): string {
  return /[,"\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** `str(v)` for the values a csv row holds. */
export function pyStr(v: PyValue): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "string") return v;
  if (typeof v === "bigint") return v.toString();
  if (typeof v === "boolean") return v ? "True" : "False";
  return pythonFloatRepr(v);
}

/**
 * `repr(x)` of a Python float: the shortest digits that read back to the same double
 * (as JavaScript's), in fixed notation when the decimal exponent e is in [-4, 16),
 * else `d.ddde±XX` (at least two exponent digits); an integral value keeps `.0`.
 *
 *   pythonFloatRepr(0.99) = "0.99"   pythonFloatRepr(3) = "3.0"   pythonFloatRepr(1e16) = "1e+16"
 *   pythonFloatRepr(0.0001) = "0.0001"   pythonFloatRepr(0.00001) = "1e-05"
 */
export function pythonFloatRepr(x: number): string {
  if (Number.isNaN(x)) return "nan";
  if (!Number.isFinite(x)) return x > 0 ? "inf" : "-inf";
  if (x === 0) return Object.is(x, -0) ? "-0.0" : "0.0";
  const sign = x < 0 ? "-" : "";
  const [mant, expText] = Math.abs(x).toExponential().split("e");
  const digits = mant.replace(".", "");
  const e = Number(expText);
  if (e >= -4 && e < 16) {
    if (e < 0) return `${sign}0.${"0".repeat(-e - 1)}${digits}`;
    const intPart = digits.slice(0, e + 1).padEnd(e + 1, "0");
    const frac = digits.slice(e + 1);
    return `${sign}${intPart}.${frac || "0"}`;
  }
  const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
  return `${sign}${m}e${e < 0 ? "-" : "+"}${String(Math.abs(e)).padStart(2, "0")}`;
}
