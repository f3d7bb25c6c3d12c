import { describe, expect, it } from "vitest";
import { f6Rows, mergeCoincidentReferences } from "../../../src/experiments/reproduce/f6.js";
import { parseSpace } from "../../../src/experiments/tune/space.js";
import { parseTarget } from "../../../src/experiments/tune/target.js";
import { PLEX_LIKE_SCHEMES, tune } from "../../../src/experiments/tune/tune.js";
import { evaluateScheme } from "../../../src/measures/evaluate.js";
import { parseScheme } from "../../../src/schemes/parse.js";
import type { FrontierChartPoint } from "../../../src/figures/frontierChart.js";
import { catalogOf } from "../../helpers.js";

// Six titles, durations 61–185 s: round(1s) names every title, round(1min) groups them.
const catalog = catalogOf(["a", "b", "c", "d", "e", "f", "a"], {
  duration_ms: [61_000, 62_000, 125_000, 128_000, 179_000, 185_000, 61_400],
  bitrate_kbps: [900, 1200, 900, 2100, 5000, 5100, 950],
});
const space = parseSpace("duration=round(1s)|round(5s)|round(1min)|drop,bitrate=exact|round(1Mbps)|drop");
const references = PLEX_LIKE_SCHEMES.map((p) => parseScheme(p.scheme));

describe("F6 rows: one tune run as tidy data", () => {
  const result = tune([catalog], { targets: [parseTarget("title_unique_fraction<=0.01")], space, prune: false, references });
  const rows = f6Rows("panel", "test", result);

  it("has every scheme of the space once, then the three references", () => {
    const evaluated = rows.filter((r) => r.role !== "reference");
    expect(evaluated).toHaveLength(4 * 3);
    expect(new Set(evaluated.map((r) => r.scheme)).size).toBe(12);
    expect(rows.filter((r) => r.role === "reference").map((r) => r.label)).toEqual(PLEX_LIKE_SCHEMES.map((p) => p.label));
  });

  it("reports each scheme's risk and entropy as evaluate computes them from the rows", () => {
    for (const r of rows) {
      // the catalog has no resolution: a reference's resolution part is not observed
      const m = evaluateScheme(catalog, r.scheme.replace(",resolution=class", "")).metrics;
      expect(r.title_unique_fraction).toBe(m.title_unique_fraction);
      expect(r.entropy_bits).toBeCloseTo(m.entropy_bits, 12);
      expect(r.meets).toBe(m.title_unique_fraction <= 0.01);
    }
  });

  it("marks as recommended the qualifying scheme with the most bits (here: only the schemes that name nothing qualify)", () => {
    const qualifying = rows.filter((r) => r.role !== "reference" && r.meets).sort((a, b) => b.entropy_bits - a.entropy_bits || (a.scheme < b.scheme ? -1 : 1));
    const recommended = rows.filter((r) => r.role === "recommended");
    expect(recommended).toHaveLength(1);
    expect(recommended[0].scheme).toBe(qualifying[0].scheme);
    // round(1min) with bitrate dropped still separates {a,b} from {c,d} from {e,f}: no single-title class
    expect(recommended[0].scheme).toBe("duration=round(1min)");
  });
});

describe("mergeCoincidentReferences", () => {
  const point = (scheme: string, objective: number, risk: number, role: FrontierChartPoint["role"], label?: string): FrontierChartPoint => ({ scheme, objective, risk, role, meets: true, ...(label ? { label } : {}) });

  it("draws references at the same point once with both labels, and leaves the rest alone", () => {
    const pts = [
      point("x", 1, 0.5, "evaluated"),
      point("x", 1, 0.5, "frontier"),
      point("duration=round(1s)", 2, 0.1, "reference", "Plex-like 1 s / 100 kbps"),
      point("duration=round(1s),resolution=class", 2, 0.1, "reference", "Plex-like 1 s / class"),
      point("duration=round(1min)", 1, 0.01, "reference", "Plex-like 1 min"),
    ];
    const merged = mergeCoincidentReferences(pts);
    expect(merged.map((p) => p.label ?? "")).toEqual(["", "", "Plex-like 1 s / 100 kbps = 1 s / class", "Plex-like 1 min"]);
    expect(pts[2].label).toBe("Plex-like 1 s / 100 kbps");
  });
});
