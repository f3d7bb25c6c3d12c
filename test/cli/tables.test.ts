/**
 * Tables fit a terminal (issue 10, point 8): --metrics chooses the columns, the default
 * table fits 120 columns, help examples never break inside a word, and every datasets
 * action has its own help.
 */
import { describe, expect, it } from "vitest";
import { expectUserError, fprisk as run } from "../cliHelpers.js";

const fprisk = (...args: string[]) => run(args, { COLUMNS: "100" });
const LONG = "duration=round(1s),bitrate=round(100kbps),resolution=class";

describe("evaluate's table", () => {
  it("fits 120 columns by default, naming the metrics it leaves out (was 200+ columns)", () => {
    const r = fprisk("evaluate", "synthetic:video-library?titles=300&seed=2", "--scheme", LONG, "--scheme", "duration=round(60s)", "--model");
    expect(r.code, r.stderr).toBe(0);
    for (const line of r.stdout.split("\n")) expect(line.length, line).toBeLessThanOrEqual(120);
    expect(r.stdout).toMatch(/^scheme +title_unique_fraction +kappa +model_unique_fraction\n/m);
    expect(r.stdout.replace(/\s+/g, " ")).toMatch(/\(not shown to fit 120 columns: classes, .*title_exposed_fraction, model_kappa; choose with --metrics/);
    // a short scheme leaves room for more, in the usual order
    const short = fprisk("evaluate", "chinook-tracks", "--scheme", "duration=round(1s)");
    expect(short.stdout).toMatch(/^scheme +classes +title_unique_fraction +kappa +unique_fraction +at_risk_0_2/m);
    for (const line of short.stdout.split("\n")) expect(line.length, line).toBeLessThanOrEqual(120);
  });

  it("--metrics key,key chooses the columns, in that order, in the table and the CSV", () => {
    const t = fprisk("evaluate", "chinook-tracks", "--scheme", "duration=round(1s)", "--metrics", "kappa,classes");
    expect(t.code, t.stderr).toBe(0);
    const lines = t.stdout.split("\n");
    expect(lines[2].split(/\s+/)).toEqual(["scheme", "kappa", "classes"]);
    expect(lines[4]).toMatch(/^duration=round\(1s\) +0\.\d+ +\d+$/);
    const c = fprisk("sweep", "chinook-tracks", "--duration", "1s,60s", "--metrics", "title_unique_fraction", "--format", "csv");
    expect(c.stdout.split("\n")[0]).toBe("source,scheme,duration,bitrate,resolution,fps,size,title_unique_fraction");
    expect(c.stdout.trim().split("\n")).toHaveLength(3);
  });

  it("an unknown metric is a usage error with a suggestion; model keys need --model", () => {
    expectUserError(fprisk("evaluate", "chinook-tracks", "--scheme", "duration=exact", "--metrics", "kapa"), /--metrics: unknown metric kapa; did you mean kappa\?/, 1);
    expectUserError(fprisk("evaluate", "chinook-tracks", "--scheme", "duration=exact", "--metrics", "model_kappa"), /unknown metric model_kappa \(add --model\)/, 1);
  });
});

describe("report's and inspect's tables", () => {
  it("fit 120 columns, naming what is left out (report was 220+ columns)", () => {
    for (const args of [["report", "chinook-tracks", "--scheme", "duration=round(1s)", "--limit", "20"], ["inspect", "chinook-tracks"]]) {
      const r = fprisk(...args);
      expect(r.code, r.stderr).toBe(0);
      for (const line of r.stdout.split("\n")) expect(line.length, line).toBeLessThanOrEqual(120);
    }
    const report = fprisk("report", "chinook-tracks", "--scheme", "duration=round(1s)", "--limit", "3").stdout;
    expect(report).toMatch(/^rank +title +duration +class_size +chance_named +hidden_by$/m);
    expect(report).toMatch(/not shown to fit 120 columns: source, class_titles, title_unique, confused_with/);
  });
});

describe("help", () => {
  /** Help text with every run of whitespace made one space: a command broken only at spaces reads back whole. */
  const flat = (text: string) => text.replace(/\s+/g, " ");

  it("examples never break inside a word (was: `b` / `itrate=round(100kbps)`)", () => {
    const cases: [string[], string][] = [
      [["evaluate"], 'fprisk evaluate ~/Movies --scheme "duration=round(1s),bitrate=round(100kbps),resolution=class"'],
      [["evaluate"], 'fprisk evaluate my.csv --map "title=name+artist,duration=milliseconds:ms,size=bytes:B" --scheme "duration=exact" --out risk.json'],
      [["attack"], 'fprisk attack imdb-ggplot2movies --simulate-releases --attacker imdb-ggplot2movies --method likelihood --scheme "duration=round(1s)"'],
      [["report"], 'fprisk report ~/Movies --scheme "duration=round(1s),bitrate=round(100kbps),resolution=class" --redact-titles --out my-library.html'],
      [["sweep"], 'fprisk sweep synthetic:video-library --duration 1s,1min --bitrate exact,100kbps,"log(10%)" --resolution exact,class'],
    ];
    for (const [cmd, example] of cases) {
      const r = fprisk(...cmd, "--help");
      expect(r.code).toBe(0);
      expect(flat(r.stdout)).toContain(`$ ${example}`);
      for (const line of r.stdout.split("\n")) expect(line.length).toBeLessThanOrEqual(100);
    }
  });

  it("datasets list --help documents list, and each action has its own help", () => {
    const r = fprisk("datasets", "list", "--help");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^fprisk datasets list\n\nevery registered dataset/);
    expect(r.stdout).toMatch(/\$ fprisk datasets list --format json/);
    expect(fprisk("datasets", "info", "--help").stdout).toMatch(/^fprisk datasets info <name>/);
    expect(fprisk("datasets", "--help").stdout).toMatch(/fprisk datasets list +every registered dataset/);
  });
});
