/**
 * Many schemes over one catalog, answered from one table of classes instead of the
 * rows (see engine/rollup.ts). The finest scheme over the attributes in play (each
 * exact) is partitioned once into (class, title, count) pairs; each choice of each
 * attribute is applied once to those classes; a scheme then costs a combination of
 * its choices' codes and one pass over the pairs, and a batch of schemes is shared out
 * over the engine's threads. The metrics equal `evaluateScheme`'s to the bit (both are
 * finished from class-size totals, engine/sizeTotals.ts).
 *
 *   const ev = new RollupEvaluator(catalog, ["duration", "bitrate"]);
 *   ev.evaluate(parseScheme("duration=round(1min),bitrate=log(10%)")).metrics  // = evaluateScheme(…).metrics
 *
 * Schemes with `quantile` (fitted on the whole column), noise (a function of the item,
 * not of its values) or an attribute outside the table are partitioned from the rows.
 */
import type { Catalog } from "../catalog/catalog.js";
import { sharedFloat64, type DenseCodes } from "../base/densify.js";
import { classStats } from "../engine/classStats.js";
import { classTable, codesOverClasses, pairTableOf, type ClassTable } from "../engine/classTable.js";
import { partition } from "../engine/partition.js";
import { resolveThreads, runKernel, type EngineOptions } from "../engine/pool.js";
import { readTotals, totalsSlot, type SchemeCodes } from "../engine/rollup.js";
import { formatGeneralizer } from "../schemes/format.js";
import { isRandomized } from "../schemes/generalizers/registry.js";
import { catalogHasPart } from "../schemes/schemeView.js";
import { ATTRIBUTES, type Attribute, type Scheme, type SchemePart } from "../schemes/types.js";
import { classSizeHistogram, computeMetrics, metricsFromSizes, type HistogramBin, type MetricOptions, type Metrics } from "./metrics.js";

/** The attributes a catalog can observe (resolution through width or height, text through its column). */
export function catalogAttributes(catalog: Catalog): Set<Attribute> {
  return new Set(ATTRIBUTES.filter((attribute) => catalogHasPart({ attribute, generalizer: { kind: "exact" } }, catalog)));
}

function partKey(part: SchemePart): string {
  return `${part.attribute}=${formatGeneralizer(part.attribute, part.generalizer)}`;
}

export class RollupEvaluator {
  private table?: ClassTable;
  private readonly codes = new Map<string, DenseCodes>();
  private readonly attributes: Attribute[];
  private readonly threads: number;
  /** Each scheme's totals, written by the threads (grown as batches need). */
  private out = new Float64Array(0);

  /** `attributes`: those the schemes to come may use (the table is exact on each the catalog has). */
  constructor(
    readonly catalog: Catalog,
    attributes: Iterable<Attribute>,
    private readonly options: MetricOptions & EngineOptions = {},
  ) {
    const has = catalogAttributes(catalog);
    this.attributes = [...new Set(attributes)].filter((a) => has.has(a));
    this.threads = resolveThreads(options.threads);
  }

  private base(): ClassTable {
    this.table ??= classTable(this.catalog, partition(this.catalog, { parts: this.attributes.map((attribute) => ({ attribute, generalizer: { kind: "exact" } as const })) }));
    return this.table;
  }

  private rollsUp(scheme: Scheme): boolean {
    return scheme.parts.every((p) => p.generalizer.kind !== "quantile" && !isRandomized(p.generalizer) && this.attributes.includes(p.attribute));
  }

  /** One choice's codes over the table's classes, in shared memory for the threads (cached). */
  choiceCodes(part: SchemePart): DenseCodes {
    const key = partKey(part);
    let c = this.codes.get(key);
    if (!c) {
      if (this.rollsUp({ parts: [part] })) {
        // Shared already (partition's codes are), so the threads read them in place.
        c = codesOverClasses(this.base(), { parts: [part] });
      } else {
        const { classOf, classCount } = partition(this.catalog, { parts: [part] });
        c = { codes: classOf, count: classCount };
      }
      this.codes.set(key, c);
    }
    return c;
  }

  evaluate(scheme: Scheme): { metrics: Metrics; histogram: HistogramBin[] } {
    return this.evaluateMany([scheme])[0];
  }

  /**
   * Several schemes at once: those that roll up are shared out over the threads
   * (engine/rollup.ts `rollUpSchemes`), the others partitioned from the rows. Same
   * results, in the same order, for any number of threads.
   */
  evaluateMany(schemes: readonly Scheme[]): { metrics: Metrics; histogram: HistogramBin[] }[] {
    const results: { metrics: Metrics; histogram: HistogramBin[] }[] = new Array(schemes.length);
    const batch: SchemeCodes[] = [];
    const at: number[] = [];
    schemes.forEach((scheme, i) => {
      if (this.rollsUp(scheme)) {
        batch.push({ keys: scheme.parts.map(partKey), codes: scheme.parts.map((p) => this.choiceCodes(p)) });
        at.push(i);
      } else {
        const part = partition(this.catalog, scheme, this.options);
        results[i] = { metrics: computeMetrics(this.catalog, part, classStats(this.catalog, part, this.options), this.options), histogram: classSizeHistogram(part) };
      }
    });
    if (batch.length > 0) {
      const table = this.base();
      const slot = totalsSlot(table.rows);
      if (this.out.length < batch.length * slot) this.out = sharedFloat64(batch.length * slot);
      runKernel("rollUpSchemes", { table: pairTableOf(table), schemes: batch, out: this.out, slot }, Math.min(this.threads, batch.length));
      at.forEach((i, b) => (results[i] = metricsFromSizes(readTotals(this.out, b * slot), this.catalog.titleNames.length, this.options)));
    }
    return results;
  }
}
