import { describe, expect, it } from "vitest";
import { runLibraryAttack, type LibraryAttackOptions } from "../../src/attacks/libraryAttack.js";
import { AuxPlays } from "../../src/attacks/libraryAux.js";
import { classAt } from "../../src/attacks/libraryIndex.js";
import { Scoreboard, defaultDurationScaleMs, entropicPosterior, summarizeScores } from "../../src/attacks/scoreboard.js";
import { buildLibraryIndex } from "../../src/attacks/libraryIndex.js";
import { parseScheme } from "../../src/schemes/parse.js";
import { auxOf, hand, handClasses, handLibs, round10 } from "./handLibraries.js";

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

describe("defaultDurationScaleMs", () => {
  it("d0 is the larger of the duration error and the bucket width, at least 1 ms", () => {
    const index = buildLibraryIndex(hand, handLibs, round10);
    expect(defaultDurationScaleMs(index, 0)).toBe(10_000);
    expect(defaultDurationScaleMs(index, 14_000)).toBe(14_000);
    const noDuration = buildLibraryIndex(hand, handLibs, parseScheme("none"));
    expect(defaultDurationScaleMs(noDuration, 0)).toBe(1);
    expect(defaultDurationScaleMs(noDuration, 250)).toBe(250);
  });
});

