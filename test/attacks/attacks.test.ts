import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildAttacker, DEFAULT_OFFSET_MS, DEFAULT_PAL_SHARE, PAL_RATIO_RANGE, parseTolerance, removeTitles, selectRows } from "../../src/attacks/attacker.js";
import { ClassMatchAttack } from "../../src/attacks/classMatch.js";
import { intervalFactor, LikelihoodAttack } from "../../src/attacks/likelihood.js";
import { schemeView, viewKeys, bucketInterval } from "../../src/schemes/schemeView.js";
import { priorFromRows } from "../../src/attacks/prior.js";
import { TitleAccumulator, TitleRanker } from "../../src/attacks/ranking.js";
import { runAttack } from "../../src/attacks/runAttack.js";
import { simulateReleases } from "../../src/attacks/simulateReleases.js";
import { normalizeTitle, TitleIndex } from "../../src/attacks/titleJoin.js";
import type { Catalog } from "../../src/catalog/catalog.js";
import { Rng } from "../../src/base/random.js";
import { PAL_SPEEDUP_RATIO } from "../../src/sources/synthetic/synthetic.js";
import { evaluateScheme } from "../../src/measures/evaluate.js";
import { loadCatalog } from "../../src/sources/loadCatalog.js";
import { parseScheme } from "../../src/schemes/parse.js";
import { catalogOf, dataDir } from "../helpers.js";

process.env.FPRISK_DATA_DIR ??= dataDir;

/** Answer one victim row with an attack object, as runAttack does. */
function answerRow(victim: Catalog, attack: ClassMatchAttack | LikelihoodAttack, scheme: string, row: number) {
  const view = schemeView(parseScheme(scheme), victim);
  const keys = view.parts.map((_, p) => viewKeys(view, p, victim)[row]);
  return attack.answer(keys, 10, victim.titleNames[victim.titleCodes[row]]);
}

const ranked = (r: { answer: { ranked: { id: string; score: number }[] } }) => r.answer.ranked.map((c) => [c.id, c.score]);

describe("class match, hand-computed", () => {
  // A A B C at 1.0 s, 1.4 s, 1.2 s, 5.0 s. round(1s): the first three share bucket 1, C is alone in 5.
  const cat = catalogOf(["A", "A", "B", "C"], { duration_ms: [1000, 1400, 1200, 5000] });
  const scheme = "duration=round(1s)";
  const view = schemeView(parseScheme(scheme), cat);
  const attack = new ClassMatchAttack(buildAttacker(cat, "same"), view);

  it("posterior = the title's share of its class: A 2/3, B 1/3", () => {
    const r = answerRow(cat, attack, scheme, 2);
    expect(ranked(r)).toEqual([["A", 2 / 3], ["B", 1 / 3]]);
    expect(r.answer.confidence).toBe(2 / 3);
    expect(r.truthPosterior).toBe(1 / 3);
    expect(ranked(answerRow(cat, attack, scheme, 3))).toEqual([["C", 1]]);
  });

  it("runAttack over all rows: success@1 3/4, expected success (2/3+2/3+1/3+1)/4 = kappa", () => {
    const run = runAttack(cat, { scheme, method: "class", targets: "all", bootstrap: 0 });
    expect(run.evaluation.success_at_1.value).toBe(3 / 4);
    expect(run.evaluation.expected_success!.value).toBeCloseTo(2 / 3, 12);
    expect(evaluateScheme(cat, scheme).metrics.kappa).toBeCloseTo(2 / 3, 12);
  });

  it("a title prior spreads each title's weight over its items: A 1 → ½ per item, B 4 → B has 4/5", () => {
    const prior = priorFromRows("p", [{ t: "A", w: "1" }, { t: "B", w: "4" }], ["t"], "w");
    const a = new ClassMatchAttack(buildAttacker(cat, "same", { prior }), view);
    expect(ranked(answerRow(cat, a, scheme, 0))).toEqual([["B", 4 / 5], ["A", 1 / 5]]);
    // C is not listed: floor = half the smallest weight = 0.5; alone in its class it still gets 1.
    expect(ranked(answerRow(cat, a, scheme, 3))).toEqual([["C", 1]]);
  });

  it("no candidate → empty answer", () => {
    const attacker = catalogOf(["X"], { duration_ms: [9000] });
    const a = new ClassMatchAttack(buildAttacker(cat, attacker), view);
    expect(answerRow(cat, a, scheme, 0).answer).toEqual({ ranked: [], confidence: 0, scoreKind: "posterior" });
  });

  it("parts the attacker's catalog lacks are ignored (IMDb has no bitrate)", () => {
    const victim = catalogOf(["A", "B"], { duration_ms: [60_000, 120_000], bitrate_kbps: [1000, 2000] });
    const attacker = catalogOf(["a", "b"], { duration_ms: [60_000, 120_000] });
    const s = "duration=round(60s),bitrate=log(10%)";
    const a = new ClassMatchAttack(buildAttacker(victim, attacker), schemeView(parseScheme(s), victim));
    expect(a.unusedParts).toEqual([1]);
    expect(ranked(answerRow(victim, a, s, 1))).toEqual([["B", 1]]); // joined by normalized name: "b" → "B"
  });

  it("quantile buckets use the thresholds fitted on the victim, not refitted on the attacker", () => {
    // victim durations 1..4 s, quantile(2): one threshold at 3 s. Attacker items at 2.5 s and 3.5 s.
    const victim = catalogOf(["A", "B", "C", "D"], { duration_ms: [1000, 2000, 3000, 4000] });
    const attacker = catalogOf(["P", "Q"], { duration_ms: [2500, 3500] });
    const s = "duration=quantile(2)";
    const view = schemeView(parseScheme(s), victim);
    expect([...view.thresholds[0]!]).toEqual([3000]);
    // Refitting on the attacker's two items would cut at 3.5 s and put 2.5 s alone in bucket 0 — the same answer
    // here by luck; a victim row at 1 s must match P (below 3 s) and one at 4 s must match Q.
    expect([...viewKeys(view, 0, attacker)]).toEqual([0, 1]);
    const a = new ClassMatchAttack(buildAttacker(victim, attacker), view);
    expect(ranked(answerRow(victim, a, s, 0))).toEqual([["P", 1]]);
    expect(ranked(answerRow(victim, a, s, 3))).toEqual([["Q", 1]]);
    // bucket 0 stands for (−∞, 3 s), bucket 1 for [3 s, ∞)
    expect(bucketInterval(view, 0, 0, 1)).toEqual([-Infinity, 3000]);
    expect(bucketInterval(view, 0, 1, 1)).toEqual([3000, Infinity]);
  });
});

describe("the kappa identity", () => {
  const schemes = ["duration=exact", "duration=round(10s)", "duration=floor(30s),bitrate=log(20%)", "bitrate=quantile(3)", "duration=round(5s),resolution=class", "none", "bitrate=sig(2)", "bitrate=exact,duration=sig(1)", "bitrate=ladder(150kbps,250kbps)"];
  const arb = fc.record({
    rows: fc.array(
      fc.record({
        title: fc.integer({ min: 0, max: 6 }),
        dur: fc.integer({ min: 0, max: 12 }).map((x) => x * 7000),
        br: fc.oneof(fc.integer({ min: 100, max: 400 }), fc.constant(NaN)),
        h: fc.constantFrom(480, 720, 1080, 2160),
      }),
      { minLength: 1, maxLength: 40 },
    ),
    scheme: fc.constantFrom(...schemes),
  });

  it("on the same catalog, expected success of a uniform pick equals kappa (property)", () => {
    fc.assert(
      fc.property(arb, ({ rows, scheme }) => {
        const cat = catalogOf(
          rows.map((r) => `T${r.title}`),
          { duration_ms: rows.map((r) => r.dur), bitrate_kbps: rows.map((r) => r.br), width: rows.map((r) => (r.h * 16) / 9), height: rows.map((r) => r.h) },
        );
        const kappa = evaluateScheme(cat, scheme).metrics.kappa;
        for (const method of ["class", "likelihood"] as const) {
          const run = runAttack(cat, { scheme, method, targets: "all", bootstrap: 0 });
          expect(run.evaluation.expected_success!.value).toBeCloseTo(kappa, 12);
        }
      }),
      { numRuns: 60 },
    );
  });

  it("holds on Chinook's TV episodes (the 214 video files) and on all of Chinook", async () => {
    const chinook = await loadCatalog("chinook-tracks");
    const br = chinook.numeric.bitrate_kbps!;
    const videoRows = Int32Array.from({ length: chinook.rows }, (_, i) => i).filter((i) => br[i] > 500);
    const tv = selectRows(chinook, videoRows);
    expect(tv.rows).toBe(214);
    for (const [cat, scheme] of [[tv, "duration=round(60s)"], [tv, "duration=round(10s),bitrate=log(5%)"], [chinook, "duration=round(1s)"]] as const) {
      const run = runAttack(cat, { scheme, targets: "all", bootstrap: 0 });
      expect(run.evaluation.expected_success!.value).toBeCloseTo(evaluateScheme(cat, scheme).metrics.kappa, 12);
    }
    // TV episodes at minute resolution: half the episodes still named by the MAP guess.
    const minute = runAttack(tv, { scheme: "duration=round(60s)", targets: "all", bootstrap: 200 });
    expect(minute.evaluation.success_at_1.value).toBeGreaterThan(0.1);
    expect(minute.evaluation.success_at_1.value).toBeLessThan(0.9);
  });
});

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

describe("ranking", () => {
  it("top-k selection agrees with a full sort, ties by title order (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 1, maxLength: 40 }), fc.integer({ min: 1, max: 6 }), (weights, m) => {
        const ids = weights.map((_, i) => `T${i}`);
        const acc = new TitleAccumulator(ids.length);
        weights.forEach((w, t) => acc.add(t, w));
        const total = weights.reduce((a, b) => a + b, 0);
        const got = new TitleRanker(ids, m).rank(acc, "T0");
        if (total === 0) {
          expect(got.answer.ranked).toEqual([]);
          return;
        }
        const want = weights
          .map((w, t) => ({ id: `T${t}`, score: w / total, t }))
          .filter((c) => c.score > 0)
          .sort((a, b) => b.score - a.score || a.t - b.t)
          .slice(0, m)
          .map(({ id, score }) => ({ id, score }));
        expect(got.answer.ranked).toEqual(want);
        expect(got.truthPosterior).toBe(weights[0] / total);
        expect(acc.count).toBe(0); // reset for the next observation
      }),
    );
  });

  it("attacker titles joined to one victim title are merged", () => {
    const acc = new TitleAccumulator(3);
    acc.add(0, 1); // "The Office" → The Office
    acc.add(1, 2); // "Heroes"
    acc.add(2, 2); // "Office" → The Office as well
    const r = new TitleRanker(["The Office", "Heroes", "The Office"], 5).rank(acc, "The Office");
    expect(r.answer.ranked).toEqual([{ id: "The Office", score: 3 / 5 }, { id: "Heroes", score: 2 / 5 }]);
    expect(r.truthPosterior).toBe(3 / 5);
  });
});

describe("attacker knowledge", () => {
  it("normalizes titles: case, accents, punctuation, &, leading article", () => {
    expect(normalizeTitle("The Lord of the Rings: The Two Towers")).toBe("lord of the rings the two towers");
    expect(normalizeTitle("Amélie")).toBe("amelie");
    expect(normalizeTitle("  Tom & Jerry!! ")).toBe("tom and jerry");
    expect(normalizeTitle("A Beautiful Mind")).toBe("beautiful mind");
    const ix = new TitleIndex<number>();
    ix.add("Toy Story — 1995", 1);
    expect(ix.get("toy story — 1995")).toBe(1);
    expect(ix.get("Toy Story")).toBe(1); // base title fallback
    expect(ix.get("Toy Story 2")).toBeUndefined();
  });

  it("parses --tolerance and rejects bad text", () => {
    expect(parseTolerance("duration=2s,bitrate=5%")).toEqual({ durationMs: 2000, bitratePercent: 5 });
    expect(parseTolerance("offset=-6s..31s,pal=4%")).toEqual({ offsetMs: [-6000, 31000], palShare: 0.04 });
    expect(parseTolerance("pal=0.1")).toEqual({ palShare: 0.1 });
    expect(() => parseTolerance("duration=fast")).toThrow(/`tolerance`: "duration=fast" is not valid/);
    expect(() => parseTolerance("bitrate=5")).toThrow(/bitrate=<percent>/);
    expect(() => parseTolerance("offset=31s..-6s")).toThrow(/low ≤ high/);
    expect(() => parseTolerance("speed=2")).toThrow(/keys duration, bitrate, offset, pal/);
  });

  it("defaults: exact for the same catalog; catalog attackers get the offset window and PAL share", () => {
    const cat = catalogOf(["A"], { duration_ms: [1000] });
    expect(buildAttacker(cat, "same").tolerance).toEqual({ durationMs: 0, bitratePercent: 0, offsetMs: [0, 0], palShare: 0 });
    const other = buildAttacker(cat, catalogOf(["a"], { duration_ms: [1000] }));
    expect(other.tolerance.offsetMs).toEqual([-6000, 31000]);
    // 0.12·0.2 + 0.18·0.03 + 0.55·0.02 + 0.15·0 = 0.0404
    expect(DEFAULT_PAL_SHARE).toBeCloseTo(0.0404, 12);
    expect(other.tolerance.palShare).toBe(DEFAULT_PAL_SHARE);
  });

  it("open world removes round(share × titles) target titles; their targets are out of catalog and never right", () => {
    const titles = Array.from({ length: 20 }, (_, i) => `T${i}`);
    const cat = catalogOf(titles, { duration_ms: titles.map((_, i) => i * 1000) });
    const r = removeTitles(buildAttacker(cat, "same"), titles, 0.5, new Rng(1));
    expect(r.removed.size).toBe(10);
    expect(r.knowledge.catalog.rows).toBe(10);
    const run = runAttack(cat, { scheme: "duration=exact", targets: "all", openWorld: 0.5, bootstrap: 0 });
    expect(run.evaluation.in_catalog).toBe(10);
    expect(run.evaluation.success_at_1.value).toBe(0.5);
    expect(run.evaluation.no_match.value).toBe(0.5); // exact durations: a removed title has no candidate left
    for (const o of run.outcomes) if (!o.inCatalog) expect(o.answer.ranked).toEqual([]);
    expect(run.evaluation.open_world.base_rate).toBe(0.5);
  });
});

describe("simulateReleases", () => {
  const runtimes = catalogOf(["Film A", "Film B", "No runtime"], { duration_ms: [90 * 60000, 120 * 60000, null] });
  runtimes.precision.duration_ms = 60000;

  it("is deterministic under its seed and skips titles without a runtime", () => {
    const a = simulateReleases(runtimes, { seed: 1 });
    expect(simulateReleases(runtimes, { seed: 1 })).toEqual(a);
    expect(simulateReleases(runtimes, { seed: 2 }).numeric.duration_ms).not.toEqual(a.numeric.duration_ms);
    const names = new Set(Array.from(a.titleCodes, (c) => a.titleNames[c]));
    expect(names).toEqual(new Set(["Film A", "Film B"]));
  });

  it("PAL releases are 40 ms frames at 23.976/25 of the runtime; others within a minute of it", () => {
    const many = catalogOf(Array.from({ length: 300 }, (_, i) => `F${i}`), { duration_ms: new Array(300).fill(100 * 60000) });
    many.precision.duration_ms = 60000;
    const sim = simulateReleases(many, { seed: 3, palShare: 0.5 });
    const d = sim.numeric.duration_ms!;
    const fps = sim.numeric.fps!;
    let pal = 0;
    for (let i = 0; i < sim.rows; i++) {
      // alternate cuts (2 %) move a release by minutes; skip them
      const base = fps[i] === 25 ? 100 * 60000 * PAL_SPEEDUP_RATIO : 100 * 60000;
      if (Math.abs(d[i] - base) > 90_000) continue;
      if (fps[i] === 25) {
        pal++;
        expect(d[i] % 40).toBe(0);
      }
      expect(Math.abs(d[i] - base)).toBeLessThan(30_000 + 31_000 + 10_000);
    }
    expect(pal / sim.rows).toBeGreaterThan(0.4);
    expect(pal / sim.rows).toBeLessThan(0.6);
  });
});

describe("runAttack determinism", () => {
  it("same inputs and seed ⇒ identical results; another seed samples other targets", () => {
    const cat = catalogOf(Array.from({ length: 200 }, (_, i) => `T${i % 90}`), { duration_ms: Array.from({ length: 200 }, (_, i) => (i * 7919) % 50000) });
    const opts = { scheme: "duration=round(5s)", method: "likelihood" as const, targets: 50, seed: 7, bootstrap: 100, tolerance: { durationMs: 1000 } };
    expect(JSON.stringify(runAttack(cat, opts))).toBe(JSON.stringify(runAttack(cat, opts)));
    expect(runAttack(cat, { ...opts, seed: 8 }).outcomes.map((o) => o.truth)).not.toEqual(runAttack(cat, opts).outcomes.map((o) => o.truth));
  });
});
