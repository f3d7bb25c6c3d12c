/**
 * Tidy tables (header + rows of cells) rendered as an aligned text table, CSV or
 * markdown. Every command's output passes through here, line by line: a table whose
 * rows are produced on demand (`RowSource`, e.g. a catalog read by index) is written
 * without ever holding all of its rows or its text — 50 million catalog items print
 * in flat memory. `renderCsv` & co. join the same lines for small tables.
 */

export type Cell = string | number | null;

export interface Table {
  columns: string[];
  rows: Cell[][];
}

/**
 * A table whose rows can be walked more than once without being kept: the aligned
 * text table walks them twice (column widths, then the lines).
 */
export interface RowSource {
  columns: string[];
  rows(): Iterable<Cell[]>;
}

export type OutputFormat = "table" | "csv" | "json";

export const rowSource = (table: Table): RowSource => ({ columns: table.columns, rows: () => table.rows });

/** Numbers for people: integers as is, fractions to 4 significant digits (whole numbers from 1000 up). */
export function formatNumber(x: number): string {
  if (Number.isNaN(x)) return "—";
  if (Number.isInteger(x)) return String(x);
  if (x !== 0 && Math.abs(x) < 1e-4) return x.toExponential(2);
  // four significant digits, but never fewer than the integer part (7020456.75 → 7020457)
  if (Math.abs(x) >= 1000) return String(Math.round(x));
  return Number(x.toPrecision(4)).toString();
}

const textCell = (c: Cell) => (c === null ? "—" : typeof c === "number" ? formatNumber(c) : c);

/** Lines of an aligned text table (each ending in "\n"); numeric columns right-aligned. */
export function* textTableLines(table: RowSource): Generator<string> {
  const widths = table.columns.map((h) => h.length);
  const numeric = table.columns.map(() => true);
  let any = false;
  for (const r of table.rows()) {
    any = true;
    for (let j = 0; j < widths.length; j++) {
      const c = r[j];
      if (typeof c !== "number" && c !== null) numeric[j] = false;
      const w = textCell(c).length;
      if (w > widths[j]) widths[j] = w;
    }
  }
  if (!any) numeric.fill(false);
  const line = (cells: string[]) =>
    cells
      .map((c, j) => (numeric[j] ? c.padStart(widths[j]) : c.padEnd(widths[j])))
      .join("  ")
      .trimEnd() + "\n";
  yield line(table.columns);
  yield line(widths.map((w) => "-".repeat(w)));
  for (const r of table.rows()) yield line(r.map(textCell));
}

function csvCell(c: Cell): string {
  if (c === null) return "";
  if (typeof c === "number") return Number.isNaN(c) ? "" : String(c);
  return /[",\n\r]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c;
}

export const csvLine = (cells: Cell[]) => cells.map(csvCell).join(",") + "\n";

/** RFC 4180 CSV with full-precision numbers, one line per row. */
export function* csvLines(table: RowSource): Generator<string> {
  yield csvLine(table.columns);
  for (const r of table.rows()) yield csvLine(r);
}

/** A GitHub-flavoured markdown table; numbers as in the text table, `|` escaped. */
export function* markdownLines(table: RowSource): Generator<string> {
  const cell = (c: Cell) => (c === null ? "—" : typeof c === "number" ? formatNumber(c) : c.replace(/\|/g, "\\|"));
  const numeric = table.columns.map(() => true);
  let any = false;
  for (const r of table.rows()) {
    any = true;
    r.forEach((c, j) => {
      if (typeof c !== "number" && c !== null) numeric[j] = false;
    });
  }
  yield `| ${table.columns.join(" | ")} |\n`;
  yield `|${numeric.map((n) => (any && n ? "---:" : "---")).join("|")}|\n`;
  for (const r of table.rows()) yield `| ${r.map(cell).join(" | ")} |\n`;
}

const join = (lines: Iterable<string>) => Array.from(lines).join("");

export const renderTextTable = (table: Table): string => join(textTableLines(rowSource(table)));
export const renderCsv = (table: Table): string => join(csvLines(rowSource(table)));
export const renderMarkdownTable = (table: Table): string => join(markdownLines(rowSource(table)));
