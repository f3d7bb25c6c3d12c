/**
 * `fprisk reproduce --config`: a study other than the paper's — MSD, Jamendo and a small
 * CSV library of one's own — builds every artifact with a page about its own data, writes
 * study.lock.json, and rebuilds byte-identically from that lock. A catalog without an
 * attribute an artifact needs leaves that artifact out, saying why, and builds the rest.
 * Sizes are tiny: this is about the mechanism, not the numbers.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { beforeAll, describe, expect, it } from "vitest";
import { ARTIFACTS } from "../../../src/experiments/reproduce/run.js";
import { pct } from "../../../src/experiments/reproduce/text.js";
import { expectUserError, fprisk, tmp } from "../../cliHelpers.js";
import { dataDir, repoRoot } from "../../helpers.js";

const env = { FPRISK_DATA_DIR: process.env.FPRISK_DATA_DIR ?? dataDir };
const TIMEOUT = 600_000;

/** A 400-row library: 300 films, durations in ms, bitrate and resolution (a seeded LCG, no data copied). */
function libraryCsv(): string {
  let x = 12345;
  const next = (n: number) => {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    return x % n;
  };
  const sizes = ["1920,1080", "1280,720", "3840,2160", "720,480"];
  const rows = Array.from({ length: 400 }, (_, i) => `Film ${i % 300},${(80 + next(60)) * 60_000 + next(60_000)},${800 + next(7000)},${sizes[next(4)]}`);
  return ["title,duration_ms,bitrate_kbps,width,height", ...rows, ""].join("\n");
}

const schemes = ["duration=round(1s),bitrate=round(100kbps),resolution=class", "duration=round(1min),resolution=class"];

function study(csv: string) {
  return {
    name: "songs and my library",
    catalogs: [
      { id: "msd", label: "MSD (10k songs)", source: "msd-subset-10k" },
      { id: "jamendo", label: "Jamendo (durations)", source: "mtg-jamendo-durations" },
      { id: "mine", label: "My library (CSV)", source: csv },
    ],
    servers: { catalog: "mine", count: 200 },
    artifacts: {
      F1: { widths: ["1s", "1min"], bitrates: ["exact", "round(1Mbps)", "drop"], resolutions: ["exact", "class"] },
      F2: { schemes, plays: [1, 2, 4], targets: 50 },
      F3: { schemes, panels: [{ label: "exact", wrongPlays: 0, durationErrorS: 0 }, { label: "1 wrong, ±5 s", wrongPlays: 1, durationErrorS: 5 }], plays: [1, 2, 4, 6], targets: 30, bootstrap: 50 },
      F4: { schemes, plays: 4, openWorldShare: 0.5, lowBaseRate: 0.1, targets: 50 },
      F5: {
        catalogs: ["jamendo", "msd"],
        sizes: [1000, 3000],
        syntheticSchemes: [schemes[0], "duration=round(1s)"],
        realSchemes: ["duration=round(1s)", "duration=round(1min)"],
        servers: [100, 200],
        serverSchemes: schemes,
        plays: 4,
        targets: 50,
      },
      F6: { catalogs: ["msd", "mine"], target: "title_unique_fraction<=0.05" },
      F7: { catalogs: ["msd"], population: 20000, fractions: [0.01, 0.1], syntheticSchemes: ["duration=round(1s)"], realSchemes: ["duration=round(1s)"], minSample: 50 },
      T1: {},
      T2: { widths: ["1s", "10s", "1min", "10min"], bitrates: ["drop", "round(1Mbps)"], targets: [0.01] },
      T3: {
        rows: [{ catalog: "mine", attacker: "same" }, { catalog: "msd", attacker: "releases", label: "MSD songs as release files" }],
        schemes: [schemes[0], "duration=round(1min),bitrate=round(1Mbps),resolution=class"],
        toleranceS: 2,
        tolerancePercent: 5,
        linkagePlays: 4,
        scoreboard: { plays: 6, wrongPlays: 1, durationErrorS: 5 },
        targets: 50,
      },
      T4: { catalogs: ["mine", "msd"], targets: ["title_unique_fraction<=0.01", "linkage(4)<=0.05"], libraries: 50 },
    },
  };
}

type Row = Record<string, string>;

/** The generated paragraph of an artifact: the first line after its italic caption. */
function paragraph(page: string, id: string): string {
  const lines = page.split(/^## /m).find((s) => s.startsWith(`${id} — `))!.split("\n");
  const caption = lines.findIndex((l) => l.startsWith("*") && l.endsWith("*"));
  return lines.slice(caption + 1).find((l) => l.trim() !== "")!;
}

describe("fprisk reproduce --config: a study on other catalogs", () => {
  const dir = tmp("fprisk-study-run-");
  const csv = join(dir, "my-library.csv");
  const config = join(dir, "study.json");
  const out = join(dir, "out");
  let page: string;
  let stdout: string[];
  const csvOf = (name: string): Row[] => parse(readFileSync(join(out, `${name}.csv`)), { columns: true }) as Row[];

  beforeAll(() => {
    writeFileSync(csv, libraryCsv());
    writeFileSync(config, JSON.stringify(study(csv), null, 2));
    const r = fprisk(["reproduce", "--config", config, "--out", out], env, { timeout: TIMEOUT });
    expect(r.code, r.stderr).toBe(0);
    stdout = r.stdout.trim().split("\n");
    page = readFileSync(join(out, "README.md"), "utf8");
  }, TIMEOUT);

  it("builds every artifact, the page and the lock, and lists them", () => {
    const files = readdirSync(out);
    for (const a of ARTIFACTS) expect(files, a.id).toContain(`${a.name}.csv`);
    expect(files).toContain("README.md");
    expect(files).toContain("study.lock.json");
    expect(stdout.at(-1)).toBe(join(out, "study.lock.json"));
  });

  it("the page is about this study: its command, its catalogs and parameters, none of the paper's", () => {
    expect(page).toMatch(/^Generated by `npx fprisk reproduce --config study\.lock\.json`/m);
    expect(page).toContain('Study "songs and my library"');
    for (const word of ["chinook", "spotify", "imdb", "IMDb", "Chinook"]) expect(page).not.toContain(word);
    expect(paragraph(page, "F1")).toContain("MSD (10k songs) (10,000 items): rounding durations to 1 s leaves");
    expect(page).toContain("Data: msd-subset-10k, mtg-jamendo-durations, " + csv + ". Schemes: duration round(w) for w from 1 s to 1 min");
    expect(page).toContain("× resolution exact/class (only My library (CSV))");
    expect(page).toContain(`200 synthetic servers drawn from ${csv}`);
    expect(page).toContain("target title_unique_fraction<=0.05");
    expect(page).toContain("MSD: release files simulated from msd-subset-10k runtimes (seed 1) attacked with the MSD millisecond catalog");
  });

  it("sentences are recomputed from the CSVs: T1's totals, T2's widths, F2's shares", () => {
    const t1 = csvOf("t1-catalogs");
    expect(t1.map((r) => r.catalog)).toEqual(["MSD (10k songs)", "Jamendo (durations)", "My library (CSV)"]);
    const items = t1.reduce((a, r) => a + Number(r.rows), 0);
    expect(paragraph(page, "T1")).toBe(`3 catalogs, ${items.toLocaleString("en-US")} items in all; none record runtimes in whole minutes.`);
    const t2 = csvOf("t2-widths-for-targets").filter((r) => r.bitrate === "not reported");
    expect(paragraph(page, "T2")).toBe(`With bitrate not reported, one play names at most 1 % of items once durations are rounded to ${t2.map((r) => `${r["width for ≤ 1 %"]} (${r.catalog})`).join(", ")}.`);
    const f2 = csvOf("f2-library-uniqueness-vs-plays");
    const at = (scheme: string, p: number) => Number(f2.find((r) => r.scheme === scheme && Number(r.plays) === p)!.unique_fraction);
    const [fine, coarse] = schemes;
    const half = [1, 2, 4].find((p) => at(coarse, p) >= 0.5);
    expect(paragraph(page, "F2")).toBe(
      `Four plays single out ${pct(at(fine, 4))} of servers under ${fine}, and ${pct(at(coarse, 4))} under ${coarse}; ` +
        `${coarse} needs ${half ?? "more than 4"} plays to single out half of them (${pct(at(coarse, 4))} at 4 plays).`,
    );
  });

  it("the lock holds the study, the seed, fprisk's version and the sha256 of the files read", () => {
    const lock = JSON.parse(readFileSync(join(out, "study.lock.json"), "utf8"));
    expect(lock.name).toBe("songs and my library");
    expect([lock.seed, lock.quick]).toEqual([1, false]);
    expect(lock.lock.fprisk).toBe(JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")).version);
    expect(lock.lock.datasets.map((d: { source: string }) => d.source)).toEqual(["msd-subset-10k", "mtg-jamendo-durations", csv]);
    expect(lock.lock.datasets[2].files).toEqual([{ path: csv, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) }]);
  });

  it("reproduce --config out/study.lock.json rebuilds every file byte-identically", () => {
    const again = join(dir, "again");
    const r = fprisk(["reproduce", "--config", join(out, "study.lock.json"), "--out", again], env, { timeout: TIMEOUT });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).not.toMatch(/note:/);
    const files = readdirSync(out).sort();
    expect(readdirSync(again).sort()).toEqual(files);
    for (const f of files) expect(readFileSync(join(again, f)).equals(readFileSync(join(out, f))), f).toBe(true);
  }, TIMEOUT);

  it("a changed dataset file is told before the rebuild", () => {
    const lock = JSON.parse(readFileSync(join(out, "study.lock.json"), "utf8"));
    lock.lock.datasets[2].files[0].sha256 = "0".repeat(64);
    lock.artifacts = { T1: lock.artifacts.T1 };
    const edited = join(dir, "edited.lock.json");
    writeFileSync(edited, JSON.stringify(lock));
    const r = fprisk(["reproduce", "--config", edited, "--out", join(dir, "edited")], env, { timeout: TIMEOUT });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`fprisk: note: ${csv}: ${csv} has changed since the lock`);
  }, TIMEOUT);

  it("servers drawn from a catalog without bitrate or resolution: F2 says why it is not built, T1 is built", () => {
    const part = join(dir, "part");
    const r = fprisk(["reproduce", "--config", config, "--set", "servers.catalog=msd", "--only", "F2,T1", "--out", part], env, { timeout: TIMEOUT });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain("fprisk: F2 not built: its schemes use bitrate and resolution, which MSD (10k songs) does not record");
    expect(readdirSync(part).sort()).toEqual(["study.lock.json", "t1-catalogs.csv"]);
    // the whole study with that change: the page keeps F2's section and says why
    const whole = join(dir, "whole");
    const w = fprisk(["reproduce", "--config", config, "--set", "servers.catalog=msd", "--set", "F5.servers=10", "--out", whole], env, { timeout: TIMEOUT });
    expect(w.code, w.stderr).toBe(0);
    const p = readFileSync(join(whole, "README.md"), "utf8");
    expect(p).toMatch(/## F2 — Library uniqueness vs number of plays\n\n\*Not built: its schemes use bitrate and resolution, which MSD \(10k songs\) does not record/);
    expect(existsSync(join(whole, "f2-library-uniqueness-vs-plays.csv"))).toBe(false);
    expect(existsSync(join(whole, "f1-risk-vs-width.csv"))).toBe(true);
  }, TIMEOUT);
});

describe("fprisk reproduce: usage errors stop the run before anything is written", () => {
  const dir = tmp("fprisk-study-bad-");
  const out = join(dir, "never");
  const bad = (args: string[], pattern: RegExp) => {
    expectUserError(fprisk(["reproduce", ...args, "--out", out], env), pattern, 1);
    expect(existsSync(out)).toBe(false);
  };

  it("schema errors name the JSON path and the expected type", () => {
    const file = join(dir, "s.json");
    writeFileSync(file, JSON.stringify({ catalogs: [{ source: "chinook-tracks" }], servers: { catalog: "chinook-tracks", count: "ten" }, artifacts: { T1: {} } }));
    bad(["--config", file], /s\.json: \/servers\/count: must be integer$/m);
    writeFileSync(file, "{");
    bad(["--config", file], /s\.json: not JSON/);
  });

  it("bad overrides, unknown artifacts and missing catalogs", () => {
    bad(["--set", "F2.plays=0..3"], /--set F2\.plays=0\.\.3: \/artifacts\/F2\/plays\/0: must be >= 1/);
    bad(["--set", "F2.play=3"], /F2 has no parameter "play"/);
    bad(["--set", "seed=x"], /--set seed=x: expected a whole number/);
    bad(["--set", "F2.schemes=duration=round(1 parsec)"], /\/artifacts\/F2\/schemes\/0: /);
    bad(["--only", "F1,F9"], /--only: unknown F9/);
    // an unknown option stops the run before F1 is built
    bad(["--only", "F1", "--catalog", "msd-subset-10k"], /unknown option --catalog/);
    bad(["--set", "catalogs=nothere.csv"], /catalog "nothere\.csv": neither a file nor a known dataset/);
  });

  it("--out must be a folder", () => {
    const file = join(dir, "a-file");
    writeFileSync(file, "x");
    expectUserError(fprisk(["reproduce", "--only", "T1", "--quick", "--out", file], env), /--out .*a-file: a file, not a folder/, 1);
    expect(readFileSync(file, "utf8")).toBe("x");
  });

  it("a study other than the paper's must name --out", () => {
    expectUserError(fprisk(["reproduce", "--set", "catalogs=chinook-tracks", "--only", "T1"], env), /--out: name an output folder/, 1);
  });
});
