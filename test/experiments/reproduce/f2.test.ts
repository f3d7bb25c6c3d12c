import { beforeAll, describe, expect, it } from "vitest";
import { libraryUniqueness } from "../../../src/attacks/linkage.js";
import { paperServers, paramsOf } from "../../../src/experiments/reproduce/catalogs.js";
import { f2 } from "../../../src/experiments/reproduce/f2.js";
import type { Artifact } from "../../../src/experiments/reproduce/types.js";
import { pct } from "../../../src/experiments/reproduce/text.js";
import { parseScheme } from "../../../src/schemes/parse.js";
import { dataDir, tableRecords } from "../../helpers.js";

process.env.FPRISK_DATA_DIR ??= dataDir;
const config = { quick: true, seed: 1 };
/** The ladder of experiments/paper.json. */
const LINKAGE_SCHEMES = paramsOf(config, "F2").schemes;

describe("F2: library uniqueness vs number of plays", () => {
  let a: Artifact;
  beforeAll(async () => {
    a = await f2.make(config);
  }, 300_000);

  it("lists the schemes in canonical form", () => {
    expect(LINKAGE_SCHEMES[0]).toBe("duration=round(1s),bitrate=round(10kbps),resolution=exact");
    expect(LINKAGE_SCHEMES).toHaveLength(5);
  });

  it("one row per scheme × plays 1…10 on 300 quick targets; the own library always matches", () => {
    const rows = tableRecords(a.data);
    expect(rows.map((r) => `${r.scheme}|${r.plays}`)).toEqual(LINKAGE_SCHEMES.flatMap((s) => Array.from({ length: 10 }, (_, i) => `${s}|${i + 1}`)));
    for (const r of rows) {
      expect(r.targets).toBe(300);
      expect(r.mean_candidates as number).toBeGreaterThanOrEqual(1);
      expect(r.unique_fraction as number).toBeGreaterThanOrEqual(0);
      expect(r.unique_fraction as number).toBeLessThanOrEqual(1);
      // every target singled out ⇔ one candidate on average
      expect(r.unique_fraction === 1).toBe(r.mean_candidates === 1);
    }
  });

  it("its values are libraryUniqueness's on the same servers, and the sentence quotes them", async () => {
    const { catalog, libraries } = await paperServers(config);
    const direct = libraryUniqueness(catalog, libraries, parseScheme(LINKAGE_SCHEMES[0]), { plays: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], targets: 300, seed: 1 });
    const rows = tableRecords(a.data).filter((r) => r.scheme === LINKAGE_SCHEMES[0]);
    expect(rows.map((r) => r.unique_fraction)).toEqual(direct.map((d) => d.unique_fraction));
    expect(rows.map((r) => r.mean_candidates)).toEqual(direct.map((d) => d.mean_candidates));
    expect(a.text).toContain(`Four plays single out ${pct(direct[3].unique_fraction)} of servers`);
    expect(a.caption).toContain("2,000 synthetic servers");
  });
});
