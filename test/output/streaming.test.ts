import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { openAtomicFile } from "../../src/base/atomicWrite.js";
import { jsonWithArrayLines } from "../../src/output/jsonLines.js";
import { csvLines, renderCsv, renderTextTable, textTableLines, type Cell } from "../../src/output/tabular.js";
import { streamSink, writeLines } from "../../src/output/textSink.js";
import { tmp } from "../cliHelpers.js";

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

  it("streamed JSON is byte-identical to JSON.stringify(doc, null, 2)", () => {
    const cell = fc.oneof(fc.string(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constant(null));
    fc.assert(
      fc.property(fc.dictionary(fc.string(), cell), fc.array(fc.dictionary(fc.string(), cell), { maxLength: 5 }), (head, items) => {
        const doc = { ...head, items };
        // keys of the head that collide with "items" would be overwritten: skip such draws
        fc.pre(!("items" in head));
        expect([...jsonWithArrayLines(head, "items", items)].join("")).toBe(JSON.stringify(doc, null, 2) + "\n");
      }),
    );
  });
});

describe("a sink in flat memory", () => {
  it("waits for a full stream instead of buffering everything", async () => {
    const chunks: string[] = [];
    let pending: (() => void) | undefined;
    let maxQueued = 0;
    let queued = 0;
    const slow = new Writable({
      highWaterMark: 1 << 16,
      write(chunk, _enc, done) {
        queued += chunk.length;
        maxQueued = Math.max(maxQueued, queued);
        chunks.push(String(chunk));
        pending = () => {
          queued -= chunk.length;
          done();
        };
        setImmediate(() => pending?.());
      },
    });
    const sink = streamSink(slow);
    const line = "x".repeat(99) + "\n";
    await writeLines(sink, (function* () {
      for (let i = 0; i < 20000; i++) yield line;
    })());
    await sink.flush();
    expect(chunks.join("").length).toBe(20000 * 100);
    // never more than a couple of 64 KiB chunks in flight, though 2 MB were written
    expect(maxQueued).toBeLessThanOrEqual(2 * 65536 + 100);
  });

  it("an atomic file appears only on commit; abort leaves the old file and no temp", async () => {
    const dir = tmp();
    const target = join(dir, "out.csv");
    writeFileSync(target, "old\n");
    const a = await openAtomicFile(target);
    a.stream.write("new\n");
    expect(readFileSync(target, "utf8")).toBe("old\n");
    await a.abort();
    expect(readFileSync(target, "utf8")).toBe("old\n");
    expect(readdirSync(dir)).toEqual(["out.csv"]);
    const b = await openAtomicFile(target);
    b.stream.write(renderCsv({ columns: ["a"], rows: [[1]] }));
    await b.commit();
    expect(readFileSync(target, "utf8")).toBe("a\n1\n");
    expect(readdirSync(dir)).toEqual(["out.csv"]);
  });
});
