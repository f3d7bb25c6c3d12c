/** `fprisk evaluate`: metrics per scheme, checked against independent counts. */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { expectUserError, fprisk as run, tmp } from "../../cliHelpers.js";
import { dataDir } from "../../helpers.js";

const chinookCsv = join(dataDir, "chinook-tracks", "chinook_tracks.csv");
const fprisk = (...args: string[]) => run(args);

describe("fprisk evaluate", () => {
  it("evaluates two schemes on Chinook, JSON per the contract", () => {
    const r = fprisk("evaluate", "chinook-tracks", "--scheme", "duration=round(1s),bitrate=round(10kbps)", "--scheme", "duration=round(60s)", "--format", "json");
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.catalog).toEqual({ source: "chinook-tracks", rows: 3503, titles: 3351 });
    expect(out.results.map((x: { scheme: string }) => x.scheme)).toEqual(["duration=round(1s),bitrate=round(10kbps)", "duration=round(1min)"]);
    const [fine, coarse] = out.results.map((x: { metrics: Record<string, number> }) => x.metrics);
    // Figures computed independently (Python csv + dict grouping over the same file).
    expect(fine.classes).toBe(1310);
    expect(fine.title_unique_fraction).toBeCloseTo(0.22552098201541534, 14);
    expect(coarse.classes).toBe(38);
    expect(coarse.title_unique_fraction).toBeCloseTo(0.002569226377390808, 14);
  });

  it("agrees with an independent count: durations rounded to whole minutes", () => {
    // Title-unique rows under duration=round(60s), computed here straight from the CSV.
    const records: Record<string, string>[] = parse(readFileSync(chinookCsv), { columns: true, bom: true });
    expect(records).toHaveLength(3503);
    const classes = new Map<number, Set<string>>();
    const rowsOf = new Map<number, number>();
    for (const r of records) {
      const minute = Math.floor(Number(r.milliseconds) / 60000 + 0.5);
      if (!classes.has(minute)) classes.set(minute, new Set());
      classes.get(minute)!.add(`${r.name}|${r.artist}`);
      rowsOf.set(minute, (rowsOf.get(minute) ?? 0) + 1);
    }
    let titleUnique = 0;
    for (const [k, titles] of classes) if (titles.size === 1) titleUnique += rowsOf.get(k)!;
    const r = fprisk("evaluate", "chinook-tracks", "--scheme", "duration=round(1min)", "--format", "json");
    const m = JSON.parse(r.stdout).results[0].metrics;
    expect(m.classes).toBe(classes.size);
    expect(m.title_unique_fraction).toBeCloseTo(titleUnique / 3503, 12);
  });

  it("takes a --map for a file with other column names, and is deterministic", () => {
    const dir = tmp();
    const file = join(dir, "lib.csv");
    writeFileSync(file, "name,artist,milliseconds,bytes\nA,x,60000,750000\nA,y,60000,750000\nB,x,61000,800000\n\"C, the one\",z,61000,1\n");
    const args = ["evaluate", file, "--map", "title=name+artist,duration=milliseconds:ms,size=bytes:B", "--scheme", "duration=exact", "--scheme", "duration=exact,bitrate=round(100kbps)", "--format", "json"];
    const r = fprisk(...args);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.catalog.titles).toBe(4);
    expect(out.results[0].metrics.classes).toBe(2);
    expect(out.results[0].metrics.title_unique_fraction).toBe(0);
    // bitrates 100, 100, 104.9…, 0.0001 kbps → rounded to 100 kbps: {100,100}, {100}, {0}
    expect(out.results[1].metrics.classes).toBe(3);
    expect(out.results[1].metrics.unique_fraction).toBe(0.5);
    expect(fprisk(...args).stdout).toBe(r.stdout);
  });

  it("table and CSV formats", () => {
    const t = fprisk("evaluate", "chinook-tracks", "--scheme", "duration=round(1s)");
    expect(t.stdout).toMatch(/^chinook-tracks: 3503 rows, 3351 titles/);
    expect(t.stdout).toMatch(/duration=round\(1s\)\s+\d+\s+0\.\d+/);
    const c = fprisk("evaluate", "chinook-tracks", "--scheme", "duration=round(1s)", "--format", "csv");
    const [head, row] = c.stdout.trim().split("\n");
    expect(head.startsWith("source,scheme,duration,bitrate,resolution,fps,size,rows,titles,classes,unique_fraction")).toBe(true);
    expect(row.startsWith("chinook-tracks,duration=round(1s),round(1s),—,—,—,—,3503,3351,")).toBe(true);
  });

  it("--engine duckdb gives the in-memory numbers (the same JSON up to float rounding)", () => {
    const args = ["evaluate", "chinook-tracks", "--scheme", "duration=round(1s),bitrate=round(10kbps)", "--scheme", "duration=sig(2)", "--format", "json"];
    const mem = fprisk(...args, "--engine", "memory");
    const duck = fprisk(...args, "--engine", "duckdb", "--memory-limit", "256MiB");
    expect(duck.code, duck.stderr).toBe(0);
    const [a, b] = [JSON.parse(mem.stdout), JSON.parse(duck.stdout)];
    expect(b.catalog).toEqual(a.catalog);
    b.results.forEach((r: { scheme: string; metrics: Record<string, number> }, i: number) => {
      expect(r.scheme).toBe(a.results[i].scheme);
      for (const [k, v] of Object.entries(a.results[i].metrics as Record<string, number>)) expect(r.metrics[k], k).toBeCloseTo(v, 12);
    });
  });

  it("--engine and --memory-limit are checked before the catalog is read", () => {
    const missing = join(tmp(), "nothing.csv");
    expectUserError(fprisk("evaluate", missing, "--scheme", "duration=exact", "--engine", "duckdb", "--memory-limit", "4 gigs"), /--memory-limit takes a size with a unit/);
    expectUserError(fprisk("evaluate", missing, "--scheme", "duration=exact", "--memory-limit", "4GB", "--engine", "memory"), /--memory-limit limits the duckdb engine/);
    expectUserError(fprisk("evaluate", missing, "--scheme", "duration=geom(1s,scale=2,seed=1)", "--engine", "duckdb"), /use --engine memory/);
    expectUserError(fprisk("evaluate", missing, "--scheme", "duration=exact", "--engine", "duckdb", "--population", "1000000"), /--population needs the in-memory engine/);
    expectUserError(fprisk("evaluate", missing, "--scheme", "duration=exact", "--engine", "sql"), /--engine sql: choose one of auto, memory, duckdb/);
  });
});
