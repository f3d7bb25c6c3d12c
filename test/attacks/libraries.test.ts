import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { UserError } from "../../src/base/errors.js";
import { generateVideoLibrary } from "../../src/sources/synthetic/synthetic.js";
import {
  DEFAULT_MEAN_LIBRARY_SIZE,
  drawLibraries,
  libraryItems,
  titlePopularityOrder,
} from "../../src/attacks/libraries.js";
import { catalogOf } from "../helpers.js";

/** One shared catalog: 20k rows ≈ 7.9k titles. */
const catalog = generateVideoLibrary({ rows: 20000, seed: 3 });

describe("drawLibraries", () => {
  it("is CSR over catalog rows, one release per title per library, items ascending", () => {
    const libs = drawLibraries(catalog, { count: 300, seed: 5 });
    expect(libs.offsets.length).toBe(301);
    expect(libs.offsets[0]).toBe(0);
    expect(libs.offsets[300]).toBe(libs.items.length);
    // Collect violations instead of one expect per item (90k expects take seconds).
    const bad: string[] = [];
    for (let j = 0; j < 300; j++) {
      const items = libraryItems(libs, j);
      if (items.length < 1) bad.push(`library ${j} is empty`);
      const titles = new Set<number>();
      for (let k = 0; k < items.length; k++) {
        if (!(items[k] >= 0 && items[k] < catalog.rows)) bad.push(`library ${j} item ${k} = ${items[k]}`);
        if (k > 0 && !(items[k] > items[k - 1])) bad.push(`library ${j} not ascending at ${k}`);
        titles.add(catalog.titleCodes[items[k]]);
      }
      if (titles.size !== items.length) bad.push(`library ${j} holds a title twice`);
    }
    expect(bad).toEqual([]);
  });

  it("is deterministic under the seed, and count n is a prefix of count m > n", () => {
    const a = drawLibraries(catalog, { count: 200, seed: 9 });
    const b = drawLibraries(catalog, { count: 200, seed: 9 });
    expect(b.offsets).toEqual(a.offsets);
    expect(b.items).toEqual(a.items);
    const small = drawLibraries(catalog, { count: 50, seed: 9 });
    expect(small.offsets).toEqual(a.offsets.slice(0, 51));
    expect(small.items).toEqual(a.items.slice(0, a.offsets[50]));
    const other = drawLibraries(catalog, { count: 200, seed: 10 });
    expect(other.items).not.toEqual(a.items);
  });

  it("sizes have the requested mean (log-normal, σ = 1: the mean of 4000 draws is within ±8 %)", () => {
    for (const meanSize of [DEFAULT_MEAN_LIBRARY_SIZE, 40]) {
      const libs = drawLibraries(catalog, { count: 4000, seed: 2, meanSize });
      const mean = libs.items.length / 4000;
      // Standard error of the mean: m·sqrt(e^{σ²} − 1)/sqrt(n) ≈ 2.1 % of m; 8 % is ~4 SE.
      expect(Math.abs(mean / meanSize - 1)).toBeLessThan(0.08);
    }
  });

  it("popular titles are in more libraries (Zipf over the seeded title order)", () => {
    const seed = 4;
    const libs = drawLibraries(catalog, { count: 2000, seed, meanSize: 100, zipfExponent: 1 });
    const order = titlePopularityOrder(catalog, seed);
    const holders = new Int32Array(catalog.titleNames.length);
    for (let k = 0; k < libs.items.length; k++) holders[catalog.titleCodes[libs.items[k]]]++;
    // Rank 0 has weight 1, rank 9 weight 1/10, rank 999 weight 1/1000: holder counts follow.
    const top = holders[order[0]];
    const tenth = holders[order[9]];
    const thousandth = holders[order[999]];
    expect(top).toBeGreaterThan(tenth);
    expect(tenth).toBeGreaterThan(thousandth);
    // Mean holders over rank bands decrease: 0–9, 10–99, 100–999, the rest.
    const band = (a: number, b: number) => {
      let s = 0;
      for (let r = a; r < b; r++) s += holders[order[r]];
      return s / (b - a);
    };
    const bands = [band(0, 10), band(10, 100), band(100, 1000), band(1000, order.length)];
    for (let i = 1; i < bands.length; i++) expect(bands[i]).toBeLessThan(bands[i - 1]);
    // Without replacement the top title can be in every library at most once.
    expect(top).toBeLessThanOrEqual(2000);
  });

  it("zipfExponent 0 spreads titles uniformly (top and bottom bands hold alike)", () => {
    const libs = drawLibraries(catalog, { count: 2000, seed: 4, meanSize: 100, zipfExponent: 0 });
    const order = titlePopularityOrder(catalog, 4);
    const holders = new Int32Array(catalog.titleNames.length);
    for (let k = 0; k < libs.items.length; k++) holders[catalog.titleCodes[libs.items[k]]]++;
    let head = 0;
    let tail = 0;
    for (let r = 0; r < 1000; r++) {
      head += holders[order[r]];
      tail += holders[order[order.length - 1 - r]];
    }
    // Each title is held by ≈ 2000·100/7.9k ≈ 25 libraries; sums over 1000 titles agree within 10 %.
    expect(Math.abs(head / tail - 1)).toBeLessThan(0.1);
  });

  it("a library can hold the whole catalog (the exact fallback for huge libraries)", () => {
    const tiny = catalogOf(["a", "a", "b", "c", "d"], { duration_ms: [1, 2, 3, 4, 5] });
    const libs = drawLibraries(tiny, { count: 50, seed: 1, meanSize: 1000, zipfExponent: 3 });
    // Sizes clamp to the 4 titles; each library then holds every title once.
    for (let j = 0; j < 50; j++) {
      const titles = Array.from(libraryItems(libs, j), (r) => tiny.titleCodes[r]).sort();
      expect(titles).toEqual([0, 1, 2, 3]);
    }
  });

  it("picks releases uniformly among a title's rows", () => {
    const two = catalogOf(["a", "a"], { duration_ms: [1, 2] });
    const libs = drawLibraries(two, { count: 4000, seed: 8, meanSize: 1 });
    let first = 0;
    for (let k = 0; k < libs.items.length; k++) if (libs.items[k] === 0) first++;
    // Binomial(4000, ½): sd ≈ 32; ±160 is 5 sd.
    expect(Math.abs(first - 2000)).toBeLessThan(160);
  });

  it("title popularity order is a permutation of the titles that have rows", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom("a", "b", "c", "d", "e"), { minLength: 1, maxLength: 30 }), fc.nat(), (titles, seed) => {
        const c = catalogOf(titles);
        const order = Array.from(titlePopularityOrder(c, seed)).sort();
        expect(order).toEqual(Array.from(new Set(c.titleCodes)).sort());
      }),
    );
  });

  it("refuses bad options with a UserError", () => {
    expect(() => drawLibraries(catalog, { count: -1, seed: 1 })).toThrow(UserError);
    expect(() => drawLibraries(catalog, { count: 1.5, seed: 1 })).toThrow(/whole number/);
    expect(() => drawLibraries(catalog, { count: 1, seed: 1, meanSize: 0 })).toThrow(/mean library size/);
    expect(() => drawLibraries(catalog, { count: 1, seed: 1, zipfExponent: -1 })).toThrow(/Zipf/);
    expect(() => drawLibraries(catalogOf([]), { count: 1, seed: 1 })).toThrow(/no rows/);
    expect(drawLibraries(catalogOf([]), { count: 0, seed: 1 }).items.length).toBe(0);
  });
});
