/** The catalog inputs the shared load options add: stdin ("-"), --encoding, --verbose; FIFOs refused. */
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { expectUserError, fprisk, tmp } from "../cliHelpers.js";

const dir = tmp("fprisk-cli-input-");
const latin1 = Buffer.from("title,duration_ms\nAm\xe9lie,7320000\nAm\xe1lie,7000000\n", "latin1");

describe("fprisk and its catalog input", () => {
  it('"-" reads the catalog from stdin, gzip or not', () => {
    for (const input of ["title,duration_ms\nA,1000\nB,2000\n", gzipSync('{"title":"A","duration_ms":1000}\n{"title":"B","duration_ms":2000}\n')]) {
      const r = fprisk(["inspect", "-", "--format", "json"], {}, { input });
      expect(r.code, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout).catalog).toMatchObject({ source: "stdin", rows: 2, titles: 2 });
    }
  });

  it("Latin-1 text: exit 2 naming file and line; --encoding latin1 keeps the two titles apart", () => {
    const f = join(dir, "films.csv");
    writeFileSync(f, latin1);
    expectUserError(fprisk(["inspect", f]), new RegExp(`${f.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:2: not valid UTF-8`));
    const r = fprisk(["inspect", f, "--encoding", "latin1", "--format", "json"]);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).catalog).toMatchObject({ rows: 2, titles: 2 });
  });

  it("--verbose says why the byte reader handed the file to csv-parse, which words the error", () => {
    const f = join(dir, "negative.csv");
    writeFileSync(f, "title,duration_ms,bitrate_kbps\nFilm,7320000,800\nBad,7320000,-5\n");
    const quiet = fprisk(["inspect", f, "--skip-invalid", "--verbose", "--format", "json"]);
    expect(quiet.code, quiet.stderr).toBe(0);
    expect(quiet.stderr).not.toMatch(/csv-parse/);
    expect(quiet.stderr).toContain("fprisk: skipped 1 row: 1 negative bitrate_kbps");
    const r = fprisk(["inspect", f, "--verbose"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`fprisk: ${f}: read with csv-parse: csv-parse words this error: ${f}:3: bitrate_kbps -5 is negative`);
    expect(r.stderr).toContain(`fprisk: ${f}:3: bitrate_kbps -5 is negative`);
  });

  it("a FIFO as the catalog is refused with one line, without hanging", () => {
    const fifo = join(dir, "pipe.csv");
    execFileSync("mkfifo", [fifo]);
    expectUserError(fprisk(["inspect", fifo], {}, { timeout: 10_000 }), /pipe\.csv: is a named pipe \(FIFO\), not a regular file/);
  });
});
