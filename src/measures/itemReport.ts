/**
 * The per-item report (`fprisk report`): for one scheme, which items of a library
 * stand out and why. Each item gets its class size, the items it is confused with,
 * its chance of being named, and — for items whose observation names their title
 * outright — which attribute makes it so: would dropping that attribute hide it,
 * and the smallest coarsening of it that would.
 */
import type { Catalog } from "../catalog/catalog.js";
import { itemSource } from "../catalog/describe.js";
import { classStats } from "../engine/classStats.js";
import { summarizeCatalog, type CatalogSummary } from "./evaluate.js";
import { partition, type Partition } from "../engine/partition.js";
import { itemRisk, mostIdentifyingOrder } from "./itemRisk.js";
import { computeMetrics } from "./metrics.js";
import { formatGeneralizer, formatScheme } from "../schemes/format.js";
import { bucketKeys, bucketLabel } from "../schemes/generalize.js";
import { parseScheme } from "../schemes/parse.js";
import type { Attribute, Generalizer, Scheme, SchemePart } from "../schemes/types.js";
import type { Redactor } from "../base/redact.js";
import { correctMatch, uniqueInPopulation } from "./population/copula.js";
import { posteriorInverseSize, posteriorUnique } from "./population/poissonPosterior.js";
import { checkPopulationOptions, populationRisk, populationSize, wantsPopulation, type PopulationOptions, type PopulationResult } from "./population/populationRisk.js";

/** Coarser generalizers tried per attribute, finest first (internal units). */
const COARSENINGS: Record<Attribute, Generalizer[]> = {
  duration: [1000, 10_000, 60_000, 300_000, 900_000].map((width) => ({ kind: "round", width })),
  bitrate: [10, 100, 1000, 5000].map((width) => ({ kind: "round", width })),
  resolution: [{ kind: "height" }, { kind: "class" }],
  fps: [1, 5].map((width) => ({ kind: "round", width })),
  size: [1 << 20, 10 << 20, 100 << 20, 1 << 30].map((width) => ({ kind: "round", width })),
  // categories: only dropping them is tried
  codec: [],
  container: [],
};

/** How far the report looks into the class of an item. */
const CONFUSED_SHOWN = 5;

export interface ConfusedItem {
  title: string;
  source: string;
}

/** What would hide a title-unique item: per observed attribute. */
export interface AttributeCause {
  attribute: Attribute;
  /** Dropping the attribute puts another title in the item's class. */
  hiddenIfDropped: boolean;
  /** The finest coarsening of this attribute alone that hides the item (a generalizer, e.g. "round(1min)"), or null. */
  hiddenIfCoarsenedTo: string | null;
}

export interface ReportItem {
  rank: number;
  title: string;
  source: string;
  /** The generalized observation, one label per observed attribute. */
  observation: Record<string, string>;
  /** f: items sharing the observation (itself included). */
  classSize: number;
  /** d: distinct titles among them. */
  classTitles: number;
  /** c / f: chance an attacker picking a random class member names this item's title. */
  chanceNamed: number;
  /** d = 1: one observation of this item names its title. */
  titleUnique: boolean;
  /** Other items in the class (other titles first), at most a few. */
  confusedWith: ConfusedItem[];
  /** Only for title-unique items: which attribute does it. */
  causes: AttributeCause[] | null;
  /** With a population size: this item's population risk (records, not titles). */
  population?: ItemPopulationRisk;
}

/**
 * One item's risk in the population (copula.ts, poissonPosterior.ts): p_x its cell
 * probability under the copula model, ξ_x and κ_x, and — for items unique in the catalog —
 * the Poisson posterior with λ = N·p_x.
 */
export interface ItemPopulationRisk {
  cellProbability: number;
  /** ξ_x = (1 − p_x)^(N−1): the item is unique among all N records. */
  uniqueInPopulation: number;
  /** κ_x: a match on its observation names it (picking at random among look-alikes). */
  correctMatch: number;
  /** P(F = 1 | f = 1); null unless the item is unique in the catalog. */
  posteriorUnique: number | null;
  /** E[1/F | f = 1]; null unless the item is unique in the catalog. */
  posteriorInverseSize: number | null;
}

export interface ItemReport {
  catalog: CatalogSummary;
  scheme: string;
  summary: {
    items: number;
    titles: number;
    classes: number;
    /** Items alone in their class. */
    unique_items: number;
    unique_fraction: number;
    /** Items whose observation names their title. */
    title_unique_items: number;
    title_unique_fraction: number;
    kappa: number;
  };
  /** With a population size: the estimators' results and the copula averages (pop_* metrics). */
  population?: PopulationResult & { metrics: Record<string, number> };
  /** Per observed attribute: title-unique items hidden by dropping it, and by each coarsening. */
  attributes: {
    attribute: Attribute;
    generalizer: string;
    hidden_if_dropped: number;
    coarsenings: { generalizer: string; hidden: number }[];
  }[];
  /** Most identifying first; at most `limit`. */
  items: ReportItem[];
  /** Items not listed because of the limit. */
  omitted: number;
  redacted: boolean;
}

/**
 * The same report with its items produced one at a time, on demand (each call of
 * `items()` walks them again): what the CLI streams, so listing millions of items never
 * holds them all. `listed` is how many `items()` yields.
 */
export interface ItemReportStream extends Omit<ItemReport, "items"> {
  listed: number;
  items(): Generator<ReportItem>;
}

export interface ItemReportOptions extends PopulationOptions {
  /** List at most this many items (default all). */
  limit?: number;
  redactor?: Redactor;
}

interface Alternative {
  /** Distinct titles in each row's class under the altered scheme. */
  classOf: Int32Array;
  classTitles: Int32Array;
}

function alternative(catalog: Catalog, scheme: Scheme): Alternative {
  const p: Partition = partition(catalog, scheme);
  return { classOf: p.classOf, classTitles: classStats(catalog, p).classTitles };
}

/** The scheme with one attribute's generalizer replaced, or the attribute dropped (null). */
function withPart(scheme: Scheme, attribute: Attribute, generalizer: Generalizer | null): Scheme {
  const parts = scheme.parts.map((p) => (p.attribute === attribute ? { attribute, generalizer } : p));
  return { parts: parts.filter((p): p is SchemePart => p.generalizer !== null) };
}

export function buildItemReport(catalog: Catalog, schemeInput: Scheme | string, options: ItemReportOptions = {}): ItemReport {
  const { items, listed, ...rest } = streamItemReport(catalog, schemeInput, options);
  return { ...rest, items: [...items()] };
}

export function streamItemReport(catalog: Catalog, schemeInput: Scheme | string, options: ItemReportOptions = {}): ItemReportStream {
  checkPopulationOptions(options);
  const size = wantsPopulation(options) ? populationSize(catalog.rows, options) : undefined;
  const scheme = typeof schemeInput === "string" ? parseScheme(schemeInput) : schemeInput;
  const part = partition(catalog, scheme);
  // Per-item population risk needs the copula's p_x, so the copula always runs here.
  const pop = size ? populationRisk(catalog, scheme, part, { ...options, estimator: "all" }) : undefined;
  const stats = classStats(catalog, part);
  const metrics = computeMetrics(catalog, part, stats);
  const risk = itemRisk(catalog, part);
  const n = catalog.rows;
  const redact = options.redactor;
  const titleOf = (i: number) => {
    const name = catalog.titleNames[catalog.titleCodes[i]];
    return redact ? redact.title(name) : name;
  };
  const sourceOf = (i: number) => {
    const src = itemSource(catalog, i);
    if (!redact) return src;
    // keep a database row id (not identifying), hash the path (file names carry titles)
    const m = /^(.*):(\d+)$/.exec(src);
    return m && catalog.origin ? `${redact.path(m[1])}:${m[2]}` : redact.path(src);
  };

  // Causes: one partition per dropped attribute and per coarsening that is actually
  // coarser on this catalog (fewer classes) — a handful of passes over the rows.
  const uniqueRows: number[] = [];
  for (let i = 0; i < n; i++) if (risk.classTitles[i] === 1) uniqueRows.push(i);
  const hidden = (alt: Alternative, i: number) => alt.classTitles[alt.classOf[i]] > 1;
  const attributes: ItemReport["attributes"] = [];
  const causeOf = new Map<number, AttributeCause[]>();
  for (const i of uniqueRows) causeOf.set(i, []);
  for (const p of scheme.parts) {
    const dropped = alternative(catalog, withPart(scheme, p.attribute, null));
    const coarser = COARSENINGS[p.attribute]
      .map((g) => ({ g, scheme: withPart(scheme, p.attribute, g) }))
      .map((c) => ({ ...c, part: partition(catalog, c.scheme) }))
      .filter((c) => c.part.classCount < part.classCount)
      .map((c) => ({ label: formatGeneralizer(p.attribute, c.g), alt: { classOf: c.part.classOf, classTitles: classStats(catalog, c.part).classTitles } }));
    const entry = { attribute: p.attribute, generalizer: formatGeneralizer(p.attribute, p.generalizer), hidden_if_dropped: 0, coarsenings: coarser.map((c) => ({ generalizer: c.label, hidden: 0 })) };
    for (const i of uniqueRows) {
      const byDrop = hidden(dropped, i);
      if (byDrop) entry.hidden_if_dropped++;
      let to: string | null = null;
      coarser.forEach((c, j) => {
        if (hidden(c.alt, i)) {
          entry.coarsenings[j].hidden++;
          to ??= c.label;
        }
      });
      causeOf.get(i)!.push({ attribute: p.attribute, hiddenIfDropped: byDrop, hiddenIfCoarsenedTo: to });
    }
    attributes.push(entry);
  }

  const keys = scheme.parts.map((p: SchemePart) => ({ part: p, keys: bucketKeys(p, catalog) }));
  const order = mostIdentifyingOrder(risk);
  const limit = Math.min(n, options.limit ?? n);
  function* items(): Generator<ReportItem> {
    for (let r = 0; r < limit; r++) {
      const i = order[r];
      const k = part.classOf[i];
      const others = Array.from(risk.members.subarray(risk.start[k], risk.start[k + 1])).filter((j) => j !== i);
      const sameTitle = (j: number) => catalog.titleCodes[j] === catalog.titleCodes[i];
      others.sort((a, b) => Number(sameTitle(a)) - Number(sameTitle(b)) || a - b);
      yield {
        rank: r + 1,
        title: titleOf(i),
        source: sourceOf(i),
        observation: Object.fromEntries(keys.map(({ part: p, keys: kk }) => [p.attribute, bucketLabel(p, kk[i])])),
        classSize: risk.classSize[i],
        classTitles: risk.classTitles[i],
        chanceNamed: risk.sameTitle[i] / risk.classSize[i],
        titleUnique: risk.classTitles[i] === 1,
        confusedWith: others.slice(0, CONFUSED_SHOWN).map((j) => ({ title: titleOf(j), source: sourceOf(j) })),
        causes: causeOf.get(i) ?? null,
        ...(pop && size ? { population: itemPopulation(pop.copula!.classProbability[k], risk.classSize[i], size.N, size.pi) } : {}),
      };
    }
  }

  const summary = summarizeCatalog(catalog);
  return {
    catalog: redact ? { ...summary, source: redact.path(summary.source) } : summary,
    scheme: formatScheme(scheme),
    summary: {
      items: n,
      titles: catalog.titleNames.length,
      classes: part.classCount,
      unique_items: risk.classSize.reduce((a, f) => a + (f === 1 ? 1 : 0), 0),
      unique_fraction: metrics.unique_fraction,
      title_unique_items: uniqueRows.length,
      title_unique_fraction: metrics.title_unique_fraction,
      kappa: metrics.kappa,
    },
    ...(pop ? { population: { ...pop.population, metrics: pop.metrics } } : {}),
    attributes,
    listed: limit,
    items,
    omitted: n - limit,
    redacted: redact !== undefined,
  };
}

function itemPopulation(p: number, classSize: number, N: number, pi: number): ItemPopulationRisk {
  const unique = classSize === 1;
  return {
    cellProbability: p,
    uniqueInPopulation: uniqueInPopulation(p, N),
    correctMatch: correctMatch(p, N),
    posteriorUnique: unique ? posteriorUnique(N * p, pi) : null,
    posteriorInverseSize: unique ? posteriorInverseSize(N * p, pi) : null,
  };
}
