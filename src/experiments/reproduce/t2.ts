/**
 * T2 — the smallest duration rounding width at which one play names the title for
 * at most 1 % (and 0.1 %) of items, per catalog and bitrate scheme.
 */
import { evaluate } from "../../measures/evaluate.js";
import { renderMarkdownTable, type Table } from "../../output/tabular.js";
import { sweepSchemes } from "../sweep.js";
import { paperCatalogs } from "./catalogs.js";
import type { Artifact, ArtifactMaker, ReproduceConfig } from "./types.js";

/** Round widths tried, finest first. They do not all nest, so each is evaluated on its own. */
const T2_WIDTHS = ["1ms", "10ms", "100ms", "1s", "2s", "5s", "10s", "15s", "30s", "1min", "2min", "5min", "10min", "15min", "30min", "1h"];
const T2_TARGETS = [0.01, 0.001];

/** First width in `widths` whose value is ≤ target, or null. */
function smallestWidthMeeting(values: number[], widths: string[], target: number): string | null {
  const i = values.findIndex((v) => v <= target);
  return i < 0 ? null : widths[i];
}

async function makeT2(config: ReproduceConfig): Promise<Artifact> {
  const catalogs = await paperCatalogs(config);
  const rows: Table["rows"] = [];
  for (const { label, catalog } of catalogs) {
    const bitrates = catalog.numeric.bitrate_kbps ? ["drop", "round(100kbps)", "round(1Mbps)"] : ["drop"];
    const resolution = catalog.numeric.width || catalog.numeric.height ? ["class"] : ["drop"];
    for (const bitrate of bitrates) {
      const grid = evaluate(catalog, sweepSchemes({ duration: T2_WIDTHS, bitrate: [bitrate], resolution }));
      const values = grid.results.map((r) => r.metrics.title_unique_fraction);
      rows.push([
        label,
        bitrate === "drop" ? "not reported" : bitrate,
        resolution[0] === "drop" ? "not reported" : resolution[0],
        values[0],
        ...T2_TARGETS.map((t) => smallestWidthMeeting(values, T2_WIDTHS, t) ?? `> ${T2_WIDTHS[T2_WIDTHS.length - 1]}`),
      ]);
    }
  }
  const data: Table = {
    columns: ["catalog", "bitrate", "resolution", "title_unique at 1 ms", "width for ≤ 1 %", "width for ≤ 0.1 %"],
    rows,
  };
  const dropped = rows.filter((r) => r[1] === "not reported");
  return {
    id: "T2",
    name: "t2-widths-for-targets",
    title: "Smallest duration widths that meet a risk target",
    caption: `title_unique_fraction under duration=round(w) for w in ${T2_WIDTHS[0]} … ${T2_WIDTHS[T2_WIDTHS.length - 1]}, with the bitrate scheme shown; attacker holds the same catalog; seed ${config.seed} for the synthetic catalog.`,
    data,
    markdown: renderMarkdownTable(data),
    text: `With bitrate not reported, one play names at most 1 % of items once durations are rounded to ${dropped.map((r) => `${r[4]} (${r[0]})`).join(", ")}.`,
  };
}

export const t2: ArtifactMaker = { id: "T2", name: "t2-widths-for-targets", describe: "smallest widths for title_unique ≤ 1 % and ≤ 0.1 %", make: makeT2 };
