/**
 * T4 — what a Plex-like promise would have needed: per catalog set (each catalog of
 * the study alone, then all of them together) and per target (title_unique_fraction
 * ≤ 1 %, ≤ 0.1 %, linkage(4) ≤ 5 %), the scheme `tune` recommends over its default
 * space (pruning on), the target it binds on, and which Plex-like schemes meet the
 * same target on the same catalogs.
 *
 * linkage(4): servers drawn from each catalog (1,000; 200 in quick runs), 4 linked plays
 * of each attacked server, seeded by the run's seed — as `fprisk attack --plays 4`.
 */
import type { Catalog } from "../../catalog/catalog.js";
import { renderMarkdownTable, type Table } from "../../output/tabular.js";
import { parseScheme } from "../../schemes/parse.js";
import { PLEX_LIKE_SCHEMES, tune } from "../tune/tune.js";
import { parseTarget } from "../tune/target.js";
import { paperCatalogs, paramsOf } from "./catalogs.js";
import { pct } from "./text.js";
import type { Artifact, ArtifactMaker, ReproduceConfig } from "./types.js";


export interface T4Row {
  catalogs: string;
  target: string;
  recommended: string;
  entropy_bits: number;
  binding_catalog: string;
  binding_value: number;
  evaluated: number;
  pruned: number;
  plex_like_meeting: string;
}

function findingText(rows: T4Row[], allLabel: string): string {
  const together = rows.filter((r) => r.catalogs === allLabel);
  const parts = together.map((r) => {
    const plex = r.plex_like_meeting ? `Plex-like schemes that meet it: ${r.plex_like_meeting}` : "no Plex-like scheme meets it";
    return r.recommended
      ? `for ${r.target} the most detailed scheme is ${r.recommended} (${r.entropy_bits.toFixed(2)} bits summed; binding on ${r.binding_catalog} at ${pct(r.binding_value)}); ${plex}`
      : `for ${r.target} no scheme of the space qualifies; ${plex}`;
  });
  const none = rows.filter((r) => !r.plex_like_meeting).length;
  return `On all catalogs together, ${parts.join("; ")}. In ${none} of ${rows.length} catalog-set and target combinations no Plex-like scheme meets the target.`;
}

/**
 * One row of T4: `tune` on the set's catalogs against one target (default space,
 * pruning on), the Plex-like schemes evaluated alongside as references.
 */
export function tunedRow(setLabel: string, members: { label: string; catalog: Catalog }[], target: string, o: { seed: number; libraries: number }): T4Row {
  const references = PLEX_LIKE_SCHEMES.map((p) => parseScheme(p.scheme));
  const r = tune(
    members.map((m) => m.catalog),
    { targets: [parseTarget(target)], references, seed: o.seed, libraries: o.libraries, attackTargets: o.libraries },
  );
  const labelOf = (source: string) => members.find((m) => m.catalog.source === source)?.label ?? source;
  const meeting = r.references.filter((x) => x.meets).map((x) => PLEX_LIKE_SCHEMES.find((p) => p.scheme === x.text)?.label ?? x.text);
  return {
    catalogs: setLabel,
    target,
    recommended: r.recommended?.text ?? "",
    entropy_bits: r.recommended?.objective ?? NaN,
    binding_catalog: r.recommended ? labelOf(r.recommended.binding.catalog) : "",
    binding_value: r.recommended?.binding.value ?? NaN,
    evaluated: r.evaluated,
    pruned: r.pruned,
    plex_like_meeting: meeting.join("; "),
  };
}

async function makeT4(config: ReproduceConfig): Promise<Artifact> {
  const p = paramsOf(config, "T4");
  const T4_TARGETS = p.targets;
  const catalogs = await paperCatalogs(config, p.catalogs);
  const allLabel = `all ${catalogs.length}`;
  const sets = [...catalogs.map((c) => ({ label: c.label, members: [c] })), { label: allLabel, members: catalogs }];
  const libraries = p.libraries;
  const rows: T4Row[] = [];
  let step = 0;
  for (const set of sets) {
    for (const target of T4_TARGETS) {
      rows.push(tunedRow(set.label, set.members, target, { seed: config.seed, libraries }));
      config.onProgress?.("T4", ++step, sets.length * T4_TARGETS.length);
    }
  }
  const data: Table = {
    columns: ["catalogs", "target", "recommended", "entropy_bits", "binding_catalog", "binding_value", "evaluated", "pruned", "plex_like_meeting"],
    rows: rows.map((r) => [r.catalogs, r.target, r.recommended, r.entropy_bits, r.binding_catalog, r.binding_value, r.evaluated, r.pruned, r.plex_like_meeting]),
  };
  const shown: Table = {
    columns: ["catalogs", "target", "recommended scheme", "bits", "binding", "Plex-like schemes meeting it"],
    rows: rows.map((r) => [
      r.catalogs,
      r.target,
      r.recommended || "none qualifies",
      Number.isNaN(r.entropy_bits) ? "—" : r.entropy_bits.toFixed(2),
      r.binding_catalog ? `${r.binding_catalog}: ${pct(r.binding_value)}` : "—",
      r.plex_like_meeting || "none",
    ]),
  };
  return {
    id: "T4",
    name: "t4-tuned-schemes",
    title: t4.title,
    caption:
      `Data: ${catalogs.map((c) => c.source).join(", ")}, each alone and all together (a scheme qualifies only on every catalog of the set). ` +
      `Search: tune's default space over the attributes the catalogs have, pruning on; objective entropy_bits summed over the set. ` +
      `linkage(4): ${libraries.toLocaleString("en-US")} servers per catalog, ${libraries.toLocaleString("en-US")} attacked, seed ${config.seed}. ` +
      `Plex-like references: ${PLEX_LIKE_SCHEMES.map((p) => `${p.label} = ${p.scheme}`).join("; ")}.`,
    data,
    text: findingText(rows, allLabel),
    markdown: renderMarkdownTable(shown),
  };
}

export const t4: ArtifactMaker = { id: "T4", name: "t4-tuned-schemes", title: "What a Plex-like promise would have needed: the tuned scheme per catalog set and target", describe: "the tuned scheme per catalog set for three targets, against the Plex-like promises", make: makeT4 };
