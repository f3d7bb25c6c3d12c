/**
 * The rows a batch of schemes is scanned over (engine/intervalScan.ts): the catalog's
 * rows sorted by the value of one scalar attribute, the inner one, with each row's
 * title and, per attribute in play, the code of its exact value. A choice of an
 * attribute (one of its generalizers) is then a lookup table from exact value code to
 * the choice's class, computed once on one row per distinct value: every deterministic
 * generalizer is a function of the raw value, and `exact` nests in all of them.
 *
 *   rows (t1, 61 s), (t2, 10 s), (t3, 59 s), inner duration
 *   → order t2, t3, t1; ranks 0, 1, 2; round(1min)'s table over the ranks [0, 1, 1]
 *
 * A choice of the inner attribute whose classes are intervals of the value (round,
 * floor, log, sig, ladder, … — checked, not assumed) puts each of its classes on
 * consecutive rows of every prefix class (engine/prefixOrder.ts).
 */
import type { Catalog } from "../catalog/catalog.js";
import { sharedInt32 } from "../base/densify.js";
import { ATTRIBUTE_FIELDS, SCALAR_FIELD, type Attribute, type ScalarAttribute, type SchemePart } from "../schemes/types.js";
import { partition, type PartitionOptions } from "./partition.js";

/**
 * A choice over an attribute's exact values: `lut[code]` is the class of the value with
 * that code, or, for an attribute whose values stand in by row (see `ValueOrder.perRow`),
 * `lut[i]` the class of ordered row i.
 */
export interface ChoiceTable {
  lut: Int32Array;
  /** Whether `lut` is by ordered row. */
  perRow: boolean;
  /** Classes of the choice (distinct values of `lut`). */
  count: number;
  /** Whether each class is an interval of the inner attribute's order (only ever true for the inner attribute). */
  interval: boolean;
  /** Whether lut[code] = code (as for `exact`): the codes serve as classes without a lookup. */
  identity: boolean;
}

/** The arrays the scanning threads read (shared memory): no catalog, which would be copied to each thread. */
export interface OrderedRows {
  rows: number;
  /** Title codes run 0 … titles − 1 (numbered by first appearance in the order, not the catalog's). */
  titles: number;
  /** Per ordered row: its rank among the inner attribute's distinct values (all 0 without one). */
  rank: Int32Array;
  title: Int32Array;
}

export interface ValueOrder extends OrderedRows {
  inner: ScalarAttribute | null;
  /** Distinct inner values (ranks 0 … ranks − 1; 1 without an inner attribute). */
  ranks: number;
  /** Per attribute: the code of each ordered row's exact value (the inner attribute's: its rank) and how many codes there are. */
  codes: Map<Attribute, { codes: Int32Array; count: number }>;
  /** Per attribute: one row per code (catalog row numbers), standing for its value; for those in `perRow`, the ordered rows. */
  standIns: Map<Attribute, Catalog>;
  /**
   * Attributes with more than 2^18 distinct values (at 10M rows, bitrate has 7.7M): a
   * table over their values would be larger than a cache, and each row's lookup a miss.
   * Their tables are over the ordered rows instead, each row's class read in order.
   */
  perRow: Set<Attribute>;
}

export interface ValueOrderOptions extends PartitionOptions {
  /** Distinct values above which an attribute's tables are by row (see `ValueOrder.perRow`; default 2^18). */
  perRowAbove?: number;
}

/**
 * The rows of `catalog` sorted by `inner`'s value (missing values last; equal values in
 * row order), with exact value codes for each of `attributes` (which the catalog has).
 */
export function valueOrder(catalog: Catalog, attributes: Attribute[], inner: ScalarAttribute | null, options: ValueOrderOptions = {}): ValueOrder {
  const n = catalog.rows;
  const exact = (attribute: Attribute) => partition(catalog, { parts: [{ attribute, generalizer: { kind: "exact" } }] }, options);
  const codes = new Map<Attribute, { codes: Int32Array; count: number }>();
  const standIns = new Map<Attribute, Catalog>();
  const perRow = new Set<Attribute>();
  let perm: Int32Array | null = null;
  const rank = sharedInt32(n);
  let ranks = 1;
  if (inner) {
    const p = exact(inner);
    const first = firstRows(p.classOf, p.classCount);
    const value = catalog.numeric[SCALAR_FIELD[inner]]!;
    // Distinct values in ascending order, missing (NaN) last; ties (only ±0) by code.
    const byValue = new Int32Array(p.classCount);
    for (let c = 0; c < byValue.length; c++) byValue[c] = c;
    byValue.sort((a, b) => {
      const x = value[first[a]];
      const y = value[first[b]];
      if (x !== x) return y !== y ? a - b : 1;
      if (y !== y) return -1;
      return x < y ? -1 : x > y ? 1 : a - b;
    });
    const rankOf = new Int32Array(p.classCount);
    for (let r = 0; r < byValue.length; r++) rankOf[byValue[r]] = r;
    ranks = Math.max(1, p.classCount);
    // A counting sort of the rows by rank: stable, so equal values keep row order.
    const start = new Int32Array(ranks + 1);
    for (let i = 0; i < n; i++) start[rankOf[p.classOf[i]] + 1]++;
    for (let r = 0; r < ranks; r++) start[r + 1] += start[r];
    perm = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const r = rankOf[p.classOf[i]];
      const at = start[r]++;
      perm[at] = i;
      rank[at] = r;
    }
    codes.set(inner, { codes: rank, count: p.classCount });
    const firstByRank = new Int32Array(byValue.length);
    for (let r = 0; r < byValue.length; r++) firstByRank[r] = first[byValue[r]];
    standIns.set(inner, standInsOf(catalog, inner, firstByRank));
  }
  // Titles renumbered by first appearance in this order: rows near each other then have
  // titles near each other, and so do the per-title marks the scans set (engine/prefixOrder.ts, intervalScan.ts).
  const title = sharedInt32(n);
  const renumbered = new Int32Array(catalog.titleNames.length).fill(-1);
  for (let i = 0, next = 0; i < n; i++) {
    const t = catalog.titleCodes[perm ? perm[i] : i];
    if (renumbered[t] < 0) renumbered[t] = next++;
    title[i] = renumbered[t];
  }
  for (const a of attributes) {
    if (a === inner) continue;
    const p = exact(a);
    const ordered = sharedInt32(n);
    for (let i = 0; i < n; i++) ordered[i] = p.classOf[perm ? perm[i] : i];
    codes.set(a, { codes: ordered, count: p.classCount });
    if (p.classCount > (options.perRowAbove ?? 1 << 18)) perRow.add(a);
    standIns.set(a, standInsOf(catalog, a, perRow.has(a) ? (perm ?? Int32Array.from(ordered, (_, i) => i)) : firstRows(p.classOf, p.classCount)));
  }
  return { rows: n, titles: catalog.titleNames.length, rank, title, inner, ranks, codes, standIns, perRow };
}

/** The lookup table of one choice of an attribute in `order` (a deterministic generalizer other than quantile). */
export function choiceTable(order: ValueOrder, part: SchemePart, options: PartitionOptions = {}): ChoiceTable {
  const standIns = order.standIns.get(part.attribute);
  if (!standIns) throw new Error(`choiceTable: ${part.attribute} is not in the order`);
  const p = partition(standIns, { parts: [part] }, options);
  const lut = sharedInt32(p.classOf.length);
  lut.set(p.classOf);
  let identity = true;
  for (let c = 0; c < lut.length && identity; c++) identity = lut[c] === c;
  return { lut, perRow: order.perRow.has(part.attribute), count: p.classCount, interval: part.attribute === order.inner && isInterval(lut, p.classCount), identity };
}

/** Whether, over codes in order, each class's codes are consecutive (no class comes back once left). */
export function isInterval(lut: Int32Array, classes: number): boolean {
  const left = new Uint8Array(classes);
  for (let r = 1; r < lut.length; r++) {
    if (lut[r] === lut[r - 1]) continue;
    if (left[lut[r]] === 1) return false;
    left[lut[r - 1]] = 1;
  }
  return true;
}

/** First row of each class. */
function firstRows(classOf: Int32Array, classes: number): Int32Array {
  const first = new Int32Array(classes).fill(-1);
  for (let i = 0; i < classOf.length; i++) if (first[classOf[i]] < 0) first[classOf[i]] = i;
  return first;
}

/** A catalog of the given rows with the columns `attribute` reads (a generalizer of it sees the same values). */
function standInsOf(catalog: Catalog, attribute: Attribute, rows: Int32Array): Catalog {
  const numeric: Catalog["numeric"] = {};
  const text: Catalog["text"] = {};
  for (const field of ATTRIBUTE_FIELDS[attribute]) {
    const col = (catalog.numeric as Record<string, Float64Array | undefined>)[field];
    if (col) {
      const out = new Float64Array(rows.length);
      for (let c = 0; c < rows.length; c++) out[c] = col[rows[c]];
      (numeric as Record<string, Float64Array>)[field] = out;
    }
    const words = (catalog.text as Record<string, string[] | undefined>)[field];
    if (words) (text as Record<string, string[]>)[field] = Array.from(rows, (r) => words[r]);
  }
  return {
    source: catalog.source,
    rows: rows.length,
    titleCodes: new Int32Array(rows.length),
    titleNames: [],
    numeric,
    text,
    precision: catalog.precision,
    provenance: {},
    rejected: {},
    notes: [],
  };
}
