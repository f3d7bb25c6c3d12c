import { describe, expect, it } from "vitest";
import { simulateReleases } from "../../src/attacks/simulateReleases.js";
import { PAL_SPEEDUP_RATIO } from "../../src/sources/synthetic/synthetic.js";
import { catalogOf } from "../helpers.js";

describe("simulateReleases", () => {
  const runtimes = catalogOf(["Film A", "Film B", "No runtime"], { duration_ms: [90 * 60000, 120 * 60000, null] });
  runtimes.precision.duration_ms = 60000;

  it("is deterministic under its seed and skips titles without a runtime", () => {
    const a = simulateReleases(runtimes, { seed: 1 });
    expect(simulateReleases(runtimes, { seed: 1 })).toEqual(a);
    expect(simulateReleases(runtimes, { seed: 2 }).numeric.duration_ms).not.toEqual(a.numeric.duration_ms);
    const names = new Set(Array.from(a.titleCodes, (c) => a.titleNames[c]));
    expect(names).toEqual(new Set(["Film A", "Film B"]));
  });

  it("PAL releases are 40 ms frames at 23.976/25 of the runtime; others within a minute of it", () => {
    const many = catalogOf(Array.from({ length: 300 }, (_, i) => `F${i}`), { duration_ms: new Array(300).fill(100 * 60000) });
    many.precision.duration_ms = 60000;
    const sim = simulateReleases(many, { seed: 3, palShare: 0.5 });
    const d = sim.numeric.duration_ms!;
    const fps = sim.numeric.fps!;
    let pal = 0;
    for (let i = 0; i < sim.rows; i++) {
      // alternate cuts (2 %) move a release by minutes; skip them
      const base = fps[i] === 25 ? 100 * 60000 * PAL_SPEEDUP_RATIO : 100 * 60000;
      if (Math.abs(d[i] - base) > 90_000) continue;
      if (fps[i] === 25) {
        pal++;
        expect(d[i] % 40).toBe(0);
      }
      expect(Math.abs(d[i] - base)).toBeLessThan(30_000 + 31_000 + 10_000);
    }
    expect(pal / sim.rows).toBeGreaterThan(0.4);
    expect(pal / sim.rows).toBeLessThan(0.6);
  });
});
