import { describe, expect, it } from "vitest";
import { csvLines, fitToWidth, leftOutNote, wrapText, markdownLines, renderCsv, renderMarkdownTable, renderTextTable, textTableLines, type Cell } from "../../src/output/tabular.js";

describe("tables line by line", () => {
  it("a row source is walked lazily: the CSV of a generated table equals the joined one", () => {
    let made = 0;
    const source = {
      columns: ["i", "sq"],
      *rows(): Generator<Cell[]> {
        for (let i = 0; i < 3; i++) {
          made++;
          yield [i, i * i];
        }
      },
    };
    const lines = csvLines(source);
    expect(lines.next().value).toBe("i,sq\n");
    expect(made).toBe(0); // nothing generated before it is asked for
    expect([...lines].join("")).toBe("0,0\n1,1\n2,4\n");
  });

  it("the aligned table walks the rows twice (widths, then lines) and matches renderTextTable", () => {
    const rows: Cell[][] = [["a", 1], ["bbbb", 22.5], [null, null]];
    let walks = 0;
    const text = [...textTableLines({ columns: ["s", "n"], rows: () => (walks++, rows) })].join("");
    expect(walks).toBe(2);
    expect(text).toBe(renderTextTable({ columns: ["s", "n"], rows }));
    expect(text).toBe("s        n\n----  ----\na        1\nbbbb  22.5\n—        —\n");
  });

  it("markdown lines match renderMarkdownTable; an empty table has no numeric columns", () => {
    const rows: Cell[][] = [["a|b", 1]];
    expect([...markdownLines({ columns: ["s", "n"], rows: () => rows })].join("")).toBe(renderMarkdownTable({ columns: ["s", "n"], rows }));
    expect(renderMarkdownTable({ columns: ["s", "n"], rows })).toBe("| s | n |\n|---|---:|\n| a\\|b | 1 |\n");
    expect(renderMarkdownTable({ columns: ["s"], rows: [] })).toBe("| s |\n|---|\n");
    expect(renderCsv({ columns: ["s"], rows: [] })).toBe("s\n");
  });
});

describe("fitting a terminal", () => {
  const wide = { columns: ["a", "b", "c"], rows: () => [["x".repeat(50), "y".repeat(50), "z".repeat(50)]] as Cell[][] };
  it("keeps the most important columns that fit, in their usual order (the worked example)", () => {
    const fit = fitToWidth(wide, { priority: ["c", "a", "b"] });
    expect(fit.table.columns).toEqual(["a", "c"]);
    expect(fit.left).toEqual(["b"]);
    const text = [...textTableLines(fit.table)].join("");
    for (const line of text.split("\n")) expect(line.length).toBeLessThanOrEqual(120);
  });
  it("cuts long text cells with an ellipsis; numbers are never cut", () => {
    const fit = fitToWidth({ columns: ["t", "n"], rows: () => [["abcdefghij", 1234567890123]] }, { maxCell: 5 });
    expect([...fit.table.rows()]).toEqual([["abcd…", 1234567890123]]);
    expect(fit.left).toEqual([]);
  });
  it("the first column stays even when it alone is too wide", () => {
    expect(fitToWidth(wide, { width: 10 }).table.columns).toEqual(["a"]);
  });
  it("the note breaks at spaces within the width", () => {
    const note = leftOutNote(["alpha", "beta", "gamma"], "see --help", 30);
    expect(note).toBe("(not shown to fit 30 columns:\nalpha, beta, gamma; see\n--help)\n");
    for (const line of note.trimEnd().split("\n")) expect(line.length).toBeLessThanOrEqual(30);
    expect(leftOutNote([], "x")).toBe("");
    expect(wrapText("a-very-long-word b", 5)).toBe("a-very-long-word\nb");
  });
});
