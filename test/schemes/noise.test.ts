import { describe, expect, it } from "vitest";
import { catalogOf } from "../helpers.js";
import { evaluate } from "../../src/measures/evaluate.js";
import { partition } from "../../src/engine/partition.js";
import { bucketKeys, bucketLabel, randomizedKeys } from "../../src/schemes/generalize.js";
import { formatScheme } from "../../src/schemes/format.js";
import { explainNesting, nests } from "../../src/schemes/nesting.js";
import { geomAlpha, geomPmf, geomVariance, NoiseStream } from "../../src/schemes/noise.js";
import { parseScheme } from "../../src/schemes/parse.js";
import type { GeomGeneralizer, RRoundGeneralizer, SchemePart } from "../../src/schemes/types.js";
import { Rng } from "../../src/base/random.js";

const geom = (scale: number, seed: number, mode: "memo" | "fresh" = "fresh", width = 1): GeomGeneralizer => ({ kind: "geom", width, scale, seed, mode });
const rround = (width: number, seed: number, mode: "memo" | "fresh" = "fresh"): RRoundGeneralizer => ({ kind: "rround", width, seed, mode });

/** Upper 0.999 quantile of χ²(df), Wilson–Hilferty approximation (good to ~1 % for df ≥ 5). */
function chiSquare999(df: number): number {
  const z = 3.0902;
  const a = 2 / (9 * df);
  return df * (1 - a + z * Math.sqrt(a)) ** 3;
}

describe("two-sided geometric noise", () => {
  it("matches its pmf (χ² test with a fixed seed) and its mean and variance", () => {
    const n = 200_000;
    const scale = 2;
    const keys = randomizedKeys(geom(scale, 11), "duration", new Float64Array(n)); // x = 0: key = Z
    const maxZ = 8; // cells −8..8, tails beyond pooled into the two end cells
    const counts = new Float64Array(2 * maxZ + 1);
    let sum = 0;
    let sum2 = 0;
    for (const z of keys) {
      expect(Number.isInteger(z)).toBe(true);
      counts[Math.max(-maxZ, Math.min(maxZ, z)) + maxZ]++;
      sum += z;
      sum2 += z * z;
    }
    const a = geomAlpha(scale);
    const tail = a ** (maxZ + 1) / (1 + a); // P(Z > maxZ) = α^(m+1)/(1+α)
    let chi2 = 0;
    for (let z = -maxZ; z <= maxZ; z++) {
      const p = Math.abs(z) === maxZ ? geomPmf(z, scale) + tail : geomPmf(z, scale);
      const e = n * p;
      chi2 += (counts[z + maxZ] - e) ** 2 / e;
    }
    expect(chi2).toBeLessThan(chiSquare999(2 * maxZ));
    const v = geomVariance(scale);
    const mean = sum / n;
    expect(Math.abs(mean)).toBeLessThan(4 * Math.sqrt(v / n));
    // Var of the sample variance ≈ (μ₄ − σ⁴)/n; for this law μ₄ < 10σ⁴ at scale 2, so 4 SE ≤ 4·3σ²/√n
    expect(Math.abs(sum2 / n - mean * mean - v)).toBeLessThan((12 * v) / Math.sqrt(n));
  });

  it("pmf sums to 1 and variance matches the pmf's second moment", () => {
    for (const scale of [0.3, 1, 5]) {
      let s = 0;
      let m2 = 0;
      for (let z = -2000; z <= 2000; z++) {
        s += geomPmf(z, scale);
        m2 += z * z * geomPmf(z, scale);
      }
      expect(s).toBeCloseTo(1, 12);
      expect(m2).toBeCloseTo(geomVariance(scale), 8);
    }
  });

  it("centres on round(x / W): keys are the rounded index plus noise", () => {
    const col = Float64Array.from({ length: 50_000 }, () => 12_400); // round(12.4 s / 1 s) = 12
    const keys = randomizedKeys(geom(1, 5, "fresh", 1000), "duration", col);
    const mean = keys.reduce((a, b) => a + b, 0) / keys.length;
    expect(Math.abs(mean - 12)).toBeLessThan(4 * Math.sqrt(geomVariance(1) / keys.length));
  });
});

describe("randomized rounding", () => {
  it("is unbiased: the mean of many fresh reports of one item tends to x", () => {
    const w = 10;
    for (const x of [33, 37.5, 40, -12.25]) {
      const reports = 20_000;
      let sum = 0;
      for (let r = 0; r < reports; r++) {
        const k = randomizedKeys(rround(w, 5), "duration", Float64Array.of(x), { reportIndex: r, itemIds: [3] })[0];
        const lo = Math.floor(x / w);
        expect(k === lo || k === lo + 1).toBe(true);
        sum += k * w;
      }
      const f = x / w - Math.floor(x / w);
      const sd = w * Math.sqrt(f * (1 - f));
      expect(Math.abs(sum / reports - x)).toBeLessThanOrEqual(4 * (sd / Math.sqrt(reports)) + 1e-12);
    }
  });

  it("rounds down with probability 1 − frac across many items (fixed seed)", () => {
    const n = 100_000;
    const keys = randomizedKeys(rround(1, 9), "bitrate", new Float64Array(n).fill(0.3));
    const ups = keys.reduce((a, k) => a + k, 0);
    expect(Math.abs(ups / n - 0.3)).toBeLessThan(4 * Math.sqrt((0.3 * 0.7) / n));
  });
});

describe("memo, fresh, determinism and order independence", () => {
  const n = 500;
  const rng = new Rng(4);
  const durations = Array.from({ length: n }, () => Math.round(rng.uniform(1e6, 9e6)));
  const titles = durations.map((_, i) => `t${i}`);
  const cat = catalogOf(titles, { duration_ms: durations });

  const keysAt = (part: SchemePart, reportIndex: number) => Array.from(bucketKeys(part, cat, { reportIndex }));

  it("memoized noise gives identical reports; fresh noise differs between reports but not at report 0", () => {
    for (const kind of ["geom", "rround"] as const) {
      const memo: SchemePart = { attribute: "duration", generalizer: kind === "geom" ? geom(3, 1, "memo", 1000) : rround(1000, 1, "memo") };
      const fresh: SchemePart = { attribute: "duration", generalizer: kind === "geom" ? geom(3, 1, "fresh", 1000) : rround(1000, 1, "fresh") };
      expect(keysAt(memo, 5)).toEqual(keysAt(memo, 0));
      expect(keysAt(fresh, 0)).toEqual(keysAt(memo, 0));
      const a = keysAt(fresh, 1);
      const b = keysAt(fresh, 2);
      const differ = a.filter((k, i) => k !== b[i]).length;
      // geom(scale 3): P(Z₁ = Z₂) ≈ 0.16; rround: differs w.p. 2f(1−f), mean 1/3 over uniform f
      expect(differ).toBeGreaterThan(n / 5);
    }
  });

  it("is deterministic under the seed and changes with the seed and the attribute", () => {
    const part: SchemePart = { attribute: "duration", generalizer: geom(3, 42, "fresh", 1000) };
    expect(keysAt(part, 3)).toEqual(keysAt(part, 3));
    const other = keysAt({ attribute: "duration", generalizer: geom(3, 43, "fresh", 1000) }, 3);
    expect(other).not.toEqual(keysAt(part, 3));
    // the same seed on another attribute draws independent noise
    const col = new Float64Array(n);
    const asDuration = randomizedKeys(geom(3, 42), "duration", col);
    const asBitrate = randomizedKeys(geom(3, 42), "bitrate", col);
    expect(Array.from(asBitrate)).not.toEqual(Array.from(asDuration));
  });

  it("does not depend on row order: a shuffled catalog with the same item ids gives the same per-item keys", () => {
    const perm = Array.from({ length: n }, (_, i) => i);
    const r = new Rng(8);
    for (let i = n - 1; i > 0; i--) {
      const j = r.int(i + 1);
      [perm[i], perm[j]] = [perm[j], perm[i]];
    }
    const shuffled = Float64Array.from(perm, (i) => durations[i]);
    for (const g of [geom(2, 7, "fresh", 1000), rround(1000, 7, "fresh")]) {
      const base = randomizedKeys(g, "duration", Float64Array.from(durations), { reportIndex: 4 });
      const moved = randomizedKeys(g, "duration", shuffled, { reportIndex: 4, itemIds: perm });
      perm.forEach((item, row) => expect(moved[row]).toBe(base[item]));
    }
  });

  it("partition computes chunked keys (rows > one key chunk) exactly as the whole-column keys", () => {
    const rows = 70_000; // partition computes keys 65 536 rows at a time
    const r = new Rng(2);
    const big = catalogOf(
      Array.from({ length: rows }, (_, i) => `t${i}`),
      { duration_ms: Array.from({ length: rows }, () => Math.round(r.uniform(0, 2e5))) },
    );
    for (const text of ["duration=geom(1s,scale=2,seed=3)", "duration=rround(7s,seed=3)"]) {
      const scheme = parseScheme(text);
      const keys = bucketKeys(scheme.parts[0], big);
      const first = new Map<number, number>();
      const expected = Int32Array.from(keys, (k) => {
        if (!first.has(k)) first.set(k, first.size);
        return first.get(k)!;
      });
      const p = partition(big, scheme);
      expect(p.classCount).toBe(first.size);
      expect(Buffer.from(p.classOf.buffer).equals(Buffer.from(expected.buffer))).toBe(true);
    }
  });

  it("keeps missing values missing and evaluates memo and fresh alike (one report per item)", () => {
    const c = catalogOf(["a", "b", "c"], { duration_ms: [1000, null, 5000] });
    expect(Number.isNaN(bucketKeys({ attribute: "duration", generalizer: geom(1, 1, "memo", 1000) }, c)[1])).toBe(true);
    const res = evaluate(cat, ["duration=geom(10s,scale=2,seed=1,memo)", "duration=geom(10s,scale=2,seed=1,fresh)"]);
    expect(res.results[0].metrics).toEqual(res.results[1].metrics);
    expect(formatScheme(res.results[0].scheme)).toBe("duration=geom(10s,scale=2,seed=1,memo)");
  });
});

describe("labels and nesting", () => {
  it("labels a noisy bucket with its reported value", () => {
    const part = parseScheme("duration=geom(1min,scale=2,seed=1)").parts[0];
    expect(bucketLabel(part, 92)).toBe(bucketLabel(parseScheme("duration=round(1min)").parts[0], 92));
    expect(bucketLabel(part, NaN)).toBe("not reported");
  });

  it("randomized generalizers nest only with themselves", () => {
    const g = parseScheme("duration=geom(1s,scale=2,seed=1)");
    expect(nests(g, g)).toBe(true);
    expect(nests(parseScheme("duration=exact"), g)).toBe(false);
    expect(nests(g, parseScheme("duration=round(1min)"))).toBe(false);
    expect(nests(g, parseScheme("duration=geom(1s,scale=2,seed=2)"))).toBe(false);
    expect(nests(g, parseScheme("duration=geom(1s,scale=2,seed=1,fresh)"))).toBe(false);
    expect(explainNesting(parseScheme("duration=rround(1s,seed=1)"), parseScheme("duration=rround(3s,seed=1)"))).toContain("randomized generalizers nest only with themselves");
  });

  it("hashes distinct (item, report, counter) words to distinct values in a sample", () => {
    const s = new NoiseStream(1, 0);
    const seen = new Set<number>();
    for (let item = 0; item < 200; item++) for (let rep = 0; rep < 50; rep++) seen.add(s.word(item, rep, 0));
    // 10 000 words from 2³²: expected collisions ≈ 0.01
    expect(seen.size).toBeGreaterThanOrEqual(9_999);
  });
});
