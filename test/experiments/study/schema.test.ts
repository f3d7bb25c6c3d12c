/** The study schema: what `experiments schema` prints, the committed copy, and what it accepts. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { ARTIFACTS } from "../../../src/experiments/reproduce/run.js";
import { ARTIFACT_IDS, ARTIFACT_PARAMETERS, STUDY_SCHEMA, studySchemaText } from "../../../src/experiments/study/schema.js";
import { repoRoot } from "../../helpers.js";

describe("the study schema", () => {
  it("is a valid draft 2020-12 schema (ajv compiles it in strict mode)", () => {
    const ajv = new Ajv2020({ strict: true });
    expect(ajv.validateSchema(STUDY_SCHEMA)).toBe(true);
    expect(() => ajv.compile(STUDY_SCHEMA)).not.toThrow();
  });

  it("names one parameter set per artifact the run knows, in the same order", () => {
    expect(ARTIFACT_IDS).toEqual(ARTIFACTS.map((a) => a.id));
    for (const id of ARTIFACT_IDS) expect(Object.keys(ARTIFACT_PARAMETERS[id]).length).toBeGreaterThan(0);
  });

  it("experiments/study.schema.json (what paper.json points at) is the schema as printed", () => {
    expect(readFileSync(join(repoRoot, "experiments", "study.schema.json"), "utf8")).toBe(studySchemaText());
  });

  it("accepts the paper's study and rejects a quick overlay with an unknown parameter", () => {
    const validate = new Ajv2020({ strict: true }).compile(STUDY_SCHEMA);
    const paper = JSON.parse(readFileSync(join(repoRoot, "experiments", "paper.json"), "utf8"));
    expect(validate(paper), JSON.stringify(validate.errors)).toBe(true);
    const bad = structuredClone(paper);
    bad.artifacts.F2.quick.playz = [1];
    expect(validate(bad)).toBe(false);
    expect(validate.errors![0].instancePath).toBe("/artifacts/F2/quick");
  });
});
