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

/** A terminal is at least this wide: tables for people are fitted to it. */
export const TERMINAL_WIDTH = 120;

export interface FitOptions {
  /** Width to fit (default TERMINAL_WIDTH). */
  width?: number;
  /** Longer text cells are cut to this many characters, ending in "…". */
  maxCell?: number;
  /** Column names in order of importance; the table keeps a prefix of them that fits (default: left to right). */
  priority?: readonly string[];
}

/**
 * A table for a terminal: long text cells cut, then the most important columns that fit
 * in `width`, shown in their usual order; `left` names the columns left out. Walks the
 * rows once to measure (the result is still a RowSource, walked again to print).
 *
 * Example: columns a (width 50), b (width 50), c (width 50) with priority [c, a, b] in 120
 * columns keep c and a (50 + 2 + 50 = 102), shown as a, c; left = [b].
 */
export function fitToWidth(table: RowSource, options: FitOptions = {}): { table: RowSource; left: string[] } {
  const width = options.width ?? TERMINAL_WIDTH;
  const maxCell = options.maxCell ?? Infinity;
  const cut = (c: Cell): Cell => (typeof c === "string" && c.length > maxCell ? `${c.slice(0, maxCell - 1)}…` : c);
  const widths = table.columns.map((h) => h.length);
  for (const r of table.rows()) {
    for (let j = 0; j < widths.length; j++) {
      const w = textCell(cut(r[j])).length;
      if (w > widths[j]) widths[j] = w;
    }
  }
  const order = (options.priority ?? table.columns).map((c) => table.columns.indexOf(c)).filter((j) => j >= 0);
  for (let j = 0; j < table.columns.length; j++) if (!order.includes(j)) order.push(j);
  const kept = new Set<number>();
  let used = -2;
  for (const j of order) {
    if (kept.size > 0 && used + 2 + widths[j] > width) break;
    kept.add(j);
    used += 2 + widths[j];
  }
  const keep = table.columns.map((_, j) => j).filter((j) => kept.has(j));
  return {
    table: {
      columns: keep.map((j) => table.columns[j]),
      *rows() {
        for (const r of table.rows()) yield keep.map((j) => cut(r[j]));
      },
    },
    left: table.columns.filter((_, j) => !kept.has(j)),
  };
}

/** Prose broken at spaces into lines of at most `width` characters (a longer word stays whole). */
export function wrapText(text: string, width = TERMINAL_WIDTH): string {
  const lines: string[] = [];
  let line = "";
  for (const w of text.split(" ")) {
    if (line && line.length + 1 + w.length > width) {
      lines.push(line);
      line = w;
    } else line = line ? `${line} ${w}` : w;
  }
  lines.push(line);
  return lines.join("\n");
}

/** "(not shown to fit 120 columns: a, b; …)" broken into lines of at most `width` characters. */
export function leftOutNote(left: readonly string[], hint: string, width = TERMINAL_WIDTH): string {
  if (left.length === 0) return "";
  return wrapText(`(not shown to fit ${width} columns: ${left.join(", ")}; ${hint})`, width) + "\n";
}
