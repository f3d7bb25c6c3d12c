/**
 * T3 (attack success at Plex-like widths), called directly with { quick: true, seed: 1 }:
 * table shape, rates inside their intervals, linkage cross-checked against
 * libraryUniqueness, determinism, and the helpers on hand-computed cases.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { evaluateAttack } from "../../../src/attacks/evaluation.js";
import type { LibraryAttackOutcome } from "../../../src/attacks/libraryAttack.js";
import { libraryUniqueness } from "../../../src/attacks/linkage.js";
import { paperServers, paramsOf } from "../../../src/experiments/reproduce/catalogs.js";
import { formatRate, schemeFor, singledOut, t3, t3Attacks } from "../../../src/experiments/reproduce/t3.js";
import type { Artifact } from "../../../src/experiments/reproduce/types.js";
import { renderCsv } from "../../../src/output/tabular.js";
import { formatScheme } from "../../../src/schemes/format.js";
import { parseScheme } from "../../../src/schemes/parse.js";
import { catalogOf, dataDir, tableRecords } from "../../helpers.js";

process.env.FPRISK_DATA_DIR ??= dataDir;
const config = { quick: true, seed: 1 };
const { schemes: T3_SCHEMES, linkagePlays: T3_LINKAGE_PLAYS } = paramsOf(config, "T3");
const T3_ATTACKS = t3Attacks(paramsOf(config, "T3"));

type Row = Record<string, string | number>;
const records = (a: Artifact): Row[] => tableRecords(a.data);

describe("T3 helpers", () => {
  it("formatRate prints value [low, high], with three decimals for small rates", () => {
    expect(formatRate({ value: 0.6412, ci_low: 0.58, ci_high: 0.7149 })).toBe("0.64 [0.58, 0.71]");
    expect(formatRate({ value: 0.0031, ci_low: 0.0005, ci_high: 0.0066 })).toBe("0.003 [0.001, 0.007]");
  });

  it("schemeFor keeps the parts a catalog has data for", () => {
    const noResolution = catalogOf(["a"], { duration_ms: [1000], bitrate_kbps: [128] });
    expect(formatScheme(schemeFor(noResolution, parseScheme(T3_SCHEMES[1])))).toBe("duration=round(1min),bitrate=round(1Mbps)");
    const durationOnly = catalogOf(["a"], { duration_ms: [1000] });
    expect(formatScheme(schemeFor(durationOnly, parseScheme(T3_SCHEMES[0])))).toBe("duration=round(1s)");
  });

  it("singledOut answers only when one library is left", () => {
    const o = (candidates: number, top: string): LibraryAttackOutcome => ({
      truth: "7",
      inCatalog: true,
      candidates,
      answer: { ranked: [{ id: top, score: 1 / candidates }], confidence: 1 / candidates, scoreKind: "posterior" },
    });
    // the truth shuffled to the top of 3 candidates does not count: it was not singled out
    const e = evaluateAttack(singledOut([o(1, "7"), o(3, "7"), o(2, "4"), o(1, "7")]), { bootstrap: 0 });
    expect(e.success_at_1.value).toBe(0.5);
    expect(e.no_match.value).toBe(0.5);
  });
});

describe("T3 — attack success at Plex-like widths", () => {
  let a: Artifact;
  let rows: Row[];
  beforeAll(async () => {
    a = await t3.make(config);
    rows = records(a);
  });

  it("has class and likelihood for every catalog × scheme, library attacks where servers exist", () => {
    expect(a.data.columns).toEqual(["catalog", "scheme", "attack", "attacker", "targets", "value", "ci_low", "ci_high", "no_match"]);
    const catalogs = [...new Set(rows.map((r) => r.catalog))];
    expect(catalogs).toHaveLength(3);
    for (const c of catalogs) {
      const schemes = [...new Set(rows.filter((r) => r.catalog === c).map((r) => r.scheme))];
      expect(schemes).toHaveLength(T3_SCHEMES.length);
      for (const s of schemes) {
        const attacks = rows.filter((r) => r.catalog === c && r.scheme === s).map((r) => r.attack);
        expect(attacks.slice(0, 2)).toEqual([T3_ATTACKS.class, T3_ATTACKS.likelihood]);
        expect(attacks).toHaveLength(c === catalogs[2] ? 2 : 4);
      }
    }
    // Chinook has no resolution: the schemes keep duration and bitrate
    expect(rows.filter((r) => r.catalog === catalogs[1]).every((r) => !String(r.scheme).includes("resolution"))).toBe(true);
    expect(rows.every((r) => r.targets === 200)).toBe(true);
    const lines = a.markdown!.trim().split("\n");
    expect(lines).toHaveLength(2 + 9);
    expect(lines.filter((l) => l.includes("not run"))).toHaveLength(3);
    expect(a.markdown).toMatch(/\| \d\.\d{2,3} \[\d\.\d{2,3}, \d\.\d{2,3}\] \|/);
  });

  it("every rate is a share inside its bootstrap interval", () => {
    for (const r of rows) {
      for (const k of ["value", "ci_low", "ci_high", "no_match"]) {
        expect(r[k]).toBeGreaterThanOrEqual(0);
        expect(r[k]).toBeLessThanOrEqual(1);
      }
      expect(r.ci_low).toBeLessThanOrEqual(r.value as number);
      expect(r.value).toBeLessThanOrEqual(r.ci_high as number);
    }
  });

  it("linkage's value is libraryUniqueness's share of servers singled out by the same plays", async () => {
    const { catalog, libraries } = await paperServers(config);
    const scheme = T3_SCHEMES[1];
    const [u] = libraryUniqueness(catalog, libraries, parseScheme(scheme), { plays: [T3_LINKAGE_PLAYS], targets: 200, seed: 1 });
    const row = rows.find((r) => r.catalog === "Synthetic video releases" && r.scheme === scheme && r.attack === T3_ATTACKS.linkage)!;
    expect(row.value).toBe(u.unique_fraction);
  });

  it("coarser rounding never helps the same-catalog class match on the synthetic releases", () => {
    const cls = T3_SCHEMES.map((s) => rows.find((r) => r.catalog === "Synthetic video releases" && r.scheme === s && r.attack === T3_ATTACKS.class)!.value as number);
    expect(cls[0]).toBeGreaterThan(cls[1]);
    expect(cls[1]).toBeGreaterThan(cls[2]);
  });

  it("is deterministic: a second run gives the same CSV, table and text", async () => {
    const b = await t3.make(config);
    expect(renderCsv(b.data)).toBe(renderCsv(a.data));
    expect(b.markdown).toBe(a.markdown);
    expect(b.text).toBe(a.text);
  }, 300_000); // a whole second T3 run: well over the default limit on a shared machine
});
