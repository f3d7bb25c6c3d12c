import { describe, expect, it } from "vitest";
import { cliMessage } from "../../src/cli/flagNames.js";

describe("cliMessage", () => {
  it("shows the flag for each backticked library option name", () => {
    expect(cliMessage("`openWorld` must be a share between 0 and 1, got 2")).toBe("--open-world must be a share between 0 and 1, got 2");
    expect(cliMessage("`method` scoreboard needs `plays`")).toBe("--method scoreboard needs --plays");
    expect(cliMessage("error is `durationErrorMs`, not `attacker`")).toBe("error is --duration-error, not --attacker");
  });
  it("leaves other backticked text and bare words alone", () => {
    expect(cliMessage("see `fprisk datasets list`; seed and k stay words; `unknownName` stays")).toBe("see `fprisk datasets list`; seed and k stay words; `unknownName` stays");
  });
});
