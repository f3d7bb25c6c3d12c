/**
 * Many schemes over one catalog, answered from one table of classes instead of the
 * rows (see engine/rollup.ts). The finest scheme over the attributes in play (each
 * exact) is partitioned once into (class, title, count) pairs; each choice of each
 * attribute is applied once to those classes; a scheme then costs a combination of
 * its choices' codes and passes over classes and pairs. The metrics equal
 * `evaluateScheme`'s to the bit (both are finished from class-size totals,
 * engine/sizeTotals.ts).
 *
 *   const ev = new RollupEvaluator(catalog, ["duration", "bitrate"]);
 *   ev.metrics(parseScheme("duration=round(1min),bitrate=log(10%)"))  // = evaluateScheme(…).metrics
 *
 * Schemes with `quantile` (fitted on the whole column), noise (a function of the item,
 * not of its values) or an attribute outside the table are partitioned from the rows.
 */
import type { Catalog } from "../catalog/catalog.js";
import { combineWith, Scratch, type DenseCodes } from "../base/densify.js";
import { classStats } from "../engine/classStats.js";
import { partition } from "../engine/partition.js";
import { classTable, codesOverClasses, rollUp, RollScratch, type ClassTable } from "../engine/rollup.js";
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
  private readonly scratch = new Scratch();
  private readonly rollScratch = new RollScratch();
  /** The combined codes of the last leading parts (see `numbering`). */
  private prefix?: { key: string; codes: DenseCodes; owned: boolean };

  /** `attributes`: those the schemes to come may use (the table is exact on each the catalog has). */
  constructor(
    readonly catalog: Catalog,
    attributes: Iterable<Attribute>,
    private readonly options: MetricOptions = {},
  ) {
    const has = catalogAttributes(catalog);
    this.attributes = [...new Set(attributes)].filter((a) => has.has(a));
  }

  private base(): ClassTable {
    this.table ??= classTable(this.catalog, partition(this.catalog, { parts: this.attributes.map((attribute) => ({ attribute, generalizer: { kind: "exact" } as const })) }));
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
    const table = this.base();
    const coarse = this.numbering(scheme.parts);
    const totals = rollUp(table, coarse, this.rollScratch);
    if (coarse.owned) this.scratch.release(coarse.codes);
    return metricsFromSizes(totals, this.catalog.titleNames.length, this.options);
  }

  /**
   * The scheme's class of each table class, numbered by first appearance: the parts'
   * codes combined pair by pair (base/densify.ts `combineWith`). The combination of all
   * parts but the last is kept for the next scheme with the same leading parts (tune
   * varies its last attribute fastest), so such a scheme costs one combination, not
   * two. `owned`: the codes come from `this.scratch` and go back there after use.
   */
  private numbering(parts: readonly SchemePart[]): DenseCodes & { owned: boolean } {
    const k = this.base().classCount;
    if (parts.length === 0) return { codes: this.scratch.int32(k).fill(0), count: k > 0 ? 1 : 0, owned: true };
    const last = this.choiceCodes(parts[parts.length - 1]);
    if (parts.length === 1) return { ...last, owned: false };
    const lead = parts.slice(0, -1);
    const key = lead.map(partKey).join(",");
    if (this.prefix?.key !== key) {
      if (this.prefix?.owned) this.scratch.release(this.prefix.codes.codes);
      let acc = this.choiceCodes(lead[0]);
      for (let i = 1; i < lead.length; i++) {
        const next = this.pairCodes(acc, this.choiceCodes(lead[i]));
        if (i > 1) this.scratch.release(acc.codes);
        acc = next;
      }
      this.prefix = { key, codes: acc, owned: lead.length > 1 };
    }
    return { ...this.pairCodes(this.prefix.codes, last), owned: true };
  }

  /** Pair codes of a and b (from `this.scratch`). */
  private pairCodes(a: DenseCodes, b: DenseCodes): DenseCodes {
    return combineWith(a, b, this.scratch);
  }
}
