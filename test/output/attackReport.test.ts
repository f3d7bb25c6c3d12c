import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { runAttack } from "../../src/attacks/runAttack.js";
import { attackJson, renderAttack } from "../../src/output/attackReport.js";
import { catalogOf } from "../helpers.js";

// A and B share 1 s, C and D stand alone: class match names C and D, and guesses between A and B.
const cat = catalogOf(["A", "B", "C", "D"], { duration_ms: [1000, 1000, 5000, 9000] });
const run = runAttack(cat, { scheme: "duration=round(1s)", targets: "all", seed: 3, bootstrap: 50 });

describe("attackJson", () => {
  it("carries the run's settings and every rate with its interval, not the per-target outcomes", () => {
    const doc = attackJson(run);
    expect(doc).toMatchObject({ attacker: "same", scheme: "duration=round(1s)", method: "class", targets: 4, seed: 3, in_catalog: 4, bootstrap: 50 });
    expect(doc.success_at_1).toEqual(run.evaluation.success_at_1);
    expect(doc.no_match).toEqual(run.evaluation.no_match);
    expect(doc).not.toHaveProperty("outcomes");
    // the tolerance in snake_case units (the same attacker: no error allowed)
    expect(doc.tolerance).toEqual({ duration_ms: 0, bitrate_percent: 0, offset_ms: [0, 0], pal_share: 0 });
    expect(attackJson({ ...run, tolerance: undefined })).not.toHaveProperty("tolerance");
    // C and D named for sure; A and B each a coin flip at best
    expect(run.evaluation.success_at_1.value).toBeGreaterThanOrEqual(0.5);
    expect(run.evaluation.success_at_1.value).toBeLessThanOrEqual(1);
    expect(run.evaluation.success_at_k.value).toBe(1);
  });
});

describe("renderAttack", () => {
  it("JSON is attackJson, pretty-printed, one trailing newline", () => {
    expect(renderAttack(run, "json")).toBe(JSON.stringify(attackJson(run), null, 2) + "\n");
  });

  it("CSV is tidy: one row per rate, success_at_k named with k", () => {
    const rows: Record<string, string>[] = parse(renderAttack(run, "csv"), { columns: true });
    const e = run.evaluation;
    const names = ["success_at_1", `success_at_${e.k}`, "no_match", "wrong_confident", ...(e.expected_success ? ["expected_success"] : []), ...(e.open_world.precision_confident ? ["precision_confident"] : [])];
    expect(rows.map((r) => r.metric)).toEqual(names);
    expect(rows[0]).toMatchObject({ scheme: "duration=round(1s)", attacker: "same", method: "class", targets: "4", seed: "3" });
    expect(Number(rows[1].value)).toBe(1);
    for (const r of rows) {
      expect(Number(r.ci_low)).toBeLessThanOrEqual(Number(r.value));
      expect(Number(r.ci_high)).toBeGreaterThanOrEqual(Number(r.value));
    }
  });

  it("the table heads with catalog, attacker, scheme and method, then rates and the precision/recall curve", () => {
    const text = renderAttack(run, "table");
    const lines = text.split("\n");
    expect(lines[0]).toBe("catalog    test (4 rows, 4 titles)");
    expect(lines[2]).toBe("scheme     duration=round(1s)");
    expect(lines[3]).toBe("method     class, 4 targets (4 in the attacker's catalog), seed 3");
    expect(text).toContain("intervals: 95 % bootstrap, B = 50");
    expect(text).toMatch(/\nprecision at base rate /);
    expect(text).toMatch(/threshold\s+answered\s+precision\s+recall/);
  });
});
