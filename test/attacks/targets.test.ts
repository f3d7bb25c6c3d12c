import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Rng } from "../../src/base/random.js";
import { UserError } from "../../src/base/errors.js";
import { parseTargets, sampleTargets, sampleWeightedTargets } from "../../src/attacks/targets.js";

describe("sampleTargets", () => {
  it("\"all\" or a count ≥ n gives every index and draws nothing", () => {
    const rng = new Rng(1);
    expect([...sampleTargets(4, "all", rng)]).toEqual([0, 1, 2, 3]);
    expect([...sampleTargets(4, 9, rng)]).toEqual([0, 1, 2, 3]);
    expect(rng.nextUint32()).toBe(new Rng(1).nextUint32());
  });

  it("k distinct indexes, ascending, the same under the same seed (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), fc.integer({ min: 1, max: 60 }), fc.nat(), (n, k, seed) => {
        const got = [...sampleTargets(n, k, new Rng(seed))];
        expect(got.length).toBe(Math.min(n, k));
        expect(new Set(got).size).toBe(got.length);
        expect(got).toEqual([...got].sort((a, b) => a - b));
        expect(got.every((i) => i >= 0 && i < n)).toBe(true);
        expect([...sampleTargets(n, k, new Rng(seed))]).toEqual(got);
      }),
    );
  });

  it("every index equally likely: 2 of 5 over 10 000 seeded draws (5σ)", () => {
    const rng = new Rng(3);
    const hits = new Array(5).fill(0);
    const reps = 10_000;
    for (let r = 0; r < reps; r++) for (const i of sampleTargets(5, 2, rng)) hits[i]++;
    const sigma = Math.sqrt(reps * 0.4 * 0.6);
    for (const h of hits) expect(Math.abs(h - reps * 0.4)).toBeLessThan(5 * sigma);
  });

  it("refuses a count below 1 or not whole", () => {
    expect(() => sampleTargets(10, 0, new Rng(1))).toThrow(UserError);
    expect(() => sampleTargets(10, 2.5, new Rng(1))).toThrow(/whole number ≥ 1 or "all", got 2.5/);
  });
});

describe("parseTargets", () => {
  it("a whole number ≥ 1 or \"all\"", () => {
    expect(parseTargets("all")).toBe("all");
    expect(parseTargets(" 25 ")).toBe(25);
    expect(parseTargets(7)).toBe(7);
    for (const bad of ["0", "-3", "2.5", "ten", ""]) expect(() => parseTargets(bad)).toThrow(`\`targets\` must be a whole number ≥ 1 or "all", got "${bad}"`);
  });
});

describe("sampleWeightedTargets", () => {
  it("with replacement, ascending, never an index of weight 0 (negative weights count as 0)", () => {
    const got = [...sampleWeightedTargets(Float64Array.of(0, 3, -2, 1), 50, new Rng(2))];
    expect(got.length).toBe(50);
    expect(got).toEqual([...got].sort((a, b) => a - b));
    expect(got.every((i) => i === 1 || i === 3)).toBe(true);
  });

  it("draws index i with probability w_i / Σw (seeded, 5σ)", () => {
    const n = 20_000;
    const got = sampleWeightedTargets(Float64Array.of(1, 0, 3), n, new Rng(4));
    const share = got.filter((i) => i === 2).length / n;
    expect(Math.abs(share - 0.75)).toBeLessThan(5 * Math.sqrt((0.75 * 0.25) / n));
  });

  it("refuses a bad count or all-zero weights", () => {
    expect(() => sampleWeightedTargets(Float64Array.of(1), 0, new Rng(1))).toThrow(/when plays follow the prior/);
    expect(() => sampleWeightedTargets(Float64Array.of(0, 0), 3, new Rng(1))).toThrow(/weight 0/);
  });
});
