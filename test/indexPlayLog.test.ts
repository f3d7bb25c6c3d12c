/** The play-log part of the library API (docs/playlog.md, "Library"). */
import { describe, expect, it } from "vitest";
import * as api from "../src/index.js";

describe("the library API: play logs", () => {
  it("exports the documented functions", () => {
    for (const name of ["playLogUnicity", "loadPlayLog", "playLogRelation", "playLogFromRows", "syntheticPlayLog", "playRowsOf", "unicitySql", "runUnicity", "writePlayLogParquet", "drawPlays"]) {
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
