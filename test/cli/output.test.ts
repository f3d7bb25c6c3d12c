/**
 * Outputs never touch inputs, and the format follows --out's extension (issue 10, point 2).
 */
import { execFileSync } from "node:child_process";
import { linkSync, mkdirSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { catalogInputs, checkOutputPath, outputFormat } from "../../src/cli/output.js";
import { expectUserError, fprisk as run, tmp } from "../cliHelpers.js";

const fprisk = (...args: string[]) => run(args);
const CSV = "title,duration_ms\nA,1000\nB,2000\nC,2000\n";

function setup() {
  const dir = tmp();
  const input = join(dir, "ok.csv");
  writeFileSync(input, CSV);
  return { dir, input };
}

const evaluate = (input: string, ...extra: string[]) => fprisk("evaluate", input, "--scheme", "duration=exact", ...extra);

describe("--out never replaces an input", () => {
  it("refuses the catalog file itself (was: the input CSV replaced by the results)", () => {
    const { input } = setup();
    expectUserError(evaluate(input, "--out", input), /--out .*ok\.csv .*the input .*ok\.csv/, 1);
    expect(readFileSync(input, "utf8")).toBe(CSV);
  });

  it("refuses a symlink or a hard link to it, and the database side files", () => {
    const { dir, input } = setup();
    symlinkSync(input, join(dir, "link.csv"));
    linkSync(input, join(dir, "hard.csv"));
    expectUserError(evaluate(input, "--out", join(dir, "link.csv")), /the input/, 1);
    expectUserError(evaluate(input, "--out", join(dir, "hard.csv")), /the input/, 1);
    for (const side of ["-wal", "-shm", "-journal"]) expectUserError(evaluate(input, "--out", `${input}${side}`), /would overwrite the input/, 1);
    expect(readFileSync(input, "utf8")).toBe(CSV);
  });

  it("refuses anything inside a scanned folder", () => {
    const dir = tmp();
    mkdirSync(join(dir, "lib"));
    const r = fprisk("inspect", join(dir, "lib"), "--out", join(dir, "lib", "report.csv"));
    expectUserError(r, /would write inside the input/, 1);
    expect(readdirSync(join(dir, "lib"))).toEqual([]);
  });

  it("refuses the attacker catalog and a registry dataset's file", () => {
    const { dir, input } = setup();
    const other = join(dir, "other.csv");
    writeFileSync(other, CSV);
    expectUserError(fprisk("attack", input, "--attacker", other, "--scheme", "duration=exact", "--out", other), /the input .*other\.csv/, 1);
    expect(readFileSync(other, "utf8")).toBe(CSV);
    const r = fprisk("inspect", "chinook-tracks", "--out", join(process.env.FPRISK_DATA_DIR ?? "../shared/datasets", "chinook-tracks", "chinook_tracks.csv"));
    expectUserError(r, /the input/, 1);
  });

  it("refuses the redaction salt file", () => {
    const { dir, input } = setup();
    const cfg = join(dir, "cfg");
    mkdirSync(join(cfg, "fprisk"), { recursive: true });
    const salt = join(cfg, "fprisk", "redaction-salt");
    writeFileSync(salt, "0123456789abcdef0123456789abcdef", { mode: 0o600 });
    const r = run(["report", input, "--scheme", "duration=exact", "--redact-titles", "--out", salt], { XDG_CONFIG_HOME: cfg, FPRISK_SALT: "" });
    expectUserError(r, /the input .*redaction-salt/, 1);
    expect(readFileSync(salt, "utf8")).toBe("0123456789abcdef0123456789abcdef");
  });

  it("refuses a device, a FIFO and a folder (was: replaced by a regular file)", () => {
    const { dir, input } = setup();
    execFileSync("mkfifo", [join(dir, "fifo")]);
    mkdirSync(join(dir, "folder"));
    expectUserError(evaluate(input, "--out", "/dev/null"), /--out \/dev\/null is a device/, 1);
    expectUserError(evaluate(input, "--out", join(dir, "fifo")), /is a FIFO/, 1);
    expectUserError(evaluate(input, "--out", join(dir, "folder")), /is a folder/, 1);
    expect(readdirSync(dir).sort()).toEqual(["fifo", "folder", "ok.csv"]);
  });
});

describe("the format follows --out's extension", () => {
  it("x.csv is CSV, x.json JSON, x.md markdown, x.txt a table (was: a fixed-width table for all)", () => {
    const { dir, input } = setup();
    const out = (name: string) => join(dir, name);
    expect(evaluate(input, "--out", out("x.csv")).code).toBe(0);
    expect(readFileSync(out("x.csv"), "utf8")).toMatch(/^source,scheme,duration,/);
    expect(evaluate(input, "--out", out("x.json")).code).toBe(0);
    expect(JSON.parse(readFileSync(out("x.json"), "utf8")).results[0].metrics.classes).toBe(2);
    expect(evaluate(input, "--out", out("x.md")).code).toBe(0);
    expect(readFileSync(out("x.md"), "utf8")).toMatch(/^\| scheme \| rows \| titles \| classes \|/);
    expect(evaluate(input, "--out", out("x.txt")).code).toBe(0);
    expect(readFileSync(out("x.txt"), "utf8")).toMatch(/^.*ok\.csv: 3 rows, 3 titles\n\nscheme +classes/);
    // no temp file left beside them
    expect(readdirSync(dir).sort()).toEqual(["ok.csv", "x.csv", "x.json", "x.md", "x.txt"]);
  });

  it("--format wins over an extension it agrees with; a conflict is an error", () => {
    const { dir, input } = setup();
    expectUserError(evaluate(input, "--out", join(dir, "x.csv"), "--format", "json"), /--out .*x\.csv names a \.csv file but --format is json/, 1);
    expect(evaluate(input, "--out", join(dir, "x.out"), "--format", "json").code).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, "x.out"), "utf8")).catalog.rows).toBe(3);
    expectUserError(evaluate(input, "--out", join(dir, "x.html")), /writes table, csv, json, markdown, not html/, 1);
    const r = fprisk("report", input, "--scheme", "duration=exact", "--out", join(dir, "r.html"));
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(join(dir, "r.html"), "utf8")).toMatch(/^<!doctype html>/);
  });
});

describe("outputFormat and checkOutputPath (direct)", () => {
  const formats = ["table", "csv", "json"] as const;
  it("extension, --format, conflict, unknown extension", () => {
    expect(outputFormat({ out: "a.CSV" }, formats)).toBe("csv");
    expect(outputFormat({ out: "a.txt" }, formats)).toBe("table");
    expect(outputFormat({ out: "a.dat" }, formats)).toBe("table");
    expect(outputFormat({}, formats)).toBe("table");
    expect(outputFormat({ out: "a.dat", format: "json" }, formats)).toBe("json");
    expect(() => outputFormat({ out: "a.json", format: "csv" }, formats)).toThrow(/names a \.json file but --format is csv/);
    expect(() => outputFormat({ out: "a.html" }, formats)).toThrow(/writes table, csv, json, not html/);
  });
  it("inputs of a source: none for synthetic, the files of a dataset, else the path", () => {
    expect(catalogInputs("synthetic:video-library")).toEqual([]);
    expect(catalogInputs("clickhouse://127.0.0.1:8123/fp.plays")).toEqual([]); // a server table is no file to protect
    expect(catalogInputs("some/file.csv")).toEqual(["some/file.csv"]);
    expect(catalogInputs("chinook-tracks")[0]).toMatch(/chinook_tracks\.csv$/);
  });
  it("a new file in a new folder is fine; the input itself is not", () => {
    const { dir, input } = setup();
    expect(() => checkOutputPath(join(dir, "new", "deeper", "x.csv"), [input])).not.toThrow();
    expect(() => checkOutputPath(input, [input])).toThrow(/the input/);
  });
  it("a DuckDB table's input is its database (and its .wal); a glob's inputs are every path it matches", () => {
    const { dir } = setup();
    const db = join(dir, "w.duckdb");
    writeFileSync(db, "");
    expect(catalogInputs(`${db}#plays`)).toEqual([db]);
    expect(() => checkOutputPath(db, catalogInputs(`${db}#plays`))).toThrow(/is the input .*w\.duckdb/);
    expect(() => checkOutputPath(`${db}.wal`, catalogInputs(`${db}#plays`))).toThrow(/would overwrite the input/);
    const glob = join(dir, "logs", "*.json");
    expect(() => checkOutputPath(join(dir, "logs", "result.json"), [glob])).toThrow(`--out ${join(dir, "logs", "result.json")} would overwrite a file of the input ${glob}; choose another file`);
    expect(() => checkOutputPath(join(dir, "logs", "deeper", "result.json"), [glob])).not.toThrow();
    expect(() => checkOutputPath(join(dir, "result.json"), [join(dir, "**", "*.json")])).toThrow(/would overwrite a file of the input/);
  });
});
