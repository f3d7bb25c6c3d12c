import { describe, expect, it } from "vitest";
import { locatedError, UserError } from "../../src/base/errors.js";

describe("UserError", () => {
  it("is an Error named UserError carrying the message alone", () => {
    const e = new UserError("--k must be ≥ 1");
    expect(e).toBeInstanceOf(Error);
    expect(e).toBeInstanceOf(UserError);
    expect(e.name).toBe("UserError");
    expect(e.message).toBe("--k must be ≥ 1");
    expect(String(e)).toBe("UserError: --k must be ≥ 1");
  });

  it("a plain Error is not a UserError (the CLI keeps its stack)", () => {
    expect(new Error("bug")).not.toBeInstanceOf(UserError);
  });
});

describe("locatedError", () => {
  it("names file and line, or the file alone when the line is unknown", () => {
    const e = locatedError("tracks.csv", 12, "duration is not a number");
    expect(e).toBeInstanceOf(UserError);
    expect(e.message).toBe("tracks.csv:12: duration is not a number");
    expect(locatedError("lib.db", undefined, "no media table").message).toBe("lib.db: no media table");
    expect(locatedError("a.csv", 0, "empty").message).toBe("a.csv:0: empty");
  });
});
