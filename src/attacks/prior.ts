/**
 * Popularity priors: how likely each title is to be played, before any observation.
 *
 *   --prior uniform                               every attacker item equally likely
 *   --prior netflix-engagement-2023-2024:views    title weights from a column of a table
 *
 * A table prior reads one numeric column of a registry dataset or a CSV/TSV file
 * (title column from the registry's map, or detected from the header as for
 * catalogs), sums the weights of rows that share a normalized title (Netflix lists a
 * title once per report period), and is joined to the attacker's titles with
 * `TitleIndex` (full name, then base title). Titles the table does not list get a
 * floor weight: half the smallest positive weight it lists — "rarer than anything
 * the table bothered to count", never impossible.
 */
import { readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import { getDataset, datasetFilePaths } from "../sources/registry/registry.js";
import { UserError } from "../base/errors.js";
import { detectFieldMap } from "../sources/table/detect.js";
import { parseFieldMap } from "../sources/table/fieldMap.js";
import { fileError, sniffFile } from "../sources/sniff.js";
import { TITLE_JOINER, TitleIndex } from "./titleJoin.js";

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

/** Parse `--prior`: "uniform" → undefined, "<source>:<column>" → the table's weights. */
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
  let files: string[];
  let titleColumns: string[] | undefined;
  if (entry) {
    files = datasetFilePaths(entry);
    titleColumns = parseFieldMap(entry.map).title?.columns;
  } else {
    files = [source];
  }
  const rows: Record<string, string>[] = [];
  for (const file of files) {
    const sniffed = await sniffFile(file).catch((e) => {
      throw e instanceof UserError && /no such file|not found|does not exist/i.test(e.message) && !/[\\/.]/.test(source)
        ? new UserError(`\`prior\`: "${source}" is neither a file nor a known dataset (see \`fprisk datasets list\`)`)
        : e;
    });
    if (sniffed.kind !== "csv") throw new UserError(`\`prior\`: ${file} is not a CSV/TSV table`);
    let text: string;
    try {
      text = readFileSync(file, "utf8");
    } catch (e) {
      throw fileError(file, e);
    }
    rows.push(...(parse(text, { columns: true, bom: true, delimiter: sniffed.delimiter, skip_empty_lines: true, relax_column_count: true }) as Record<string, string>[]));
  }
  if (rows.length === 0) throw new UserError(`\`prior\`: ${source} has no rows`);
  const header = Object.keys(rows[0]);
  if (!header.includes(column)) throw new UserError(`\`prior\`: ${source} has no column "${column}" (columns: ${header.join(", ")})`);
  titleColumns ??= detectFieldMap(header).title?.columns;
  if (!titleColumns) throw new UserError(`\`prior\`: cannot tell which column of ${source} names the title (columns: ${header.join(", ")})`);
  return priorFromRows(spec, rows, titleColumns, column);
}

/** Sum `column` per title (rows without a number are skipped) and set the floor. */
export function priorFromRows(label: string, rows: Record<string, string>[], titleColumns: string[], column: string): TitlePrior {
  const sums = new Map<string, number>();
  for (const row of rows) {
    const w = Number(row[column]);
    const name = titleColumns.map((c) => (row[c] ?? "").trim()).join(TITLE_JOINER);
    if (!name || !(w >= 0) || row[column].trim() === "") continue;
    sums.set(name, (sums.get(name) ?? 0) + w);
  }
  let minPositive = Infinity;
  for (const w of sums.values()) if (w > 0 && w < minPositive) minPositive = w;
  if (!Number.isFinite(minPositive)) throw new UserError(`\`prior\`: column "${column}" of ${label} has no positive numbers`);
  const weights = new TitleIndex<number>();
  // Largest first: on a normalized-name collision the better-known title's weight wins.
  for (const [name, w] of [...sums].sort((a, b) => b[1] - a[1])) weights.add(name, w);
  return { label, weights, floor: minPositive / 2, titles: sums.size };
}

/** The prior weight of each of a catalog's titles. */
export function titleWeights(prior: TitlePrior, titleNames: readonly string[]): Float64Array {
  return Float64Array.from(titleNames, (name) => prior.weights.get(name) ?? prior.floor);
}
