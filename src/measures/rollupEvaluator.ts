/**
 * Many schemes over one catalog, answered from tables of classes instead of the rows
 * (see engine/rollup.ts). The finest scheme over the attributes in play (each exact)
 * is partitioned once into its table; each choice of each attribute is applied once to
 * that table's classes; a scheme then costs a combination of its choices' codes and
 * passes over the classes of the smallest table that nests in it. Given the choices
 * the schemes to come will use, a few coarser tables are built on the way
 * (measures/rollupParents.ts). The metrics equal `evaluateScheme`'s to the bit (class
 * ids and summation order are the same).
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
import { classTable, codesOverClasses, coarserTable, markEqualEdges, rollUp, RollScratch, type ClassTable, type EdgeTest } from "../engine/rollup.js";
import { formatGeneralizer } from "../schemes/format.js";
import { explainRefinement } from "../schemes/nesting.js";
import { isRandomized } from "../schemes/generalizers/registry.js";
import { catalogHasPart } from "../schemes/schemeView.js";
import { ATTRIBUTES, type Attribute, type Generalizer, type Scheme, type SchemePart } from "../schemes/types.js";
import { classSizeHistogram, computeMetrics, metricsFromClasses, type HistogramBin, type MetricOptions, type Metrics } from "./metrics.js";
import { chooseHubs, hubOf, smallestNesting } from "./rollupParents.js";

/** The attributes a catalog can observe (resolution through width or height, text through its column). */
export function catalogAttributes(catalog: Catalog): Set<Attribute> {
  return new Set(ATTRIBUTES.filter((attribute) => catalogHasPart({ attribute, generalizer: { kind: "exact" } }, catalog)));
}

/** How a search will use the evaluator, so that it builds the tables that pay. */
export interface RollupSettings {
  /** Per attribute, the generalizers the schemes to come will use (a search space): tables for their hub choices are built (rollupParents.ts). */
  choices?: ReadonlyMap<Attribute, readonly Generalizer[]>;
  /** Schemes come finer first: keep evaluated ones as tables for the coarser ones that nest in them. */
  keepEvaluated?: boolean;
}

/** A table with its scheme and, per attribute, one bit per registered choice for each edge. */
interface Entry {
  table: ClassTable;
  parts: SchemePart[];
  key: string;
  /** Per attribute: mask words (choice b's bit b & 31 in word b >> 5), and which bits are filled in. */
  masks: Map<Attribute, { words: Int32Array[]; filled: Set<number> }>;
  /** When it last served as a parent (see `keep`). */
  used: number;
}

/** A coarser table is kept only when its classes are at most this share of the best table so far's. */
const BUILD_GAIN = 1 / 2;
/** Tables are not derived from tables smaller than this: rolling up from them is already cheap. */
const MIN_TABLE_SOURCE = 1 << 12;
/** An evaluated scheme is kept as a table when its classes are at most this share of its parent's, and at least MIN_KEPT. */
const KEEP_SHARE = 1 / 2;
const MIN_KEPT = 256;
/** Derived tables kept at most, and their classes at most, in units of the finest table's. */
const MAX_TABLES = 48;
const MAX_TABLE_CLASSES = 4;

const EXACT: Generalizer = { kind: "exact" };

function partKey(part: SchemePart): string {
  return `${part.attribute}=${formatGeneralizer(part.attribute, part.generalizer)}`;
}

export class RollupEvaluator {
  private entries: Entry[] = [];
  private readonly codes = new Map<string, DenseCodes>();
  private readonly attributes: Attribute[];
  /** Per attribute, the choices given a bit so far. */
  private readonly bitCount = new Map<Attribute, number>();
  private readonly bitIndex = new Map<string, number>();
  private readonly refinesCache = new Map<string, boolean>();
  private hubs?: Map<Attribute, Generalizer[]>;
  private readonly refused = new Set<string>();
  private readonly scratch = new Scratch();
  private clock = 0;
  private readonly rollScratch = new RollScratch();
  /** The last leading parts' codes (see `numbering`). */
  private prefix?: { key: string; codes: DenseCodes & { owned: boolean } };

  /**
   * `attributes`: those the schemes to come may use (the table is exact on each the
   * catalog has). See `RollupSettings` for the rest.
   */
  constructor(
    readonly catalog: Catalog,
    attributes: Iterable<Attribute>,
    private readonly options: MetricOptions = {},
    private readonly settings: RollupSettings = {},
  ) {
    const has = catalogAttributes(catalog);
    this.attributes = [...new Set(attributes)].filter((a) => has.has(a));
  }

  private base(): Entry {
    if (this.entries.length === 0) {
      const parts = this.attributes.map((attribute) => ({ attribute, generalizer: EXACT }));
      const table = classTable(this.catalog, partition(this.catalog, { parts }));
      this.entries.push({ table, parts, key: parts.map(partKey).join(","), masks: new Map(), used: 0 });
    }
    return this.entries[0];
  }

  private rollsUp(scheme: Scheme): boolean {
    return scheme.parts.every((p) => p.generalizer.kind !== "quantile" && !isRandomized(p.generalizer) && this.attributes.includes(p.attribute));
  }

  /** One choice's codes over the finest table's classes (cached). */
  choiceCodes(part: SchemePart): DenseCodes {
    const key = partKey(part);
    let c = this.codes.get(key);
    if (!c) {
      c = this.rollsUp({ parts: [part] }) ? codesOverClasses(this.base().table, { parts: [part] }) : (({ classOf, classCount }) => ({ codes: classOf, count: classCount }))(partition(this.catalog, { parts: [part] }));
      this.codes.set(key, c);
    }
    return c;
  }

  evaluate(scheme: Scheme): { metrics: Metrics; histogram: HistogramBin[] } {
    if (!this.rollsUp(scheme)) {
      const part = partition(this.catalog, scheme);
      return { metrics: computeMetrics(this.catalog, part, classStats(this.catalog, part), this.options), histogram: classSizeHistogram(part) };
    }
    const entry = this.parentFor(scheme.parts);
    entry.used = ++this.clock;
    const coarse = this.numbering(entry, scheme.parts);
    const rolled = rollUp(entry.table, coarse, scheme.parts.map((p) => this.edgeTest(entry, p)), this.rollScratch);
    const metrics = metricsFromClasses({ rows: this.catalog.rows, titles: this.catalog.titleNames.length, ...rolled, exposedTitles: () => rolled.exposedTitles }, this.options);
    const histogram = classSizeHistogram({ classOf: new Int32Array(0), classCount: rolled.classCount, classSize: rolled.classSize });
    if (this.settings.keepEvaluated) this.keep(entry, scheme.parts, coarse);
    if (coarse.owned) this.scratch.release(coarse.codes);
    return { metrics, histogram };
  }

  /**
   * Keep an evaluated scheme's classes as a table when they are few enough to make a
   * better parent for the coarser schemes to come; the least recently used tables go
   * when their classes pass the budget.
   */
  private keep(parent: Entry, parts: readonly SchemePart[], coarse: DenseCodes): void {
    const key = parts.map(partKey).join(",");
    if (coarse.count > KEEP_SHARE * parent.table.classCount || coarse.count < MIN_KEPT || this.entries.some((e) => e.key === key)) return;
    const budget = MAX_TABLE_CLASSES * this.entries[0].table.classCount;
    let derived = this.entries.slice(1).reduce((sum, e) => sum + e.table.classCount, 0);
    while (this.entries.length > 1 && (derived + coarse.count > budget || this.entries.length > MAX_TABLES)) {
      let lru = 1;
      for (let i = 2; i < this.entries.length; i++) if (this.entries[i].used < this.entries[lru].used) lru = i;
      derived -= this.entries[lru].table.classCount;
      this.entries.splice(lru, 1);
    }
    this.entries.push({ table: coarserTable(parent.table, coarse), parts: [...parts], key, masks: new Map(), used: ++this.clock });
  }

  /** Whether finer generalizer f refines c on the attribute (cached). */
  private refines(attribute: Attribute, f: Generalizer, c: Generalizer): boolean {
    const key = `${attribute}|${formatGeneralizer(attribute, f)}|${formatGeneralizer(attribute, c)}`;
    let r = this.refinesCache.get(key);
    if (r === undefined) {
      r = explainRefinement(attribute, f, c) === null;
      this.refinesCache.set(key, r);
    }
    return r;
  }

  /** Whether the entry's scheme nests in the scheme with these parts. */
  private nestsIn(entry: Entry, parts: readonly SchemePart[]): boolean {
    if (entry === this.entries[0]) return true;
    return parts.every((p) => {
      const f = entry.parts.find((q) => q.attribute === p.attribute);
      return f !== undefined && this.refines(p.attribute, f.generalizer, p.generalizer);
    });
  }

  /** The smallest table that nests in the scheme, after building its hub table when that pays. */
  private parentFor(parts: readonly SchemePart[]): Entry {
    const base = this.base();
    const best = this.entries[smallestNesting(this.entries.map((e) => ({ classCount: e.table.classCount, nests: this.nestsIn(e, parts) })))];
    const hubParts = this.hubParts(parts);
    if (!hubParts) return best;
    const key = hubParts.map(partKey).join(",");
    if (this.refused.has(key) || this.entries.some((e) => e.key === key)) return best;
    const derived = this.entries.slice(1).reduce((sum, e) => sum + e.table.classCount, 0);
    const from = this.entries[smallestNesting(this.entries.map((e) => ({ classCount: e.table.classCount, nests: this.nestsIn(e, hubParts) })))];
    if (this.entries.length > MAX_TABLES || from.table.classCount < MIN_TABLE_SOURCE) {
      this.refused.add(key);
      return best;
    }
    // Its classes are known only once numbered: a roll-up's first pass, wasted when refused.
    const coarse = this.numbering(from, hubParts);
    if (coarse.count > BUILD_GAIN * best.table.classCount || derived + coarse.count > MAX_TABLE_CLASSES * base.table.classCount) {
      if (coarse.owned) this.scratch.release(coarse.codes);
      this.refused.add(key);
      return best;
    }
    const entry: Entry = { table: coarserTable(from.table, coarse), parts: hubParts, key, masks: new Map(), used: ++this.clock };
    if (coarse.owned) this.scratch.release(coarse.codes);
    this.entries.push(entry);
    return entry.table.classCount < best.table.classCount ? entry : best;
  }

  /** The scheme's hub scheme (see rollupParents.ts), or undefined without known choices. */
  private hubParts(parts: readonly SchemePart[]): SchemePart[] | undefined {
    const choices = this.settings.choices;
    if (!choices) return undefined;
    if (!this.hubs) {
      this.hubs = new Map();
      for (const attribute of this.attributes) {
        const gs = (choices.get(attribute) ?? []).filter((g) => this.rollsUp({ parts: [{ attribute, generalizer: g }] }));
        const counts = gs.map((g) => this.choiceCodes({ attribute, generalizer: g }).count);
        const finest = this.choiceCodes({ attribute, generalizer: EXACT }).count;
        const hubs = chooseHubs(counts, finest, (f, c) => this.refines(attribute, gs[f], gs[c]));
        this.hubs.set(
          attribute,
          hubs.map((h) => gs[h]),
        );
      }
    }
    return parts.map((p) => {
      const hubs = this.hubs!.get(p.attribute) ?? [];
      const counts = hubs.map((g) => this.choiceCodes({ attribute: p.attribute, generalizer: g }).count);
      const h = hubOf(-1, hubs.map((_, i) => i), counts, (f) => this.refines(p.attribute, hubs[f], p.generalizer));
      return { attribute: p.attribute, generalizer: h < 0 ? EXACT : hubs[h] };
    });
  }

  /** The test of edges that `part` may merge, on the entry's table (bits filled in on demand). */
  private edgeTest(entry: Entry, part: SchemePart): EdgeTest {
    const key = partKey(part);
    let bit = this.bitIndex.get(key);
    if (bit === undefined) {
      bit = this.bitCount.get(part.attribute) ?? 0;
      this.bitCount.set(part.attribute, bit + 1);
      this.bitIndex.set(key, bit);
    }
    let m = entry.masks.get(part.attribute);
    if (!m) entry.masks.set(part.attribute, (m = { words: [], filled: new Set() }));
    if (!m.filled.has(bit)) {
      while (m.words.length <= bit >> 5) m.words.push(new Int32Array(entry.table.edgeA.length));
      markEqualEdges(entry.table, this.choiceCodes(part).codes, m.words[bit >> 5], 1 << (bit & 31));
      m.filled.add(bit);
    }
    return { mask: m.words[bit >> 5], bit: 1 << (bit & 31) };
  }

  /**
   * Class of each of the entry's classes under the scheme with these parts, numbered by
   * first appearance: the parts' codes over the entry's classes combined pair by pair
   * (base/densify.ts `combineWith`). The codes of all parts but the last are kept for
   * the next call with the same entry and leading parts (a search varies its last
   * attribute fastest). `owned`: the codes come from `this.scratch`, to give back.
   */
  private numbering(entry: Entry, parts: readonly SchemePart[]): DenseCodes & { owned: boolean } {
    const k = entry.table.classCount;
    if (parts.length === 0) return { codes: this.scratch.int32(k).fill(0), count: k > 0 ? 1 : 0, owned: true };
    let acc: (DenseCodes & { owned: boolean }) | undefined;
    if (parts.length > 1) {
      const lead = parts.slice(0, -1);
      const leadKey = `${entry.key}|${lead.map(partKey).join(",")}`;
      if (this.prefix?.key !== leadKey) {
        if (this.prefix?.codes.owned) this.scratch.release(this.prefix.codes.codes);
        let codes = this.partCodes(entry, lead[0]);
        for (const part of lead.slice(1)) codes = this.combined(codes, this.partCodes(entry, part));
        this.prefix = { key: leadKey, codes };
      }
      acc = { ...this.prefix.codes, owned: false };
    }
    const last = this.partCodes(entry, parts[parts.length - 1]);
    return acc ? this.combined(acc, last) : last;
  }

  /** One part's codes over the entry's classes (the finest table's own, or gathered: owned). */
  private partCodes(entry: Entry, part: SchemePart): DenseCodes & { owned: boolean } {
    const { codes, count } = this.choiceCodes(part);
    const baseClass = entry.table.baseClass;
    if (baseClass === null) return { codes, count, owned: false };
    const k = entry.table.classCount;
    const out = this.scratch.int32(k);
    for (let c = 0; c < k; c++) out[c] = codes[baseClass[c]];
    return { codes: out, count, owned: true };
  }

  /** Pair codes of a and b (giving back whichever of them were owned). */
  private combined(a: DenseCodes & { owned: boolean }, b: DenseCodes & { owned: boolean }): DenseCodes & { owned: boolean } {
    const out = combineWith(a, b, this.scratch);
    if (a.owned) this.scratch.release(a.codes);
    if (b.owned) this.scratch.release(b.codes);
    return { ...out, owned: true };
  }
}
