/**
 * A data frame written exactly as R's `write.csv(df, row.names = FALSE)` writes it:
 *
 *   - a header of the quoted column names, then one line per row, each ending `\n`;
 *   - character values and factor labels quoted, an inner `"` doubled; NA unquoted;
 *   - integers as digits, logicals as TRUE / FALSE, NA as `NA`;
 *   - doubles as R prints them with 15 significant digits (`formatReal`, one value at
 *     a time): the fewest digits (≤ 15) that show the value at that precision, in
 *     fixed notation unless scientific is narrower — 6.4 → `6.4`, 1e6 → `1e+06`,
 *     123456 → `123456`, 0.1 + 0.2 → `0.3`, 1e-15 → `1e-15`.
 *
 *   rWriteCsv(frame)   // '"title","year"\n"$",1971\n'
 */
import { NA_INTEGER, type RObject } from "./rSerialized.js";

/** A double as `write.csv` prints it (R's formatReal with digits = 15, scipen = 0). */
export function formatRDouble(x: number): string {
  if (Number.isNaN(x)) return "NaN"; // NA_real_ is told apart by the reader (rSerialized.ts)
  if (!Number.isFinite(x)) return x > 0 ? "Inf" : "-Inf";
  if (x === 0) return "0";
  const neg = x < 0 ? 1 : 0;
  const [mant, expText] = Math.abs(x).toExponential(14).split("e");
  const kpower = Number(expText);
  const nsig = mant.replace(".", "").replace(/0+$/, "").length;
  // fixed: digits left of the point, and the decimals needed for nsig significant digits
  const left = kpower + 1;
  const rgt = Math.max(0, nsig - kpower - 1);
  const widthFixed = neg + (left <= 0 ? 1 : left) + rgt + (rgt > 0 ? 1 : 0);
  const d = nsig - 1;
  const widthSci = neg + (d > 0 ? 1 : 0) + d + 4 + (Math.abs(kpower) >= 100 ? 2 : 1);
  if (widthFixed <= widthSci) return x.toFixed(rgt);
  const [m, e] = x.toExponential(d).split("e");
  const exp = Number(e);
  return `${m}e${exp < 0 ? "-" : "+"}${String(Math.abs(exp)).padStart(2, "0")}`;
}

function quote(s: string): string {
  return `"${s.replaceAll('"', '""')}"`;
}

/** One column's values as text, ready to join. */
function columnText(col: RObject, name: string): string[] {
  switch (col.kind) {
    case "character":
      return col.values.map((v) => (v === null ? "NA" : quote(v)));
    case "logical":
      return Array.from(col.values, (v) => (v === NA_INTEGER ? "NA" : v ? "TRUE" : "FALSE"));
    case "integer": {
      const levels = col.attributes.get("levels");
      if (levels?.kind === "character") return Array.from(col.values, (v) => (v === NA_INTEGER ? "NA" : quote(levels.values[v - 1] ?? "NA")));
      return Array.from(col.values, (v) => (v === NA_INTEGER ? "NA" : String(v)));
    }
    case "double":
      return Array.from(col.values, (v, i) => (col.na[i] ? "NA" : formatRDouble(v)));
    default:
      throw new Error(`column ${name} is a ${col.kind}, which write.csv does not write as one column`);
  }
}

/** The CSV text of a data frame (an R list with `names` and equal-length columns). */
export function rWriteCsv(frame: RObject): string {
  if (frame.kind !== "list") throw new Error(`expected a data frame, got a ${frame.kind}`);
  const names = frame.attributes.get("names");
  const cls = frame.attributes.get("class");
  if (names?.kind !== "character" || cls?.kind !== "character" || !cls.values.includes("data.frame")) throw new Error("expected a data frame (a list with names and class data.frame)");
  const columns = frame.values.map((c, i) => columnText(c, names.values[i] ?? `V${i + 1}`));
  const rows = columns[0]?.length ?? 0;
  if (columns.some((c) => c.length !== rows)) throw new Error("the data frame's columns differ in length");
  const lines = [names.values.map((n) => quote(n ?? "NA")).join(",")];
  for (let r = 0; r < rows; r++) lines.push(columns.map((c) => c[r]).join(","));
  return lines.join("\n") + "\n";
}
