import { describe, expect, it } from "vitest";
import { tunedRow } from "../../../src/experiments/reproduce/t4.js";
import { parseTarget, meets, targetKey } from "../../../src/experiments/tune/target.js";
import { PLEX_LIKE_SCHEMES, tune } from "../../../src/experiments/tune/tune.js";
import { evaluateScheme } from "../../../src/measures/evaluate.js";
import { catalogOf } from "../../helpers.js";

// Two duration-only catalogs: one spread out (a minute apart), one crowded (seconds apart).
const spread = catalogOf(["a", "b", "c", "d"], { duration_ms: [60_000, 120_000, 180_000, 240_000] });
const crowded = catalogOf(["p", "q", "r", "s", "t", "u"], { duration_ms: [100_000, 101_000, 102_000, 103_000, 104_000, 105_000] });
const members = [
  { label: "Spread", catalog: { ...spread, source: "spread" } },
  { label: "Crowded", catalog: { ...crowded, source: "crowded" } },
];

describe("T4 row: tune on a catalog set against one target", () => {
  it("recommends the best qualifying scheme an unpruned search finds, binding on the catalog with the least room", () => {
    const row = tunedRow("both", members, "title_unique_fraction<=0.01", { seed: 1, libraries: 20 });
    const all = tune(members.map((m) => m.catalog), { targets: [parseTarget("title_unique_fraction<=0.01")], prune: false });
    const best = all.outcomes.filter((o) => o.meets).sort((a, b) => b.objective - a.objective || (a.text < b.text ? -1 : 1))[0];
    expect(row.recommended).toBe(best.text);
    expect(row.entropy_bits).toBe(best.objective);
    // one-minute buckets still name every spread title; five-minute buckets pair them
    // (60 and 120 s → 0, 180 and 240 s → 300 s) and keep 1 bit there
    expect(evaluateScheme(spread, "duration=round(1min)").metrics.title_unique_fraction).toBe(1);
    expect(row.recommended).toBe("duration=round(5min)");
    expect(row.evaluated + row.pruned).toBe(9);
    expect(row.binding_catalog).toBe("Spread");
  });

  it("lists exactly the Plex-like schemes that meet the target on every catalog of the set", () => {
    for (const target of ["title_unique_fraction<=0.01", "title_unique_fraction<=0.5"]) {
      const row = tunedRow("both", members, target, { seed: 1, libraries: 20 });
      const t = parseTarget(target);
      const expected = PLEX_LIKE_SCHEMES.filter((p) =>
        members.every((m) => meets(t, evaluateScheme(m.catalog, p.scheme.split(",").filter((s) => s.startsWith("duration")).join(",")).metrics[targetKey(t)])),
      ).map((p) => p.label);
      expect(row.plex_like_meeting).toBe(expected.join("; "));
    }
  });

  it("says when nothing qualifies", () => {
    const row = tunedRow("one", [{ label: "Tiny", catalog: catalogOf(["a"], { duration_ms: [1000] }) }], "title_unique_fraction<=0.01", { seed: 1, libraries: 20 });
    expect(row.recommended).toBe("");
    expect(Number.isNaN(row.entropy_bits)).toBe(true);
    expect(row.binding_catalog).toBe("");
  });
});
