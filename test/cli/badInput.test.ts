/** Bad input through the CLI: one clear line naming file and line, exit 2, nothing written. */
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { expectUserError, fprisk as run, tmp } from "../cliHelpers.js";

const fprisk = (...args: string[]) => run(args);

describe("bad input: one clear line, exit 2, nothing written", () => {
  const dir = tmp();
  const write = (name: string, body: string | Buffer) => {
    const p = join(dir, name);
    writeFileSync(p, body);
    return p;
  };

  it("malformed CSV row (unclosed quote)", () => {
    const f = write("quote.csv", 'title,duration_ms\nA,1000\n"B,2000\nC,3000\n');
    expectUserError(fprisk("inspect", f), /quote\.csv:\d+: malformed CSV/);
  });
  it("a row with the wrong number of fields names its line", () => {
    const f = write("fields.csv", "title,duration_ms\nA,1000\nB,2000,7\n");
    expectUserError(fprisk("inspect", f), /fields\.csv:3: expected 2 fields \(as in the header\), found 3/);
  });
  it("non-numeric duration names file and line", () => {
    const f = write("nan.csv", "title,duration_ms\nA,1000\nB,abc\n");
    expectUserError(fprisk("inspect", f), /nan\.csv:3: .*duration.*"abc"/);
  });
  it("unknown unit in --map", () => {
    const f = write("ok.csv", "title,len\nA,1000\n");
    expectUserError(fprisk("inspect", f, "--map", "duration=len:fortnights"), /unknown unit.*fortnights/);
  });
  it("a mapped column that does not exist", () => {
    const f = write("ok2.csv", "title,len\nA,1000\n");
    expectUserError(fprisk("inspect", f, "--map", "duration=length:s"), /ok2\.csv: column "length" \(mapped to duration\) is not in the header/);
  });
  it("empty file", () => {
    expectUserError(fprisk("inspect", write("empty.csv", "")), /empty\.csv: the file is empty/);
  });
  it("binary file given as CSV", () => {
    expectUserError(fprisk("inspect", write("bin.csv", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3]))), /bin\.csv: this looks like a binary file/);
  });
  it("missing file and unknown dataset", () => {
    expectUserError(fprisk("inspect", join(dir, "nope.csv")), /nope\.csv: cannot read: no such file/);
    expectUserError(fprisk("inspect", "no-such-dataset"), /neither a file nor a known dataset/);
  });
  it("a bad scheme points at the token, on one line", () => {
    const r = fprisk("evaluate", "chinook-tracks", "--scheme", "duration=round(60)");
    expectUserError(r, /missing unit in round\(60\)/, 1);
    // "duration=round(" is 15 characters: the bad token starts at the 16th
    expect(r.stderr).toContain('(at character 16: "60)")');
  });
  it("--skip-invalid skips and reports counts by reason", () => {
    const f = write("mixed.csv", "title,duration_ms\nA,1000\nB,abc\nC,2000,9\nD,xyz\n,5\nE,3000\n");
    const r = fprisk("inspect", f, "--skip-invalid", "--format", "json");
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/skipped 4 rows: 2 invalid duration_ms, 1 wrong number of fields, 1 empty title/);
    const { catalog } = JSON.parse(r.stdout);
    expect(catalog.rows).toBe(2); // A and E
    expect(catalog.rejected).toEqual({ "invalid duration_ms": 2, "wrong number of fields": 1, "empty title": 1 });
  });
  it("--out into a missing folder fails cleanly and leaves nothing", () => {
    const r = fprisk("evaluate", "chinook-tracks", "--scheme", "duration=exact", "--out", join(dir, "no", "such", "dir", "x.json"));
    expect(r.code).toBe(0); // parent folders are created
    expect(existsSync(join(dir, "no", "such", "dir", "x.json"))).toBe(true);
  });
});
