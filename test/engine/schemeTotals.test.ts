import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import type { Catalog } from "../../src/catalog/catalog.js";
import { closePool, runJob } from "../../src/engine/pool.js";
import { SCHEME_TOTALS_JOB, schemeTotals, schemeTotalsArgs, schemeTotalsShare, schemesTotals } from "../../src/engine/schemeTotals.js";
import { readTotals, type ClassSizeTotals } from "../../src/engine/sizeTotals.js";
import { bucketKeys } from "../../src/schemes/generalize.js";
import { parseScheme } from "../../src/schemes/parse.js";
import type { Scheme } from "../../src/schemes/types.js";
import { catalogOf } from "../helpers.js";

afterAll(() => closePool());

/**
 * Brute force by the definitions: rows keyed by their generalized tuple, then per class
 * its size f, distinct titles d and Σc²; classes added up by size; a title is exposed
 * when one of its rows is in a class with d = 1.
 */
function byDefinition(catalog: Catalog, scheme: Scheme) {
  const keys = scheme.parts.map((p) => bucketKeys(p, catalog));
  const classes = new Map<string, Map<number, number>>();
  const classOf: string[] = [];
  for (let i = 0; i < catalog.rows; i++) {
    const key = keys.map((k) => String(k[i] === 0 ? 0 : k[i])).join("|");
    classOf.push(key);
    const titles = classes.get(key) ?? new Map<number, number>();
    classes.set(key, titles);
    titles.set(catalog.titleCodes[i], (titles.get(catalog.titleCodes[i]) ?? 0) + 1);
  }
  const bySize = new Map<number, number[]>();
  for (const titles of classes.values()) {
    const counts = [...titles.values()];
    const f = counts.reduce((a, c) => a + c, 0);
    const t = bySize.get(f) ?? [0, 0, 0, 0];
    bySize.set(f, t);
    t[0]++;
    t[1] += titles.size === 1 ? 1 : 0;
    t[2] += titles.size;
    t[3] += counts.reduce((a, c) => a + c * c, 0);
  }
  const exposed = new Set<number>();
  for (let i = 0; i < catalog.rows; i++) if (classes.get(classOf[i])!.size === 1) exposed.add(catalog.titleCodes[i]);
  const sizes = [...bySize.keys()].sort((a, b) => a - b);
  return {
    classSize: sizes,
    classes: sizes.map((f) => bySize.get(f)![0]),
    singleTitleClasses: sizes.map((f) => bySize.get(f)![1]),
    titleSum: sizes.map((f) => bySize.get(f)![2]),
    squareSum: sizes.map((f) => bySize.get(f)![3]),
    exposedTitles: exposed.size,
  };
}

function plain(t: ClassSizeTotals) {
  return {
    classSize: [...t.classSize],
    classes: [...t.classes],
    singleTitleClasses: [...t.singleTitleClasses],
    titleSum: [...t.titleSum],
    squareSum: [...t.squareSum],
    exposedTitles: t.exposedTitles,
  };
}

const SCHEMES = [
  "duration=exact",
  "duration=round(2s),bitrate=round(100kbps)",
  "bitrate=floor(1Mbps),resolution=class",
  "duration=round(10s),resolution=exact",
  "resolution=height",
  "duration=quantile(3),bitrate=log(50%)",
  // Noise keyed by the item: the same draws on whichever thread computes them.
  "duration=rround(2s,seed=5),bitrate=geom(100kbps,scale=2,seed=9)",
].map((s) => parseScheme(s));

const arbCatalog = fc
  .integer({ min: 1, max: 12 })
  .chain((titles) =>
    fc.array(
      fc.record({
        title: fc.integer({ min: 0, max: titles - 1 }),
        d: fc.option(fc.integer({ min: 0, max: 12_000 }), { nil: null, freq: 8 }),
        b: fc.option(fc.integer({ min: 100, max: 4000 }), { nil: null, freq: 8 }),
        r: fc.constantFrom([1920, 1080], [1920, 800], [1280, 720], [640, 480], [null, null]),
      }),
      { minLength: 1, maxLength: 120 },
    ),
  )
  .map((rows) =>
    catalogOf(
      rows.map((r) => `T${r.title}`),
      { duration_ms: rows.map((r) => r.d), bitrate_kbps: rows.map((r) => r.b), width: rows.map((r) => r.r[0]), height: rows.map((r) => r.r[1]) },
    ),
  );

describe("schemeTotals", () => {
  it("worked example: titles [A, A, B, C] with durations [1, 1, 1, 2]", () => {
    const catalog = catalogOf(["A", "A", "B", "C"], { duration_ms: [1, 1, 1, 2] });
    // Classes (f, d, Σc²): (3, 2, 5) for A, A, B and (1, 1, 1) for C, which is exposed.
    expect(plain(schemeTotals(catalog, parseScheme("duration=exact"), { threads: 1 }))).toEqual({
      classSize: [1, 3],
      classes: [1, 1],
      singleTitleClasses: [1, 0],
      titleSum: [1, 2],
      squareSum: [1, 5],
      exposedTitles: 1,
    });
  });
});

describe("schemesTotals", () => {
  it("equals the definition for every scheme, on 1, 2 and 3 threads, whole schemes per thread or not (property)", () => {
    fc.assert(
      fc.property(arbCatalog, fc.shuffledSubarray(SCHEMES, { minLength: 1 }), (catalog, schemes) => {
        const want = schemes.map((s) => byDefinition(catalog, s));
        for (const threads of [1, 2, 3]) {
          // parallelFrom 1: the threaded path even for these few rows.
          expect(schemesTotals(catalog, schemes, { threads, parallelFrom: 1, localLimit: 4 }).map(plain)).toEqual(want);
        }
        expect(schemesTotals(catalog, schemes, { threads: 2 }).map(plain)).toEqual(want);
      }),
      { numRuns: 60 },
    );
  });

  it("a worker computes the schemes it takes (this thread takes none here), catalog after catalog", () => {
    const a = catalogOf(["A", "A", "B", "C", "C"], { duration_ms: [1, 1, 1, 2, 2], bitrate_kbps: [5, 6, 5, 6, 5] });
    const b = catalogOf(["X", "Y", "Y"], { duration_ms: [7, 7, 8] });
    for (const [catalog, text] of [[a, ["duration=exact"]], [a, ["bitrate=exact", "duration=exact,bitrate=exact"]], [b, ["duration=exact"]]] as const) {
      const schemes = text.map((s) => parseScheme(s));
      const args = schemeTotalsArgs(catalog, schemes, { parallelFrom: 1 });
      runJob(SCHEME_TOTALS_JOB, args, 2, () => undefined);
      // The second job on `a` reads bitrate, shared only then: the worker's view takes the new column.
      expect(schemes.map((_, i) => plain(readTotals(args.out, i * args.slot)))).toEqual(schemes.map((s) => byDefinition(catalog, s)));
    }
  });

  it("the worker's share on this thread: a view of the shared arrays gives the catalog's own totals", () => {
    const catalog = catalogOf(["A", "B", "A", "C"], { duration_ms: [3, 3, 4, 4], height: [720, 720, 1080, 1080] });
    const schemes = [parseScheme("duration=exact"), parseScheme("resolution=height,duration=round(10ms)")];
    const args = schemeTotalsArgs(catalog, schemes);
    schemeTotalsShare(args);
    expect(schemes.map((_, i) => plain(readTotals(args.out, i * args.slot)))).toEqual(schemes.map((s) => byDefinition(catalog, s)));
  });

  it("a failure on the worker comes back as an error of the call", () => {
    const catalog = catalogOf(["A", "B"], { duration_ms: [1, 2] });
    const broken = { parts: [{ attribute: "duration", generalizer: { kind: "no-such-generalizer" } }] } as unknown as Scheme;
    const args = schemeTotalsArgs(catalog, [broken]);
    expect(() => runJob(SCHEME_TOTALS_JOB, args, 2, () => undefined)).toThrow(/engine worker 1: .*no-such-generalizer/);
  });

  it("a scheme over a text attribute keeps to this thread, with the same totals", () => {
    const catalog = catalogOf(["A", "B", "C"], { duration_ms: [1, 1, 2] });
    catalog.text.codec = ["h264", "h264", "hevc"];
    const schemes = [parseScheme("codec=exact"), parseScheme("duration=exact")];
    expect(schemesTotals(catalog, schemes, { threads: 2, parallelFrom: 1 }).map(plain)).toEqual(schemes.map((s) => byDefinition(catalog, s)));
  });
});
