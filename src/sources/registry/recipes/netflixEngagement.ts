/**
 * netflix-engagement-2023-2024: Netflix's two "What We Watched" engagement workbooks
 * (Jul–Dec 2023, Jan–Jun 2024), their sheets Film and TV in workbook order (2023: Film,
 * TV; 2024: TV, Film), written as one CSV in that order with three added columns: `report_period` (2023H2 / 2024H1), `category` (the sheet
 * name) and `runtime_min` (= h·60 + m of the published `h:mm` runtime). Every other
 * value is copied as the workbook holds it; written as Python's csv module writes it
 * (pythonCsv.ts). The workbooks are read with exceljs.
 *
 *   sheet Film, row: Leave the World Behind | Yes | 2023-12-08 | 286300000 | 2:22 | 121000000
 *   → 2023H2,Film,Leave the World Behind,Yes,2023-12-08,286300000,2:22,142,121000000
 */
import type { Recipe } from "./recipe.js";
import { pythonCsv, type PyValue } from "./pythonCsv.js";

const FOLDER = "src/main/resources/reports/";
const REPORTS = [
  { path: `${FOLDER}What_We_Watched_A_Netflix_Engagement_Report_2023Jul-Dec.xlsx`, period: "2023H2" },
  { path: `${FOLDER}What_We_Watched_A_Netflix_Engagement_Report_2024Jan-Jun.xlsx`, period: "2024H1" },
];
const SHEETS = ["Film", "TV"];
const OUTPUT = "netflix_engagement_runtime.csv";

const HEADER = ["report_period", "category", "title", "available_globally", "release_date", "hours_viewed", "runtime_hmm", "runtime_min", "views"];
/** The workbook's own header, in the order of its columns A–F. */
const SHEET_HEADER = ["Title", "Available Globally?", "Release Date", "Hours Viewed", "Runtime", "Views"];

/**
 * Minutes of a published `h:mm` runtime ("2:22" → 142). Netflix prints `*` where it
 * publishes no runtime (359 rows): no minutes then, and `runtime_hmm` keeps the `*`.
 */
export function runtimeMinutes(hmm: string): bigint | null {
  if (hmm === "*" || hmm === "") return null;
  const m = /^(\d+):([0-5]\d)$/.exec(hmm);
  if (!m) throw new Error(`runtime "${hmm}" is not h:mm`);
  return BigInt(Number(m[1]) * 60 + Number(m[2]));
}

/** A cell's value as the workbook stores it: shared or inline text (rich text joined), or a number. */
function cellText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number") return String(value);
  if (typeof value === "object" && "richText" in value) return (value as { richText: { text: string }[] }).richText.map((r) => r.text).join("");
  throw new Error(`unexpected cell value ${JSON.stringify(value)}`);
}

export const netflixEngagement: Recipe = {
  inputs: REPORTS.map((r) => r.path),
  outputs: [OUTPUT],
  async derive(inputs) {
    const { default: ExcelJS } = await import("exceljs");
    const rows: PyValue[][] = [HEADER];
    for (const report of REPORTS) {
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(inputs.get(report.path)!);
      const names = workbook.worksheets.map((w) => w.name);
      if ([...names].sort().join() !== SHEETS.join()) throw new Error(`${report.path}: sheets ${names.join(", ")}, expected ${SHEETS.join(" and ")}`);
      for (const sheet of workbook.worksheets) {
        const name = sheet.name;
        const cells: string[][] = [];
        sheet.eachRow({ includeEmpty: false }, (row) => {
          cells.push(SHEET_HEADER.map((_, i) => cellText(row.getCell(i + 1).value)));
        });
        if (cells[0]?.join("\t") !== SHEET_HEADER.join("\t")) throw new Error(`${report.path} sheet ${name}: header is not ${SHEET_HEADER.join(", ")}`);
        for (const [title, globally, released, hours, runtime, views] of cells.slice(1)) {
          rows.push([report.period, name, title, globally, released, hours, runtime, runtimeMinutes(runtime), views]);
        }
      }
    }
    return new Map([[OUTPUT, Buffer.from(pythonCsv(rows), "utf8")]]);
  },
};
