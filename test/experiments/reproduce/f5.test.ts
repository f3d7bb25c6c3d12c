/**
 * F5 (uniqueness vs catalog size), called directly with { quick: true, seed: 1 }: data
 * shape, definitions that must hold between the metrics, determinism, and the helpers
 * on hand-computed cases.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { libraryUniqueness } from "../../../src/attacks/linkage.js";
import { drawLibraries } from "../../../src/attacks/libraries.js";
import {
  decades,
  F5_SERIES,
  f5,
  growthComparison,
  sizesUpTo,
  subsample,
  SYNTHETIC_ITEMS_PANEL,
} from "../../../src/experiments/reproduce/f5.js";
import { paperCatalogs, paperServers, paramsOf } from "../../../src/experiments/reproduce/catalogs.js";
import { schemesAtPrecision } from "../../../src/experiments/reproduce/f5.js";
import type { Artifact } from "../../../src/experiments/reproduce/types.js";
import { renderCsv } from "../../../src/output/tabular.js";
import { parseScheme } from "../../../src/schemes/parse.js";
import { catalogOf, dataDir, tableRecords } from "../../helpers.js";

process.env.FPRISK_DATA_DIR ??= dataDir;
const config = { quick: true, seed: 1 };
// the quick parameters of experiments/paper.json
const p5 = paramsOf(config, "F5");
const { plays: F5_PLAYS, serverSchemes: F5_SERVER_SCHEMES, servers: F5_SERVERS_QUICK, sizes: F5_SIZES_QUICK, syntheticSchemes: F5_SYNTHETIC_SCHEMES } = p5;

type Row = Record<string, string | number>;
const records = (a: Artifact): Row[] => tableRecords(a.data);

describe("F5 helpers", () => {
  it("sizesUpTo keeps the grid below the catalog size and ends with the whole catalog", () => {
    expect(sizesUpTo(3503, [1e3, 3e3, 1e4])).toEqual([1000, 3000, 3503]);
    expect(sizesUpTo(1000, [1e3, 1e4])).toEqual([1000]);
    expect(sizesUpTo(500, [1e3])).toEqual([500]);
  });

  it("subsample draws n distinct rows, seeded, and returns the catalog itself when n ≥ rows", () => {
    const cat = catalogOf(["a", "b", "c", "d", "e", "f"], { duration_ms: [1, 2, 3, 4, 5, 6] });
    const s = subsample(cat, 3, 7);
    expect(s.rows).toBe(3);
    const d = Array.from(s.numeric.duration_ms!);
    expect(new Set(d).size).toBe(3);
    // each kept row keeps its own title
    for (let i = 0; i < s.rows; i++) expect(cat.titleNames[s.titleCodes[i]]).toBe("abcdef"[d[i] - 1]);
    expect(Array.from(subsample(cat, 3, 7).numeric.duration_ms!)).toEqual(d);
    expect(subsample(cat, 6, 7)).toBe(cat);
    expect(subsample(cat, 10, 7)).toBe(cat);
  });

  it("decades lists the powers of ten from min to 1", () => {
    expect(decades(0.001)).toEqual([0.001, 0.01, 0.1, 1]);
    expect(decades(1)).toEqual([1]);
  });
});

describe("F5 — uniqueness vs catalog size", () => {
  let a: Artifact;
  let rows: Row[];
  beforeAll(async () => {
    a = await f5.make(config);
    rows = records(a);
  });
  const value = (panel: string, scheme: string, n: number, metric: string, kind = "measured") =>
    rows.find((r) => r.panel === panel && r.scheme === scheme && r.size === n && r.metric === metric && r.kind === kind)?.value as number;

  it("has every synthetic size × scheme × metric, the server panel, and real catalogs up to their size", async () => {
    expect(a.data.columns).toEqual(["panel", "source", "size", "size_unit", "scheme", "metric", "kind", "value"]);
    const synthetic = rows.filter((r) => r.panel === SYNTHETIC_ITEMS_PANEL);
    // 3 measured + 2 modelled values per size and scheme
    expect(synthetic).toHaveLength(F5_SIZES_QUICK.length * F5_SYNTHETIC_SCHEMES.length * 5);
    expect([...new Set(synthetic.map((r) => r.size))]).toEqual(F5_SIZES_QUICK);
    const servers = rows.filter((r) => r.metric === "server_unique_fraction");
    expect(servers).toHaveLength(F5_SERVERS_QUICK.length * F5_SERVER_SCHEMES.length);
    expect([...new Set(servers.map((r) => r.size))]).toEqual(F5_SERVERS_QUICK);
    expect(servers.every((r) => r.size_unit === "servers")).toBe(true);
    // IMDb's whole minutes: only round(1min) means something there; the ms catalogs get both
    const expected: Record<string, string[]> = {
      "imdb-ggplot2movies": ["duration=round(1min)"],
      "chinook-tracks": ["duration=round(1s)", "duration=round(1min)"],
      "spotify-popularity-2024": ["duration=round(1s)", "duration=round(1min)"],
    };
    for (const c of await paperCatalogs(config, p5.catalogs)) expect(schemesAtPrecision(c.catalog, p5.realSchemes)).toEqual(expected[c.source]);
    for (const source of Object.keys(expected)) {
      const real = rows.filter((r) => r.source === source);
      expect(real.length).toBeGreaterThan(0);
      expect(new Set(real.map((r) => r.scheme))).toEqual(new Set(expected[source]));
      const sizes = [...new Set(real.map((r) => r.size as number))];
      // the last size is the whole catalog, every other one a grid size below it
      expect(sizes.slice(0, -1).every((n) => F5_SIZES_QUICK.includes(n) && n < sizes[sizes.length - 1])).toBe(true);
    }
    expect(rows.find((r) => r.source === "imdb-ggplot2movies" && r.size === 58788)).toBeDefined();
  });

  it("rates are shares, and the metrics keep their definitional order", () => {
    for (const r of rows) {
      expect(r.value).toBeGreaterThanOrEqual(0);
      expect(r.value).toBeLessThanOrEqual(1);
    }
    // a row alone in its class is alone with its title; a title-unique row scores 1 in kappa
    for (const r of rows.filter((x) => x.metric === "title_unique_fraction")) {
      const unique = value(r.panel as string, r.scheme as string, r.size as number, "unique_fraction");
      const kappa = value(r.panel as string, r.scheme as string, r.size as number, "kappa");
      expect(r.value).toBeGreaterThanOrEqual(unique);
      expect(kappa).toBeGreaterThanOrEqual(r.value as number);
    }
  });

  it("single-play uniqueness falls with N; the model follows the measurement on the minute catalog", () => {
    for (const scheme of F5_SYNTHETIC_SCHEMES) {
      const series = F5_SIZES_QUICK.map((n) => value(SYNTHETIC_ITEMS_PANEL, scheme, n, "title_unique_fraction"));
      for (let i = 1; i < series.length; i++) expect(series[i]).toBeLessThanOrEqual(series[i - 1]);
    }
    const imdb = rows.filter((r) => r.source === "imdb-ggplot2movies" && r.metric === "unique_fraction");
    const sizes = [...new Set(imdb.map((r) => r.size as number))];
    const measured = sizes.map((n) => imdb.find((r) => r.size === n && r.kind === "measured")!.value as number);
    for (let i = 1; i < measured.length; i++) expect(measured[i]).toBeLessThan(measured[i - 1]);
    for (const n of sizes) {
      const m = imdb.find((r) => r.size === n && r.kind === "measured")!.value as number;
      const p = imdb.find((r) => r.size === n && r.kind === "model")!.value as number;
      expect(Math.abs(p - m)).toBeLessThan(0.02);
    }
  });

  it("the server panel's share is what libraryUniqueness gives for M servers drawn from the study's catalog", async () => {
    const m = F5_SERVERS_QUICK[0];
    const { catalog } = await paperServers({ quick: true, seed: 1 });
    const libs = drawLibraries(catalog, { count: m, seed: 1 });
    const [r] = libraryUniqueness(catalog, libs, parseScheme(F5_SERVER_SCHEMES[0]), { plays: [F5_PLAYS], targets: 300, seed: 1 });
    const panel = rows.find((x) => x.metric === "server_unique_fraction")!.panel as string;
    expect(value(panel, F5_SERVER_SCHEMES[0], m, "server_unique_fraction")).toBe(r.unique_fraction);
  });

  it("draws panels wrapped by three on a log–log grid, series in a fixed style order; kappa stays in the CSV only", () => {
    const spec = a.spec as unknown as Record<string, any>;
    expect(spec.columns).toBe(3);
    expect(spec.facet.sort[0]).toBe(SYNTHETIC_ITEMS_PANEL);
    const line = spec.spec.layer.find((l: any) => l.mark.type === "line");
    expect(line.encoding.x.scale.type).toBe("log");
    expect(line.encoding.y.scale.type).toBe("log");
    expect(line.encoding.y.scale.domainMax).toBe(1);
    expect(line.encoding.strokeDash.sort).toEqual([F5_SERIES.title_unique, F5_SERIES.unique, F5_SERIES.model, F5_SERIES.servers(F5_PLAYS)]);
    const values = spec.data.values as Row[];
    expect(values.length).toBe(rows.filter((r) => r.metric !== "kappa").length);
    // the axis starts at or below every drawn positive value
    expect(Math.min(...values.map((v) => v.value as number).filter((v) => v > 0))).toBeGreaterThanOrEqual(line.encoding.y.scale.domainMin);
  });

  it("text quotes numbers from the data", () => {
    const fine = F5_SYNTHETIC_SCHEMES[0];
    const v = value(SYNTHETIC_ITEMS_PANEL, fine, F5_SIZES_QUICK[2], "title_unique_fraction");
    expect(a.text).toContain(`${Number((100 * v).toPrecision(3))} %`);
    expect(a.text).not.toContain("—");
    expect(a.caption).toContain("seed 1");
  });

  it("is deterministic: a second run gives the same CSV and spec", async () => {
    const b = await f5.make(config);
    expect(renderCsv(b.data)).toBe(renderCsv(a.data));
    expect(JSON.stringify(b.spec)).toBe(JSON.stringify(a.spec));
    expect(b.text).toBe(a.text);
  });
});

describe("growthComparison", () => {
  it("says which hides more from the data: the share that falls to the smaller fraction of its start", () => {
    // the study's numbers: servers 95.5 % → 40.9 %, one play 100 % → 93.9 % over 100-fold growth
    expect(growthComparison(100, [0.955, 0.409], [1, 0.939])).toBe(": a 100-fold population hides a server more than a 100-fold catalog hides one play (95.5 % → 40.9 % against 100 % → 93.9 %).");
    expect(growthComparison(10, [0.9, 0.8], [0.5, 0.1])).toBe(": a 10-fold population hides a server less than a 10-fold catalog hides one play (90 % → 80 % against 50 % → 10 %).");
    expect(growthComparison(10, [0.5, 0.25], [0.8, 0.4])).toContain("hides a server as much as");
  });
  it("makes no claim when a value is missing or a share starts at 0", () => {
    expect(growthComparison(10, [0.9, undefined], [1, 0.5])).toBe(".");
    expect(growthComparison(10, [0, 0], [1, 0.5])).toBe(".");
  });
});
