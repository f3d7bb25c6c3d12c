import { describe, expect, it } from "vitest";
import { ASK_COARSER, type NestingContext } from "../../../src/schemes/generalizers/generalizer.js";
import { generalizerOf } from "../../../src/schemes/generalizers/registry.js";
import { explainRefinement } from "../../../src/schemes/nesting.js";
import { parseGeneralizer } from "../../../src/schemes/parse.js";
import type { Generalizer } from "../../../src/schemes/types.js";

/** Deterministic duration generalizers of every kind that applies to a scalar attribute. */
const DURATION = ["exact", "round(1min)", "floor(1min)", "floor(30s)", "sig(2)", "log(10%)", "quantile(4)", "ladder(30min,1h,2h)"].map(
  (t) => [t, parseGeneralizer("duration", t)!] as const,
);

function ctxOf(finer: string, coarser: string): NestingContext {
  return { attribute: "duration", finer, coarser, no: `${finer} does not refine ${coarser}`, quantity: (v) => `${v}ms` };
}

describe("the nesting protocol of GeneralizerDef", () => {
  it("ASK_COARSER is a symbol, so no reason (a string) or null can be mistaken for it", () => {
    expect(typeof ASK_COARSER).toBe("symbol");
    expect(ASK_COARSER.description).toBe("ask the coarser generalizer");
  });

  it("the finer side asks the coarser side where it has no rule: round defers to sig, which answers", () => {
    const round = parseGeneralizer("duration", "round(1min)")!;
    const sig = parseGeneralizer("duration", "sig(2)")!;
    const ctx = ctxOf("round(1min)", "sig(2)");
    expect(generalizerOf(round).refines(round, sig, ctx)).toBe(ASK_COARSER);
    expect(generalizerOf(sig).refinedBy(sig, round, ctx)).toBe(
      "round(1min) does not refine sig(2): sig only nests with itself (significant-digit buckets of different sizes overlap)",
    );
  });

  it.each(DURATION.flatMap(([ft, f]) => DURATION.map(([ct, c]) => [ft, ct, f, c] as const)))("%s vs %s: a verdict, never ASK_COARSER from both sides", (ft, ct, f, c) => {
    const ctx = ctxOf(ft, ct);
    const F = generalizerOf(f as Generalizer);
    const C = generalizerOf(c as Generalizer);
    const verdict = F.refines(f, c, ctx);
    const answer = verdict === ASK_COARSER ? C.refinedBy(c, f, ctx) : verdict;
    expect(answer === null || typeof answer === "string").toBe(true);
    if (typeof answer === "string") expect(answer.startsWith(ctx.no)).toBe(true);
    // the dispatcher gives the same yes/no (its messages format quantities with units)
    expect(explainRefinement("duration", f, c) === null).toBe(answer === null || (f.kind === c.kind && F.same(f, c)));
  });
});
