/** The catalog inputs the shared load options add: stdin ("-"), --encoding, --verbose; FIFOs refused. */
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { expectUserError, fprisk, tmp } from "../cliHelpers.js";
import { DUCKDB_CSV_MIN_BYTES } from "../../src/sources/table/duckdbCsv.js";

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

  it("--verbose says why DuckDB's reader was not used", () => {
    const f = join(dir, "big.csv");
    const row = "Film,7320000,800\n";
    writeFileSync(f, "title,duration_ms,bitrate_kbps\nBad,7320000,-5\n" + row.repeat(Math.ceil(DUCKDB_CSV_MIN_BYTES / row.length) + 1));
    const quiet = fprisk(["inspect", f, "--skip-invalid", "--format", "json"]);
    expect(quiet.code, quiet.stderr).toBe(0);
    expect(quiet.stderr).not.toMatch(/DuckDB/);
    const r = fprisk(["inspect", f, "--skip-invalid", "--verbose", "--format", "json"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`fprisk: ${f}: read with csv-parse, not DuckDB: line 2 holds a negative or non-finite number (reported by csv-parse)`);
    expect(r.stderr).toContain("fprisk: skipped 1 row: 1 negative bitrate_kbps");
  });

  it("a FIFO as the catalog is refused with one line, without hanging", () => {
    const fifo = join(dir, "pipe.csv");
    execFileSync("mkfifo", [fifo]);
    expectUserError(fprisk(["inspect", fifo], {}, { timeout: 10_000 }), /pipe\.csv: is a named pipe \(FIFO\), not a regular file/);
  });
});
