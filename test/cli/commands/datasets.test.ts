/** `fprisk datasets`: the registered datasets with rows, licence and checksum. */
import { describe, expect, it } from "vitest";
import { fprisk as run } from "../../cliHelpers.js";

const fprisk = (...args: string[]) => run(args);

describe("fprisk datasets", () => {
  it("lists all ten datasets with rows, licence and a verified checksum", () => {
    const r = fprisk("datasets", "list", "--format", "json");
    expect(r.code, r.stderr).toBe(0);
    const list = JSON.parse(r.stdout);
    expect(list).toHaveLength(10);
    for (const d of list) {
      expect(d.verified, d.name).toBe("ok");
      expect(d.rows, d.name).toBeGreaterThan(0);
      expect(d.licence, d.name).toBeTruthy();
    }
    const chinook = list.find((d: { name: string }) => d.name === "chinook-tracks");
    expect(chinook.rows).toBe(3503);
    expect(chinook.licence).toMatch(/MIT/);
  });
});
