import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { catalogOf } from "../../helpers.js";
import { Rng } from "../../../src/base/random.js";
import { generateVideoLibrary } from "../../../src/sources/synthetic/synthetic.js";
import { evaluate } from "../../../src/measures/evaluate.js";
import { UserError } from "../../../src/base/errors.js";
import { predictRisk } from "../../../src/measures/model/predictRisk.js";
import { parseScheme } from "../../../src/schemes/parse.js";
import { uniformCatalog } from "./uniformCatalog.js";

describe("predictRisk", () => {
  it("uniform data: the fitted-density prediction agrees with the closed form", () => {
    // tolerance 0.02: the KDE spills mass past the range's two hard edges, thinning the
    // density for the rows within ~2 bandwidths (≈ 7 % of rows here) of an edge
    const n = 20_000;
    const r = 2_000_000;
    const cat = uniformCatalog(n, r, 3);
    for (const w of [1, 10, 100]) {
      const predicted = predictRisk(cat, parseScheme(`duration=floor(${w}ms)`)).unique_fraction;
      expect(Math.abs(predicted - (1 - w / r) ** (n - 1))).toBeLessThan(0.02);
    }
  });

  it("discrete attributes use empirical frequencies (hand-computed)", () => {
    // fps 24, 24, 25, 30: bucket masses ½, ½, ¼, ¼ among N = 4
    const cat = catalogOf(["a", "b", "c", "d"], { fps: [24, 24, 25, 30] });
    const r = predictRisk(cat, parseScheme("fps=exact"));
    expect(r.unique_fraction).toBeCloseTo((2 * 0.5 ** 3 + 2 * 0.75 ** 3) / 4, 14);
    const inv = (p: number) => (1 - (1 - p) ** 4) / (4 * p);
    expect(r.kappa).toBeCloseTo((2 * inv(0.5) + 2 * inv(0.25)) / 4, 14);
    // observing nothing: one bucket of mass 1
    expect(predictRisk(cat, parseScheme("none"))).toEqual({ unique_fraction: 0, kappa: 0.25 });
  });

  it("reads buckets at the catalog's precision: whole-second durations make round(1ms) = exact = round(1s)", () => {
    const rng = new Rng(9);
    const cat = catalogOf(
      Array.from({ length: 3000 }, (_, i) => `t${i}`),
      { duration_ms: Array.from({ length: 3000 }, () => 1000 * Math.round(rng.uniform(3000, 9000))) },
    );
    const at1s = predictRisk(cat, parseScheme("duration=round(1s)"));
    expect(predictRisk(cat, parseScheme("duration=round(1ms)"))).toEqual(at1s);
    expect(predictRisk(cat, parseScheme("duration=exact"))).toEqual(at1s);
    expect(at1s.unique_fraction).toBeGreaterThan(0.3); // 3000 values over 6000 s: ≈ e^−0.5
    expect(at1s.unique_fraction).toBeLessThan(0.8);
  });

  it("is non-increasing when floor widths nest (property)", () => {
    const rng = new Rng(12);
    const cat = catalogOf(
      Array.from({ length: 800 }, (_, i) => `t${i}`),
      { duration_ms: Array.from({ length: 800 }, () => Math.round(6e6 + 1.2e6 * rng.normal())) },
    );
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 600_000 }), fc.integer({ min: 2, max: 12 }), (w, m) => {
        const fine = predictRisk(cat, parseScheme(`duration=floor(${w}ms)`));
        const coarse = predictRisk(cat, parseScheme(`duration=floor(${w * m}ms)`));
        expect(coarse.unique_fraction).toBeLessThanOrEqual(fine.unique_fraction + 1e-12);
        expect(coarse.kappa).toBeLessThanOrEqual(fine.kappa + 1e-12);
      }),
      { numRuns: 60 },
    );
  });

  describe("synthetic video library (seeded): model vs measurement", () => {
    const lib = generateVideoLibrary({ rows: 20_000, seed: 1 });
    const n = lib.rows;
    const measured = (s: string) => evaluate(lib, [s]).results[0].metrics;

    // Tolerance: 3 binomial standard errors of the measured fraction plus 10 % model error
    // (the i.i.d. assumption fails for releases of one title, which share a runtime).
    it.each(["duration=round(100ms)", "duration=round(1s)", "duration=round(3s)", "duration=round(10s)", "bitrate=round(10kbps)", "duration=round(1s),bitrate=round(100kbps)"])(
      "%s: predicted unique_fraction within tolerance",
      (s) => {
        const m = measured(s);
        const p = predictRisk(lib, parseScheme(s));
        const tol = 3 * Math.sqrt((m.unique_fraction * (1 - m.unique_fraction)) / n) + 0.1 * m.unique_fraction + 0.001;
        expect(Math.abs(p.unique_fraction - m.unique_fraction)).toBeLessThan(tol);
        // the model's κ is E[1/f]: compare with prosecutor_avg; the measured kappa, which
        // also credits class mates of the same title, is at least as large
        expect(Math.abs(p.kappa - m.prosecutor_avg)).toBeLessThan(0.1 * m.prosecutor_avg + 0.005);
        expect(m.kappa).toBeGreaterThanOrEqual(m.prosecutor_avg);
      },
    );

    it("deviates where its assumptions fail: bitrate depends on resolution, durations heap at whole frames", () => {
      // product of marginals: (class, bitrate) pairs that never occur get mass → too much uniqueness
      const dep = "bitrate=round(100kbps),resolution=class";
      expect(predictRisk(lib, parseScheme(dep)).unique_fraction).toBeGreaterThan(1.5 * measured(dep).unique_fraction);
      // exact durations are whole frames (41.7 ms at 23.976 fps) but the precision reads as 1 ms
      expect(predictRisk(lib, parseScheme("duration=exact")).unique_fraction).toBeGreaterThan(measured("duration=exact").unique_fraction + 0.1);
    });

  });

  it("refuses randomized schemes with a UserError", () => {
    const cat = uniformCatalog(10, 100, 1);
    expect(() => predictRisk(cat, parseScheme("duration=geom(1s,scale=2,seed=1)"))).toThrow(UserError);
    expect(() => predictRisk(cat, parseScheme("duration=rround(1s,seed=1)"))).toThrow(/randomized buckets depend on noise draws/);
    expect(() => predictRisk(cat, parseScheme("bitrate=round(1kbps)"))).toThrow(/needs bitrate_kbps/);
  });
});
