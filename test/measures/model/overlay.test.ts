import { describe, expect, it } from "vitest";
import { evaluate } from "../../../src/measures/evaluate.js";
import { addModelMetrics, MODEL_METRIC_KEYS } from "../../../src/measures/model/overlay.js";
import { predictRisk } from "../../../src/measures/model/predictRisk.js";
import { parseScheme } from "../../../src/schemes/parse.js";
import { generateVideoLibrary } from "../../../src/sources/synthetic/synthetic.js";
import { catalogOf } from "../../helpers.js";

describe("addModelMetrics", () => {
  const lib = generateVideoLibrary({ rows: 20_000, seed: 1 });
  const n = lib.rows;

  it("addModelMetrics puts model_unique_fraction and model_kappa beside the measured metrics", () => {
    const result = addModelMetrics(lib, evaluate(lib, ["duration=round(1s)", "none"]));
    expect(result.results[0].metrics.model_unique_fraction).toBe(predictRisk(lib, parseScheme("duration=round(1s)")).unique_fraction);
    expect(result.results[1].metrics.model_kappa).toBeCloseTo(1 / n, 15);
  });

  it("adds exactly the two model keys, after the measured ones, in place", () => {
    // fps 24, 24, 25, 30: empirical masses ½, ½, ¼, ¼ (hand-computed in predictRisk.test.ts)
    const cat = catalogOf(["a", "b", "c", "d"], { fps: [24, 24, 25, 30] });
    const result = evaluate(cat, ["fps=exact", "none"]);
    const before = result.results.map((r) => Object.keys(r.metrics));
    expect(addModelMetrics(cat, result)).toBe(result);
    expect(MODEL_METRIC_KEYS).toEqual(["model_unique_fraction", "model_kappa"]);
    result.results.forEach((r, i) => {
      expect(Object.keys(r.metrics)).toEqual([...before[i], ...MODEL_METRIC_KEYS]);
      const p = predictRisk(cat, parseScheme(r.scheme));
      expect(r.metrics.model_unique_fraction).toBe(p.unique_fraction);
      expect(r.metrics.model_kappa).toBe(p.kappa);
    });
    expect(result.results[0].metrics.model_unique_fraction).toBeCloseTo((2 * 0.5 ** 3 + 2 * 0.75 ** 3) / 4, 14);
    expect(result.results[1].metrics.model_unique_fraction).toBe(0);
  });

  it("passes the model options on: a wider bandwidth changes a continuous prediction", () => {
    const result = () => evaluate(lib, ["duration=round(1s)"]);
    const plain = addModelMetrics(lib, result()).results[0].metrics.model_unique_fraction;
    const wide = addModelMetrics(lib, result(), { bandwidthFactor: 4 }).results[0].metrics.model_unique_fraction;
    expect(wide).not.toBe(plain);
    expect(wide).toBe(predictRisk(lib, parseScheme("duration=round(1s)"), { bandwidthFactor: 4 }).unique_fraction);
  });
});
