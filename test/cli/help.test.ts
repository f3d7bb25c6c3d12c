import { describe, expect, it } from "vitest";
import { examples, HELP_WIDTH } from "../../src/cli/help.js";

describe("help examples", () => {
  it("what it shows, then the command on its own line, $0 spelled fprisk", () => {
    expect(examples([["$0 inspect x.csv", "what was detected"], ["$0 evaluate y --scheme s", "risk"]])).toBe(
      "Examples:\n  what was detected:\n    $ fprisk inspect x.csv\n\n  risk:\n    $ fprisk evaluate y --scheme s",
    );
  });
  it("help is between 80 and 120 columns wide", () => {
    expect(HELP_WIDTH).toBeGreaterThanOrEqual(80);
    expect(HELP_WIDTH).toBeLessThanOrEqual(120);
  });
});
