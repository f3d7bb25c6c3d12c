import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { join } from "node:path";
import { readFileSync, writeFileSync } from "node:fs";
import { catalogOf } from "../../helpers.js";
import { expectUserError, fprisk, tmp } from "../../cliHelpers.js";
import { Rng } from "../../../src/base/random.js";
import { generateVideoLibrary } from "../../../src/sources/synthetic/synthetic.js";
import { evaluate } from "../../../src/measures/evaluate.js";
import { UserError } from "../../../src/base/errors.js";
import { occupancyFromRows, occupancyKappa, occupancyUniqueFraction } from "../../../src/measures/model/occupancy.js";
import { addModelMetrics } from "../../../src/measures/model/overlay.js";
import { predictRisk } from "../../../src/measures/model/predictRisk.js";
import { fitSmoothedDensity } from "../../../src/measures/model/smoothedDensity.js";
import { parseScheme } from "../../../src/schemes/parse.js";

/** N values uniform on the integers 0..R−1 (one title per row). */
function uniformCatalog(n: number, r: number, seed: number) {
  const rng = new Rng(seed);
  const values = Array.from({ length: n }, () => rng.int(r));
  return catalogOf(
    values.map((_, i) => `t${i}`),
    { duration_ms: values },
  );
}

describe("occupancy on exact bins", () => {
  it("two equal bins, two rows: U = 1/2 and E[1/f] = 3/4 (enumerated by hand)", () => {
    // both rows in one bin w.p. ½ (f = 2), else apart (f = 1): P(unique) = ½, E[1/f] = ½·½ + ½·1
    const p = Float64Array.of(0.5, 0.5);
    expect(occupancyUniqueFraction(p, 2)).toBeCloseTo(0.5, 15);
    expect(occupancyKappa(p, 2)).toBeCloseTo(0.75, 15);
  });

  it("uniform data over R values at width w: U = (1 − w/R)^(N−1), κ = (R/w)(1 − (1 − w/R)^N)/N", () => {
    for (const [n, r, w] of [
      [2000, 200_000, 100],
      [100_000, 1e7, 10],
      [10, 100, 50],
    ]) {
      const bins = new Float64Array(r / w).fill(w / r);
      const closedU = Math.exp((n - 1) * Math.log1p(-w / r));
      const closedK = ((r / w) * -Math.expm1(n * Math.log1p(-w / r))) / n;
      expect(occupancyUniqueFraction(bins, n)).toBeCloseTo(closedU, 10);
      expect(occupancyKappa(bins, n) / closedK).toBeCloseTo(1, 10);
    }
  });

  it("stays accurate for tiny bins and huge N (log1p / expm1)", () => {
    // p = 1e−12, N = 1e6: E[1/f] = (1 − (1 − p)^N)/(Np) = 1 − Np/2 + p/2 + (Np)²/6 + O(p·Np, (Np)³);
    // computing (1 − p)^N as a plain power loses everything past the 4th digit of 1 − (1 − p)^N
    const rows = Float64Array.of(1e-12);
    expect(occupancyFromRows(rows, 1e6).kappa).toBeCloseTo(1 - 0.5e-6 + 0.5e-12 + 1e-12 / 6, 15);
    // (1 − p)^(N−1) = 1 − (N−1)p + ((N−1)p)²/2 + O(p²N, (Np)³)
    expect(occupancyFromRows(rows, 1e6).unique_fraction).toBeCloseTo(1 - 1e-6 + 1e-12 + 0.5e-12, 15);
  });

  it("merging two bins never raises U (property)", () => {
    const arb = fc.tuple(fc.array(fc.double({ min: 0.001, max: 1, noNaN: true }), { minLength: 2, maxLength: 30 }), fc.integer({ min: 2, max: 10_000 }), fc.nat());
    fc.assert(
      fc.property(arb, ([weights, n, pick]) => {
        const total = weights.reduce((a, b) => a + b, 0);
        const p = Float64Array.from(weights, (x) => x / total);
        const i = pick % (p.length - 1);
        const merged = Float64Array.from([...p.slice(0, i), p[i] + p[i + 1], ...p.slice(i + 2)]);
        expect(occupancyUniqueFraction(merged, n)).toBeLessThanOrEqual(occupancyUniqueFraction(p, n) + 1e-12);
        expect(occupancyKappa(merged, n)).toBeLessThanOrEqual(occupancyKappa(p, n) + 1e-12);
      }),
    );
  });

  it("matches seeded simulations within 4 standard errors of the replicate mean", () => {
    // N = 2000 uniform on 0..199 999 at floor(100ms): p = 1/2000 per bin
    const n = 2000;
    const r = 200_000;
    const w = 100;
    const reps = 40;
    const u: number[] = [];
    const k: number[] = [];
    for (let s = 0; s < reps; s++) {
      const m = evaluate(uniformCatalog(n, r, 100 + s), [`duration=floor(${w}ms)`]).results[0].metrics;
      u.push(m.unique_fraction);
      k.push(m.kappa); // titles are distinct, so kappa = E[1/f]
    }
    const bins = new Float64Array(r / w).fill(w / r);
    for (const [sample, expected] of [
      [u, occupancyUniqueFraction(bins, n)],
      [k, occupancyKappa(bins, n)],
    ] as const) {
      const mean = sample.reduce((a, b) => a + b, 0) / reps;
      const sd = Math.sqrt(sample.reduce((a, b) => a + (b - mean) ** 2, 0) / (reps - 1));
      expect(sd).toBeGreaterThan(0);
      expect(Math.abs(mean - expected)).toBeLessThan((4 * sd) / Math.sqrt(reps));
    }
  });
});

describe("smoothed density", () => {
  it("has total mass 1 and density × width on narrow intervals", () => {
    const rng = new Rng(5);
    const values = Float64Array.from({ length: 5000 }, () => rng.normal());
    const d = fitSmoothedDensity(values)!;
    expect(d.mass(-Infinity, Infinity)).toBeCloseTo(1, 12);
    // N(0, 1) has density 0.3989 at 0; the KDE (bandwidth ≈ 0.17) smooths it to ≈ 0.3989/√(1 + h²)
    const narrow = d.mass(0, 1e-6) / 1e-6;
    expect(narrow).toBeGreaterThan(0.36);
    expect(narrow).toBeLessThan(0.42);
    expect(d.mass(-1, 1)).toBeCloseTo(0.6827, 1);
    expect(d.mass(0, 0)).toBe(0);
  });
});

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

    it("addModelMetrics puts model_unique_fraction and model_kappa beside the measured metrics", () => {
      const result = addModelMetrics(lib, evaluate(lib, ["duration=round(1s)", "none"]));
      expect(result.results[0].metrics.model_unique_fraction).toBe(predictRisk(lib, parseScheme("duration=round(1s)")).unique_fraction);
      expect(result.results[1].metrics.model_kappa).toBeCloseTo(1 / n, 15);
    });
  });

  it("refuses randomized schemes with a UserError", () => {
    const cat = uniformCatalog(10, 100, 1);
    expect(() => predictRisk(cat, parseScheme("duration=geom(1s,scale=2,seed=1)"))).toThrow(UserError);
    expect(() => predictRisk(cat, parseScheme("duration=rround(1s,seed=1)"))).toThrow(/randomized buckets depend on noise draws/);
    expect(() => predictRisk(cat, parseScheme("bitrate=round(1kbps)"))).toThrow(/needs bitrate_kbps/);
  });
});

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
