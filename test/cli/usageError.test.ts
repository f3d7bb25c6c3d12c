import { describe, expect, it } from "vitest";
import { checkCommandName, usageMessage, UsageError } from "../../src/cli/usageError.js";

const shape = { command: "report", options: ["help", "version", "redact-titles", "redactTitles", "scheme", "format"], argv: ["report", "lib", "--redact-title"] };

describe("yargs messages become one line", () => {
  it("an unknown option, with the nearest known one", () => {
    expect(usageMessage("Unknown arguments: redact-title, redactTitle", shape)).toBe("unknown option --redact-title; did you mean --redact-titles?");
    expect(usageMessage("Unknown argument: frobnicate", { ...shape, argv: ["report", "lib", "--frobnicate"] })).toBe("unknown option --frobnicate; see `fprisk report --help`");
  });
  it("a stray word is an unexpected argument, not an option", () => {
    expect(usageMessage("Unknown argument: extra", { ...shape, argv: ["report", "lib", "extra"] })).toMatch(/^unexpected argument "extra"/);
  });
  it("a bad choice lists the choices and suggests one", () => {
    expect(usageMessage('Invalid values:\n  Argument: format, Given: "jsno", Choices: "table", "csv", "json"', shape)).toBe("--format jsno: choose one of table, csv, json (did you mean json?)");
  });
  it("missing options and values", () => {
    expect(usageMessage("Missing required argument: scheme", shape)).toBe("--scheme is required (see `fprisk report --help`)");
    expect(usageMessage("Not enough arguments following: out", shape)).toBe("--out needs a value");
    expect(usageMessage("Not enough non-option arguments: got 0, need at least 1", shape)).toMatch(/^report: name a catalog/);
  });
  it("every translation is a single line", () => {
    for (const m of ["Unknown arguments: a, b", 'Invalid values:\n  Argument: x, Given: "1", Choices: "2"', "Something\nelse"]) {
      expect(usageMessage(m, shape)).not.toContain("\n");
    }
  });
});

describe("checkCommandName", () => {
  const commands = { evaluate: [], inspect: [], datasets: ["list", "info"] };
  it("suggests the nearest command and action", () => {
    expect(() => checkCommandName(["evalute", "x"], commands)).toThrow(new UsageError("unknown command evalute; did you mean evaluate?"));
    expect(() => checkCommandName(["datasets", "lsit"], commands)).toThrow("unknown command datasets lsit; did you mean datasets list?");
    expect(() => checkCommandName(["zzz"], commands)).toThrow("unknown command zzz; commands: evaluate, inspect, datasets");
  });
  it("accepts known commands, options first, and nothing at all", () => {
    expect(() => checkCommandName(["--help"], commands)).not.toThrow();
    expect(() => checkCommandName(["inspect", "anything.csv"], commands)).not.toThrow();
    expect(() => checkCommandName(["datasets", "info", "x"], commands)).not.toThrow();
  });
});
