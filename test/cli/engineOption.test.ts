import { describe, expect, it } from "vitest";
import { checkEngineArgs, engineForLoaded, ENGINES } from "../../src/cli/engineOption.js";
import { parseScheme } from "../../src/schemes/parse.js";

const schemes = [parseScheme("duration=round(1s)")];

describe("engine options", () => {
  it("settles the choice and the memory limit before any input is read", () => {
    expect(ENGINES).toEqual(["auto", "memory", "duckdb"]);
    expect(checkEngineArgs({ engine: "duckdb", "memory-limit": "4GB" }, schemes, undefined)).toEqual({ choice: "duckdb", memoryLimitBytes: 4e9 });
    expect(checkEngineArgs({ engine: "auto" }, schemes, undefined)).toEqual({ choice: "auto", memoryLimitBytes: undefined });
  });

  it("auto keeps a loaded catalog in memory (it fits, being loaded); duckdb is asked for", () => {
    expect(engineForLoaded({ choice: "auto" })).toBe("memory");
    expect(engineForLoaded({ choice: "memory" })).toBe("memory");
    expect(engineForLoaded({ choice: "duckdb" })).toBe("duckdb");
  });

  it("refuses what the duckdb engine cannot do, and a memory limit without it", () => {
    expect(() => checkEngineArgs({ engine: "duckdb" }, [parseScheme("duration=geom(1s,scale=2,seed=1)")], undefined)).toThrow("use --engine memory");
    expect(() => checkEngineArgs({ engine: "duckdb" }, schemes, "--population")).toThrow("--population needs the in-memory engine: use --engine memory");
    expect(() => checkEngineArgs({ engine: "memory", "memory-limit": "4GB" }, schemes, undefined)).toThrow("--memory-limit limits the duckdb engine");
    expect(() => checkEngineArgs({ engine: "duckdb", "memory-limit": "lots" }, schemes, undefined)).toThrow("--memory-limit takes a size with a unit");
  });
});
