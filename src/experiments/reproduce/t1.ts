/** T1 — the catalogs of the study: rows, titles, precision per attribute, licence. */
import { precisionText } from "../../catalog/describe.js";
import { getDataset } from "../../sources/registry/registry.js";
import { renderMarkdownTable, type Table } from "../../output/tabular.js";
import { paperCatalogs, paramsOf } from "./catalogs.js";
import { isSynthetic } from "./text.js";
import type { Artifact, ArtifactMaker, ReproduceConfig } from "./types.js";

async function makeT1(config: ReproduceConfig): Promise<Artifact> {
  const catalogs = await paperCatalogs(config, paramsOf(config, "T1").catalogs);
  const data: Table = {
    columns: ["catalog", "source", "rows", "titles", "duration precision", "bitrate precision", "resolution", "licence"],
    rows: catalogs.map(({ label, source, catalog }) => {
      const has = (f: "width" | "height") => catalog.numeric[f] !== undefined;
      return [
        label,
        source,
        catalog.rows,
        catalog.titleNames.length,
        precisionText("duration_ms", catalog.precision.duration_ms),
        catalog.numeric.bitrate_kbps ? precisionText("bitrate_kbps", catalog.precision.bitrate_kbps) : "not recorded",
        has("width") && has("height") ? "width × height" : has("height") ? "height" : "not recorded",
        getDataset(source)?.licence ?? (isSynthetic(source) ? "generated (MIT, this project)" : "not known (a local file)"),
      ];
    }),
  };
  const minuteLevel = catalogs.filter((c) => (c.catalog.precision.duration_ms ?? 0) >= 60_000).map((c) => c.label);
  return {
    id: "T1",
    name: "t1-catalogs",
    title: t1.title,
    caption: `Rows and titles after loading; a row with a missing duration is kept, its duration a class of its own (\`fprisk inspect\` counts them). Precision is detected from the values or declared by the registry.${catalogs.some((c) => isSynthetic(c.source)) ? ` Seed ${config.seed} for the synthetic catalog.` : ""}`,
    data,
    markdown: renderMarkdownTable(data),
    text: `${catalogs.length} catalogs, ${catalogs.reduce((a, c) => a + c.catalog.rows, 0).toLocaleString("en-US")} items in all; ${minuteLevel.join(", ") || "none"} record${minuteLevel.length === 1 ? "s" : ""} runtimes in whole minutes.`,
  };
}

export const t1: ArtifactMaker = { id: "T1", name: "t1-catalogs", title: "The catalogs", describe: "the catalogs: rows, titles, precision, licence", make: makeT1 };
