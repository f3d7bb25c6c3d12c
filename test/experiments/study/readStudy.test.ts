/** Reading a study file: JSON, then the schema; each mistake one line naming the JSON path and what was expected. */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { UserError } from "../../../src/base/errors.js";
import { paperStudyFile, parseStudy, readStudyFile } from "../../../src/experiments/study/readStudy.js";
import { tmp } from "../../cliHelpers.js";

const minimal = () => ({ catalogs: [{ source: "chinook-tracks" }], servers: { catalog: "chinook-tracks", count: 100 }, artifacts: { T1: {} } });

const message = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(UserError);
    const text = (e as Error).message;
    expect(text).not.toContain("\n");
    return text;
  }
  throw new Error("expected a UserError");
};

describe("readStudy", () => {
  it("the paper's study reads and has the eleven artifacts", () => {
    expect(Object.keys(paperStudyFile().artifacts)).toEqual(["F1", "F2", "F3", "F4", "F5", "F6", "F7", "T1", "T2", "T3", "T4"]);
  });

  it("accepts a minimal study", () => {
    expect(parseStudy(minimal(), "s.json").catalogs[0].source).toBe("chinook-tracks");
  });

  it("names the path and the expected type", () => {
    const s = minimal() as Record<string, unknown>;
    (s.servers as Record<string, unknown>).count = "many";
    expect(message(() => parseStudy(s, "s.json"))).toBe("s.json: /servers/count: must be integer");
  });

  it("names an unknown key and the known ones", () => {
    const s = { ...minimal(), artifacts: { F2: { schemes: ["duration=round(1s)"], plays: [1], targets: 5, play: 3 } } };
    expect(message(() => parseStudy(s, "s.json"))).toBe('s.json: /artifacts/F2: unknown key "play"; known: schemes, plays, targets, quick');
  });

  it("names a missing parameter, and an unknown artifact", () => {
    expect(message(() => parseStudy({ ...minimal(), artifacts: { F2: { plays: [1], targets: 5 } } }, "s.json"))).toBe('s.json: /artifacts/F2: missing "schemes"');
    expect(message(() => parseStudy({ ...minimal(), artifacts: { F9: {} } }, "s.json"))).toMatch(/^s\.json: \/artifacts: unknown key "F9"; known: F1, F2, .*T4$/);
  });

  it("a file that is not JSON, or absent, is one line naming it", () => {
    const dir = tmp("fprisk-study-");
    const bad = join(dir, "bad.json");
    writeFileSync(bad, "{ nope");
    expect(message(() => readStudyFile(bad))).toMatch(/bad\.json: not JSON \(/);
    expect(message(() => readStudyFile(join(dir, "none.json")))).toMatch(/none\.json: cannot read the study file \(no such file\)/);
  });
});
