/**
 * Popularity priors: how likely each title is to be played, before any observation.
 *
 *   --prior uniform                               every attacker item equally likely
 *   --prior netflix-engagement-2023-2024:views    title weights from a column of a table
 *
 * A table prior reads one numeric column of a registry dataset or a CSV/TSV/JSON file
 * through the sources' table loader (title column from the registry's map, or detected
 * from the header as for catalogs), sums the weights of rows that share a normalized title (Netflix lists a
 * title once per report period), and is joined to the attacker's titles with
 * `TitleIndex` (full name, then base title). Titles the table does not list get a
 * floor weight: half the smallest positive weight it lists — "rarer than anything
 * the table bothered to count", never impossible.
 */
import { existsSync } from "node:fs";
import { getDataset, datasetFilePaths } from "../sources/registry/registry.js";
import { UserError } from "../base/errors.js";
import { TitleDictionary } from "../sources/catalogAssembler.js";
import { joinTitleParts } from "../sources/catalogBuilder.js";
import { parseFieldMap } from "../sources/table/fieldMap.js";
import { loadTitleColumn } from "../sources/table/loadTable.js";
import { TitleIndex } from "./titleJoin.js";

export interface TitlePrior {
  /** What the user asked for, e.g. "netflix-engagement-2023-2024:views". */
  label: string;
  /** Weight by title name (looked up through `TitleIndex`). */
  weights: TitleIndex<number>;
  /** Weight of titles the table does not list. */
  floor: number;
  /** Distinct titles the table lists. */
  titles: number;
}

/** "uniform" → undefined, "<source>:<column>" → its parts; checked before anything is read. */
export function parsePriorSpec(spec: string): { source: string; column: string } | undefined {
  if (spec === "uniform") return undefined;
  const colon = spec.lastIndexOf(":");
  if (colon <= 0 || colon === spec.length - 1) {
    throw new UserError(`\`prior\` must be "uniform" or <source>:<column> (e.g. netflix-engagement-2023-2024:views), got "${spec}"`);
  }
  return { source: spec.slice(0, colon), column: spec.slice(colon + 1) };
}

export async function loadPrior(spec: string): Promise<TitlePrior | undefined> {
  const parsed = parsePriorSpec(spec);
  if (!parsed) return undefined;
  const { source, column } = parsed;
  const entry = getDataset(source);
  if (!entry && !existsSync(source) && !/[\\/.]/.test(source)) {
    throw new UserError(`--prior: "${source}" is neither a file nor a known dataset (see \`fprisk datasets list\`)`);
  }
  const { catalog, values } = await loadTitleColumn({
    files: entry ? datasetFilePaths(entry) : [source],
    title: entry ? parseFieldMap(entry.map).title?.columns : undefined,
    column,
    source,
    skipInvalid: true,
  }).catch((e) => {
    throw e instanceof UserError ? new UserError(`\`prior\`: ${e.message}`) : e;
  });
  return priorFromWeights(spec, catalog.titleNames, catalog.titleCodes, values, column);
}

/** Sum each title's weights (rows without a number, NaN, are skipped) and set the floor. */
export function priorFromWeights(label: string, titleNames: readonly string[], titleCodes: Int32Array, weights: Float64Array, column: string): TitlePrior {
  const sums = new Map<string, number>();
  for (let i = 0; i < titleCodes.length; i++) {
    const w = weights[i];
    if (!(w >= 0)) continue;
    const name = titleNames[titleCodes[i]];
    sums.set(name, (sums.get(name) ?? 0) + w);
  }
  let minPositive = Infinity;
  for (const w of sums.values()) if (w > 0 && w < minPositive) minPositive = w;
  if (!Number.isFinite(minPositive)) throw new UserError(`\`prior\`: column "${column}" of ${label} has no positive numbers`);
  const weightIndex = new TitleIndex<number>();
  // Largest first: on a normalized-name collision the better-known title's weight wins.
  for (const [name, w] of [...sums].sort((a, b) => b[1] - a[1])) weightIndex.add(name, w);
  return { label, weights: weightIndex, floor: minPositive / 2, titles: sums.size };
}

/** `priorFromWeights` for rows as objects (titles joined as the loaders join them). */
export function priorFromRows(label: string, rows: Record<string, string>[], titleColumns: string[], column: string): TitlePrior {
  const titles = new TitleDictionary();
  const codes = new Int32Array(rows.length);
  const weights = new Float64Array(rows.length);
  let n = 0;
  for (const row of rows) {
    const name = joinTitleParts(titleColumns.map((c) => row[c] ?? ""));
    const text = (row[column] ?? "").trim();
    if (!name || text === "") continue;
    codes[n] = titles.code(name);
    weights[n++] = Number(text);
  }
  return priorFromWeights(label, titles.names, codes.subarray(0, n), weights.subarray(0, n), column);
}

/** The prior weight of each of a catalog's titles. */
export function titleWeights(prior: TitlePrior, titleNames: readonly string[]): Float64Array {
  return Float64Array.from(titleNames, (name) => prior.weights.get(name) ?? prior.floor);
}
