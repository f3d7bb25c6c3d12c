import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { selectRows } from "../../src/attacks/attacker.js";
import { runAttack } from "../../src/attacks/runAttack.js";
import { evaluateScheme } from "../../src/measures/evaluate.js";
import { loadCatalog } from "../../src/sources/loadCatalog.js";
import { catalogOf, dataDir } from "../helpers.js";

process.env.FPRISK_DATA_DIR ??= dataDir;

describe("the kappa identity", () => {
  const schemes = ["duration=exact", "duration=round(10s)", "duration=floor(30s),bitrate=log(20%)", "bitrate=quantile(3)", "duration=round(5s),resolution=class", "none", "bitrate=sig(2)", "bitrate=exact,duration=sig(1)", "bitrate=ladder(150kbps,250kbps)"];
  const arb = fc.record({
    rows: fc.array(
      fc.record({
        title: fc.integer({ min: 0, max: 6 }),
        dur: fc.integer({ min: 0, max: 12 }).map((x) => x * 7000),
        br: fc.oneof(fc.integer({ min: 100, max: 400 }), fc.constant(NaN)),
        h: fc.constantFrom(480, 720, 1080, 2160),
      }),
      { minLength: 1, maxLength: 40 },
    ),
    scheme: fc.constantFrom(...schemes),
  });

  it("on the same catalog, expected success of a uniform pick equals kappa (property)", () => {
    fc.assert(
      fc.property(arb, ({ rows, scheme }) => {
        const cat = catalogOf(
          rows.map((r) => `T${r.title}`),
          { duration_ms: rows.map((r) => r.dur), bitrate_kbps: rows.map((r) => r.br), width: rows.map((r) => (r.h * 16) / 9), height: rows.map((r) => r.h) },
        );
        const kappa = evaluateScheme(cat, scheme).metrics.kappa;
        for (const method of ["class", "likelihood"] as const) {
          const run = runAttack(cat, { scheme, method, targets: "all", bootstrap: 0 });
          expect(run.evaluation.expected_success!.value).toBeCloseTo(kappa, 12);
        }
      }),
      { numRuns: 60 },
    );
  });

  it("holds on Chinook's TV episodes (the 214 video files) and on all of Chinook", async () => {
    const chinook = await loadCatalog("chinook-tracks");
    const br = chinook.numeric.bitrate_kbps!;
    const videoRows = Int32Array.from({ length: chinook.rows }, (_, i) => i).filter((i) => br[i] > 500);
    const tv = selectRows(chinook, videoRows);
    expect(tv.rows).toBe(214);
    for (const [cat, scheme] of [[tv, "duration=round(60s)"], [tv, "duration=round(10s),bitrate=log(5%)"], [chinook, "duration=round(1s)"]] as const) {
      const run = runAttack(cat, { scheme, targets: "all", bootstrap: 0 });
      expect(run.evaluation.expected_success!.value).toBeCloseTo(evaluateScheme(cat, scheme).metrics.kappa, 12);
    }
    // TV episodes at minute resolution: half the episodes still named by the MAP guess.
    const minute = runAttack(tv, { scheme: "duration=round(60s)", targets: "all", bootstrap: 200 });
    expect(minute.evaluation.success_at_1.value).toBeGreaterThan(0.1);
    expect(minute.evaluation.success_at_1.value).toBeLessThan(0.9);
  });
});

describe("runAttack determinism", () => {
  it("same inputs and seed ⇒ identical results; another seed samples other targets", () => {
    const cat = catalogOf(Array.from({ length: 200 }, (_, i) => `T${i % 90}`), { duration_ms: Array.from({ length: 200 }, (_, i) => (i * 7919) % 50000) });
    const opts = { scheme: "duration=round(5s)", method: "likelihood" as const, targets: 50, seed: 7, bootstrap: 100, tolerance: { durationMs: 1000 } };
    expect(JSON.stringify(runAttack(cat, opts))).toBe(JSON.stringify(runAttack(cat, opts)));
    expect(runAttack(cat, { ...opts, seed: 8 }).outcomes.map((o) => o.truth)).not.toEqual(runAttack(cat, opts).outcomes.map((o) => o.truth));
  });
});
