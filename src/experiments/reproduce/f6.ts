/**
 * F6 — the tune frontier on each catalog of the study, the Plex-like promises marked.
 *
 * Per catalog, `tune` evaluates every scheme of the default space over the attributes
 * the catalog has (no pruning, so the whole cloud is drawn) against
 * title_unique_fraction ≤ 1 %, with the three Plex-like schemes as references. One
 * panel per catalog: risk (symmetric log) against the information kept (entropy bits),
 * the Pareto frontier as a staircase, the target as a rule, the recommendation and the
 * Plex-like schemes labelled (`frontierChartSpec`, the chart of `tune --plot`).
 */
import type { TopLevelSpec } from "vega-lite";
import { frontierChartSpec, type FrontierChartPoint } from "../../figures/frontierChart.js";
import type { Table } from "../../output/tabular.js";
import { parseScheme } from "../../schemes/parse.js";
import { PLEX_LIKE_SCHEMES, tune, type TuneResult } from "../tune/tune.js";
import { tuneFigureData } from "../tune/tuneReport.js";
import { parseTarget } from "../tune/target.js";
import { paperCatalogs, paramsOf } from "./catalogs.js";
import { pct } from "./text.js";
import type { Artifact, ArtifactMaker, ReproduceConfig } from "./types.js";

/** A target in words: "title_unique_fraction<=0.01" → { metric, bound: "≤ 1 %", share: "1 %" }. */
export function targetWords(target: string): { metric: string; op: string; bound: string; share: string } {
  const m = /^\s*([a-z_]+(?:\(\d+\))?)\s*(<=|>=)\s*([\d.e+-]+)\s*$/i.exec(target);
  if (!m) return { metric: target, op: "", bound: target, share: target };
  const value = Number(m[3]);
  const share = m[1].endsWith("fraction") || m[1].startsWith("linkage") ? pct(value) : String(value);
  const op = m[2] === "<=" ? "≤" : "≥";
  return { metric: m[1], op, bound: `${op} ${share}`, share };
}

export interface F6Row {
  panel: string;
  source: string;
  scheme: string;
  role: "evaluated" | "frontier" | "recommended" | "reference";
  label: string;
  entropy_bits: number;
  title_unique_fraction: number;
  meets: boolean;
}

/** One catalog's tune run as tidy rows: every evaluated scheme, then the references. */
export function f6Rows(panel: string, source: string, result: TuneResult): F6Row[] {
  const { points } = tuneFigureData(result);
  return points.map((p) => ({
    panel,
    source,
    scheme: p.scheme,
    role: p.role,
    label: p.role === "reference" ? p.label ?? "" : "",
    entropy_bits: p.objective,
    title_unique_fraction: p.risk,
    meets: p.meets,
  }));
}

/** Per panel: the recommendation and how far each Plex-like scheme is from the target. */
function findingText(rows: F6Row[], target: string): string {
  const t = targetWords(target);
  const meetsWords = t.op === "≤" ? `under ${t.share}` : `meeting ${target}`;
  const panels = [...new Set(rows.map((r) => r.panel))];
  const parts = panels.map((panel) => {
    const own = rows.filter((r) => r.panel === panel);
    const rec = own.find((r) => r.role === "recommended");
    const refs = own.filter((r) => r.role === "reference");
    const failing = refs.filter((r) => !r.meets);
    const recText = rec ? `the most detailed scheme ${meetsWords} is ${rec.scheme} (${rec.entropy_bits.toFixed(2)} bits, ${pct(rec.title_unique_fraction)})` : `no scheme of the space meets ${t.op === "≤" ? t.share : target}`;
    const refText = failing.length
      ? `${failing.length} of ${refs.length} Plex-like schemes ${failing.length === 1 ? "misses" : "miss"} the target (${failing.map((r) => `${r.label}: ${pct(r.title_unique_fraction)}`).join("; ")})`
      : `all ${refs.length} Plex-like schemes meet it`;
    return `${panel}: ${recText}; ${refText}.`;
  });
  return parts.join(" ");
}

/**
 * References that land on the same point (on a catalog without bitrate or resolution,
 * several Plex-like schemes are the same scheme) drawn once, their labels joined, so
 * the labels do not print over each other.
 */
export function mergeCoincidentReferences(points: FrontierChartPoint[]): FrontierChartPoint[] {
  const out: FrontierChartPoint[] = [];
  const at = new Map<string, FrontierChartPoint>();
  for (const p of points) {
    if (p.role !== "reference") {
      out.push(p);
      continue;
    }
    const key = `${p.objective}|${p.risk}`;
    const seen = at.get(key);
    if (seen) seen.label = `${seen.label} = ${(p.label ?? "").replace(/^Plex-like /, "")}`;
    else {
      const copy = { ...p };
      at.set(key, copy);
      out.push(copy);
    }
  }
  return out;
}

/** The panels side by side, two per row: each one frontier chart (420 × 260), the shared config lifted to the top. */
function panelsSpec(panels: TopLevelSpec[], title: string): TopLevelSpec {
  const strip = (s: TopLevelSpec) => {
    const { $schema: _s, config: _c, ...rest } = s as unknown as Record<string, unknown>;
    return rest;
  };
  const first = panels[0] as unknown as Record<string, unknown>;
  return {
    $schema: first.$schema,
    title: { text: title, anchor: "start", fontSize: 15 },
    columns: 2,
    concat: panels.map(strip),
    resolve: { scale: { color: "shared", shape: "shared" } },
    config: first.config,
  } as unknown as TopLevelSpec;
}

async function makeF6(config: ReproduceConfig): Promise<Artifact> {
  const p = paramsOf(config, "F6");
  const F6_TARGET = p.target;
  const words = targetWords(F6_TARGET);
  const catalogs = await paperCatalogs(config, p.catalogs);
  const references = PLEX_LIKE_SCHEMES.map((p) => parseScheme(p.scheme));
  const rows: F6Row[] = [];
  const specs: TopLevelSpec[] = [];
  for (const [k, c] of catalogs.entries()) {
    const result = tune([c.catalog], { targets: [parseTarget(F6_TARGET)], prune: false, references, seed: config.seed });
    rows.push(...f6Rows(c.label, c.source, result));
    const { points, options } = tuneFigureData(result);
    specs.push(
      // the recommendation is named in the subtitle: its label would print over a nearby reference's
      frontierChartSpec(mergeCoincidentReferences(points.map(({ label, ...p }) => (p.role === "reference" ? { ...p, label } : p))), {
        ...options,
        title: `${c.label}: ${result.evaluated} schemes`,
        subtitle: `recommended: ${result.recommended?.text ?? "none qualifies"}`,
        riskTitle: words.metric,
        objectiveTitle: "information kept (entropy bits)",
        width: 420,
        height: 260,
      }),
    );
    config.onProgress?.("F6", k + 1, catalogs.length);
  }
  const data: Table = {
    columns: ["panel", "source", "scheme", "role", "label", "entropy_bits", "title_unique_fraction", "meets"],
    rows: rows.map((r) => [r.panel, r.source, r.scheme, r.role, r.label, r.entropy_bits, r.title_unique_fraction, r.meets ? "yes" : "no"]),
  };
  return {
    id: "F6",
    name: "f6-tune-frontier",
    title: f6.title,
    caption:
      `Data: ${catalogs.map((c) => `${c.source} (${c.catalog.rows.toLocaleString("en-US")} rows)`).join(", ")}. ` +
      `Schemes: every scheme of tune's default space over the attributes each catalog has, evaluated without pruning; target ${F6_TARGET}; ` +
      `information kept = entropy_bits of the reported tuple. Plex-like references: ${PLEX_LIKE_SCHEMES.map((p) => p.scheme).join("; ")} (attributes a catalog lacks are not observed there).`,
    data,
    spec: panelsSpec(specs, `Risk against information kept, per catalog (target: ${words.metric} ${words.bound}, the dashed line)`),
    text: findingText(rows, F6_TARGET),
  };
}

export const f6: ArtifactMaker = { id: "F6", name: "f6-tune-frontier", title: "The tune frontier per catalog, with the Plex-like promises marked", describe: "the tune frontier per catalog with the Plex-like schemes marked", make: makeF6 };
