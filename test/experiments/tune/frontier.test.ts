import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { paretoFrontier } from "../../../src/experiments/tune/frontier.js";
import { parseTarget } from "../../../src/experiments/tune/target.js";

const pt = (text: string, risk: number, objective: number, kmin = 1) => ({ text, objective, metrics: [{ kappa: risk, k_min: kmin }] });

describe("Pareto frontier", () => {
  it("the worked example: (0.06, 6) is beaten by (0.05, 7)", () => {
    const pts = [pt("a", 0.1, 9), pt("b", 0.05, 7), pt("c", 0.06, 6)];
    expect(paretoFrontier(pts, [parseTarget("kappa<=0.1")]).map((p) => p.text)).toEqual(["a", "b"]);
  });
  it("≥ targets count higher as better; equal points both stay", () => {
    const pts = [pt("a", 0.1, 5, 2), pt("b", 0.1, 5, 3), pt("c", 0.1, 5, 3)];
    expect(paretoFrontier(pts, [parseTarget("k_min>=5")]).map((p) => p.text)).toEqual(["b", "c"]);
  });
  it("matches the definition on random points", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 5 })), { maxLength: 30 }), (raw) => {
        const pts = raw.map(([r, o], i) => pt(String(i), r, o));
        const got = new Set(paretoFrontier(pts, [parseTarget("kappa<=1")]).map((p) => p.text));
        for (const p of pts) {
          const dominated = pts.some((q) => q.metrics[0].kappa <= p.metrics[0].kappa && q.objective >= p.objective && (q.metrics[0].kappa < p.metrics[0].kappa || q.objective > p.objective));
          expect(got.has(p.text)).toBe(!dominated);
        }
      }),
    );
  });
});
