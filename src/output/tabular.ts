/**
 * Tidy tables (header + rows of cells) rendered as an aligned text table, CSV or
 * JSON lines. Every command's output passes through here.
 */

export type Cell = string | number | null;

export interface Table {
  columns: string[];
  rows: Cell[][];
}

export type OutputFormat = "table" | "csv" | "json";

/** Numbers for people: integers as is, fractions to 4 significant digits (whole numbers from 1000 up). */
export function formatNumber(x: number): string {
  if (Number.isNaN(x)) return "—";
  if (Number.isInteger(x)) return String(x);
  if (x !== 0 && Math.abs(x) < 1e-4) return x.toExponential(2);
  // four significant digits, but never fewer than the integer part (7020456.75 → 7020457)
  if (Math.abs(x) >= 1000) return String(Math.round(x));
  return Number(x.toPrecision(4)).toString();
}

export function renderTextTable(table: Table): string {
  const text = table.rows.map((r) => r.map((c) => (c === null ? "—" : typeof c === "number" ? formatNumber(c) : c)));
  const widths = table.columns.map((h, j) => Math.max(h.length, ...text.map((r) => r[j].length)));
  const numeric = table.columns.map((_, j) => table.rows.length > 0 && table.rows.every((r) => typeof r[j] === "number" || r[j] === null));
  const line = (cells: string[]) =>
    cells
      .map((c, j) => (numeric[j] ? c.padStart(widths[j]) : c.padEnd(widths[j])))
      .join("  ")
      .trimEnd();
  return [line(table.columns), line(widths.map((w) => "-".repeat(w))), ...text.map(line)].join("\n") + "\n";
}

function csvCell(c: Cell): string {
  if (c === null) return "";
  if (typeof c === "number") return Number.isNaN(c) ? "" : String(c);
  return /[",\n\r]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c;
}

/** RFC 4180 CSV with full-precision numbers. */
export function renderCsv(table: Table): string {
  return [table.columns, ...table.rows].map((r) => r.map(csvCell).join(",")).join("\n") + "\n";
}

/** A GitHub-flavoured markdown table; numbers as in the text table, `|` escaped. */
export function renderMarkdownTable(table: Table): string {
  const cell = (c: Cell) => (c === null ? "—" : typeof c === "number" ? formatNumber(c) : c.replace(/\|/g, "\\|"));
  const numeric = table.columns.map((_, j) => table.rows.length > 0 && table.rows.every((r) => typeof r[j] === "number" || r[j] === null));
  return [
    `| ${table.columns.join(" | ")} |`,
    `|${numeric.map((n) => (n ? "---:" : "---")).join("|")}|`,
    ...table.rows.map((r) => `| ${r.map(cell).join(" | ")} |`),
  ].join("\n") + "\n";
}
