/**
 * tune with play logs: linkage(p) is the log's own unicity (its servers, the seeded
 * draw), not simulated servers'.
 */
import { describe, expect, it } from "vitest";
import { tune } from "../../../src/experiments/tune/tune.js";
import { parseSpace } from "../../../src/experiments/tune/space.js";
import { parseTarget } from "../../../src/experiments/tune/target.js";
import { playLogUnicity } from "../../../src/attacks/playLogUnicity.js";
import { playRowsOf, syntheticPlayLog } from "../../../src/attacks/syntheticPlayLog.js";
import { playLogFromRows } from "../../../src/sources/playLog.js";
import { loadSynthetic } from "../../../src/sources/synthetic/synthetic.js";

const catalog = loadSynthetic("synthetic:video-library?titles=300&seed=4");
const log = playLogFromRows(playRowsOf(catalog, syntheticPlayLog(catalog, { servers: 80, seed: 2, meanSize: 6 }), "plays"));

describe("tune over a play log", () => {
  it("reports each scheme's linkage as the log's unicity with the seed", () => {
    const result = tune([log.items], {
      targets: [parseTarget("linkage(3)<=0.5")],
      space: parseSpace("duration=round(1s)|round(1min)|round(10min),bitrate=drop|round(1Mbps)"),
      playLogs: [log],
      seed: 5,
      prune: false,
    });
    expect(result.evaluated).toBe(6);
    for (const o of result.outcomes) {
      const [row] = playLogUnicity(log, o.scheme, { plays: [3], seed: 5 });
      expect(o.metrics[0].linkage_3).toBe(row.unique_fraction);
      expect(o.meets).toBe(row.unique_fraction <= 0.5);
    }
    // Pruning (linkage only grows under refinement) leaves the recommendation as is.
    const pruned = tune([log.items], { targets: [parseTarget("linkage(3)<=0.5")], space: parseSpace("duration=round(1s)|round(1min)|round(10min),bitrate=drop|round(1Mbps)"), playLogs: [log], seed: 5 });
    expect(pruned.recommended?.text).toBe(result.recommended?.text);
  });

  it("refuses play logs that are not the catalogs' own", () => {
    expect(() => tune([catalog], { targets: [parseTarget("linkage(2)<=0.5")], playLogs: [log] })).toThrow("playLogs must list");
  });
});
