import { describe, expect, it } from "vitest";
import { runAsync, runSync } from "../../../src/base/steps.js";
import type { Metrics } from "../../../src/measures/metrics.js";
import { CatalogSearch, type TuneCatalog } from "../../../src/experiments/tune/catalogSearch.js";
import { parseObjective } from "../../../src/experiments/tune/objective.js";
import { parseTarget } from "../../../src/experiments/tune/target.js";
import { formatScheme } from "../../../src/schemes/format.js";
import { parseScheme } from "../../../src/schemes/parse.js";
import type { Attribute, Scheme } from "../../../src/schemes/types.js";

/**
 * A catalog whose numbers are made up from the scheme text, answering in memory or
 * through Promises, logging every question it is asked.
 */
function fake(asks: string[], later: boolean): TuneCatalog {
  const answer = <T>(v: T) => (later ? Promise.resolve(v) : v);
  return {
    summary: { source: "fake", rows: 10, titles: 5 },
    attributes: new Set<Attribute>(["duration", "bitrate"]),
    refusal: () => undefined,
    prepare: () => answer(undefined),
    choiceClasses: () => 3,
    metrics: (s: Scheme) => {
      asks.push(`metrics ${formatScheme(s)}`);
      return answer({ entropy_bits: formatScheme(s).length } as unknown as Metrics);
    },
    linkage: (s: Scheme, plays: number) => {
      asks.push(`linkage(${plays}) ${formatScheme(s)}`);
      return answer(plays / 10);
    },
    classSuccess: (s: Scheme) => {
      asks.push(`class ${formatScheme(s)}`);
      return answer(0.5);
    },
    midpointError: (s: Scheme, a: Attribute) => {
      asks.push(`error ${a} ${formatScheme(s)}`);
      return answer(1000);
    },
  };
}

const settings = { targets: [parseTarget("linkage(4)<=0.5"), parseTarget("class_success<=0.9"), parseTarget("k_min>=1")] };
const scheme = parseScheme("duration=round(1min),bitrate=log(10%),resolution=class");

describe("CatalogSearch", () => {
  it("restricts the scheme to the catalog's attributes, adds the attack values, and caches", () => {
    const asks: string[] = [];
    const s = new CatalogSearch(fake(asks, false), settings);
    const m = runSync(s.metrics(scheme));
    runSync(s.metrics(parseScheme("bitrate=log(10%),duration=round(1min)")));
    const seen = "duration=round(1min),bitrate=log(10%)";
    expect(m).toEqual({ entropy_bits: seen.length, linkage_4: 0.4, class_success: 0.5 });
    expect(asks).toEqual([`metrics ${seen}`, `linkage(4) ${seen}`, `class ${seen}`]);
    expect(s.choiceClasses({ attribute: "resolution", generalizer: { kind: "class" } })).toBe(1);
    expect(s.choiceClasses({ attribute: "duration", generalizer: { kind: "exact" } })).toBe(3);
  });

  it("objective: bits(attr) from the one-attribute scheme's metrics without attacks; error counts against", () => {
    const asks: string[] = [];
    const s = new CatalogSearch(fake(asks, false), settings);
    const v = runSync(s.objective(scheme, parseObjective("entropy+2*bits(bitrate)-0.001*error(duration)+bits(resolution)")));
    const seen = "duration=round(1min),bitrate=log(10%)";
    expect(v).toBe(seen.length + 2 * "bitrate=log(10%)".length - 1);
    expect(asks).toEqual([`metrics ${seen}`, `linkage(4) ${seen}`, `class ${seen}`, "metrics bitrate=log(10%)", `error duration ${seen}`]);
  });

  it("a catalog answering with Promises gives the same numbers through the same questions", async () => {
    const [a, b]: string[][] = [[], []];
    const now = new CatalogSearch(fake(a, false), settings);
    const later = new CatalogSearch(fake(b, true), settings);
    const objective = parseObjective("entropy+bits(duration)");
    expect(await runAsync(later.metrics(scheme))).toEqual(runSync(now.metrics(scheme)));
    expect(await runAsync(later.objective(scheme, objective))).toBe(runSync(now.objective(scheme, objective)));
    expect(b).toEqual(a);
  });
});
