/**
 * T2 — the smallest duration rounding width at which one play names the title for
 * at most 1 % (and 0.1 %) of items, per catalog and bitrate scheme.
 */
import { evaluate } from "../../measures/evaluate.js";
import { renderMarkdownTable, type Table } from "../../output/tabular.js";
import { sweepSchemes } from "../sweep.js";
import { paperCatalogs, paramsOf } from "./catalogs.js";
import { isSynthetic, pct, widthText } from "./text.js";
import type { Artifact, ArtifactMaker, ReproduceConfig } from "./types.js";


/** First width in `widths` whose value is ≤ target, or null. */
function smallestWidthMeeting(values: number[], widths: string[], target: number): string | null {
  const i = values.findIndex((v) => v <= target);
  return i < 0 ? null : widths[i];
}

async function makeT2(config: ReproduceConfig): Promise<Artifact> {
  const p = paramsOf(config, "T2");
  // round widths tried, finest first: they do not all nest, so each is evaluated on its own
  const { widths: T2_WIDTHS, targets: T2_TARGETS } = p;
  const catalogs = await paperCatalogs(config, p.catalogs);
  const rows: Table["rows"] = [];
  for (const { label, catalog } of catalogs) {
    const bitrates = catalog.numeric.bitrate_kbps ? p.bitrates : ["drop"];
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
    columns: ["catalog", "bitrate", "resolution", `title_unique at ${widthText(T2_WIDTHS[0])}`, ...T2_TARGETS.map((t) => `width for ≤ ${pct(t)}`)],
    rows,
  };
  const dropped = rows.filter((r) => r[1] === "not reported");
  return {
    id: "T2",
    name: "t2-widths-for-targets",
    title: t2.title,
    caption: `title_unique_fraction under duration=round(w) for w in ${T2_WIDTHS[0]} … ${T2_WIDTHS[T2_WIDTHS.length - 1]}, with the bitrate scheme shown; attacker holds the same catalog${catalogs.some((c) => isSynthetic(c.source)) ? `; seed ${config.seed} for the synthetic catalog` : ""}.`,
    data,
    markdown: renderMarkdownTable(data),
    text: `With bitrate not reported, one play names at most ${pct(T2_TARGETS[0])} of items once durations are rounded to ${dropped.map((r) => `${r[4]} (${r[0]})`).join(", ")}.`,
  };
}

export const t2: ArtifactMaker = { id: "T2", name: "t2-widths-for-targets", title: "Smallest duration widths that meet a risk target", describe: "smallest widths for title_unique ≤ 1 % and ≤ 0.1 %", make: makeT2 };
