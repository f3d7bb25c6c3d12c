import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { QuantileCuts } from "../../../src/schemes/generalizers/quantileCuts.js";
import { fitQuantileThresholds } from "../../../src/schemes/generalizers/quantile.js";

/** The cut rule over the sorted values, straight from its definition (brute force). */
function reference(values: number[], k: number): number[] {
  const s = values.filter((v) => v === v).sort((a, b) => a - b);
  const n = s.length;
  const out: number[] = [];
  for (let j = 1; j < k; j++) {
    const pos = Math.round((j * n) / k);
    if (pos <= 0 || pos >= n) continue;
    const v = s[pos];
    const left = s.indexOf(v);
    let right = left;
    while (right < n && s[right] === v) right++;
    let t: number;
    if (left > 0 && (right >= n || pos - left <= right - pos)) t = s[left];
    else if (right < n) t = s[right];
    else continue;
    if (out.length === 0 || t > out[out.length - 1]) out.push(t);
  }
  return out;
}

function runs(values: number[]): [number, number][] {
  const s = values.filter((v) => v === v).sort((a, b) => a - b);
  const out: [number, number][] = [];
  for (const v of s) {
    if (out.length > 0 && out[out.length - 1][0] === v) out[out.length - 1][1]++;
    else out.push([v, 1]);
  }
  return out;
}

describe("QuantileCuts", () => {
  it("cuts 1…8 into quarters at 3, 5, 7", () => {
    const cuts = new QuantileCuts(8, 4);
    for (let v = 1; v <= 8; v++) cuts.push(v, 1);
    expect(Array.from(cuts.finish())).toEqual([3, 5, 7]);
  });

  it("moves a cut to the next value when the run starts the column", () => {
    const cuts = new QuantileCuts(4, 2);
    cuts.push(5, 3);
    cuts.push(9, 1);
    expect(Array.from(cuts.finish())).toEqual([9]);
  });

  it("has no cut past the last run", () => {
    const cuts = new QuantileCuts(4, 2);
    cuts.push(1, 1);
    cuts.push(5, 3);
    expect(Array.from(cuts.finish())).toEqual([5]);
    const one = new QuantileCuts(3, 4);
    one.push(7, 3);
    expect(Array.from(one.finish())).toEqual([]);
  });

  it("refuses a count that does not add up", () => {
    const cuts = new QuantileCuts(3, 2);
    cuts.push(1, 1);
    expect(() => cuts.finish()).toThrow("promised 3 values but got 1");
  });

  it("fed runs, equals the rule applied to the sorted values; fitQuantileThresholds too", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.integer({ min: -5, max: 20 }), fc.constant(NaN)), { maxLength: 60 }), fc.integer({ min: 1, max: 12 }), (values, k) => {
        const r = runs(values);
        const cuts = new QuantileCuts(
          r.reduce((a, [, c]) => a + c, 0),
          k,
        );
        for (const [v, c] of r) cuts.push(v, c);
        const want = reference(values, k);
        expect(Array.from(cuts.finish())).toEqual(want);
        expect(Array.from(fitQuantileThresholds(Float64Array.from(values), k))).toEqual(want);
      }),
      { numRuns: 500 },
    );
  });
});
