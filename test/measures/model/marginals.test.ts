import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bucketBounds, fitColumn } from "../../../src/measures/model/marginals.js";
import { parseScheme } from "../../../src/schemes/parse.js";
import { schemeView } from "../../../src/schemes/schemeView.js";
import { catalogOf } from "../../helpers.js";

// 100 rows: whole-second durations (every tenth missing), fps with three values
const catalog = catalogOf(
  Array.from({ length: 100 }, (_, i) => `t${i}`),
  {
    duration_ms: Array.from({ length: 100 }, (_, i) => (i % 10 === 0 ? null : 1000 * (3600 + 37 * i))),
    fps: Array.from({ length: 100 }, (_, i) => [24, 25, 30][i % 3]),
  },
);

describe("fitColumn", () => {
  it("a continuous column gets a density, its precision and its missing share", () => {
    const fit = fitColumn(catalog, "duration_ms", {});
    expect(fit.density).toBeDefined();
    expect(fit.density!.mass(-Infinity, Infinity)).toBeCloseTo(1, 9);
    expect(fit.precision).toBe(1000);
    expect(fit.missingShare).toBe(0.1);
  });

  it("a column with at most discreteMaxDistinct values gets no density", () => {
    expect(fitColumn(catalog, "fps", {})).toEqual({ density: undefined, precision: 1, missingShare: 0 });
    expect(fitColumn(catalog, "duration_ms", { discreteMaxDistinct: 90 }).density).toBeUndefined();
    expect(fitColumn(catalog, "duration_ms", { discreteMaxDistinct: 89 }).density).toBeDefined();
  });

  it("is cached per catalog and options", () => {
    const fit = fitColumn(catalog, "duration_ms", {});
    expect(fitColumn(catalog, "duration_ms", {})).toBe(fit);
    expect(fitColumn(catalog, "duration_ms", { bandwidthFactor: 1 })).toBe(fit);
    const wide = fitColumn(catalog, "duration_ms", { bandwidthFactor: 2 });
    expect(wide).not.toBe(fit);
    expect(wide.density!.bandwidth).toBeCloseTo(2 * fit.density!.bandwidth, 9);
  });
});

describe("bucketBounds", () => {
  const view = schemeView(parseScheme("duration=round(1ms),bitrate=floor(1Mbps)"), catalog);

  it("widens a bucket to the precision steps it holds: round(1ms) on whole seconds is a full second", () => {
    expect(bucketBounds(view, 0, 3_600_000, 3_600_000, 1000)).toEqual([3_599_500, 3_600_500]);
    expect(bucketBounds(view, 0, 3_600_000, 3_600_000, 0)).toEqual([3_599_999.5, 3_600_000.5]);
  });

  it("floor(1Mbps) bucket 2 = [2000, 3000) holds 2100, 2400, 2700 on a 300 kbps grid: [1950, 2850)", () => {
    expect(bucketBounds(view, 1, 2, 2400, 300)).toEqual([1950, 2850]);
    // on a 1000 kbps grid it holds 2000 and the row's own value 3000 (2500 rounds up)
    expect(bucketBounds(view, 1, 2, 2500, 1000)).toEqual([1500, 3500]);
  });

  it("is [(k_lo − ½)q, (k_hi + ½)q) over the grid values in the bucket and the row's own (brute force)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 50 }), fc.integer({ min: -20, max: 20 }), fc.integer({ min: 1, max: 30 }), (w, k, q) => {
        const v = schemeView(parseScheme(`duration=floor(${w}ms)`), catalog);
        const lo = k * w;
        const hi = (k + 1) * w;
        const value = lo + (w - 1) / 2; // a row inside the bucket
        const grid: number[] = [Math.round(value / q)];
        for (let j = Math.floor(lo / q) - 1; j * q < hi; j++) if (j * q >= lo) grid.push(j);
        expect(bucketBounds(v, 0, k, value, q)).toEqual([(Math.min(...grid) - 0.5) * q, (Math.max(...grid) + 0.5) * q]);
      }),
    );
  });
});
