/** The `fprisk` entry point: every command's help has an example; no command is a usage error. */
import { describe, expect, it } from "vitest";
import { expectUserError, fprisk as run } from "../cliHelpers.js";

const fprisk = (...args: string[]) => run(args);

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
