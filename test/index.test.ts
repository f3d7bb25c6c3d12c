/** The public API (`import … from "fprisk"`): the documented functions are exported and work together. */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import * as api from "../src/index.js";

const DOCUMENTED = [
  "loadCatalog",
  "catalogRelation",
  "sourceRowCount",
  "parseScheme",
  "formatScheme",
  "evaluate",
  "evaluateScheme",
  "sweepSchemes",
  "tune",
  "parseTarget",
  "parseSpace",
  "runAttack",
  "renderAttack",
  "generateVideoLibrary",
  "drawLibraries",
  "runLibraryAttack",
  "libraryUniqueness",
  "buildItemReport",
  "renderItemReport",
  "populationRisk",
  "predictRisk",
  "runDefaultExperiment",
  "riskChartSpec",
  "reproduce",
  "loadStudy",
  "runStudy",
  "parseStudy",
  "resolveStudy",
  "applyOverrides",
  "listDatasets",
  "makeCatalog",
  "describeCatalog",
];

// A 60 s and B 60.4 s share a second and a minute; D (2 min) joins them at 5 min; C (5 min) is alone throughout.
const dir = mkdtempSync(join(tmpdir(), "fprisk-api-"));
const file = join(dir, "lib.csv");
writeFileSync(file, "title,duration_ms\nA,60000\nB,60400\nC,300000\nD,120000\n");

describe("the library API", () => {
  it("exports the documented functions, and UserError as a class", () => {
    for (const name of DOCUMENTED) expect(typeof (api as Record<string, unknown>)[name], name).toBe("function");
    expect(new api.UserError("x")).toBeInstanceOf(Error);
    expect(api.NUMERIC_FIELDS).toContain("duration_ms");
    expect((api.studySchema as { title: string }).title).toBe("fprisk study");
  });

  it("loads the paper's study, narrowed and overridden", () => {
    const study = api.loadStudy(undefined, { only: ["T2"], set: ["T2.targets=0.05"] });
    expect(Object.keys(study.artifacts)).toEqual(["T2"]);
    expect(study.artifacts.T2!.targets).toEqual([0.05]);
  });

  it("loads a CSV and evaluates schemes given as text or as Scheme objects", async () => {
    const catalog = await api.loadCatalog(file);
    expect(catalog.rows).toBe(4);
    const { results } = api.evaluate(catalog, ["duration=round(1s)", api.parseScheme("duration=round(60s)"), "duration=round(5min)"]);
    expect(results.map((r) => api.formatScheme(r.scheme))).toEqual(["duration=round(1s)", "duration=round(1min)", "duration=round(5min)"]);
    // seconds 60, 60, 300, 120 → C and D alone; minutes 1, 1, 5, 2 → the same; 5 min: 0, 0, 1, 0 → C alone
    expect(results.map((r) => r.metrics.title_unique_fraction)).toEqual([0.5, 0.5, 0.25]);
    expect(results.map((r) => r.metrics.classes)).toEqual([3, 3, 2]);
  });

  it("tunes: the only scheme of the space meeting the target is recommended", async () => {
    const catalog = await api.loadCatalog(file);
    const t = api.tune([catalog], { targets: [api.parseTarget("title_unique_fraction<=0.3")], space: api.parseSpace("duration=round(1s)|round(1min)|round(5min)") });
    expect(t.recommended?.text).toBe("duration=round(5min)");
    expect(t.evaluated + t.pruned).toBe(3);
  });

  it("runs an attack: under round(5min) the right title is always among the five best", async () => {
    const catalog = await api.loadCatalog(file);
    const run = api.runAttack(catalog, { scheme: "duration=round(5min)", targets: "all", seed: 1, bootstrap: 10 });
    expect(run.targets).toBe(4);
    expect(run.evaluation.success_at_k.value).toBe(1);
    expect(JSON.parse(api.renderAttack(run, "json")).scheme).toBe("duration=round(5min)");
  });
});

/** The play-log part of the library API (docs/playlog.md, "Library"). */

describe("the library API: play logs", () => {
  it("exports the documented functions", () => {
    for (const name of ["playLogUnicity", "loadPlayLog", "playLogRelation", "playLogFromRows", "syntheticPlayLog", "playRowsOf", "unicitySql", "runUnicity", "writePlayLogParquet", "drawPlays", "openClickHousePlayLog", "loadClickHousePlayLog"]) {
      expect(typeof (api as Record<string, unknown>)[name], name).toBe("function");
    }
  });

  it("a synthetic log's unicity, in memory", () => {
    const catalog = api.generateVideoLibrary({ titles: 200, seed: 1 });
    const log = api.playLogFromRows(api.playRowsOf(catalog, api.syntheticPlayLog(catalog, { servers: 30, seed: 1, meanSize: 5 })));
    const [row] = api.playLogUnicity(log, api.parseScheme("duration=round(1s)"), { plays: [2], seed: 1 });
    expect(row.servers).toBe(30);
    expect(row.unique).toBeLessThanOrEqual(30);
  });
});
