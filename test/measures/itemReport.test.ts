import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { evaluateScheme } from "../../src/measures/evaluate.js";
import { buildItemReport } from "../../src/measures/itemReport.js";
import { renderItemReport } from "../../src/output/itemReportRender.js";
import { makeRedactor } from "../../src/base/redact.js";
import { catalogOf } from "../helpers.js";

/*
 * Six items under duration=round(1s),bitrate=round(10kbps):
 *   row 0  A  1000 ms  100 kbps  → (1s, 100)  alone                        c/f = 1
 *   row 1  B  1000 ms  200 kbps  → (1s, 200)  with C, another title        c/f = 1/2
 *   row 2  C  1000 ms  200 kbps  → (1s, 200)                               c/f = 1/2
 *   row 3  D  5000 ms  300 kbps  → (5s, 300)  with row 4, the same title   c/f = 1
 *   row 4  D  5000 ms  300 kbps
 *   row 5  E  9000 ms  100 kbps  → (9s, 100)  alone                        c/f = 1
 * Title-unique: A, D, D, E (4 of 6); alone: A, E; kappa = (1 + ½ + ½ + 1 + 1 + 1) / 6 = 5/6.
 *
 * What hides them, one attribute at a time:
 *   drop duration → bitrate alone: A joins E (both 100 kbps): A and E hidden, D not (300 kbps is D's alone).
 *   drop bitrate  → duration alone: A joins B, C (1 s): A hidden; D (5 s) and E (9 s) not.
 *   duration round(10s): keys 0,0,0,10s,10s,10s → classes (0,100) (0,200) (10s,300) (10s,100): still 4 classes,
 *     not coarser on this catalog, so not offered. round(1min): everything at 0 → A+E, B+C, D+D: 3 classes,
 *     hides A and E. round(5min), round(15min): the same.
 *   bitrate round(100kbps): unchanged (4 classes), not offered. round(1Mbps): all 0 → same as dropping: hides A.
 */
const SCHEME = "duration=round(1s),bitrate=round(10kbps)";
const lib = () =>
  catalogOf(["A", "B", "C", "D", "D", "E"], {
    duration_ms: [1000, 1000, 1000, 5000, 5000, 9000],
    bitrate_kbps: [100, 200, 200, 300, 300, 100],
  });

describe("buildItemReport on a hand-checked library", () => {
  const report = buildItemReport(lib(), SCHEME);

  it("summarizes the library", () => {
    expect(report.scheme).toBe(SCHEME);
    expect(report.summary).toEqual({
      items: 6,
      titles: 5,
      classes: 4,
      unique_items: 2,
      unique_fraction: 2 / 6,
      title_unique_items: 4,
      title_unique_fraction: 4 / 6,
      kappa: 5 / 6,
    });
  });

  it("ranks the most identifying items first: named outright, then alone, then catalog order", () => {
    expect(report.items.map((i) => i.title)).toEqual(["A", "E", "D", "D", "B", "C"]);
    expect(report.items.map((i) => i.chanceNamed)).toEqual([1, 1, 1, 1, 0.5, 0.5]);
    expect(report.items.map((i) => i.classSize)).toEqual([1, 1, 2, 2, 2, 2]);
    expect(report.items.map((i) => i.classTitles)).toEqual([1, 1, 1, 1, 2, 2]);
  });

  it("lists what each item is confused with, other titles first", () => {
    const b = report.items.find((i) => i.title === "B")!;
    expect(b.confusedWith.map((c) => c.title)).toEqual(["C"]);
    expect(b.titleUnique).toBe(false);
    expect(b.causes).toBeNull();
    expect(report.items[2].confusedWith.map((c) => c.title)).toEqual(["D"]);
    expect(report.items[0].observation).toEqual({ duration: "0:00:01", bitrate: "100 kbps" });
  });

  it("says which attribute makes each title-unique item unique", () => {
    const causes = Object.fromEntries(report.items.filter((i) => i.titleUnique && i.classSize === 1).map((i) => [i.title, i.causes]));
    expect(causes.A).toEqual([
      { attribute: "duration", hiddenIfDropped: true, hiddenIfCoarsenedTo: "round(1min)" },
      { attribute: "bitrate", hiddenIfDropped: true, hiddenIfCoarsenedTo: "round(1Mbps)" },
    ]);
    expect(causes.E).toEqual([
      { attribute: "duration", hiddenIfDropped: true, hiddenIfCoarsenedTo: "round(1min)" },
      { attribute: "bitrate", hiddenIfDropped: false, hiddenIfCoarsenedTo: null },
    ]);
    expect(report.attributes).toEqual([
      {
        attribute: "duration",
        generalizer: "round(1s)",
        hidden_if_dropped: 2,
        coarsenings: [
          { generalizer: "round(1min)", hidden: 2 },
          { generalizer: "round(5min)", hidden: 2 },
          { generalizer: "round(15min)", hidden: 2 },
        ],
      },
      {
        attribute: "bitrate",
        generalizer: "round(10kbps)",
        hidden_if_dropped: 1,
        coarsenings: [
          { generalizer: "round(1Mbps)", hidden: 1 },
          { generalizer: "round(5Mbps)", hidden: 1 },
        ],
      },
    ]);
  });

  it("limits the listed items and counts the rest", () => {
    const top = buildItemReport(lib(), SCHEME, { limit: 2 });
    expect(top.items.map((i) => i.title)).toEqual(["A", "E"]);
    expect(top.omitted).toBe(4);
  });
});

describe("buildItemReport agrees with the metrics", () => {
  it("has as many title-unique items as title_unique_fraction · n, and mean chance named = kappa", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ t: fc.integer({ min: 0, max: 6 }), d: fc.integer({ min: 1, max: 8 }), b: fc.integer({ min: 1, max: 3 }) }), { minLength: 1, maxLength: 40 }),
        (rows) => {
          const cat = catalogOf(
            rows.map((r) => `t${r.t}`),
            { duration_ms: rows.map((r) => r.d * 700), bitrate_kbps: rows.map((r) => r.b * 50) },
          );
          const scheme = "duration=round(1s),bitrate=round(100kbps)";
          const report = buildItemReport(cat, scheme);
          const { metrics } = evaluateScheme(cat, scheme);
          expect(report.summary.title_unique_items).toBe(Math.round(metrics.title_unique_fraction * rows.length));
          expect(report.items.filter((i) => i.titleUnique).length).toBe(report.summary.title_unique_items);
          const meanChance = report.items.reduce((a, i) => a + i.chanceNamed, 0) / rows.length;
          expect(meanChance).toBeCloseTo(metrics.kappa, 12);
          // ranking is by chance named, never increasing
          for (let r = 1; r < report.items.length; r++) expect(report.items[r].chanceNamed).toBeLessThanOrEqual(report.items[r - 1].chanceNamed);
        },
      ),
      { numRuns: 150, seed: 7 },
    );
  });
});

describe("redaction", () => {
  it("replaces every title with a stable salted hash", () => {
    const a = buildItemReport(lib(), SCHEME, { redactor: makeRedactor("s1") });
    const again = buildItemReport(lib(), SCHEME, { redactor: makeRedactor("s1") });
    const other = buildItemReport(lib(), SCHEME, { redactor: makeRedactor("s2") });
    expect(a.items.map((i) => i.title)).toEqual(again.items.map((i) => i.title));
    expect(a.items[0].title).toMatch(/^title-[0-9a-f]{12}$/);
    expect(a.items[0].title).not.toBe(other.items[0].title);
    // the two releases of D keep one hash, so look-alikes stay visible
    expect(a.items[2].title).toBe(a.items[3].title);
    for (const format of ["table", "csv", "json", "html"] as const) {
      const text = renderItemReport(a, format);
      for (const t of ["A", "B", "C", "D", "E"]) expect(text).not.toMatch(new RegExp(`\\b${t}\\b`));
    }
  });
});
