import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { bin, expectUserError, fprisk as run, tmp } from "../cliHelpers.js";
import { dataDir, repoRoot } from "../helpers.js";

const chinookCsv = join(dataDir, "chinook-tracks", "chinook_tracks.csv");
const fprisk = (...args: string[]) => run(args);

describe("fprisk inspect", () => {
  it("detects Chinook's fields, units and title from a bare CSV path", () => {
    const r = fprisk("inspect", chinookCsv, "--format", "json");
    expect(r.code, r.stderr).toBe(0);
    const { catalog } = JSON.parse(r.stdout);
    expect(catalog.rows).toBe(3503);
    expect(catalog.titles).toBe(3351); // distinct name+artist pairs, as SOURCE.md says
    const fields = Object.fromEntries(catalog.fields.map((f: { field: string }) => [f.field, f]));
    expect(fields.duration_ms.from).toBe('column "milliseconds" (ms)');
    expect(fields.duration_ms.min).toBe(1071);
    expect(fields.size_bytes.from).toBe('column "bytes" (B)');
    expect(fields.bitrate_kbps.from).toMatch(/derived/);
    expect(fields.duration_ms.precision).toBe(1);
  });

  it("reports minute precision for a minute-runtime catalog", () => {
    const r = fprisk("inspect", "imdb-ggplot2movies");
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/duration_ms.*1 min \(minute resolution\)/);
    expect(r.stdout).toMatch(/rows\s+58788/);
  });

  it("--items prints the normalized catalog, with bitrate from size", () => {
    const r = fprisk("inspect", "chinook-tracks", "--items", "--format", "json", "--limit", "2");
    expect(r.code, r.stderr).toBe(0);
    const { catalog, items } = JSON.parse(r.stdout);
    expect(catalog.rows).toBe(3503);
    expect(items).toHaveLength(2);
    expect(items[0].title).toBe("For Those About To Rock (We Salute You) — AC/DC");
    expect(items[0].duration_ms).toBe(343719);
    expect(items[0].size_bytes).toBe(11170334);
    expect(items[0].bitrate_kbps).toBeCloseTo((8 * 11170334) / 343719, 9);
    expect(items[0].source).toMatch(/chinook_tracks\.csv:2$/);
    const csv = fprisk("inspect", "chinook-tracks", "--items", "--format", "csv", "--limit", "1");
    expect(csv.stdout.split("\n")[0]).toBe("title,duration_ms,bitrate_kbps,size_bytes,source");
  });
});

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
});

describe("fprisk sweep", () => {
  it("writes a CSV grid atomically with --out", () => {
    const dir = tmp();
    const out = join(dir, "sweep.csv");
    const r = fprisk("sweep", "spotify-popularity-2024", "--duration", "exact,1s,10s,60s,5min", "--format", "csv", "--out", out);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe("");
    expect(readdirSync(dir)).toEqual(["sweep.csv"]); // no temp file left behind
    const rows = readFileSync(out, "utf8").trim().split("\n");
    expect(rows).toHaveLength(6);
    const col = rows[0].split(",").indexOf("title_unique_fraction");
    const tuf = rows.slice(1).map((l) => Number(l.split(",")[col]));
    expect(rows[1]).toMatch(/^spotify-popularity-2024,duration=exact,/);
    // Independent computation (Python, tracks deduplicated by track_id): exact ms durations
    // name 87 % of 4,495 tracks; whole seconds already only 2.2 %.
    const want = [0.8676307007786429, 0.02224694104560623, 0.003781979977753059, 0.0006674082313681868, 0.0004449388209121246];
    tuf.forEach((x, i) => expect(x).toBeCloseTo(want[i], 14));
  });

  it("shows a progress bar on a terminal only", () => {
    const args = ["sweep", "synthetic:video-library?titles=300&seed=3", "--duration", "1s,1min,5min", "--format", "csv"];
    expect(fprisk(...args).stderr).toBe(""); // piped: nothing on stderr
    // util-linux `script` gives the command a pseudo-terminal.
    const cmd = [process.execPath, bin, ...args].map((a) => `'${a}'`).join(" ");
    const r = spawnSync("script", ["-qc", cmd, "/dev/null"], { encoding: "utf8", cwd: repoRoot });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/sweep \[[█░]+\] 3\/3 schemes/);
  });

  it("grids several axes", () => {
    const r = fprisk("sweep", "synthetic:video-library?titles=500&seed=3", "--duration", "1s,1min", "--bitrate", "exact,drop", "--resolution", "class", "--format", "json");
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).results.map((x: { scheme: string }) => x.scheme)).toEqual([
      "duration=round(1s),bitrate=exact,resolution=class",
      "duration=round(1s),resolution=class",
      "duration=round(1min),bitrate=exact,resolution=class",
      "duration=round(1min),resolution=class",
    ]);
  });
});

describe("fprisk datasets", () => {
  it("lists all ten datasets with rows, licence and a verified checksum", () => {
    const r = fprisk("datasets", "list", "--format", "json");
    expect(r.code, r.stderr).toBe(0);
    const list = JSON.parse(r.stdout);
    expect(list).toHaveLength(10);
    for (const d of list) {
      expect(d.verified, d.name).toBe("ok");
      expect(d.rows, d.name).toBeGreaterThan(0);
      expect(d.licence, d.name).toBeTruthy();
    }
    const chinook = list.find((d: { name: string }) => d.name === "chinook-tracks");
    expect(chinook.rows).toBe(3503);
    expect(chinook.licence).toMatch(/MIT/);
  });
});

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

describe("help", () => {
  for (const cmd of ["inspect", "evaluate", "sweep", "datasets", "demo"]) {
    it(`${cmd} --help has an example`, () => {
      const r = fprisk(cmd, "--help");
      expect(r.code).toBe(0);
      // an example is what it shows, then the command on its own line ("$ fprisk …")
      expect(r.stdout).toMatch(/Examples:\n(\s+\S.*:\n\s+\$ fprisk |\s+fprisk )/);
    });
  }
  it("no command is a usage error (exit 2)", () => {
    expectUserError(fprisk(), /name a command/);
  });
});
