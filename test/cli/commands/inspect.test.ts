/** `fprisk inspect`: what a catalog holds, field by field, and its normalized items. */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fprisk as run } from "../../cliHelpers.js";
import { dataDir } from "../../helpers.js";

const chinookCsv = join(dataDir, "chinook-tracks", "chinook_tracks.csv");
const fprisk = (...args: string[]) => run(args);

describe("fprisk inspect", () => {
  it("detects Chinook's fields, units and title from a bare CSV path", () => {
    const r = fprisk("inspect", chinookCsv, "--format", "json");
    expect(r.code, r.stderr).toBe(0);
    const { catalog } = JSON.parse(r.stdout);
    expect(catalog.rows).toBe(3503);
    expect(catalog.titles).toBe(3351); // distinct name+artist pairs, as SOURCE.md says
    const fields = Object.fromEntries(catalog.fields.map((f: { field: string }) => [f.field, f]));
    expect(fields.duration_ms.from).toBe('column "milliseconds" (ms)');
    expect(fields.duration_ms.min).toBe(1071);
    expect(fields.size_bytes.from).toBe('column "bytes" (B)');
    expect(fields.bitrate_kbps.from).toMatch(/derived/);
    expect(fields.duration_ms.precision).toBe(1);
  });

  it("reports minute precision for a minute-runtime catalog", () => {
    const r = fprisk("inspect", "imdb-ggplot2movies");
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/duration_ms.*1 min \(minute resolution\)/);
    expect(r.stdout).toMatch(/rows\s+58788/);
  });

  it("--items prints the normalized catalog, with bitrate from size", () => {
    const r = fprisk("inspect", "chinook-tracks", "--items", "--format", "json", "--limit", "2");
    expect(r.code, r.stderr).toBe(0);
    const { catalog, items } = JSON.parse(r.stdout);
    expect(catalog.rows).toBe(3503);
    expect(items).toHaveLength(2);
    expect(items[0].title).toBe("For Those About To Rock (We Salute You) — AC/DC");
    expect(items[0].duration_ms).toBe(343719);
    expect(items[0].size_bytes).toBe(11170334);
    expect(items[0].bitrate_kbps).toBeCloseTo((8 * 11170334) / 343719, 9);
    expect(items[0].source).toMatch(/chinook_tracks\.csv:2$/);
    const csv = fprisk("inspect", "chinook-tracks", "--items", "--format", "csv", "--limit", "1");
    expect(csv.stdout.split("\n")[0]).toBe("title,duration_ms,bitrate_kbps,size_bytes,source");
  });
});
