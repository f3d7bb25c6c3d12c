/** Resolving a study: quick overlays, "{seed}", ids, canonical schemes, every reference checked. */
import { describe, expect, it } from "vitest";
import { UserError } from "../../../src/base/errors.js";
import { paperStudyFile } from "../../../src/experiments/study/readStudy.js";
import { defaultCatalogId, resolveStudy } from "../../../src/experiments/study/resolveStudy.js";
import type { StudyFile } from "../../../src/experiments/study/types.js";

const paper = () => structuredClone(paperStudyFile());
const fails = (file: StudyFile, pattern: RegExp, only?: string[]) => {
  expect(() => resolveStudy(file, { where: "s.json", only })).toThrow(UserError);
  expect(() => resolveStudy(file, { where: "s.json", only })).toThrow(pattern);
};

describe("resolveStudy", () => {
  it("applies the quick overlays and the seed", () => {
    const full = resolveStudy(paper());
    const quick = resolveStudy({ ...paper(), quick: true, seed: 7 });
    expect(full.catalogs.find((c) => c.id === "synthetic")!.source).toBe("synthetic:video-library?titles=20000&seed=1");
    expect(quick.catalogs.find((c) => c.id === "synthetic")!.source).toBe("synthetic:video-library?titles=5000&seed=7");
    expect([full.servers.count, quick.servers.count]).toEqual([10_000, 2000]);
    expect([full.artifacts.F2!.targets, quick.artifacts.F2!.targets]).toEqual([2000, 300]);
    // parameters without an overlay stay
    expect(quick.artifacts.F2!.plays).toEqual(full.artifacts.F2!.plays);
    expect(quick.artifacts.F1!.widths).toEqual(["1ms", "100ms", "1s", "10s", "1min", "10min"]);
  });

  it("fills catalog ids and labels, and every artifact's catalog selection", () => {
    const s = resolveStudy({ catalogs: [{ source: "chinook-tracks" }, { source: "data/my lib.csv" }], servers: { catalog: "chinook-tracks", count: 10 }, artifacts: { T1: {} } });
    expect(s.catalogs.map((c) => [c.id, c.label])).toEqual([
      ["chinook-tracks", "chinook-tracks"],
      ["my-lib", "data/my lib.csv"],
    ]);
    expect(s.artifacts.T1!.catalogs).toEqual(["chinook-tracks", "my-lib"]);
    expect(defaultCatalogId("synthetic:video-library?titles=10")).toBe("synthetic");
    expect(defaultCatalogId("x/library.csv.gz")).toBe("library");
  });

  it("puts schemes in canonical form", () => {
    const p = paper();
    (p.artifacts.F2.schemes as string[])[0] = "resolution=exact, duration=round(1000ms)";
    expect(resolveStudy(p).artifacts.F2!.schemes[0]).toBe("duration=round(1s),resolution=exact");
  });

  it("checks references, schemes, widths and targets, naming the JSON path", () => {
    let p = paper();
    p.artifacts.F5.catalogs = ["imdb", "nope"];
    fails(p, /^s\.json: \/artifacts\/F5\/catalogs\/1: no catalog "nope" in the study; catalogs: chinook, spotify, synthetic, imdb$/);
    p = paper();
    (p.artifacts.F3.schemes as string[])[1] = "duration=round(1 parsec)";
    fails(p, /^s\.json: \/artifacts\/F3\/schemes\/1: /);
    p = paper();
    (p.artifacts.F1.widths as string[])[0] = "fast";
    fails(p, /^s\.json: \/artifacts\/F1\/widths: /);
    p = paper();
    p.artifacts.F6.target = "risk<0.1";
    fails(p, /^s\.json: \/artifacts\/F6\/target: target "risk<0.1"/);
    p = paper();
    p.servers.catalog = "elsewhere";
    fails(p, /\/servers\/catalog: no catalog "elsewhere"/);
    p = paper();
    p.catalogs[1].id = "chinook";
    fails(p, /\/catalogs\/1: catalog id "chinook" is used twice/);
    p = paper();
    p.catalogs[2].source = "synthetic:video-library?titles=many";
    fails(p, /\/catalogs\/2\/source: .*titles/);
    p = paper();
    p.artifacts.F5.sizes = [10, 5];
    fails(p, /\/artifacts\/F5\/sizes: must be ascending/);
  });

  it("narrows to --only, any case; an id the study does not build is a usage error", () => {
    expect(Object.keys(resolveStudy(paper(), { only: ["t2", " F1"] }).artifacts)).toEqual(["F1", "T2"]);
    fails(paper(), /`only`: unknown F9 \(known: F1, F2/, ["F1", "F9"]);
    const s = resolveStudy(paper(), { only: ["T1"] });
    expect(Object.keys(s.file.artifacts)).toEqual(["T1"]);
  });
});
