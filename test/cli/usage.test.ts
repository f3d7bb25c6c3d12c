/**
 * Validate, then work: a usage mistake stops the run with one line and exit 2, before
 * any catalog is read or any file written (issue 10, point 1).
 */
import { existsSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { expectUserError, fprisk as run, tmp } from "../cliHelpers.js";

const fprisk = (...args: string[]) => run(args);

/** A catalog whose second data row is invalid: loading it fails, so an error about anything else proves it was not read. */
function badRowCatalog(dir: string): string {
  const file = join(dir, "bad.csv");
  writeFileSync(file, "title,duration_ms\nA,1000\nB,not-a-number\n");
  return file;
}

describe("a usage error stops the command before it works", () => {
  it("report with a mistyped --redact-titles writes no (unredacted) report", () => {
    const dir = tmp();
    const out = join(dir, "share.html");
    const r = fprisk("report", "test/fixtures/media", "--scheme", "duration=round(1s)", "--redact-title", "--out", out);
    expectUserError(r, /^fprisk: unknown option --redact-title; did you mean --redact-titles\?$/m, 1);
    expect(readdirSync(dir)).toEqual([]);
  });

  it("evaluate with an unknown option writes no file", () => {
    const dir = tmp();
    const r = fprisk("evaluate", "chinook-tracks", "--scheme", "duration=exact", "--frobnicate", "--out", join(dir, "r.json"));
    expectUserError(r, /unknown option --frobnicate/, 1);
    expect(existsSync(join(dir, "r.json"))).toBe(false);
  });

  it("sweep with a mistyped axis prints no table", () => {
    const r = fprisk("sweep", "chinook-tracks", "--duration", "1s", "--bitrates", "100kbps");
    expectUserError(r, /unknown option --bitrates; did you mean --bitrate\?/, 1);
    expect(r.stdout).toBe("");
  });

  it("an unknown command is named with a suggestion", () => {
    expectUserError(fprisk("evalute", "chinook-tracks"), /^fprisk: unknown command evalute; did you mean evaluate\?$/m, 1);
    expectUserError(fprisk("datasets", "lsit"), /unknown command datasets lsit; did you mean datasets list\?/, 1);
  });

  it("--format xml is one line, exit 2 (was a stack trace)", () => {
    const r = fprisk("evaluate", "chinook-tracks", "--scheme", "duration=exact", "--format", "xml");
    expectUserError(r, /--format xml: choose one of table, csv, json/, 1);
  });

  for (const cmd of ["evaluate", "report", "attack"]) {
    it(`${cmd} without --scheme is one line, exit 2 (was a stack trace)`, () => {
      expectUserError(fprisk(cmd, "chinook-tracks"), /--scheme is required/, 1);
    });
  }

  it("--scheme with no value is an error (was an empty table, exit 0)", () => {
    const r = fprisk("evaluate", "chinook-tracks", "--scheme");
    expectUserError(r, /--scheme needs a value/, 1);
    expect(r.stdout).toBe("");
    expectUserError(fprisk("report", "chinook-tracks", "--scheme"), /--scheme needs a value/, 1);
  });

  it("a number option given a word is an error", () => {
    expectUserError(fprisk("attack", "chinook-tracks", "--scheme", "duration=exact", "--k", "five"), /--k needs a number/, 1);
  });

  it("a scheme typo is reported before the catalog is read", () => {
    const dir = tmp();
    const file = badRowCatalog(dir);
    // the catalog alone fails on its row 3 …
    expectUserError(fprisk("inspect", file), /bad\.csv:3/);
    // … but a bad scheme is found first, whatever the command
    for (const cmd of ["evaluate", "report", "attack"]) {
      const r = fprisk(cmd, file, "--scheme", "duration=blur(3s)");
      expectUserError(r, /unknown generalizer "blur"/, 3);
      expect(r.stderr).not.toMatch(/bad\.csv/);
    }
    const s = fprisk("sweep", file, "--duration", "blur(3s)");
    expectUserError(s, /unknown generalizer "blur"/, 3);
  });

  it("numeric ranges and seeds are checked before the catalog is read", () => {
    const dir = tmp();
    const file = badRowCatalog(dir);
    const attack = (...extra: string[]) => fprisk("attack", file, "--scheme", "duration=exact", ...extra);
    expectUserError(attack("--k", "0"), /^fprisk: --k must be a whole number ≥ 1, got 0$/m, 1);
    expectUserError(attack("--seed", "1.5"), /^fprisk: --seed must be a whole number ≥ 0, got 1.5$/m, 1);
    expectUserError(attack("--open-world", "2"), /^fprisk: --open-world must be a share between 0 and 1, got 2$/m, 1);
    expectUserError(attack("--bootstrap", "-1"), /--bootstrap must be a whole number ≥ 0/, 1);
    expectUserError(attack("--targets", "0"), /--targets must be a whole number ≥ 1 or "all"/, 1);
    expectUserError(attack("--method", "scoreboard"), /--method scoreboard needs --plays/, 1);
    expectUserError(attack("--prior", "nonsense"), /--prior must be "uniform" or <source>:<column>/, 1);
    expectUserError(fprisk("evaluate", file, "--scheme", "duration=exact", "--risk-threshold", "3"), /--risk-threshold must be between 0 and 1, got 3/, 1);
    expectUserError(fprisk("inspect", file, "--items", "--limit", "-3"), /--limit must be a whole number ≥ 0/, 1);
    expectUserError(fprisk("report", file, "--scheme", "duration=exact", "--limit", "ten"), /--limit must be a whole number or "all"/, 1);
    expectUserError(fprisk("sweep", file), /give at least one axis/, 1);
  });
});

describe("library messages name options as the library does; the CLI maps them to flags", () => {
  it("the CLI shows --tolerance and --map where the library says `tolerance` and `map`", () => {
    const r = fprisk("attack", "chinook-tracks", "--scheme", "duration=exact", "--tolerance", "duration=fast");
    expectUserError(r, /^fprisk: --tolerance: "duration=fast" is not valid/m, 1);
    const dir = tmp();
    const file = join(dir, "nounit.csv");
    writeFileSync(file, "title,length\nA,5400\n");
    const m = fprisk("inspect", file, "--map", "title=title,duration=length");
    expectUserError(m, /missing unit .*declare the column's unit \(--map duration=COLUMN:/, 1);
  });
});
