import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { UserError } from "../../src/base/errors.js";
import { loadCatalog } from "../../src/sources/loadCatalog.js";
import { generateVideoLibrary } from "../../src/sources/synthetic/synthetic.js";
import { drawLibraries, sampleLibraryTargets } from "../../src/attacks/libraries.js";
import { parseScheme } from "../../src/schemes/parse.js";
import { nests } from "../../src/schemes/nesting.js";
import { runLibraryAttack, type LibraryAttackOptions } from "../../src/attacks/libraryAttack.js";
import { libraryUniqueness } from "../../src/attacks/linkage.js";
import { hand, round10 } from "./handLibraries.js";

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
