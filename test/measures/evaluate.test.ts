import { describe, expect, it } from "vitest";
import { evaluate, evaluateScheme, summarizeCatalog } from "../../src/measures/evaluate.js";
import { partition, scratchFor } from "../../src/engine/partition.js";
import { Scratch } from "../../src/base/densify.js";
import { closePool } from "../../src/engine/pool.js";
import { generateVideoLibrary } from "../../src/sources/synthetic/synthetic.js";
import { vi } from "vitest";
import { classStats } from "../../src/engine/classStats.js";
import { classSizeHistogram, computeMetrics } from "../../src/measures/metrics.js";
import { formatScheme } from "../../src/schemes/format.js";
import { parseScheme } from "../../src/schemes/parse.js";
import { catalogOf } from "../helpers.js";

// titles A A B C at 10 s, 10 s, 10 s, 20 s (the worked example of docs/metrics.md)
const cat = catalogOf(["A", "A", "B", "C"], { duration_ms: [10_000, 10_000, 10_000, 20_000] });

describe("evaluateScheme", () => {
  it("is partition → class statistics → metrics and histogram, keyed by the canonical scheme", () => {
    const r = evaluateScheme(cat, "duration=round(60s)");
    expect(formatScheme(r.scheme)).toBe("duration=round(1min)");
    const part = partition(cat, parseScheme("duration=round(1min)"));
    expect(r.metrics).toEqual(computeMetrics(cat, part, classStats(cat, part)));
    expect(r.histogram).toEqual(classSizeHistogram(part));
    expect(r.metrics.classes).toBe(1); // 10 s and 20 s both round to 0 min
  });

  it("takes a parsed scheme as well as text", () => {
    expect(evaluateScheme(cat, parseScheme("duration=exact"))).toEqual(evaluateScheme(cat, "duration=exact"));
  });

  it("passes the risk threshold on: at_risk_0_5 counts rows with 1/f > ½", () => {
    const m = evaluateScheme(cat, "duration=exact", { riskThreshold: 0.5 }).metrics;
    expect(m.at_risk_0_5).toBe(1 / 4); // only the singleton
    expect(m.at_risk_0_2).toBe(1);
    expect(() => evaluateScheme(cat, "duration=exact", { riskThreshold: 0 })).toThrow(/risk threshold must be in \(0, 1\]/);
  });

  it("a scheme naming a field the catalog lacks is a clear error", () => {
    expect(() => evaluateScheme(cat, "bitrate=exact")).toThrow(/needs bitrate_kbps.*does not have/);
  });

  it("resolution from one dimension: a catalog with heights only can be classed, not asked for widths", () => {
    const heights = catalogOf(["A", "B", "C"], { height: [1080, 720, 1080] });
    expect(evaluateScheme(heights, "resolution=class").metrics.classes).toBe(2);
    expect(() => evaluateScheme(catalogOf(["A"], { width: [1920] }), "resolution=height")).toThrow(/needs height/);
  });
  it("gives the partition's row-sized arrays back to the catalog's pool: a second scheme allocates none", () => {
    const catalog = generateVideoLibrary({ rows: 150_000, seed: 3 });
    const scheme = "duration=exact,bitrate=exact";
    const first = evaluateScheme(catalog, scheme, { threads: 2 });
    const seen = new Set<ArrayBufferLike>();
    const sc = scratchFor(catalog);
    const spy = vi.spyOn(Scratch.prototype, "int32");
    try {
      const again = evaluateScheme(catalog, scheme, { threads: 2 });
      expect(again.metrics).toEqual(first.metrics);
      for (const r of spy.mock.results) seen.add((r.value as Int32Array).buffer);
      // Every buffer handed out came from the pool: taking them all again allocates a new one.
      const pooled = new Set<ArrayBufferLike>();
      for (let i = 0; i < seen.size; i++) pooled.add(sc.int32(catalog.rows).buffer);
      expect([...seen].every((b) => pooled.has(b))).toBe(true);
      expect(seen.size).toBeGreaterThan(2);
    } finally {
      spy.mockRestore();
    }
  });
});

describe("evaluate", () => {
  it("one result per scheme, in the order given, with the catalog summary", () => {
    const seen: [number, number][] = [];
    const r = evaluate(cat, ["none", parseScheme("duration=exact")], { onProgress: (done, total) => seen.push([done, total]) });
    expect(r.catalog).toEqual({ source: "test", rows: 4, titles: 3 });
    expect(r.results.map((x) => formatScheme(x.scheme))).toEqual(["none", "duration=exact"]);
    expect(r.results[1]).toEqual(evaluateScheme(cat, "duration=exact"));
    expect(seen).toEqual([[1, 2], [2, 2]]);
  });

  it("parses every scheme before evaluating any (a bad one fails before work or progress)", () => {
    let calls = 0;
    expect(() => evaluate(cat, ["duration=exact", "duration=round(5)"], { onProgress: () => calls++ })).toThrow(/unit/);
    expect(calls).toBe(0);
  });

  it("many schemes (answered by roll-up, in batches the threads share): each equals evaluateScheme, in order, progress per scheme, on 1 and 3 threads", () => {
    const lib = generateVideoLibrary({ rows: 3000, seed: 3 });
    const schemes = ["1s", "10s", "1min", "5min", "15min"].flatMap((d) => ["10kbps", "1Mbps", "drop"].map((b) => (b === "drop" ? `duration=round(${d})` : `duration=round(${d}),bitrate=round(${b})`)));
    const expected = schemes.map((s) => evaluateScheme(lib, s));
    for (const threads of [1, 3]) {
      const seen: [number, number][] = [];
      const r = evaluate(lib, schemes, { threads, onProgress: (done, total) => seen.push([done, total]) });
      expect(r.results).toEqual(expected);
      expect(seen).toEqual(schemes.map((_, i) => [i + 1, schemes.length]));
    }
    closePool();
  });

  it("many schemes: one the catalog cannot observe is refused before any is evaluated", () => {
    const lib = generateVideoLibrary({ rows: 300, seed: 3 });
    const schemes = [...Array.from({ length: 14 }, (_, i) => `duration=round(${i + 1}s)`), "codec=exact"];
    let calls = 0;
    expect(() => evaluate(lib, schemes, { threads: 1, onProgress: () => calls++ })).toThrow(/codec/);
    expect(calls).toBe(0);
  });

  it("summarizeCatalog: source, rows, titles", () => {
    expect(summarizeCatalog(catalogOf([]))).toEqual({ source: "test", rows: 0, titles: 0 });
  });
});
