import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { netflixEngagement, runtimeMinutes } from "../../../../src/sources/registry/recipes/netflixEngagement.js";

const HEAD = ["Title", "Available Globally?", "Release Date", "Hours Viewed", "Runtime", "Views"];

/** A hand-made engagement workbook: sheets in the given order, each with the report's header. */
async function workbook(sheets: [string, unknown[][]][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const [name, rows] of sheets) {
    const ws = wb.addWorksheet(name);
    ws.addRow(HEAD);
    for (const r of rows) ws.addRow(r);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe("netflixEngagement recipe", () => {
  it("writes both reports' sheets in workbook order with report_period, category and runtime_min added", async () => {
    const h2 = await workbook([
      ["Film", [["Leave the World Behind", "Yes", "2023-12-08", 286300000, "2:22", 121000000], ["Lyle, Lyle, Crocodile", "No", null, 9100000, "1:47", 5100000]]],
      ["TV", [["ONE PIECE: Season 1", "Yes", "2023-08-31", 541900000, "7:34", 71600000]]],
    ]);
    const h1 = await workbook([
      ["TV", [[{ richText: [{ text: "Bridgerton: " }, { text: "Season 3" }] }, "Yes", "2024-05-16", 100000, "*", 100000]]],
      ["Film", [["Damsel", "Yes", "2024-03-08", 263700000, "1:50", 143800000]]],
    ]);
    const [p1, p2] = netflixEngagement.inputs;
    const out = await netflixEngagement.derive(new Map([[p1, h2], [p2, h1]]));
    expect(out.get("netflix_engagement_runtime.csv")!.toString("utf8")).toBe(
      "report_period,category,title,available_globally,release_date,hours_viewed,runtime_hmm,runtime_min,views\r\n" +
        "2023H2,Film,Leave the World Behind,Yes,2023-12-08,286300000,2:22,142,121000000\r\n" +
        '2023H2,Film,"Lyle, Lyle, Crocodile",No,,9100000,1:47,107,5100000\r\n' +
        "2023H2,TV,ONE PIECE: Season 1,Yes,2023-08-31,541900000,7:34,454,71600000\r\n" +
        // 2024's workbook lists TV first; "*" is Netflix's no-runtime mark: no minutes
        "2024H1,TV,Bridgerton: Season 3,Yes,2024-05-16,100000,*,,100000\r\n" +
        "2024H1,Film,Damsel,Yes,2024-03-08,263700000,1:50,110,143800000\r\n",
    );
  });

  it("refuses a workbook whose sheets or header are not the report's", async () => {
    const [p1, p2] = netflixEngagement.inputs;
    const ok = await workbook([["Film", []], ["TV", []]]);
    const films = await workbook([["Films", []], ["TV", []]]);
    await expect(netflixEngagement.derive(new Map([[p1, films], [p2, ok]]))).rejects.toThrow(/sheets Films, TV, expected Film and TV/);
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Film").addRow(["Name", ...HEAD.slice(1)]);
    wb.addWorksheet("TV").addRow(HEAD);
    const renamed = Buffer.from(await wb.xlsx.writeBuffer());
    await expect(netflixEngagement.derive(new Map([[p1, renamed], [p2, ok]]))).rejects.toThrow(/sheet Film: header is not Title, Available Globally\?/);
  });

  it("runtimeMinutes: h*60 + m of h:mm; * or empty is no runtime; anything else is refused", () => {
    expect(runtimeMinutes("2:22")).toBe(142n);
    expect(runtimeMinutes("0:44")).toBe(44n);
    expect(runtimeMinutes("12:05")).toBe(725n);
    expect(runtimeMinutes("*")).toBeNull();
    expect(runtimeMinutes("")).toBeNull();
    expect(() => runtimeMinutes("2:75")).toThrow(/not h:mm/);
    expect(() => runtimeMinutes("142")).toThrow(/not h:mm/);
  });
});
