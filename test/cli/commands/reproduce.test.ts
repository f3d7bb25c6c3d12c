/** `fprisk reproduce`: chosen artifacts only, their files listed on stdout; a bad choice writes nothing. */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ARTIFACTS } from "../../../src/experiments/reproduce/run.js";
import { t1 } from "../../../src/experiments/reproduce/t1.js";
import { renderCsv } from "../../../src/output/tabular.js";
import { expectUserError, fprisk, tmp } from "../../cliHelpers.js";
import { dataDir } from "../../helpers.js";

process.env.FPRISK_DATA_DIR ??= dataDir;

describe("fprisk reproduce", () => {
  it("--only T1,f2 --quick writes those two (a CSV, and a spec, SVG and PNG for the figure) and the lock, no results page", async () => {
    const out = join(tmp("fprisk-reproduce-cmd-"), "fig");
    const r = fprisk(["reproduce", "--only", "T1,f2", "--quick", "--out", out], {}, { timeout: 300_000 });
    expect(r.code, r.stderr).toBe(0);
    expect(readdirSync(out).sort()).toEqual([
      "f2-library-uniqueness-vs-plays.csv",
      "f2-library-uniqueness-vs-plays.png",
      "f2-library-uniqueness-vs-plays.svg",
      "f2-library-uniqueness-vs-plays.vl.json",
      "study.lock.json",
      "t1-catalogs.csv",
    ]);
    // stdout lists every file written, in the order written (artifacts in the study's order: F2 before T1, then the lock)
    const listed = r.stdout.trim().split("\n");
    expect(listed).toHaveLength(6);
    expect(listed[0]).toBe(join(out, "f2-library-uniqueness-vs-plays.csv"));
    expect(listed.at(-2)).toBe(join(out, "t1-catalogs.csv"));
    expect(listed.at(-1)).toBe(join(out, "study.lock.json"));
    // the lock: the paper's study narrowed to the two artifacts, quick, seed 1
    const lock = JSON.parse(readFileSync(join(out, "study.lock.json"), "utf8"));
    expect([lock.name, lock.quick, lock.seed, Object.keys(lock.artifacts)]).toEqual(["paper", true, 1, ["F2", "T1"]]);
    expect(lock.lock.datasets.map((d: { source: string }) => d.source)).toEqual(["chinook-tracks", "spotify-popularity-2024", "synthetic:video-library?titles=5000&seed=1", "imdb-ggplot2movies"]);
    // the CSV is the artifact's own table, as the library makes it with the same seed
    expect(readFileSync(join(out, "t1-catalogs.csv"), "utf8")).toBe(renderCsv((await t1.make({ quick: true, seed: 1 })).data));
  }, 300_000);

  it("an unknown artifact id is a usage error naming the known ones, and nothing is written", () => {
    const out = join(tmp("fprisk-reproduce-cmd-"), "never");
    const known = ARTIFACTS.map((a) => a.id).join(", ");
    expect(known).toMatch(/^F1, F2, .*T1, T2, T3/);
    expectUserError(fprisk(["reproduce", "--only", "T1,X9", "--quick", "--out", out]), new RegExp(`--only: unknown X9 \\(known: ${known}\\)`), 1);
    expect(existsSync(out)).toBe(false);
  });

  it("--help names every artifact", () => {
    const r = fprisk(["reproduce", "--help"]);
    expect(r.code).toBe(0);
    for (const id of ["F1", "F2", "F3", "F4", "F5", "F7", "T1", "T2", "T3"]) expect(r.stdout).toMatch(new RegExp(`${id}\\s+\\(`)); // help wraps between an id and its description
    expect(r.stdout).toMatch(/Examples:/);
    for (const option of ["--config", "--set", "--only", "--out"]) expect(r.stdout).toContain(option);
    expect(r.stdout).toContain("--set catalogs=msd-subset-10k,my.csv --set plays=1..8");
  });
});
