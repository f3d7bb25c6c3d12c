/**
 * Many schemes over one catalog, answered from one table of classes instead of the
 * rows (see engine/rollup.ts). The finest scheme over the attributes in play (each
 * exact) is partitioned once into (class, title, count) pairs, its classes ranked by
 * the run attribute's raw values; each choice of each attribute is applied once to
 * those classes; a scheme then costs, for a new prefix (its parts but the run
 * attribute's), one gather of the table in that prefix's order, and for each scheme one
 * scan of it. Schemes with the same prefix should come together: the last prefix is kept.
 * The metrics equal `evaluateScheme`'s to the bit (both are finished from class-size
 * totals, engine/sizeTotals.ts).
 *
 *   const ev = new RollupEvaluator(catalog, ["duration", "bitrate"]);
 *   ev.evaluate(parseScheme("duration=round(1min),bitrate=log(10%)")).metrics  // = evaluateScheme(…).metrics
 *
 * Schemes with `quantile` (fitted on the whole column), noise (a function of the item,
 * not of its values) or an attribute outside the table are partitioned from the rows.
 */
import type { Catalog } from "../catalog/catalog.js";
import { combineWith, Scratch, type DenseCodes } from "../base/densify.js";
import { classStats } from "../engine/classStats.js";
import { partition } from "../engine/partition.js";
import { classRecords, classTable, codesOverClasses, isContiguous, PrefixGroup, type ClassRecords, RollScratch, rollUpRuns, type ClassTable } from "../engine/rollup.js";
import { formatGeneralizer } from "../schemes/format.js";
import { isRandomized } from "../schemes/generalizers/registry.js";
import { catalogHasPart } from "../schemes/schemeView.js";
import { ATTRIBUTE_FIELDS, ATTRIBUTES, type Attribute, type Scheme, type SchemePart } from "../schemes/types.js";
import { classSizeHistogram, computeMetrics, metricsFromSizes, type HistogramBin, type MetricOptions, type Metrics } from "./metrics.js";
import { NUMERIC_FIELDS, type NumericField } from "../catalog/catalog.js";

/** The attributes a catalog can observe (resolution through width or height, text through its column). */
export function catalogAttributes(catalog: Catalog): Set<Attribute> {
  return new Set(ATTRIBUTES.filter((attribute) => catalogHasPart({ attribute, generalizer: { kind: "exact" } }, catalog)));
}

function partKey(part: SchemePart): string {
  return `${part.attribute}=${formatGeneralizer(part.attribute, part.generalizer)}`;
}

/** Attributes read from one numeric field: their generalizers are monotone in it, so they can be the run attribute. */
function runField(attribute: Attribute): NumericField | undefined {
  const fields = ATTRIBUTE_FIELDS[attribute];
  return fields.length === 1 && (NUMERIC_FIELDS as readonly string[]).includes(fields[0]) ? (fields[0] as NumericField) : undefined;
}

/**
 * The run attribute for schemes made of `parts`: of the attributes read from one
 * numeric field (and `allowed`), the one with the most distinct parts, ties to the
 * first in `parts`. A search orders its schemes by it (tune.ts), the same on any engine.
 */
export function runAttributeOf(parts: readonly SchemePart[], allowed: (a: Attribute) => boolean = () => true): Attribute | undefined {
  const distinct = new Map<Attribute, Set<string>>();
  for (const p of parts) if (runField(p.attribute) && allowed(p.attribute)) (distinct.get(p.attribute) ?? distinct.set(p.attribute, new Set()).get(p.attribute)!).add(partKey(p));
  let best: Attribute | undefined;
  for (const [a, keys] of distinct) if (!best || keys.size > distinct.get(best)!.size) best = a;
  return best;
}

export class RollupEvaluator {
  private table?: ClassTable;
  private readonly codes = new Map<string, DenseCodes>();
  private readonly runnable = new Map<string, boolean>();
  private readonly attributes: Attribute[];
  /** The attribute the table is ranked by, and its parts the schemes to come will use. */
  readonly run?: Attribute;
  private readonly runParts: SchemePart[];
  private readonly scratch = new Scratch();
  private readonly rollScratch = new RollScratch();
  private prefix?: { key: string; group: PrefixGroup; runKeys: string[] };
  /** The expected run parts that are contiguous, and the class records with their codes (computed once). */
  private runCodes?: { keys: string[]; records: ClassRecords };

  /**
   * `attributes`: those the schemes to come may use (the table is exact on each the
   * catalog has). `expected`: the parts they will use, if known: the run attribute is
   * `runAttributeOf` them, and each prefix is gathered with their cuts.
   */
  constructor(
    readonly catalog: Catalog,
    attributes: Iterable<Attribute>,
    private readonly options: MetricOptions = {},
    expected: readonly SchemePart[] = [],
  ) {
    const has = catalogAttributes(catalog);
    this.attributes = [...new Set(attributes)].filter((a) => has.has(a));
    const rankable = (a: Attribute) => this.attributes.includes(a) && catalog.numeric[runField(a)!] !== undefined;
    this.run = runAttributeOf(expected.filter((p) => this.rollsUp({ parts: [p] })), rankable) ?? this.attributes.find(rankable);
    const seen = new Set<string>();
    this.runParts = expected.filter((p) => p.attribute === this.run && this.rollsUp({ parts: [p] }) && !seen.has(partKey(p)) && seen.add(partKey(p)));
  }

  private base(): ClassTable {
    this.table ??= classTable(
      this.catalog,
      partition(this.catalog, { parts: this.attributes.map((attribute) => ({ attribute, generalizer: { kind: "exact" } as const })) }),
      this.run && runField(this.run),
    );
    return this.table;
  }

  private rollsUp(scheme: Scheme): boolean {
    return scheme.parts.every((p) => p.generalizer.kind !== "quantile" && !isRandomized(p.generalizer) && this.attributes.includes(p.attribute));
  }

  /** One choice's codes over the table's classes (cached). */
  choiceCodes(part: SchemePart): DenseCodes {
    const key = partKey(part);
    let c = this.codes.get(key);
    if (!c) {
      c = this.rollsUp({ parts: [part] }) ? codesOverClasses(this.base(), { parts: [part] }) : (({ classOf, classCount }) => ({ codes: classOf, count: classCount }))(partition(this.catalog, { parts: [part] }));
      this.codes.set(key, c);
    }
    return c;
  }

  evaluate(scheme: Scheme): { metrics: Metrics; histogram: HistogramBin[] } {
    if (!this.rollsUp(scheme)) {
      const part = partition(this.catalog, scheme);
      return { metrics: computeMetrics(this.catalog, part, classStats(this.catalog, part), this.options), histogram: classSizeHistogram(part) };
    }
    const runPart = scheme.parts.find((p) => p.attribute === this.run && this.contiguous(p));
    const group = this.group(scheme.parts.filter((p) => p !== runPart));
    const at = runPart ? group.runKeys.indexOf(partKey(runPart)) : -1;
    const starts = at >= 0 ? group.group.starts[at] : group.group.startsOf(runPart && this.choiceCodes(runPart));
    return metricsFromSizes(rollUpRuns(group.group, starts, this.rollScratch), this.catalog.titleNames.length, this.options);
  }

  /** Whether a run-attribute part's classes are contiguous in rank order (cached; true for every monotone generalizer). */
  private contiguous(part: SchemePart): boolean {
    const key = partKey(part);
    let c = this.runnable.get(key);
    if (c === undefined) this.runnable.set(key, (c = isContiguous(this.choiceCodes(part))));
    return c;
  }

  /** The prefix's group: the last one when the prefix is the same, else gathered anew. */
  private group(prefix: readonly SchemePart[]): { group: PrefixGroup; runKeys: string[] } {
    const key = prefix.map(partKey).join(",");
    if (this.prefix?.key === key) return this.prefix;
    const table = this.base();
    const k = table.classCount;
    let codes: DenseCodes = { codes: this.scratch.int32(k).fill(0), count: k > 0 ? 1 : 0 };
    for (const p of prefix) {
      const next = combineWith(codes, this.choiceCodes(p), this.scratch);
      this.scratch.release(codes.codes);
      codes = next;
    }
    if (!this.runCodes) {
      const parts = this.runParts.filter((p) => this.contiguous(p));
      this.runCodes = { keys: parts.map(partKey), records: classRecords(table, parts.map((p) => this.choiceCodes(p))) };
    }
    const group = new PrefixGroup(table, codes, this.runCodes.records, this.prefix?.group);
    this.scratch.release(codes.codes);
    this.prefix = { key, group, runKeys: this.runCodes.keys };
    return this.prefix;
  }
}
