/** `fprisk experiments schema`: the schema on stdout; an unknown action is a usage error. */
import { describe, expect, it } from "vitest";
import { studySchemaText } from "../../../src/experiments/study/schema.js";
import { expectUserError, fprisk } from "../../cliHelpers.js";

describe("fprisk experiments", () => {
  it("schema prints the JSON Schema of a study file", () => {
    const r = fprisk(["experiments", "schema"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(studySchemaText());
    expect(JSON.parse(r.stdout).title).toBe("fprisk study");
  });

  it("--help shows an example", () => {
    const r = fprisk(["experiments", "schema", "--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Examples:[\s\S]*fprisk experiments schema > study\.schema\.json/);
  });

  it("an unknown action is one line, exit 2", () => {
    expectUserError(fprisk(["experiments", "shema"]), /unknown command experiments shema; did you mean experiments schema\?/, 1);
  });
});
