import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  AT_QUOTE,
  FOR_READER,
  hashBytes,
  LONE_CR,
  META_FLAGS,
  META_LINES,
  META_ROWS,
  META_STOP,
  PASS_DONE,
  preparse,
  preparseOut,
  SAW_CRLF,
  SAW_LF,
  splitFields,
  type PreparsePlan,
} from "../../../src/sources/table/csvPreparse.js";

/** title, a number (plain decimals, read ×1), a text column: cells are the title and the text. */
const plan: PreparsePlan = {
  delim: 44,
  fields: 3,
  extraFieldsIgnored: false,
  numericIndex: Int32Array.of(1),
  numericExponent: Int32Array.of(0),
  numericMantissa: Float64Array.of(1),
  numericPlain: Uint8Array.of(1),
  cells: Int32Array.of(0, 2),
};

function run(text: string, rows = 64, final = true, p = plan) {
  const buf = Buffer.from(text);
  const out = preparseOut(p, rows, 0, false);
  preparse({ buf, from: 0, limit: buf.length, final, plan: p, out });
  const n = out.meta[META_ROWS];
  // Every pass ends by saying so.
  expect(out.meta[META_FLAGS] & PASS_DONE).toBe(PASS_DONE);
  const meta = [...out.meta];
  meta[META_FLAGS] &= ~PASS_DONE;
  return { buf, out, n, meta, kinds: [...out.kind.subarray(0, n)], lines: [...out.line.subarray(0, n)] };
}

describe("preparse", () => {
  it("a worked example: settled rows, repeated cells, rows left to the reader, line numbers", () => {
    const text = "A,1.5,\n\nA, 2 ,x\nB,-1,\nC,7\nD,,y\n";
    const { buf, out, n, meta, kinds, lines } = run(text);
    expect(n).toBe(5);
    expect(meta).toEqual([5, text.length, 6, SAW_LF]);
    // Row 1 repeats row 0's title (bit 1 + 0); -1 and a short row go to the reader.
    expect(kinds).toEqual([0, 2, FOR_READER, FOR_READER, 0]);
    expect(lines).toEqual([0, 2, 3, 4, 5]);
    expect([out.numbers[0][0], out.numbers[0][1], out.numbers[0][4]]).toEqual([1.5, 2, NaN]);
    // Cells: bounds per row and cell, hashes where a cell is not repeated.
    expect([out.cellStart[0], out.cellEnd[0], out.cellStart[1], out.cellEnd[1]]).toEqual([0, 1, 6, 6]);
    expect(out.cellHash[1]).toBe(hashBytes(buf, 6, 6));
    expect(out.cellHash[3]).toBe(hashBytes(buf, 14, 15));
    expect(buf.toString("utf8", out.recordStart[3], out.recordEnd[3])).toBe("C,7");
  });

  it("stops at a record holding a quote, at a CR inside a line, and when its arrays are full", () => {
    const quoted = run('A,1,\n"B",2,\nC,3,\n');
    expect(quoted.meta).toEqual([1, 5, 1, AT_QUOTE | SAW_LF]);
    expect(run("A,1,\rB,2,\n").meta).toEqual([0, 0, 0, LONE_CR]);
    // A CR ending the file without its LF is a lone CR too; CR LF lines are noted.
    expect(run("A,1,\r\nB,2,\r").meta).toEqual([1, 6, 1, LONE_CR | SAW_CRLF]);
    expect(run("A,1,\r\nB,2,").meta).toEqual([2, 10, 2, SAW_CRLF]);
    const full = run("A,1,\nB,2,\n\nC,3,\n", 2);
    expect(full.meta).toEqual([2, 10, 2, SAW_LF]);
    // Not the end of the file: a last line without its line end is left for later.
    expect(run("A,1,\nB,2,", 64, false).meta).toEqual([1, 5, 1, SAW_LF]);
  });

  it("leaves to the reader numbers only the builder can read, and extra fields unless they are ignored", () => {
    const { kinds } = run("A,1e5,\nA,92 min,\nA,0x10,\nA,1234567890123456,\nA,007,\nA,NA,\nA,1,x,y\n");
    expect(kinds).toEqual([1, 1, 1, 1, 0, 1, 1]);
    expect(run("A,1,x,y\n", 64, true, { ...plan, extraFieldsIgnored: true }).kinds).toEqual([0]);
    // A column without a plain reading (a duration without a declared unit): blanks only.
    expect(run("A,5,\nA,,\n", 64, true, { ...plan, numericPlain: Uint8Array.of(0) }).kinds).toEqual([1, 0]);
  });

  it("on random unquoted text: every row, number and repeated cell as read by definition", () => {
    const cell = fc.constantFrom("", "A", "B", " A", "12", "1.5", "-3", "NA", " 7 ", "x");
    const line = fc.array(cell, { minLength: 0, maxLength: 4 }).map((cells) => cells.join(","));
    fc.assert(
      fc.property(fc.array(line, { maxLength: 12 }), fc.boolean(), (lines, crlf) => {
        const text = lines.map((l) => l + (crlf ? "\r\n" : "\n")).join("");
        const { out, n, meta, kinds } = run(text);
        let row = 0;
        let prev: string[] | undefined;
        lines.forEach((l, i) => {
          if (l === "") return;
          expect(out.line[row]).toBe(i);
          const f = l.split(",");
          const x = f.length === 3 ? f[1].replace(/^[ \t]+|[ \t]+$/g, "") : "";
          const plainNumber = x === "" || (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(x) && Number(x) >= 0);
          const settled = f.length === 3 && plainNumber;
          expect(kinds[row] & FOR_READER, l).toBe(settled ? 0 : FOR_READER);
          if (settled) {
            expect(Object.is(out.numbers[0][row], x === "" ? NaN : Number(x))).toBe(true);
            expect(kinds[row] & 2, "title repeated").toBe(prev && prev[0] === f[0] ? 2 : 0);
            expect(kinds[row] & 4, "text repeated").toBe(prev && prev[2] === f[2] ? 4 : 0);
          }
          prev = settled ? f : undefined;
          row++;
        });
        expect(n).toBe(row);
        expect(meta[META_LINES]).toBe(lines.length);
        expect(meta[META_STOP]).toBe(Buffer.byteLength(text));
        expect(meta[META_FLAGS] & (crlf ? SAW_LF : SAW_CRLF)).toBe(0);
      }),
      { numRuns: 300 },
    );
  });
});

describe("splitFields", () => {
  it("bounds of every field, as many as there is room for, and the count", () => {
    const buf = Buffer.from("ab,,c,d");
    const starts = new Int32Array(2);
    const ends = new Int32Array(2);
    expect(splitFields(buf, 0, buf.length, 44, starts, ends, 2)).toBe(4);
    expect([...starts, ...ends]).toEqual([0, 3, 2, 3]);
    expect(splitFields(buf, 0, 0, 44, starts, ends, 2)).toBe(1);
  });
});
