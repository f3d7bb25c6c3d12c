// `--model` on evaluate and sweep, through the built binary.
import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { readFileSync, writeFileSync } from "node:fs";
import { expectUserError, fprisk, tmp } from "../cliHelpers.js";

describe("fprisk evaluate / sweep --model (built CLI)", () => {
  const source = "synthetic:video-library?titles=1500&seed=2";

  it("evaluate --model adds the model keys to JSON", () => {
    const r = fprisk(["evaluate", source, "--scheme", "duration=round(1s)", "--scheme", "duration=round(10s),resolution=class", "--model", "--format", "json"]);
    expect(r.code, r.stderr).toBe(0);
    const { results } = JSON.parse(r.stdout);
    expect(results).toHaveLength(2);
    for (const res of results) {
      expect(res.metrics.model_unique_fraction).toBeGreaterThanOrEqual(0);
      expect(res.metrics.model_unique_fraction).toBeLessThanOrEqual(1);
      expect(res.metrics.model_kappa).toBeGreaterThan(0);
    }
    // without --model the keys are absent
    const plain = JSON.parse(fprisk(["evaluate", source, "--scheme", "duration=round(1s)", "--format", "json"]).stdout);
    expect(plain.results[0].metrics.model_unique_fraction).toBeUndefined();
  });

  it("sweep --model writes the model columns to CSV atomically with --out", () => {
    const out = join(tmp(), "sweep.csv");
    writeFileSync(out, "old");
    const r = fprisk(["sweep", source, "--duration", "1s,10s", "--model", "--format", "csv", "--out", out]);
    expect(r.code, r.stderr).toBe(0);
    const r2 = fprisk(["sweep", source, "--duration", "1s,10s", "--model", "--format", "csv"]);
    expect(readFileSync(out, "utf8")).toBe(r2.stdout);
    const [header, ...rows] = r2.stdout.trim().split("\n");
    expect(header.split(",")).toEqual(expect.arrayContaining(["unique_fraction", "model_unique_fraction", "model_kappa"]));
    expect(rows).toHaveLength(2);
  });

  it("a randomized scheme with --model is a one-line user error", () => {
    const r = fprisk(["evaluate", source, "--scheme", "duration=geom(1s,scale=2,seed=1)", "--model"]);
    expectUserError(r, /occupancy model cannot predict duration=geom\(1s,scale=2,seed=1,memo\)/);
  });

  it("--help shows the --model flag with an example", () => {
    const r = fprisk(["evaluate", "--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/--model/);
    expect(r.stdout).toMatch(/--model\s*$/m);
  });
});
