import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildAttacker, DEFAULT_OFFSET_MS, PAL_RATIO_RANGE, parseTolerance, selectRows } from "../../src/attacks/attacker.js";
import { intervalFactor, LikelihoodAttack } from "../../src/attacks/likelihood.js";
import { runAttack } from "../../src/attacks/runAttack.js";
import { simulateReleases } from "../../src/attacks/simulateReleases.js";
import { parseScheme } from "../../src/schemes/parse.js";
import { bucketInterval, schemeView, viewKeys } from "../../src/schemes/schemeView.js";
import { loadCatalog } from "../../src/sources/loadCatalog.js";
import { PAL_SPEEDUP_RATIO } from "../../src/sources/synthetic/synthetic.js";
import { catalogOf, dataDir } from "../helpers.js";
import { answerRow, ranked } from "./itemAttackHelpers.js";

process.env.FPRISK_DATA_DIR ??= dataDir;

describe("likelihood match", () => {
  it("intervalFactor: overlap share, point cases", () => {
    expect(intervalFactor(0, 10, 5, 20, 5)).toBe(0.5);
    expect(intervalFactor(0, 10, 20, 30, 5)).toBe(0);
    expect(intervalFactor(5, 5, 0, 10, 5)).toBe(1); // point item inside the bucket
    expect(intervalFactor(5, 5, 0, 5, 5)).toBe(0); // buckets are half-open
    expect(intervalFactor(0, 4, 2, 2, 2)).toBe(1 / 4); // point bucket: density
  });

  // Attacker holds minute runtimes: X 90 min, Y 91 min, Z 95 min. The victim plays X's file of 90:20.
  const attacker = catalogOf(["X", "Y", "Z"], { duration_ms: [90 * 60000, 91 * 60000, 95 * 60000] });
  attacker.precision.duration_ms = 60000;
  const victim = catalogOf(["X"], { duration_ms: [5_420_000] });
  const scheme = "duration=round(1s)"; // bucket [5 419 500, 5 420 500)

  it("rounding only: U_X = [89.5, 90.5] min holds the bucket, U_Y starts at 90.5 min", () => {
    const k = buildAttacker(victim, attacker, { tolerance: { offsetMs: [0, 0], palShare: 0 } });
    const a = new LikelihoodAttack(k, schemeView(parseScheme(scheme), victim), victim);
    expect(ranked(answerRow(victim, a, scheme, 0))).toEqual([["X", 1]]);
  });

  it("offset window ±60 s and 10 % PAL: X and Y 0.9·1000/180000 each, Z 0.1·1000/|V_Z|", () => {
    const k = buildAttacker(victim, attacker, { tolerance: { offsetMs: [-60000, 60000], palShare: 0.1 } });
    const a = new LikelihoodAttack(k, schemeView(parseScheme(scheme), victim), victim);
    // U = [a − 90 s, a + 90 s] (30 s rounding + 60 s offset). Z's PAL interval:
    // V_Z = [23.976/25 · (95 min − 90 s), 24/25 · (95 min + 90 s)], which holds the bucket.
    const x = 0.9 * (1000 / 180000);
    const vz = PAL_RATIO_RANGE[1] * (5_700_000 + 90_000) - PAL_RATIO_RANGE[0] * (5_700_000 - 90_000);
    const z = 0.1 * (1000 / vz);
    const total = 2 * x + z;
    const r = answerRow(victim, a, scheme, 0);
    expect(r.answer.ranked.map((c) => c.id)).toEqual(["X", "Y", "Z"]);
    expect(r.answer.ranked[0].score).toBeCloseTo(x / total, 12);
    expect(r.answer.ranked[1].score).toBeCloseTo(x / total, 12);
    expect(r.answer.ranked[2].score).toBeCloseTo(z / total, 12);
    expect(PAL_RATIO_RANGE[0]).toBe(PAL_SPEEDUP_RATIO);
  });

  it("bucket intervals: round, floor, sig (finer below a power of ten), log, ladder", () => {
    const v = catalogOf(["A"], { duration_ms: [1000], bitrate_kbps: [1000] });
    const iv = (s: string, key: number, precision = 0) => bucketInterval(schemeView(parseScheme(s), v), 0, key, precision);
    expect(iv("duration=round(10s)", 3)).toEqual([25000, 35000]);
    expect(iv("duration=floor(10s)", 3)).toEqual([30000, 40000]);
    expect(iv("bitrate=sig(2)", 1000)).toEqual([995, 1050]);
    expect(iv("bitrate=sig(2)", 1200)).toEqual([1150, 1250]);
    expect(iv("duration=exact", 1000, 1)).toEqual([999.5, 1000.5]);
    const [lo, hi] = iv("bitrate=log(10%)", 72);
    expect(lo).toBeCloseTo(1.1 ** 72, 9);
    expect(hi).toBeCloseTo(1.1 ** 73, 9);
    expect(iv("bitrate=ladder(1000kbps,2000kbps)", 0)).toEqual([1000, 2000]);
    expect(iv("bitrate=ladder(1000kbps,2000kbps)", -1)).toEqual([-Infinity, 1000]);
    expect(iv("bitrate=ladder(1000kbps,2000kbps)", 1)).toEqual([2000, Infinity]);
  });

  it("bitrate tolerance ±p %: U = [a(1−p), a(1+p)]", () => {
    // Observed log(10%) bucket of 1000 kbps: [1.1^72, 1.1^73) = [953.3, 1048.6). Attacker items at 1000 and 1100 kbps, ±10 %.
    const v = catalogOf(["A"], { bitrate_kbps: [1000] });
    const att = catalogOf(["A", "B"], { bitrate_kbps: [1000, 1100] });
    const s = "bitrate=log(10%)";
    const k = buildAttacker(v, att, { tolerance: { bitratePercent: 10 } });
    const a = new LikelihoodAttack(k, schemeView(parseScheme(s), v), v);
    const lo = 1.1 ** 72;
    const hi = 1.1 ** 73;
    const fa = (hi - lo) / 200; // A's U = [900, 1100] holds the whole bucket
    const fb = (hi - 990) / 220; // B's U = [990, 1210]
    const r = answerRow(v, a, s, 0);
    expect(r.answer.ranked[0].id).toBe("A");
    expect(r.answer.ranked[0].score).toBeCloseTo(fa / (fa + fb), 9);
  });

  it("the duration window finds exactly what scoring every item finds (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 80, max: 100 }), { minLength: 1, maxLength: 30 }),
        fc.integer({ min: 4_800_000, max: 6_000_000 }),
        fc.constantFrom("duration=round(1s)", "duration=floor(60s)", "duration=exact", "duration=log(1%)"),
        fc.constantFrom(0, 0.04, 0.5),
        (minutes, fileMs, s, pal) => {
          const att = catalogOf(minutes.map((_, i) => `T${i}`), { duration_ms: minutes.map((m) => m * 60000) });
          att.precision.duration_ms = 60000;
          const v = catalogOf(["T0"], { duration_ms: [fileMs] });
          v.precision.duration_ms = 1;
          const k = buildAttacker(v, att, { tolerance: { palShare: pal, durationMs: 2000 } });
          const view = schemeView(parseScheme(s), v);
          const r = answerRow(v, new LikelihoodAttack(k, view, v), s, 0);
          // brute force over every item
          const key = viewKeys(view, 0, v)[0];
          const [lo, hi] = bucketInterval(view, 0, key, 1);
          const [oLo, oHi] = DEFAULT_OFFSET_MS;
          const scores = minutes.map((m) => {
            const a = m * 60000;
            const uLo = a - 30000 - 2000 + oLo;
            const uHi = a + 30000 + 2000 + oHi;
            return (1 - pal) * intervalFactor(uLo, uHi, lo, hi, a) + pal * intervalFactor(PAL_RATIO_RANGE[0] * uLo, PAL_RATIO_RANGE[1] * uHi, lo, hi, a);
          });
          const total = scores.reduce((x, y) => x + y, 0);
          const expected = new Map(scores.map((sc, i) => [`T${i}`, sc / total]).filter(([, p]) => (p as number) > 0) as [string, number][]);
          expect(r.answer.ranked.length).toBe(Math.min(10, expected.size));
          for (const c of r.answer.ranked) expect(c.score).toBeCloseTo(expected.get(c.id)!, 12);
        },
      ),
      { numRuns: 80 },
    );
  });

  it("without duration, the bitrate window finds exactly what scoring every item finds (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 500, max: 3000 }), { minLength: 1, maxLength: 30 }),
        fc.integer({ min: 400, max: 3500 }),
        fc.constantFrom(0, 5, 20),
        fc.constantFrom("bitrate=log(10%)", "bitrate=round(100kbps)", "bitrate=exact"),
        (rates, observed, pct, s) => {
          const att = catalogOf(rates.map((_, i) => `T${i}`), { bitrate_kbps: rates });
          const v = catalogOf(["T0"], { bitrate_kbps: [observed] });
          v.precision.bitrate_kbps = 1;
          const view = schemeView(parseScheme(s), v);
          const r = answerRow(v, new LikelihoodAttack(buildAttacker(v, att, { tolerance: { bitratePercent: pct } }), view, v), s, 0);
          const [lo, hi] = bucketInterval(view, 0, viewKeys(view, 0, v)[0], 1);
          const p = pct / 100;
          const scores = rates.map((a) => intervalFactor(a * (1 - p), a * (1 + p), lo, hi, a));
          const total = scores.reduce((x, y) => x + y, 0);
          const expected = new Map(scores.map((sc, i) => [`T${i}`, sc / total] as [string, number]).filter(([, q]) => q > 0));
          expect(r.answer.ranked.length).toBe(Math.min(10, expected.size));
          for (const c of r.answer.ranked) expect(c.score).toBeCloseTo(expected.get(c.id)!, 12);
        },
      ),
      { numRuns: 80 },
    );
  });

  it("resolution matches by key; an item without a value cannot match a reported one", () => {
    const v = catalogOf(["A"], { duration_ms: [60000], width: [1920], height: [800] });
    const att = catalogOf(["A", "B", "C"], { duration_ms: [60000, 60000, 60000], width: [1920, 1280, null], height: [1080, 720, null] });
    const s = "duration=exact,resolution=class";
    const a = new LikelihoodAttack(buildAttacker(v, att, { tolerance: { offsetMs: [0, 0], palShare: 0 } }), schemeView(parseScheme(s), v), v);
    expect(ranked(answerRow(v, a, s, 0))).toEqual([["A", 1]]);
  });

  it("Spotify durations against themselves with ±2 s tolerance: tolerance costs the attacker", async () => {
    const spotify = await loadCatalog("spotify-popularity-2024");
    const scheme = "duration=round(1s)";
    const exact = runAttack(spotify, { scheme, method: "likelihood", targets: 400, seed: 2, bootstrap: 200 });
    const noisy = runAttack(spotify, { scheme, method: "likelihood", targets: 400, seed: 2, bootstrap: 200, tolerance: parseTolerance("duration=2s") });
    expect(exact.evaluation.success_at_1.value).toBeGreaterThan(noisy.evaluation.success_at_1.value);
    // The attacker with exact values never loses the truth: it is always a candidate.
    expect(exact.evaluation.no_match.value).toBe(0);
    expect(noisy.evaluation.success_at_k.value).toBeGreaterThanOrEqual(noisy.evaluation.success_at_1.value);
    expect(noisy.tolerance!.durationMs).toBe(2000);
  });
});

describe("coarser public catalog: IMDb runtimes against simulated release files", () => {
  it("the likelihood attacker models rounding, offsets and PAL; the naive class attacker mostly misses", async () => {
    const imdb = await loadCatalog("imdb-ggplot2movies");
    // every 19th film: 3,094 films, ≈ 30 per minute of runtime
    const films = selectRows(imdb, Int32Array.from({ length: Math.ceil(imdb.rows / 19) }, (_, i) => i * 19));
    const victim = simulateReleases(films, { seed: 4 });
    const scheme = "duration=round(1s)";
    const lik = runAttack(victim, { scheme, method: "likelihood", attacker: films, targets: 300, seed: 1, bootstrap: 200 });
    const cls = runAttack(victim, { scheme, method: "class", attacker: films, targets: 300, seed: 1, bootstrap: 200 });
    expect(lik.attacker).toBe("imdb-ggplot2movies");
    expect(lik.evaluation.in_catalog).toBe(300);
    expect(lik.notes[0]).toBe(`${films.rows} of ${films.rows} attacker titles joined to a victim title by normalized name`);
    // A file lands on a whole-minute runtime's round(1s) bucket only when it is within ½ s of it
    // (≈ 1 in 60): the naive class match almost never finds a candidate.
    expect(cls.evaluation.no_match.value).toBeGreaterThan(0.95);
    // The modelled attacker keeps the truth among its candidates (alternate cuts aside) …
    expect(lik.evaluation.no_match.value).toBeLessThan(0.05);
    // … but duration alone leaves ≈ 30 films per minute: a few percent at rank 1, more at rank 5.
    expect(lik.evaluation.expected_success!.value).toBeGreaterThan(cls.evaluation.expected_success!.value);
    expect(lik.evaluation.success_at_k.value).toBeGreaterThan(2 * lik.evaluation.success_at_1.value);
  });
});
