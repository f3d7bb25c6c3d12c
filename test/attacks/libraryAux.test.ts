import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Rng } from "../../src/base/random.js";
import { UserError } from "../../src/base/errors.js";
import { AuxPlays, checkAuxOptions, drawAux, targetRng } from "../../src/attacks/libraryAux.js";
import { buildLibraryIndex } from "../../src/attacks/libraryIndex.js";
import { parseScheme } from "../../src/schemes/parse.js";
import { catalogOf } from "../helpers.js";
import { hand, handLibs, round10 } from "./handLibraries.js";

const index = buildLibraryIndex(hand, handLibs, round10);
const libraryRows = (j: number) => Array.from(handLibs.items.subarray(handLibs.offsets[j], handLibs.offsets[j + 1]));

function draw(target: number, plays: number, seed: number, wrongPlays = 0, durationErrorMs = 0) {
  const out = new AuxPlays(plays);
  drawAux(hand, handLibs, index, target, { plays, wrongPlays, durationErrorMs }, targetRng(seed, target), out);
  return out;
}

describe("checkAuxOptions", () => {
  it("refuses plays < 1, wrong plays outside 0..plays, wrong plays with one library, negative errors", () => {
    const ok = { plays: 3, wrongPlays: 1, durationErrorMs: 0 };
    expect(() => checkAuxOptions(ok, 4)).not.toThrow();
    expect(() => checkAuxOptions({ ...ok, plays: 0 }, 4)).toThrow(/plays must be a whole number ≥ 1, got 0/);
    expect(() => checkAuxOptions({ ...ok, plays: 1.5 }, 4)).toThrow(UserError);
    expect(() => checkAuxOptions({ ...ok, wrongPlays: 4 }, 4)).toThrow(/from 0 to plays \(3\), got 4/);
    expect(() => checkAuxOptions(ok, 1)).toThrow(/at least 2 libraries/);
    expect(() => checkAuxOptions({ ...ok, durationErrorMs: -1 }, 4)).toThrow(/≥ 0 ms/);
    expect(() => checkAuxOptions({ ...ok, durationErrorMs: Infinity }, 4)).toThrow(/≥ 0 ms/);
  });
});

describe("drawAux", () => {
  it("targetRng is the target's own sub-stream of the seed", () => {
    expect(targetRng(7, 3).nextUint32()).toBe(new Rng(7, 1003).nextUint32());
  });

  it("p distinct items of the target library, with their exact classes", () => {
    for (const seed of [1, 2, 3]) {
      for (let j = 0; j < 4; j++) {
        const aux = draw(j, 2, seed);
        expect(aux.count).toBe(2);
        const rows = Array.from(aux.row.subarray(0, 2));
        expect(new Set(rows).size).toBe(2);
        for (const r of rows) expect(libraryRows(j)).toContain(r);
        rows.forEach((r, i) => {
          expect(aux.cls[i]).toBe(index.classOf[r]);
          expect(aux.durationKey[i]).toBe(index.durationKeyOfRow[r]);
          expect(aux.rest[i]).toBe(index.restOfRow[r]);
          expect(aux.wrong[i]).toBe(0);
        });
      }
    }
  });

  it("a library with fewer items than p shows all of them", () => {
    const aux = draw(1, 10, 4);
    expect(aux.count).toBe(3);
    expect(Array.from(aux.row.subarray(0, 3)).sort()).toEqual(libraryRows(1));
  });

  it("the plays for p are the first p of the plays for p + 1 (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 1, max: 2 }), fc.nat(), (j, p, seed) => {
        const fewer = draw(j, p, seed);
        const more = draw(j, p + 1, seed);
        expect(Array.from(more.row.subarray(0, p))).toEqual(Array.from(fewer.row.subarray(0, p)));
      }),
    );
  });

  it("wrong plays: the last w plays come from other libraries and are flagged", () => {
    // L0 = {0, 1, 2}, L1 = {3}, L2 = {4}, L3 = {} : a wrong play of target 0 is row 3 or 4
    const cat = catalogOf(["a", "b", "c", "d", "e"], { duration_ms: [1000, 2000, 3000, 4000, 5000] });
    const libs = { offsets: Int32Array.of(0, 3, 4, 5, 5), items: Int32Array.of(0, 1, 2, 3, 4) };
    const ix = buildLibraryIndex(cat, libs, parseScheme("duration=exact"));
    const seen = new Set<number>();
    for (let seed = 0; seed < 20; seed++) {
      const out = new AuxPlays(3);
      drawAux(cat, libs, ix, 0, { plays: 3, wrongPlays: 2, durationErrorMs: 0 }, targetRng(seed, 0), out);
      expect(Array.from(out.wrong.subarray(0, 3))).toEqual([0, 1, 1]);
      expect([0, 1, 2]).toContain(out.row[0]);
      for (const i of [1, 2]) {
        expect([3, 4]).toContain(out.row[i]);
        expect(out.cls[i]).toBe(ix.classOf[out.row[i]]);
        seen.add(out.row[i]);
      }
    }
    expect(seen).toEqual(new Set([3, 4])); // both other non-empty libraries are drawn
  });

  it("a duration error moves the observed duration by at most E before generalization", () => {
    const cat = catalogOf(["a", "b", "c"], { duration_ms: [100_000, 200_000, 300_000] });
    const libs = { offsets: Int32Array.of(0, 3), items: Int32Array.of(0, 1, 2) };
    const ix = buildLibraryIndex(cat, libs, parseScheme("duration=round(1s)"));
    let moved = 0;
    for (let seed = 0; seed < 20; seed++) {
      const out = new AuxPlays(3);
      drawAux(cat, libs, ix, 0, { plays: 3, wrongPlays: 0, durationErrorMs: 4000 }, targetRng(seed, 0), out);
      for (let i = 0; i < 3; i++) {
        const truth = cat.numeric.duration_ms![out.row[i]] / 1000;
        expect(Math.abs(out.durationKey[i] - truth)).toBeLessThanOrEqual(4);
        if (out.durationKey[i] !== truth) {
          moved++;
          expect(out.cls[i]).toBe(-1); // no catalog row sits at the perturbed second
        } else expect(out.cls[i]).toBe(ix.classOf[out.row[i]]);
      }
    }
    expect(moved).toBeGreaterThan(40); // 60 plays; a move under ½ s rounds back (1 in 8)
  });
});
