/** `--set key=value`: the grammar, typed by the schema, checked, one line per mistake. */
import { describe, expect, it } from "vitest";
import { UserError } from "../../../src/base/errors.js";
import { applyOverrides, parseOverrideValue } from "../../../src/experiments/study/overrides.js";
import { paperStudyFile } from "../../../src/experiments/study/readStudy.js";
import { resolveStudy } from "../../../src/experiments/study/resolveStudy.js";

const paper = () => paperStudyFile();
const fails = (sets: string[], pattern: RegExp, only?: string[]) => {
  let error: unknown;
  try {
    applyOverrides(paper(), sets, only);
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(UserError);
  expect((error as Error).message).toMatch(pattern);
  expect((error as Error).message).not.toContain("\n");
};

describe("--set", () => {
  it("values take the type the schema expects: numbers, booleans, ranges, lists, scheme lists, JSON", () => {
    expect(parseOverrideValue("7", { type: "integer" }, "seed")).toBe(7);
    expect(parseOverrideValue("true", { type: "boolean" }, "quick")).toBe(true);
    expect(parseOverrideValue("1..4", { type: "array", items: { type: "integer" } }, "plays")).toEqual([1, 2, 3, 4]);
    expect(parseOverrideValue("0.1,0.5", { type: "array", items: { type: "number" } }, "fractions")).toEqual([0.1, 0.5]);
    expect(parseOverrideValue("1s,1min", { type: "array", items: { type: "string" } }, "widths")).toEqual(["1s", "1min"]);
    expect(parseOverrideValue("duration=round(1s),bitrate=round(1Mbps); duration=round(1min)", { type: "array", items: { type: "string" } }, "schemes")).toEqual([
      "duration=round(1s),bitrate=round(1Mbps)",
      "duration=round(1min)",
    ]);
    expect(parseOverrideValue('[{"label":"x","wrongPlays":0,"durationErrorS":0}]', { type: "array", items: { type: "object" } }, "panels")).toEqual([{ label: "x", wrongPlays: 0, durationErrorS: 0 }]);
  });

  it("an artifact's parameter, replacing its quick value too", () => {
    const s = applyOverrides(paper(), ["F2.targets=50", "f3.plays=2..5"]);
    expect(s.artifacts.F2.targets).toBe(50);
    expect(s.artifacts.F2.quick).toEqual({});
    expect(resolveStudy({ ...s, quick: true }).artifacts.F2!.targets).toBe(50);
    expect(s.artifacts.F3.plays).toEqual([2, 3, 4, 5]);
    // the input is left alone
    expect(paper().artifacts.F2.targets).toBe(2000);
  });

  it("a bare parameter sets it wherever it fits among the selected artifacts", () => {
    const all = applyOverrides(paper(), ["plays=1..8"]);
    expect(all.artifacts.F2.plays).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(all.artifacts.F3.plays).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    // F4's and F5's plays are one number: a range does not fit there
    expect(all.artifacts.F4.plays).toBe(4);
    const f2 = applyOverrides(paper(), ["plays=1..8"], ["F2"]);
    expect(f2.artifacts.F3.plays).toEqual(paper().artifacts.F3.plays);
  });

  it("catalogs= replaces the study's catalogs and resets every selection of the old ones", () => {
    const s = resolveStudy(applyOverrides(paper(), ["catalogs=msd-subset-10k,data/mine.csv"]));
    expect(s.catalogs.map((c) => [c.id, c.source])).toEqual([
      ["msd-subset-10k", "msd-subset-10k"],
      ["mine", "data/mine.csv"],
    ]);
    expect(s.artifacts.F5!.catalogs).toEqual(["msd-subset-10k", "mine"]);
    expect(s.artifacts.T3!.rows).toEqual([
      { catalog: "msd-subset-10k", attacker: "same" },
      { catalog: "mine", attacker: "same" },
    ]);
    expect(s.servers.catalog).toBe("msd-subset-10k");
  });

  it("study fields and the servers", () => {
    const s = applyOverrides(paper(), ["seed=3", "quick=true", "servers.count=500"]);
    expect([s.seed, s.quick, s.servers.count, s.servers.quick]).toEqual([3, true, 500, {}]);
  });

  it("mistakes: no '=', unknown keys and parameters, wrong types, schema bounds", () => {
    fails(["plays"], /^--set plays: expected key=value/);
    fails(["F2.play=3"], /^--set F2\.play=3: F2 has no parameter "play"; its parameters: schemes, plays, targets$/);
    fails(["play=3"], /^--set play=3: no artifact of the run has a parameter "play"; keys: seed, quick, name, catalogs, .* plays/);
    fails(["seed=x"], /^--set seed=x: expected a whole number$/);
    fails(["F2.plays=0..3"], /^--set F2\.plays=0\.\.3: \/artifacts\/F2\/plays\/0: must be >= 1$/);
    fails(["F2.plays=5..3"], /expected a range from low to high/);
    fails(["F3.panels=2"], /expected JSON \(this parameter holds objects\)/);
    fails(["catalogs=a,,b"], /expected comma-separated catalog sources/);
  });
});
