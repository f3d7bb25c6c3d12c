import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Catalog } from "../../src/catalog/catalog.js";
import { evaluateScheme } from "../../src/measures/evaluate.js";
import { partition } from "../../src/engine/partition.js";
import { classStats } from "../../src/engine/classStats.js";
import { classSizeHistogram, computeMetrics, METRIC_KEYS, metricsFromClasses, metricsFromSizes } from "../../src/measures/metrics.js";
import type { ClassSizeTotals } from "../../src/engine/sizeTotals.js";
import { bucketKeys } from "../../src/schemes/generalize.js";
import { parseScheme } from "../../src/schemes/parse.js";
import { nests } from "../../src/schemes/nesting.js";
import { Rng } from "../../src/base/random.js";
import { generateVideoLibrary } from "../../src/sources/synthetic/synthetic.js";
import { catalogOf } from "../helpers.js";

function metricsOf(catalog: Catalog, scheme: string) {
  return evaluateScheme(catalog, scheme).metrics;
}

describe("metrics, hand-computed", () => {
  // Titles A A B C; durations put rows 0-2 in one class (10 s) and row 3 alone (20 s).
  const cat = catalogOf(["A", "A", "B", "C"], { duration_ms: [10_000, 10_000, 10_000, 20_000] });
  const m = metricsOf(cat, "duration=exact");

  it("counts", () => {
    expect(m.rows).toBe(4);
    expect(m.titles).toBe(3);
    expect(m.classes).toBe(2);
  });
  it("unique_fraction: rows in classes of size 1", () => expect(m.unique_fraction).toBe(1 / 4));
  it("title_unique_fraction: rows whose class holds one title", () => expect(m.title_unique_fraction).toBe(1 / 4));
  it("k_min and prosecutor risks", () => {
    expect(m.k_min).toBe(1);
    expect(m.prosecutor_max).toBe(1);
    expect(m.prosecutor_avg).toBe(2 / 4);
  });
  it("at_risk_0_2: every class is smaller than 5", () => expect(m.at_risk_0_2).toBe(1));
  it("entropy_bits: −(3/4 log2 3/4 + 1/4 log2 1/4)", () => expect(m.entropy_bits).toBeCloseTo(0.8112781244591328, 12));
  it("kappa: (2/3 + 2/3 + 1/3 + 1) / 4", () => expect(m.kappa).toBeCloseTo(2 / 3, 12));
  it("mean_class_titles: (2+2+2+1)/4", () => expect(m.mean_class_titles).toBe(7 / 4));
  it("title_exposed_fraction: only C is named outright", () => expect(m.title_exposed_fraction).toBe(1 / 3));

  it("a class of one title but two rows is title-unique, not unique", () => {
    const c = catalogOf(["A", "A", "B"], { duration_ms: [5, 5, 6] });
    const r = metricsOf(c, "duration=exact");
    expect(r.unique_fraction).toBe(1 / 3);
    expect(r.title_unique_fraction).toBe(1);
    expect(r.kappa).toBe(1);
    expect(r.title_exposed_fraction).toBe(1);
  });

  it("at_risk_0_2 is strict: a class of exactly 5 (1/f = 0.2) is not at risk", () => {
    const titles = ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k"];
    const durations = [1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2];
    const r = metricsOf(catalogOf(titles, { duration_ms: durations }), "duration=exact");
    expect(r.at_risk_0_2).toBe(0);
    expect(r.k_min).toBe(5);
    expect(r.prosecutor_max).toBe(0.2);
    const r2 = evaluateScheme(catalogOf(titles, { duration_ms: durations }), "duration=exact", { riskThreshold: 0.19 }).metrics;
    expect(r2.at_risk_0_19).toBe(5 / 11);
  });

  it("the empty scheme puts everything in one class", () => {
    const r = metricsOf(cat, "none");
    expect(r.classes).toBe(1);
    expect(r.entropy_bits).toBe(0);
    expect(r.kappa).toBeCloseTo((4 + 1 + 1) / 4 / 4, 12); // Σc²/f / n = (2²+1+1)/4 / 4
  });

  it("missing values form their own class", () => {
    const c = catalogOf(["A", "B", "C"], { duration_ms: [null, null, 7] });
    const r = metricsOf(c, "duration=exact");
    expect(r.classes).toBe(2);
    expect(r.unique_fraction).toBe(1 / 3);
  });

  it("histogram bins count classes and rows", () => {
    const part = partition(cat, parseScheme("duration=exact"));
    const h = classSizeHistogram(part);
    expect(h[0]).toEqual({ min: 1, max: 1, classes: 1, rows: 1 });
    expect(h[2]).toEqual({ min: 3, max: 4, classes: 1, rows: 3 });
    expect(h.reduce((a, b) => a + b.rows, 0)).toBe(4);
  });
});

/** Reference implementation straight from the definitions (docs/metrics.md), with string keys and row objects. */
function reference(catalog: Catalog, scheme: string) {
  const s = parseScheme(scheme);
  const keys = s.parts.map((p) => bucketKeys(p, catalog));
  const n = catalog.rows;
  const classKey = (i: number) => keys.map((k) => String(k[i])).join("|");
  const classes = new Map<string, number[]>();
  for (let i = 0; i < n; i++) {
    const k = classKey(i);
    if (!classes.has(k)) classes.set(k, []);
    classes.get(k)!.push(i);
  }
  let unique = 0, titleUnique = 0, kappa = 0, mct = 0, entropy = 0, atRisk = 0, kMin = Infinity;
  for (const rows of classes.values()) {
    const f = rows.length;
    const titles = rows.map((i) => catalog.titleCodes[i]);
    const distinct = new Set(titles).size;
    kMin = Math.min(kMin, f);
    entropy -= (f / n) * Math.log2(f / n);
    for (const i of rows) {
      if (f === 1) unique++;
      if (distinct === 1) titleUnique++;
      if (1 / f > 0.2) atRisk++;
      kappa += titles.filter((t) => t === catalog.titleCodes[i]).length / f;
      mct += distinct;
    }
  }
  return {
    classes: classes.size,
    unique_fraction: unique / n,
    title_unique_fraction: titleUnique / n,
    k_min: kMin,
    prosecutor_avg: classes.size / n,
    at_risk_0_2: atRisk / n,
    entropy_bits: entropy,
    kappa: kappa / n,
    mean_class_titles: mct / n,
  };
}

const rowArb = fc.record({
  title: fc.integer({ min: 0, max: 12 }),
  duration: fc.option(fc.integer({ min: 1, max: 400_000 }), { nil: null, freq: 8 }),
  bitrate: fc.option(fc.double({ min: 50, max: 20_000, noNaN: true }), { nil: null, freq: 8 }),
  height: fc.constantFrom(480, 720, 800, 1080, 2160),
  width: fc.constantFrom(640, 1280, 1920, 3840),
});

type Row = typeof rowArb extends fc.Arbitrary<infer T> ? T : never;

function catalogFromRows(rows: Row[]) {
  return catalogOf(
    rows.map((r) => `t${r.title}`),
    {
      duration_ms: rows.map((r) => r.duration),
      bitrate_kbps: rows.map((r) => r.bitrate),
      width: rows.map((r) => r.width),
      height: rows.map((r) => r.height),
    },
  );
}

const SCHEMES = [
  "duration=exact",
  "duration=round(1s),bitrate=round(100kbps)",
  "duration=round(1min),bitrate=log(10%),resolution=class",
  "duration=floor(10s),resolution=exact",
  "bitrate=sig(2),resolution=height",
  "duration=quantile(4),bitrate=ladder(1,3,6Mbps)",
  "none",
];

describe("metrics, by definition", () => {
  it("match a brute-force reference implementation", () => {
    fc.assert(
      fc.property(fc.array(rowArb, { minLength: 1, maxLength: 60 }), fc.constantFrom(...SCHEMES), (rows, scheme) => {
        const cat = catalogFromRows(rows);
        const got = metricsOf(cat, scheme);
        const want = reference(cat, scheme);
        for (const [k, v] of Object.entries(want)) expect(got[k], k).toBeCloseTo(v, 10);
      }),
      { numRuns: 300 },
    );
  });

  it("class sizes sum to n and every metric stays in its range", () => {
    fc.assert(
      fc.property(fc.array(rowArb, { minLength: 1, maxLength: 80 }), fc.constantFrom(...SCHEMES), (rows, scheme) => {
        const cat = catalogFromRows(rows);
        const part = partition(cat, parseScheme(scheme));
        expect(part.classSize.reduce((a, b) => a + b, 0)).toBe(cat.rows);
        const m = computeMetrics(cat, part, classStats(cat, part));
        for (const k of ["unique_fraction", "title_unique_fraction", "at_risk_0_2", "kappa", "prosecutor_avg", "prosecutor_max", "title_exposed_fraction"] as const) {
          expect(m[k]).toBeGreaterThanOrEqual(0);
          expect(m[k]).toBeLessThanOrEqual(1 + 1e-12);
        }
        expect(m.title_unique_fraction).toBeGreaterThanOrEqual(m.unique_fraction);
        expect(m.kappa).toBeGreaterThanOrEqual(m.title_unique_fraction - 1e-12);
        expect(m.kappa).toBeGreaterThanOrEqual(m.prosecutor_avg - 1e-12);
        expect(m.k_min).toBeGreaterThanOrEqual(1);
        expect(m.mean_class_titles).toBeGreaterThanOrEqual(1);
        expect(m.entropy_bits).toBeLessThanOrEqual(Math.log2(cat.rows) + 1e-9);
        expect(Object.keys(m)).toEqual([...METRIC_KEYS]);
      }),
      { numRuns: 200 },
    );
  });

  // Pairs (finer, coarser) that nest: the coarser one must never expose more.
  const NESTED: [string, string][] = [
    ["duration=exact,bitrate=exact,resolution=exact", "duration=round(1s),bitrate=round(10kbps),resolution=class"],
    ["duration=round(1s)", "duration=round(3s)"],
    ["duration=round(1s),bitrate=round(100kbps)", "duration=round(15s)"],
    ["duration=floor(10s)", "duration=floor(1min)"],
    ["duration=floor(1min),resolution=exact", "duration=floor(10min),resolution=height"],
    ["bitrate=log(10%)", "bitrate=log(21%)"],
    ["bitrate=ladder(1,2,3,6Mbps)", "bitrate=ladder(1,3Mbps)"],
    ["duration=round(1s),bitrate=exact", "bitrate=round(1Mbps)"],
  ];
  it("the nesting pairs used below really nest", () => {
    for (const [a, b] of NESTED) expect(nests(parseScheme(a), parseScheme(b)), `${a} ⊑ ${b}`).toBe(true);
  });
  it("coarser nested schemes never raise unique_fraction or title_unique_fraction", () => {
    fc.assert(
      fc.property(fc.array(rowArb, { minLength: 1, maxLength: 80 }), fc.constantFrom(...NESTED), (rows, [fine, coarse]) => {
        const cat = catalogFromRows(rows);
        const a = metricsOf(cat, fine);
        const b = metricsOf(cat, coarse);
        expect(b.unique_fraction).toBeLessThanOrEqual(a.unique_fraction + 1e-12);
        expect(b.title_unique_fraction).toBeLessThanOrEqual(a.title_unique_fraction + 1e-12);
        expect(b.classes).toBeLessThanOrEqual(a.classes);
      }),
      { numRuns: 200 },
    );
  });
});

describe("occupancy check on a large seeded uniform catalog", () => {
  // n items uniform over M values: P(an item is alone) = (1 − 1/M)^(n−1).
  for (const [n, M] of [[200_000, 200_000], [200_000, 1_000_000], [100_000, 20_000]]) {
    it(`n=${n}, M=${M}`, () => {
      const rng = new Rng(42 + M);
      const titles = new Int32Array(n);
      const durations = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        titles[i] = i;
        durations[i] = Math.floor(rng.next() * M);
      }
      const cat: Catalog = {
        ...catalogOf([]),
        rows: n,
        titleCodes: titles,
        titleNames: Array.from({ length: n }, (_, i) => `t${i}`),
        numeric: { duration_ms: durations },
      };
      const m = metricsOf(cat, "duration=exact");
      const expected = Math.pow(1 - 1 / M, n - 1);
      // Binomial sampling error of the unique count, with generous 5σ slack.
      const sigma = Math.sqrt((expected * (1 - expected)) / n);
      expect(Math.abs(m.unique_fraction - expected)).toBeLessThan(5 * sigma + 1e-3);
      // Every item is its own title here, so title-uniqueness is plain uniqueness.
      expect(m.title_unique_fraction).toBe(m.unique_fraction);
    });
  }
});

describe("non-nesting coarsenings can raise risk (why nesting matters)", () => {
  it("round(1s) → round(1min) is not nested, and here exposes a title", () => {
    // Both round to 30 s, but round(1min) splits them: 29.5 s → 0 min, 30.4 s → 1 min.
    const cat = catalogOf(["A", "B"], { duration_ms: [29_500, 30_400] });
    expect(nests(parseScheme("duration=round(1s)"), parseScheme("duration=round(1min)"))).toBe(false);
    expect(metricsOf(cat, "duration=round(1s)").title_unique_fraction).toBe(0);
    expect(metricsOf(cat, "duration=round(1min)").title_unique_fraction).toBe(1);
  });
});

describe("metrics on a large catalog (the engine's partitioned paths)", () => {
  /** Definitions again, with Maps: class key → (title → rows). Linear, so it scales to 10^5 rows. */
  function referenceLarge(catalog: Catalog, scheme: string) {
    const keys = parseScheme(scheme).parts.map((p) => bucketKeys(p, catalog));
    const classes = new Map<string, Map<number, number>>();
    for (let i = 0; i < catalog.rows; i++) {
      const k = keys.map((col) => String(col[i])).join("|");
      let byTitle = classes.get(k);
      if (!byTitle) classes.set(k, (byTitle = new Map()));
      byTitle.set(catalog.titleCodes[i], (byTitle.get(catalog.titleCodes[i]) ?? 0) + 1);
    }
    const n = catalog.rows;
    let unique = 0, titleUnique = 0, kappa = 0, mct = 0;
    for (const byTitle of classes.values()) {
      const f = [...byTitle.values()].reduce((a, b) => a + b, 0);
      if (f === 1) unique++;
      if (byTitle.size === 1) titleUnique += f;
      for (const c of byTitle.values()) kappa += (c * c) / f;
      mct += f * byTitle.size;
    }
    return { classes: classes.size, unique_fraction: unique / n, title_unique_fraction: titleUnique / n, kappa: kappa / n, mean_class_titles: mct / n };
  }
  // Rows of one title are contiguous in the generator; shuffle them so titleOrder's sort path runs too.
  const grouped = generateVideoLibrary({ rows: 300_000, seed: 11 });
  const shuffled: Catalog = { ...grouped, numeric: { ...grouped.numeric }, titleCodes: new Int32Array(grouped.rows) };
  const perm = Int32Array.from({ length: grouped.rows }, (_, i) => (i * 7_919 + 13) % grouped.rows); // 7919 is prime, coprime to 300000
  for (const f of Object.keys(grouped.numeric) as (keyof Catalog["numeric"])[]) {
    shuffled.numeric[f] = Float64Array.from(perm, (j) => grouped.numeric[f]![j]);
  }
  for (let i = 0; i < grouped.rows; i++) shuffled.titleCodes[i] = grouped.titleCodes[perm[i]];
  for (const scheme of [
    "duration=exact,bitrate=exact,resolution=exact",
    "duration=round(1s),bitrate=round(10kbps)",
    "duration=round(1min),bitrate=round(100kbps),resolution=class",
    "duration=floor(10min),bitrate=floor(2Mbps),resolution=class",
    "bitrate=log(10%),resolution=height",
  ]) {
    it(scheme, () => {
      const want = referenceLarge(shuffled, scheme);
      for (const cat of [grouped, shuffled]) {
        const got = metricsOf(cat, scheme);
        for (const [k, v] of Object.entries(want)) expect(got[k], k).toBeCloseTo(v, 12);
      }
    });
  }
});

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

  it("equals metricsFromClasses on the same classes bit for bit, in any class order (property)", () => {
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
        expect(metricsFromSizes(totalsOf(classes, exposed), titles, { riskThreshold: tau }).metrics).toEqual(want);
      }),
      { numRuns: 300 },
    );
  });

  it("checks the risk threshold", () => {
    expect(() => metricsFromSizes(totalsOf([], 0), 0, { riskThreshold: 2 })).toThrow("risk threshold must be in (0, 1], got 2");
  });
});
