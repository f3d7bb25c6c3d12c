/**
 * Many schemes over one catalog, each answered by one scan of rows kept in a shared
 * order instead of a grouping of its own (engine/intervalScan.ts). The rows are sorted
 * once by the inner attribute's value (engine/valueOrder.ts); each choice of each
 * attribute becomes a lookup table over that attribute's distinct values; schemes that
 * differ only in an interval choice of the inner attribute share one regrouping of the
 * rows by their other parts, their prefix (engine/prefixOrder.ts), and a batch's
 * prefixes are shared out over the engine's threads. The metrics equal
 * `evaluateScheme`'s to the bit (both are finished from class-size totals,
 * engine/sizeTotals.ts).
 *
 *   const ev = new RollupEvaluator(catalog, ["duration", "bitrate"]);
 *   ev.evaluate(parseScheme("duration=round(1min),bitrate=log(10%)")).metrics  // = evaluateScheme(…).metrics
 *
 * Schemes with `quantile` (fitted on the whole column), noise (a function of the item,
 * not of its values) or an attribute outside the order are partitioned from the rows.
 */
import type { Catalog } from "../catalog/catalog.js";
import { sharedFloat64, sharedUint16 } from "../base/densify.js";
import type { InnerTable, ScanTask } from "../engine/intervalScan.js";
import { partition } from "../engine/partition.js";
import { sortedPrefix, type PrefixPart, type SortedPrefix, type SortJob } from "../engine/prefixOrder.js";
import { resolveThreads, runKernel, type EngineOptions } from "../engine/pool.js";
import { schemeTotals } from "../engine/schemeTotals.js";
import { readTotals, totalsSlot } from "../engine/sizeTotals.js";
import { choiceTable, valueOrder, type ChoiceTable, type ValueOrder } from "../engine/valueOrder.js";
import { formatGeneralizer } from "../schemes/format.js";
import { isRandomized } from "../schemes/generalizers/registry.js";
import { catalogHasPart } from "../schemes/schemeView.js";
import { ATTRIBUTES, isScalarAttribute, type Attribute, type ScalarAttribute, type Scheme, type SchemePart } from "../schemes/types.js";
import { metricsFromSizes, type HistogramBin, type MetricOptions, type Metrics } from "./metrics.js";

/** The attributes a catalog can observe (resolution through width or height, text through its column). */
export function catalogAttributes(catalog: Catalog): Set<Attribute> {
  return new Set(ATTRIBUTES.filter((attribute) => catalogHasPart({ attribute, generalizer: { kind: "exact" } }, catalog)));
}

function partKey(part: SchemePart): string {
  return `${part.attribute}=${formatGeneralizer(part.attribute, part.generalizer)}`;
}

/** Distinct prefixes among schemes: each scheme's parts but `inner`'s (those a scan could take as its inner part). */
export function prefixCount(schemes: readonly Scheme[], inner: Attribute | null): number {
  return new Set(schemes.map((s) => s.parts.filter((p) => p.attribute !== inner).map(partKey).join(","))).size;
}

/**
 * The attribute to sort rows by for a batch of schemes: the scalar one with the most
 * distinct choices among `parts` (ties: the first in ATTRIBUTES order), so that the
 * fewest prefixes need a sort of their own. Null when no part is scalar.
 */
export function innerAttribute(parts: Iterable<SchemePart>): ScalarAttribute | null {
  const choices = new Map<Attribute, Set<string>>();
  for (const p of parts) if (isScalarAttribute(p.attribute)) (choices.get(p.attribute) ?? choices.set(p.attribute, new Set()).get(p.attribute)!).add(partKey(p));
  let best: ScalarAttribute | null = null;
  for (const a of ATTRIBUTES) if (isScalarAttribute(a) && (choices.get(a)?.size ?? 0) > (best ? choices.get(best)!.size : 0)) best = a;
  return best;
}

export interface RollupOptions extends MetricOptions, EngineOptions {
  /** The attribute to sort rows by (default: the first scalar one of `attributes`); see `innerAttribute`. */
  inner?: Attribute | null;
  /** Distinct values above which an attribute's tables are by row (engine/valueOrder.ts; default 2^18). */
  perRowAbove?: number;
}

/** Sorted prefixes kept between batches (at 10M rows, 130 MB each). */
const KEPT_PREFIXES = 4;

/** Schemes of a batch that share a prefix: its parts, and per scheme its inner table and its place in the batch. */
interface Group {
  parts: PrefixPart[];
  schemes: { inner: InnerTable | null; i: number }[];
}

export class RollupEvaluator {
  private order?: ValueOrder;
  private readonly tables = new Map<string, ChoiceTable>();
  private readonly rowCounts = new Map<string, number>();
  private readonly attributes: Attribute[];
  private readonly inner: ScalarAttribute | null;
  private readonly threads: number;
  /** Each scheme's totals, written by the threads (grown as batches need). */
  private out = new Float64Array(0);
  /** The inner table of schemes without an inner part (see `noInner`). */
  private zeros?: InnerTable;
  /** Inner tables as scans read them, by choice (see `innerTable`). */
  private readonly innerTables = new Map<string, InnerTable>();
  /** Sorted prefixes by key, least recently used first. */
  private readonly sorted = new Map<string, SortedPrefix>();

  /** `attributes`: those the schemes to come may use (the order codes each the catalog has). */
  constructor(
    readonly catalog: Catalog,
    attributes: Iterable<Attribute>,
    private readonly options: RollupOptions = {},
  ) {
    const has = catalogAttributes(catalog);
    this.attributes = [...new Set(attributes)].filter((a) => has.has(a));
    const scalar = this.attributes.filter(isScalarAttribute);
    const asked = options.inner;
    this.inner = asked === undefined ? (scalar[0] ?? null) : asked !== null && isScalarAttribute(asked) && scalar.includes(asked) ? asked : null;
    this.threads = resolveThreads(options.threads);
  }

  private rows(): ValueOrder {
    this.order ??= valueOrder(this.catalog, this.attributes, this.inner, { threads: this.threads, perRowAbove: this.options.perRowAbove });
    return this.order;
  }

  private scans(scheme: Scheme): boolean {
    return scheme.parts.every((p) => p.generalizer.kind !== "quantile" && !isRandomized(p.generalizer) && this.attributes.includes(p.attribute));
  }

  private table(part: SchemePart): ChoiceTable {
    const key = partKey(part);
    let t = this.tables.get(key);
    if (!t) this.tables.set(key, (t = choiceTable(this.rows(), part, { threads: this.threads })));
    return t;
  }

  /** A choice as a prefix part: each ordered row's code and the choice's table over the codes, or the row's class itself. */
  private prefixPart(part: SchemePart): PrefixPart {
    const t = this.table(part);
    if (t.perRow) return { codes: t.lut, lut: null, count: t.count };
    const { codes } = this.rows().codes.get(part.attribute)!;
    return { codes, lut: t.identity ? null : t.lut, count: t.count };
  }

  /** Distinct classes one choice makes on the catalog. */
  choiceCount(part: SchemePart): number {
    if (this.scans({ parts: [part] })) return this.table(part).count;
    const key = partKey(part);
    let count = this.rowCounts.get(key);
    if (count === undefined) this.rowCounts.set(key, (count = partition(this.catalog, { parts: [part] }, this.options).classCount));
    return count;
  }

  evaluate(scheme: Scheme): { metrics: Metrics; histogram: HistogramBin[] } {
    return this.evaluateMany([scheme])[0];
  }

  /**
   * Several schemes at once: those that scan are grouped by prefix, the prefixes not
   * sorted yet are sorted (engine/prefixOrder.ts `sortPrefixes`), and the schemes are
   * scanned (engine/intervalScan.ts `scanSchemes`), each step shared out over the
   * threads; the others are partitioned from the rows. Same results, in the same order,
   * for any number of threads.
   */
  evaluateMany(schemes: readonly Scheme[]): { metrics: Metrics; histogram: HistogramBin[] }[] {
    const results: { metrics: Metrics; histogram: HistogramBin[] }[] = new Array(schemes.length);
    const groups = new Map<string, Group>();
    schemes.forEach((scheme, i) => {
      if (!this.scans(scheme)) {
        results[i] = metricsFromSizes(schemeTotals(this.catalog, scheme, this.options), this.catalog.titleNames.length, this.options);
        return;
      }
      const order = this.rows();
      // The inner part cuts prefix classes into runs when its classes are intervals; otherwise it is one more prefix part.
      const innerPart = scheme.parts.find((p) => p.attribute === this.inner && this.table(p).interval);
      const prefix = scheme.parts.filter((p) => p !== innerPart);
      const key = prefix.map(partKey).join(",");
      let group = groups.get(key);
      if (!group) {
        const parts = prefix.map((p) => this.prefixPart(p));
        groups.set(key, (group = { parts, schemes: [] }));
      }
      group.schemes.push({ inner: innerPart ? this.innerTable(innerPart) : this.noInner(order), i });
    });
    // A wave of prefixes at a time, so that the sorted rows held stay few.
    const wave = Math.max(KEPT_PREFIXES, this.threads);
    const keys = [...groups.keys()];
    for (let w = 0; w < keys.length; w += wave) this.scanWave(new Map(keys.slice(w, w + wave).map((k) => [k, groups.get(k)!])), results);
    return results;
  }

  /** Sort the prefixes of `groups` not sorted yet, then scan every scheme of them, each step on all threads. */
  private scanWave(groups: Map<string, Group>, results: { metrics: Metrics; histogram: HistogramBin[] }[]): void {
    const order = this.rows();
    const rows = { rows: order.rows, titles: order.titles, rank: order.rank, title: order.title };
    const jobs = this.sortedPrefixes(groups);
    if (jobs.length > 0) runKernel("sortPrefixes", { rows, jobs }, Math.min(this.threads, jobs.length));
    const tasks: ScanTask[] = [];
    for (const [key, g] of groups) for (const s of g.schemes) tasks.push({ order: this.sorted.get(key)!, inner: s.inner, at: tasks.length });
    const slot = totalsSlot(order.rows);
    if (this.out.length < tasks.length * slot) this.out = sharedFloat64(tasks.length * slot);
    runKernel("scanSchemes", { titles: order.titles, tasks, out: this.out, slot }, Math.min(this.threads, tasks.length));
    let b = 0;
    for (const g of groups.values()) for (const s of g.schemes) results[s.i] = metricsFromSizes(readTotals(this.out, b++ * slot), this.catalog.titleNames.length, this.options);
  }

  /**
   * The batch's prefixes that need sorting, each with room for its rows: the sorts of
   * the last few prefixes are kept (a pruned search comes back to a prefix for the
   * schemes it held back), and the room of older ones is reused.
   */
  private sortedPrefixes(groups: Map<string, Group>): SortJob[] {
    const order = this.rows();
    // Most recent last: this batch's prefixes move to the end.
    for (const key of groups.keys()) {
      const kept = this.sorted.get(key);
      if (kept) {
        this.sorted.delete(key);
        this.sorted.set(key, kept);
      }
    }
    const missing = [...groups.keys()].filter((key) => !this.sorted.has(key));
    const room: SortedPrefix[] = [];
    const capacity = Math.max(KEPT_PREFIXES, groups.size);
    for (const [key, kept] of this.sorted) {
      if (this.sorted.size + missing.length <= capacity || groups.has(key)) break;
      room.push(kept);
      this.sorted.delete(key);
    }
    return missing.map((key) => {
      const out = room.pop() ?? sortedPrefix(order.rows, order.titles);
      this.sorted.set(key, out);
      return { parts: groups.get(key)!.parts, out };
    });
  }

  /** An inner choice's table as scans read it: none for `exact` (the rank is the class), 16-bit codes when they fit. */
  private innerTable(part: SchemePart): InnerTable | null {
    const t = this.table(part);
    if (t.identity) return null;
    const key = partKey(part);
    let inner = this.innerTables.get(key);
    if (!inner) this.innerTables.set(key, (inner = t.count <= 1 << 16 ? sharedUint16(t.lut) : t.lut));
    return inner;
  }

  /** The inner table of a scheme without an inner part: one class for every rank. */
  private noInner(order: ValueOrder): InnerTable {
    return (this.zeros ??= new Uint16Array(new SharedArrayBuffer(2 * order.ranks)));
  }
}
