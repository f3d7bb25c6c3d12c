import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { UserError } from "../../src/base/errors.js";
import { loadCatalog } from "../../src/sources/loadCatalog.js";
import { generateVideoLibrary } from "../../src/sources/synthetic/synthetic.js";
import { drawLibraries } from "../../src/attacks/libraries.js";
import { parseScheme } from "../../src/schemes/parse.js";
import { nests } from "../../src/schemes/nesting.js";
import { runLibraryAttack, type LibraryAttackOptions } from "../../src/attacks/libraryAttack.js";
import { sampleLibraryTargets, type Libraries } from "../../src/attacks/libraries.js";
import { buildLibraryIndex, classAt } from "../../src/attacks/libraryIndex.js";
import { AuxPlays } from "../../src/attacks/libraryAux.js";
import { libraryUniqueness, linkCandidates } from "../../src/attacks/linkage.js";
import { Scoreboard, entropicPosterior, summarizeScores } from "../../src/attacks/scoreboard.js";
import { catalogOf } from "../helpers.js";

// ---------------------------------------------------------------------------
// The hand-checked example: 6 items, 4 libraries, scheme duration=round(10s).
//
//   row  title  duration  key (round 10 s)   class
//   0    A      100 s     10                 c10 = {0, 1}
//   1    B      102 s     10                 c10
//   2    C      200 s     20                 c20 = {2}
//   3    D      300 s     30                 c30 = {3}
//   4    E      400 s     40                 c40 = {4}
//   5    F      410 s     41                 c41 = {5}
//
//   L0 = {0, 2, 3}   L1 = {1, 2, 4}   L2 = {0, 3, 5}   L3 = {2, 4, 5}
//
// Postings (class → libraries): c10 {0,1,2}  c20 {0,1,3}  c30 {0,2}  c40 {1,3}  c41 {2,3}
// ---------------------------------------------------------------------------
const hand = catalogOf(["A", "B", "C", "D", "E", "F"], { duration_ms: [100e3, 102e3, 200e3, 300e3, 400e3, 410e3] });
const handLibs: Libraries = { offsets: Int32Array.of(0, 3, 6, 9, 12), items: Int32Array.of(0, 2, 3, 1, 2, 4, 0, 3, 5, 2, 4, 5) };
const round10 = parseScheme("duration=round(10s)");
const handClasses = (rows: number[]) => {
  const index = buildLibraryIndex(hand, handLibs, round10);
  return { index, cls: Int32Array.from(rows, (r) => index.classOf[r]) };
};
function link(rows: number[]): number[] {
  const { index, cls } = handClasses(rows);
  const out = new Int32Array(4);
  const m = linkCandidates(index, cls, cls.length, out, new Int32Array(cls.length));
  return Array.from(out.subarray(0, m));
}
/** An aux built by hand: rows' exact classes. */
function auxOf(rows: number[]): AuxPlays {
  const { index, cls } = handClasses(rows);
  const aux = new AuxPlays(rows.length);
  rows.forEach((r, i) => {
    aux.row[i] = r;
    aux.cls[i] = cls[i];
    aux.rest[i] = index.restOfRow[r];
    aux.durationKey[i] = index.durationKeyOfRow[r];
  });
  aux.count = rows.length;
  return aux;
}

describe("linkage on the hand example", () => {
  it("one play: the class's posting", () => {
    expect(link([0])).toEqual([0, 1, 2]); // c10
    expect(link([1])).toEqual([0, 1, 2]); // row 1 is also c10: A and B look alike
    expect(link([3])).toEqual([0, 2]); // c30
    expect(link([4])).toEqual([1, 3]); // c40
  });

  it("two plays: intersections, rarest first", () => {
    expect(link([0, 3])).toEqual([0, 2]); // {0,1,2} ∩ {0,2}
    expect(link([2, 3])).toEqual([0]); // {0,1,3} ∩ {0,2}
    expect(link([4, 5])).toEqual([3]); // {1,3} ∩ {2,3}
    expect(link([0, 4])).toEqual([1]); // {0,1,2} ∩ {1,3}
    expect(link([3, 4])).toEqual([]); // {0,2} ∩ {1,3}
    expect(link([0, 1])).toEqual([0, 1, 2]); // the same class twice adds nothing
  });

  it("all three plays of each library single it out", () => {
    const out = runLibraryAttack(hand, handLibs, { method: "linkage", scheme: round10, plays: 3, targets: "all", seed: 1 });
    expect(out.map((o) => [o.truth, o.candidates, o.answer.ranked.map((r) => r.id), o.answer.confidence])).toEqual([
      ["0", 1, ["0"], 1],
      ["1", 1, ["1"], 1],
      ["2", 1, ["2"], 1],
      ["3", 1, ["3"], 1],
    ]);
  });

  it("p = 1 and p = 2 give one of the hand-computed candidate counts, posterior 1/m", () => {
    // Per library: the candidate sets of each single play and of each pair of its plays.
    const single: Record<string, number[][]> = {
      "0": [[0, 1, 2], [0, 1, 3], [0, 2]], // c10, c20, c30
      "1": [[0, 1, 2], [0, 1, 3], [1, 3]], // c10, c20, c40
      "2": [[0, 1, 2], [0, 2], [2, 3]], // c10, c30, c41
      "3": [[0, 1, 3], [1, 3], [2, 3]], // c20, c40, c41
    };
    const pairs: Record<string, number[][]> = {
      "0": [[0, 1], [0, 2], [0]], // c10+c20, c10+c30, c20+c30
      "1": [[0, 1], [1], [1, 3]], // c10+c20, c10+c40, c20+c40
      "2": [[0, 2], [2], [2]], // c10+c30, c10+c41, c30+c41
      "3": [[1, 3], [3], [3]], // c20+c40, c20+c41, c40+c41
    };
    for (const seed of [1, 2, 3, 4, 5]) {
      for (const [p, table] of [[1, single], [2, pairs]] as const) {
        for (const o of runLibraryAttack(hand, handLibs, { method: "linkage", scheme: round10, plays: p, targets: "all", seed })) {
          const got = o.answer.ranked.map((r) => Number(r.id)).sort((a, b) => a - b);
          expect(table[o.truth]).toContainEqual(got);
          expect(o.candidates).toBe(got.length);
          expect(o.answer.ranked.map((r) => r.id)).toContain(o.truth);
          for (const r of o.answer.ranked) expect(r.score).toBeCloseTo(1 / o.candidates, 12);
          expect(o.answer.confidence).toBeCloseTo(1 / o.candidates, 12);
        }
      }
    }
  });
});

describe("linkCandidates against brute force", () => {
  it("equals the libraries whose classes include every observed class", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 1, maxLength: 25 }),
        fc.array(fc.array(fc.nat(), { maxLength: 8 }), { minLength: 1, maxLength: 12 }),
        fc.array(fc.nat(), { maxLength: 5 }),
        (durS, libRows, picks) => {
          const cat = catalogOf(durS.map((_, i) => `t${i}`), { duration_ms: durS.map((d) => d * 1000) });
          const n = cat.rows;
          const lists = libRows.map((l) => l.map((r) => r % n));
          const offsets = Int32Array.from([0, ...lists.map((l) => l.length)].map((_, i, a) => a.slice(0, i + 1).reduce((x, y) => x + y, 0)));
          const libs = { offsets, items: Int32Array.from(lists.flat()) };
          const index = buildLibraryIndex(cat, libs, parseScheme("duration=floor(2s)"));
          const cls = Int32Array.from(picks, (r) => index.classOf[r % n]);
          const out = new Int32Array(lists.length);
          const m = linkCandidates(index, cls, cls.length, out, new Int32Array(Math.max(1, cls.length)));
          const want = lists
            .map((l, j) => [j, new Set(l.map((r) => index.classOf[r]))] as const)
            .filter(([, set]) => Array.from(cls).every((c) => set.has(c)))
            .map(([j]) => j);
          expect(Array.from(out.subarray(0, m))).toEqual(want);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("Scoreboard-RH on the hand example", () => {
  // aux = all of L0: c10 (supp 3), c20 (supp 3), c30 (supp 2); wt = 1/ln(1 + supp):
  //   wt(c10) = wt(c20) = 1/ln 4 = 0.721348, wt(c30) = 1/ln 3 = 0.910239
  //   L0 = 2/ln4 + 1/ln3 = 2.352934   L1 = 2/ln4 = 1.442695
  //   L2 = 1/ln4 + 1/ln3 = 1.631587   L3 = 1/ln4 = 0.721348
  //   mean 1.537141, σ (population) = 0.580706, e = (2.352934 − 1.631587)/0.580706 = 1.242191
  const w4 = 1 / Math.log(4);
  const w3 = 1 / Math.log(3);
  const expected = [2 * w4 + w3, 2 * w4, w4 + w3, w4];

  it("scores, σ and eccentricity match the hand computation", () => {
    const { index } = handClasses([]);
    const sb = new Scoreboard(index);
    sb.run(auxOf([0, 2, 3]), { durationErrorMs: 0, durationScaleMs: 1 });
    expect(Array.from(sb.score)).toEqual(expected.map((x) => expect.closeTo(x, 12)));
    const s = summarizeScores(sb.score, sb.touched, sb.touchedCount, 4);
    expect(s.max).toBeCloseTo(2.352934, 6);
    expect(s.second).toBeCloseTo(1.631587, 6);
    expect(s.sigma).toBeCloseTo(0.580706, 6);
    expect(s.eccentricity).toBeCloseTo(1.242191, 6);
  });

  it("best guess: e = 1.24 is below φ = 1.5 (no match) and above φ = 1.2 (L0)", () => {
    const base: LibraryAttackOptions = { method: "scoreboard", scheme: round10, plays: 3, targets: "all", seed: 1 };
    const strict = runLibraryAttack(hand, handLibs, base)[0];
    expect(strict.eccentricity).toBeCloseTo(1.24219, 5);
    expect(strict.answer.ranked).toEqual([]);
    expect(strict.answer.scoreKind).toBe("score");
    const lax = runLibraryAttack(hand, handLibs, { ...base, phi: 1.2, maxRanked: 2 })[0];
    expect(lax.answer.ranked).toEqual([
      { id: "0", score: expect.closeTo(expected[0], 12) },
      { id: "2", score: expect.closeTo(expected[2], 12) },
    ]);
    expect(lax.answer.confidence).toBeCloseTo(1.24219, 5);
  });

  it("entropic mode: Π ∝ exp(score/σ) and its entropy", () => {
    const out = runLibraryAttack(hand, handLibs, { method: "scoreboard", mode: "entropic", scheme: round10, plays: 3, targets: 1, seed: 7 });
    // targets: 1 samples one library; recompute its expected scores from its own aux (all its items).
    const o = out[0];
    const j = Number(o.truth);
    const rows = Array.from(handLibs.items.subarray(handLibs.offsets[j], handLibs.offsets[j + 1]));
    const { index } = handClasses([]);
    const sb = new Scoreboard(index);
    sb.run(auxOf(rows), { durationErrorMs: 0, durationScaleMs: 1 });
    const scores = Array.from(sb.score);
    const mean = scores.reduce((a, b) => a + b) / 4;
    const sigma = Math.sqrt(scores.reduce((a, b) => a + (b - mean) ** 2, 0) / 4);
    const w = scores.map((s) => Math.exp(s / sigma));
    const z = w.reduce((a, b) => a + b);
    const post = w.map((x) => x / z);
    const h = -post.reduce((a, p) => a + p * Math.log2(p), 0);
    expect(o.entropyBits).toBeCloseTo(h, 10);
    expect(o.answer.scoreKind).toBe("posterior");
    const ranked = [...post.keys()].sort((a, b) => post[b] - post[a]);
    expect(o.answer.ranked.map((r) => Number(r.id))).toEqual(ranked);
    expect(o.answer.ranked.map((r) => r.score)).toEqual(ranked.map((i) => expect.closeTo(post[i], 12)));
    expect(o.answer.confidence).toBeCloseTo(post[ranked[0]], 12);
  });

  it("durations near the observation score e^(−|Δ|/d0), cut at error + bucket width", () => {
    // An observation at 410 s ± 5 s (key 41) reaches c40 (Δ = 10 s) and c41 (Δ = 0);
    // c30 (Δ = 110 s) is beyond 5 s + 10 s. d0 = 10 s:
    //   L1 (c40): e^−1   L2 (c41): 1   L3 (c40 and c41): max(e^−1, 1) = 1; supp 3 → wt 1/ln 4.
    const { index } = handClasses([]);
    const aux = new AuxPlays(1);
    aux.rest[0] = 0;
    aux.durationKey[0] = 41;
    aux.cls[0] = classAt(index, 0, 41);
    aux.count = 1;
    const sb = new Scoreboard(index);
    sb.run(aux, { durationErrorMs: 5000, durationScaleMs: 10000 });
    expect(Array.from(sb.score)).toEqual([0, Math.exp(-1) * w4, w4, w4].map((x) => expect.closeTo(x, 12)));
    // Key 11 (110 s) exists in no catalog row, so exact matching finds nothing ...
    expect(classAt(index, 0, 11)).toBe(-1);
    aux.durationKey[0] = 11;
    aux.cls[0] = -1;
    sb.run(aux, { durationErrorMs: 0, durationScaleMs: 10000 });
    expect(sb.touchedCount).toBe(0);
    // ... while with a ±5 s error c10 (Δ = 10 s) is near: L0, L1, L2 score e^−1/ln 4.
    sb.run(aux, { durationErrorMs: 5000, durationScaleMs: 10000 });
    expect(Array.from(sb.score)).toEqual([Math.exp(-1) * w4, Math.exp(-1) * w4, Math.exp(-1) * w4, 0].map((x) => expect.closeTo(x, 12)));
  });

  it("entropy is log2 n when every score is equal", () => {
    const s = summarizeScores(new Float64Array(5), new Int32Array(0), 0, 5);
    expect(s.sigma).toBe(0);
    expect(s.eccentricity).toBe(0);
    expect(entropicPosterior(new Float64Array(5), new Int32Array(0), 0, s, new Float64Array(5)).entropyBits).toBeCloseTo(Math.log2(5), 12);
  });
});

// ---------------------------------------------------------------------------
// Invariants on synthetic servers
// ---------------------------------------------------------------------------
const catalog = generateVideoLibrary({ rows: 6000, seed: 11 });
const libsFor = (seed: number) => drawLibraries(catalog, { count: 300, seed, meanSize: 30 });
const SCHEMES = [
  "duration=round(1s),bitrate=round(100kbps),resolution=class",
  "duration=floor(10s)",
  "duration=floor(60s),resolution=class",
  "bitrate=log(10%)",
];

describe("linkage invariants", () => {
  it("more plays never enlarge the candidate set", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1000 }), fc.constantFrom(...SCHEMES), fc.integer({ min: 1, max: 6 }), (seed, s, p) => {
        const libs = libsFor(seed);
        const opts = { method: "linkage" as const, scheme: parseScheme(s), targets: 40, seed };
        const fewer = runLibraryAttack(catalog, libs, { ...opts, plays: p });
        const more = runLibraryAttack(catalog, libs, { ...opts, plays: p + 1 });
        fewer.forEach((o, i) => {
          expect(more[i].truth).toBe(o.truth);
          expect(more[i].candidates).toBeLessThanOrEqual(o.candidates);
        });
      }),
      { numRuns: 20 },
    );
  });

  it("a coarser nested scheme never shrinks the candidate set", () => {
    const pairs = [
      ["duration=floor(10s)", "duration=floor(60s)"],
      ["duration=floor(60s),resolution=class", "duration=floor(60s)"],
      ["duration=round(1s),bitrate=round(100kbps),resolution=class", "duration=round(3s),resolution=class"],
    ];
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1000 }), fc.constantFrom(...pairs), fc.integer({ min: 1, max: 5 }), (seed, [f, c], p) => {
        const fine = parseScheme(f);
        const coarse = parseScheme(c);
        expect(nests(fine, coarse)).toBe(true);
        const libs = libsFor(seed);
        const a = runLibraryAttack(catalog, libs, { method: "linkage", scheme: fine, plays: p, targets: 40, seed });
        const b = runLibraryAttack(catalog, libs, { method: "linkage", scheme: coarse, plays: p, targets: 40, seed });
        a.forEach((o, i) => expect(b[i].candidates).toBeGreaterThanOrEqual(o.candidates));
      }),
      { numRuns: 20 },
    );
  });

  it("closed world without wrong plays: the truth is always a candidate", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1000 }), fc.constantFrom(...SCHEMES), fc.integer({ min: 1, max: 8 }), (seed, s, p) => {
        const out = runLibraryAttack(catalog, libsFor(seed), { method: "linkage", scheme: parseScheme(s), plays: p, targets: 30, seed, maxRanked: 1e6 });
        for (const o of out) {
          expect(o.inCatalog).toBe(true);
          expect(o.candidates).toBeGreaterThanOrEqual(1);
          expect(o.answer.ranked.length).toBe(o.candidates);
          expect(o.answer.ranked.some((r) => r.id === o.truth)).toBe(true);
        }
      }),
      { numRuns: 20 },
    );
  });

  it("libraryUniqueness agrees with the attack's share of single-candidate outcomes", () => {
    const libs = libsFor(3);
    const scheme = parseScheme("duration=floor(10s)");
    const rows = libraryUniqueness(catalog, libs, scheme, { plays: [1, 2, 4], targets: 100, seed: 3 });
    for (const r of rows) {
      const out = runLibraryAttack(catalog, libs, { method: "linkage", scheme, plays: r.plays, targets: 100, seed: 3 });
      expect(r.targets).toBe(100);
      expect(r.unique_fraction).toBe(out.filter((o) => o.candidates === 1).length / out.length);
      expect(r.mean_candidates).toBeCloseTo(out.reduce((a, o) => a + o.candidates, 0) / out.length, 10);
    }
    // Uniqueness grows with p (the plays for p are a prefix of those for p + 1).
    expect(rows[0].unique_fraction).toBeLessThanOrEqual(rows[1].unique_fraction);
    expect(rows[1].unique_fraction).toBeLessThanOrEqual(rows[2].unique_fraction);
  });
});

describe("determinism, open world, wrong plays", () => {
  it("same seed ⇒ identical outcomes; another seed ⇒ other targets", () => {
    const libs = libsFor(1);
    for (const method of ["linkage", "scoreboard"] as const) {
      const o: LibraryAttackOptions = { method, scheme: parseScheme(SCHEMES[0]), plays: 3, targets: 50, seed: 5, wrongPlays: 1, durationErrorMs: 2000, openWorldShare: 0.2 };
      expect(runLibraryAttack(catalog, libs, o)).toEqual(runLibraryAttack(catalog, libs, o));
      const other = runLibraryAttack(catalog, libs, { ...o, seed: 6 }).map((x) => x.truth);
      expect(other).not.toEqual(runLibraryAttack(catalog, libs, o).map((x) => x.truth));
    }
  });

  it("sampleLibraryTargets draws distinct ids, ascending; all when asked for more", () => {
    const t = Array.from(sampleLibraryTargets(100, 30, 1));
    expect(new Set(t).size).toBe(30);
    expect(t).toEqual([...t].sort((a, b) => a - b));
    expect(Array.from(sampleLibraryTargets(5, 30, 1))).toEqual([0, 1, 2, 3, 4]);
    expect(Array.from(sampleLibraryTargets(5, "all", 1))).toEqual([0, 1, 2, 3, 4]);
  });

  it("open world: the removed share is out of the catalog and never named", () => {
    const libs = libsFor(2);
    for (const method of ["linkage", "scoreboard"] as const) {
      const out = runLibraryAttack(catalog, libs, { method, scheme: parseScheme(SCHEMES[0]), plays: 6, targets: 100, seed: 2, openWorldShare: 0.3, phi: 0, maxRanked: 1e6 });
      const outside = out.filter((o) => !o.inCatalog);
      expect(outside.length).toBe(30);
      const removed = new Set(outside.map((o) => o.truth));
      for (const o of out) for (const r of o.answer.ranked) expect(removed.has(r.id)).toBe(false);
    }
  });

  it("Scoreboard-RH tolerates wrong plays that break linkage (N&S's robustness)", () => {
    const libs = drawLibraries(catalog, { count: 300, seed: 4, meanSize: 60 });
    const scheme = parseScheme(SCHEMES[0]);
    const opts = { scheme, plays: 8, wrongPlays: 2, targets: 150, seed: 4 };
    const linkOut = runLibraryAttack(catalog, libs, { ...opts, method: "linkage" });
    const sbOut = runLibraryAttack(catalog, libs, { ...opts, method: "scoreboard" });
    const top = (os: typeof linkOut) => os.filter((o) => o.answer.ranked[0]?.id === o.truth && o.answer.ranked.length > 0).length / os.length;
    // Two foreign plays leave (almost) no library holding all 8 classes, so linkage fails ...
    expect(linkOut.filter((o) => o.candidates === 0).length).toBeGreaterThan(100);
    // ... while the weighted score still puts the target clearly on top for most targets.
    expect(top(sbOut)).toBeGreaterThan(0.5);
    expect(top(sbOut)).toBeGreaterThan(top(linkOut) + 0.3);
  });

  it("refuses bad options with a UserError", () => {
    const libs = libsFor(1);
    const base: LibraryAttackOptions = { method: "linkage", scheme: round10, plays: 2, targets: 5, seed: 1 };
    expect(() => runLibraryAttack(catalog, libs, { ...base, plays: 0 })).toThrow(UserError);
    expect(() => runLibraryAttack(catalog, libs, { ...base, wrongPlays: 3 })).toThrow(/wrong plays/);
    expect(() => runLibraryAttack(catalog, libs, { ...base, openWorldShare: 2 })).toThrow(/open-world/);
    expect(() => runLibraryAttack(catalog, libs, { ...base, targets: 0 })).toThrow(/targets/);
    expect(() => runLibraryAttack(hand, { offsets: Int32Array.of(0, 1), items: Int32Array.of(6) }, base)).toThrow(/rows 0\.\.5/);
    expect(() =>
      runLibraryAttack(catalog, libs, { ...base, scheme: parseScheme("duration=quantile(10)"), durationErrorMs: 1000 }),
    ).toThrow(/quantile/);
  });
});

describe("a real catalog: spotify-popularity-2024 (4,495 tracks, durations in ms)", () => {
  it("library uniqueness grows with plays and falls with coarser rounding", async () => {
    const spotify = await loadCatalog("spotify-popularity-2024");
    expect(spotify.rows).toBe(4495);
    const libs = drawLibraries(spotify, { count: 500, seed: 1, meanSize: 40 });
    const plays = [1, 2, 3, 4, 6];
    const exact = libraryUniqueness(spotify, libs, parseScheme("duration=exact"), { plays, targets: 300, seed: 1 });
    const sec = libraryUniqueness(spotify, libs, parseScheme("duration=floor(1s)"), { plays, targets: 300, seed: 1 });
    const tenSec = libraryUniqueness(spotify, libs, parseScheme("duration=floor(10s)"), { plays, targets: 300, seed: 1 });
    for (let i = 0; i < plays.length; i++) {
      if (i > 0) expect(exact[i].unique_fraction).toBeGreaterThanOrEqual(exact[i - 1].unique_fraction);
      // exact ⊑ floor(1s) ⊑ floor(10s): unique under a coarser scheme ⇒ unique under the finer one.
      expect(exact[i].unique_fraction).toBeGreaterThanOrEqual(sec[i].unique_fraction);
      expect(sec[i].unique_fraction).toBeGreaterThanOrEqual(tenSec[i].unique_fraction);
    }
    // Track durations in ms are nearly unique, so 4 plays single out almost every library;
    // 10-second buckets hold ~20 tracks each and leave many libraries ambiguous.
    expect(exact[3].unique_fraction).toBeGreaterThan(0.9);
    expect(tenSec[0].unique_fraction).toBeLessThan(exact[0].unique_fraction);
  });
});
