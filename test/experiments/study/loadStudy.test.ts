/** loadStudy: file (or the paper's) → overrides → resolved; isPaperStudy: which page command to print. */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { isPaperStudy, loadStudy } from "../../../src/experiments/study/loadStudy.js";
import { paperStudyFile } from "../../../src/experiments/study/readStudy.js";
import { tmp } from "../../cliHelpers.js";

describe("loadStudy", () => {
  it("the paper's study by default, with overrides and a selection", () => {
    const s = loadStudy(undefined, { set: ["F2.targets=10"], only: ["F2"] });
    expect(s.name).toBe("paper");
    expect(Object.keys(s.artifacts)).toEqual(["F2"]);
    expect(s.artifacts.F2!.targets).toBe(10);
  });

  it("a study file from disk", () => {
    const path = join(tmp("fprisk-study-"), "s.json");
    writeFileSync(path, JSON.stringify({ name: "mine", catalogs: [{ source: "chinook-tracks" }], servers: { catalog: "chinook-tracks", count: 5 }, artifacts: { T1: {} } }));
    const s = loadStudy(path);
    expect([s.name, s.seed, s.quick, s.catalogs[0].id]).toEqual(["mine", 1, false, "chinook-tracks"]);
  });

  it("isPaperStudy: the paper at any seed and size, or part of it, not once a parameter changes", () => {
    expect(isPaperStudy(loadStudy(undefined, { set: ["seed=9", "quick=true"] }).file)).toBe(true);
    expect(isPaperStudy(loadStudy(undefined, { set: ["F2.targets=10"] }).file)).toBe(false);
    // some of its artifacts, unchanged: still the paper's (`--only F1` writes into results/)
    expect(isPaperStudy(loadStudy(undefined, { only: ["F1"] }).file)).toBe(true);
    expect(isPaperStudy(loadStudy(undefined, { only: ["F1"], set: ["F1.widths=1s"] }).file)).toBe(false);
    expect(isPaperStudy({ ...paperStudyFile(), lock: { fprisk: "0", seed: 1, datasets: [] } })).toBe(true);
  });
});
