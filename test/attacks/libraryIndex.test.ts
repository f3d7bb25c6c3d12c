import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { UserError } from "../../src/base/errors.js";
import { assertLibrariesFit, buildLibraryIndex, classAt, durationKeyOf, lowerBoundInGroup, type LibraryIndex } from "../../src/attacks/libraryIndex.js";
import { parseScheme } from "../../src/schemes/parse.js";
import { catalogOf } from "../helpers.js";
import { hand, handLibs, round10 } from "./handLibraries.js";

const posting = (index: LibraryIndex, c: number) => Array.from(index.postings.subarray(index.postingOffsets[c], index.postingOffsets[c + 1]));

describe("buildLibraryIndex on the hand example", () => {
  // rows 0–5 at 100, 102, 200, 300, 400, 410 s; round(10s) keys 10 10 20 30 40 41
  // L0 = {0, 2, 3}   L1 = {1, 2, 4}   L2 = {0, 3, 5}   L3 = {2, 4, 5}
  const index = buildLibraryIndex(hand, handLibs, round10);
  const cls = (row: number) => index.classOf[row];

  it("classes and duration keys per row and per class", () => {
    expect(index.classCount).toBe(5);
    expect(cls(0)).toBe(cls(1));
    expect([...index.durationKeyOfRow]).toEqual([10, 10, 20, 30, 40, 41]);
    expect([0, 2, 3, 4, 5].map((r) => index.durationKeyOfClass[cls(r)])).toEqual([10, 20, 30, 40, 41]);
  });

  it("postings: the libraries holding each class, ascending, once each", () => {
    expect(posting(index, cls(0))).toEqual([0, 1, 2]); // c10: rows 0 (L0, L2) and 1 (L1)
    expect(posting(index, cls(2))).toEqual([0, 1, 3]);
    expect(posting(index, cls(3))).toEqual([0, 2]);
    expect(posting(index, cls(4))).toEqual([1, 3]);
    expect(posting(index, cls(5))).toEqual([2, 3]);
    expect(index.libraryCount).toBe(4);
    expect([...index.attackerLibraries]).toEqual([0, 1, 2, 3]);
  });

  it("duration is the only attribute: one rest group, its classes in duration order", () => {
    expect([...index.restOfRow]).toEqual([0, 0, 0, 0, 0, 0]);
    expect([...index.groupOffsets]).toEqual([0, 5]);
    expect(Array.from(index.groupClasses, (c) => index.durationKeyOfClass[c])).toEqual([10, 20, 30, 40, 41]);
    expect(index.duration?.msPerKey).toBe(10_000);
  });

  it("classAt finds a (rest, key) tuple or −1; lowerBoundInGroup the first key ≥", () => {
    expect(classAt(index, 0, 41)).toBe(cls(5));
    expect(classAt(index, 0, 11)).toBe(-1);
    expect(classAt(index, 1, 10)).toBe(-1); // no such group
    expect(classAt(index, 0, NaN)).toBe(-1); // no class without a duration
    expect(lowerBoundInGroup(index, 0, 25)).toBe(2); // before key 30
    expect(lowerBoundInGroup(index, 0, 99)).toBe(5);
  });

  it("open world: excluded libraries leave every posting", () => {
    const open = buildLibraryIndex(hand, handLibs, round10, Uint8Array.of(0, 1, 0, 0));
    expect([...open.attackerLibraries]).toEqual([0, 2, 3]);
    expect(posting(open, cls(0))).toEqual([0, 2]);
    expect(posting(open, cls(4))).toEqual([3]);
    expect(open.libraryCount).toBe(4);
  });
});

describe("rest groups and the duration axis", () => {
  it("groups by the attributes other than duration; a missing duration sorts last", () => {
    const cat = catalogOf(["a", "b", "c", "d"], { duration_ms: [5000, null, 3000, 5000], height: [720, 720, 720, 1080] });
    const index = buildLibraryIndex(cat, { offsets: Int32Array.of(0, 4), items: Int32Array.of(0, 1, 2, 3) }, parseScheme("duration=exact,resolution=height"));
    expect(index.restOfRow[0]).toBe(index.restOfRow[1]);
    expect(index.restOfRow[3]).not.toBe(index.restOfRow[0]);
    const g = index.restOfRow[0];
    const keys = Array.from(index.groupClasses.subarray(index.groupOffsets[g], index.groupOffsets[g + 1]), (c) => index.durationKeyOfClass[c]);
    expect(keys).toEqual([3000, 5000, NaN]);
    expect(classAt(index, g, NaN)).toBe(index.classOf[1]);
    expect(index.duration?.msPerKey).toBe(1);
  });

  it("msPerKey: exact 1, round/floor their width, 0 for non-linear keys; no duration part → no axis", () => {
    const cat = catalogOf(["a"], { duration_ms: [60_000], bitrate_kbps: [1000] });
    const libs = { offsets: Int32Array.of(0, 1), items: Int32Array.of(0) };
    const axis = (s: string) => buildLibraryIndex(cat, libs, parseScheme(s)).duration;
    expect(axis("duration=floor(1min)")?.msPerKey).toBe(60_000);
    expect(axis("duration=log(5%)")?.msPerKey).toBe(0);
    expect(axis("duration=quantile(4)")?.msPerKey).toBe(0);
    expect(axis("bitrate=exact")).toBeNull();
  });

  it("durationKeyOf: the key a perturbed duration falls in; quantile has none", () => {
    const cat = catalogOf(["a"], { duration_ms: [60_000] });
    const libs = { offsets: Int32Array.of(0, 1), items: Int32Array.of(0) };
    expect(durationKeyOf(buildLibraryIndex(cat, libs, round10).duration!, 104_999)).toBe(10);
    expect(durationKeyOf(buildLibraryIndex(cat, libs, round10).duration!, 105_000)).toBe(11);
    expect(() => durationKeyOf(buildLibraryIndex(cat, libs, parseScheme("duration=quantile(2)")).duration!, 1)).toThrow(/row-local/);
  });
});

describe("assertLibrariesFit", () => {
  const cat = catalogOf(["a", "b"], { duration_ms: [1, 2] });
  it("accepts well-formed CSR and refuses the rest with a UserError", () => {
    expect(() => assertLibrariesFit(cat, { offsets: Int32Array.of(0, 2, 2), items: Int32Array.of(0, 1) })).not.toThrow();
    expect(() => assertLibrariesFit(cat, { offsets: Int32Array.of(1, 2), items: Int32Array.of(0, 1) })).toThrow(UserError);
    expect(() => assertLibrariesFit(cat, { offsets: Int32Array.of(0, 1), items: Int32Array.of(0, 1) })).toThrow(/end at the item count \(2\)/);
    expect(() => assertLibrariesFit(cat, { offsets: Int32Array.of(0, 2, 1, 2), items: Int32Array.of(0, 1) })).toThrow(/decrease at library 1/);
    expect(() => assertLibrariesFit(cat, { offsets: Int32Array.of(0, 1), items: Int32Array.of(2) })).toThrow(/item 0 is row 2, but test has rows 0\.\.1/);
  });
});

describe("postings by definition (property)", () => {
  it("class c lists exactly the attacker's libraries holding a row of class c", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 20 }),
        fc.array(fc.array(fc.nat(), { maxLength: 6 }), { minLength: 1, maxLength: 8 }),
        fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }),
        (durS, libRows, out) => {
          const cat = catalogOf(durS.map((_, i) => `t${i}`), { duration_ms: durS.map((d) => d * 1000) });
          const lists = libRows.map((l) => l.map((r) => r % cat.rows));
          const offsets = Int32Array.from([0, ...lists.map((l) => l.length)].map((_, i, a) => a.slice(0, i + 1).reduce((x, y) => x + y, 0)));
          const excluded = Uint8Array.from(lists, (_, j) => (out[j] ? 1 : 0));
          const index = buildLibraryIndex(cat, { offsets, items: Int32Array.from(lists.flat()) }, parseScheme("duration=floor(2s)"), excluded);
          for (let c = 0; c < index.classCount; c++) {
            const want = lists.flatMap((l, j) => (!excluded[j] && l.some((r) => index.classOf[r] === c) ? [j] : []));
            expect(posting(index, c)).toEqual(want);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
