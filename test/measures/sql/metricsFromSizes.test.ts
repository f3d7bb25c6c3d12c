import { describe, expect, it } from "vitest";
import fc from "fast-check";
import type { ClassSizeTotals } from "../../../src/engine/sql/sizeTotals.js";
import { metricsFromClasses } from "../../../src/measures/metrics.js";
import { metricsFromSizes } from "../../../src/measures/sql/metricsFromSizes.js";
import { expectSameMetrics } from "./sameNumbers.js";

/** Per-class (f, d, Σc², single title) → the totals a database returns per class size. */
function totalsOf(classes: { f: number; d: number; sq: number }[], exposedTitles: number): ClassSizeTotals {
  const sizes = [...new Set(classes.map((c) => c.f))].sort((a, b) => a - b);
  const pick = (f: number) => classes.filter((c) => c.f === f);
  return {
    classSize: Float64Array.from(sizes),
    classes: Float64Array.from(sizes, (f) => pick(f).length),
    singleTitleClasses: Float64Array.from(sizes, (f) => pick(f).filter((c) => c.d === 1).length),
    titleSum: Float64Array.from(sizes, (f) => pick(f).reduce((a, c) => a + c.d, 0)),
    squareSum: Float64Array.from(sizes, (f) => pick(f).reduce((a, c) => a + c.sq, 0)),
    exposedTitles,
  };
}

describe("metricsFromSizes", () => {
  it("the worked example: sizes 1 and 3", () => {
    const { metrics, histogram } = metricsFromSizes(totalsOf([{ f: 3, d: 2, sq: 5 }, { f: 1, d: 1, sq: 1 }], 1), 3);
    expect(metrics).toMatchObject({ rows: 4, classes: 2, unique_fraction: 1 / 4, title_unique_fraction: 1 / 4, k_min: 1, mean_class_titles: 7 / 4, prosecutor_avg: 1 / 2, at_risk_0_2: 1, title_exposed_fraction: 1 / 3 });
    expect(metrics.kappa).toBeCloseTo(2 / 3, 15);
    expect(metrics.entropy_bits).toBeCloseTo(-(0.75 * Math.log2(0.75) + 0.25 * Math.log2(0.25)), 15);
    expect(histogram.map((b) => b.classes)).toEqual([1, 0, 1, 0, 0, 0, 0, 0, 0]);
  });

  it("equals metricsFromClasses on the same classes, in any class order (property)", () => {
    const arbClass = fc.integer({ min: 1, max: 40 }).chain((f) =>
      fc.array(fc.integer({ min: 1, max: f }), { minLength: 1, maxLength: f }).map((parts) => {
        // rows per title: split f into d positive parts
        const cuts = [...new Set(parts.map((p) => p % f))].filter((p) => p > 0).sort((a, b) => a - b);
        const counts = [...cuts, f].map((c, i, a) => c - (i > 0 ? a[i - 1] : 0));
        return { f, d: counts.length, sq: counts.reduce((s, c) => s + c * c, 0) };
      }),
    );
    fc.assert(
      fc.property(fc.array(arbClass, { maxLength: 300 }), fc.constantFrom(0.2, 0.3, 0.05), (classes, tau) => {
        const exposed = classes.filter((c) => c.d === 1).length;
        const titles = exposed + 5;
        const want = metricsFromClasses(
          {
            rows: classes.reduce((a, c) => a + c.f, 0),
            titles,
            classCount: classes.length,
            classSize: Int32Array.from(classes, (c) => c.f),
            classTitles: Int32Array.from(classes, (c) => c.d),
            classTitleSquares: Float64Array.from(classes, (c) => c.sq),
            exposedTitles: () => exposed,
          },
          { riskThreshold: tau },
        );
        expectSameMetrics(metricsFromSizes(totalsOf(classes, exposed), titles, { riskThreshold: tau }).metrics, want, "classes");
      }),
      { numRuns: 300 },
    );
  });

  it("checks the risk threshold", () => {
    expect(() => metricsFromSizes(totalsOf([], 0), 0, { riskThreshold: 2 })).toThrow("risk threshold must be in (0, 1], got 2");
  });
});
