/**
 * A scheme's class-size totals (sizeTotals.ts), what every metric is finished from:
 * the rows partitioned under the scheme, each class's titles counted, the classes added
 * up by size. `schemesTotals` does several schemes, and on several threads it gives each
 * thread whole schemes rather than a share of every pass.
 *
 * Why whole schemes: a scheme's passes over 1M rows take a few milliseconds each, and
 * splitting each between two threads costs nearly what it saves (hand-offs, merges of
 * the threads' tables). Measured on two cores with the four schemes of the end-to-end
 * bench on a 1M-row CSV: 0.35–0.37 s on one thread, 0.48–0.52 s with every pass split
 * over two, 0.30–0.31 s with one scheme at a time on each thread (each thread then runs
 * the single-threaded code, group.ts `ONE_THREAD_KERNELS_FROM`). Large catalogs keep the
 * split passes (`WHOLE_SCHEMES_MAX_ROWS`).
 */
import type { Catalog, NumericField } from "../catalog/catalog.js";
import { sharedFloat64, sharedInt32 } from "../base/densify.js";
import { ATTRIBUTE_FIELDS, isTextAttribute, type Scheme } from "../schemes/types.js";
import { classStats, type ClassStats } from "./classStats.js";
import { exposedTitleCount } from "./exposedTitles.js";
import { groupContext, type GroupTuning } from "./group.js";
import { assertSchemeFits, partition, scratchFor, type Partition, type PartitionOptions } from "./partition.js";
import { runJob } from "./pool.js";
import { shareColumns } from "./sharedColumns.js";
import { readTotals, SizeTotalsBuilder, totalsSlot, writeTotals, type ClassSizeTotals } from "./sizeTotals.js";
import { titleOrder, useTitleOrder } from "./titleOrder.js";

/** The totals of a partition and its class statistics. */
export function partitionTotals(catalog: Catalog, part: Partition, stats: ClassStats, options: PartitionOptions = {}): ClassSizeTotals {
  const builder = new SizeTotalsBuilder();
  builder.addClasses(part.classCount, part.classSize, stats.classTitles, stats.classTitleSquares);
  return builder.finish(exposedTitleCount(catalog, part, stats.classTitles, options));
}

/**
 * The partition's row- and class-sized arrays back to the catalog's scratch pool, where
 * the next scheme's partition finds them instead of allocating others (arrays not from
 * the pool are too small to be kept). The caller holds no reference to them after.
 */
export function releasePartition(catalog: Catalog, part: Partition, stats: ClassStats): void {
  const sc = scratchFor(catalog);
  sc.release(part.classOf);
  sc.release(part.classSize);
  sc.release(stats.classTitles);
  sc.release(stats.classTitleSquares);
}

/** One scheme's totals, on `options.threads` threads. */
export function schemeTotals(catalog: Catalog, scheme: Scheme, options: PartitionOptions = {}): ClassSizeTotals {
  const part = partition(catalog, scheme, options);
  const stats = classStats(catalog, part, options);
  const totals = partitionTotals(catalog, part, stats, options);
  releasePartition(catalog, part, stats);
  return totals;
}

/**
 * Whole schemes on each thread up to this many rows (see the top of this file). Four
 * schemes on two threads, a fresh process each (whole vs split): 2M rows 0.49 vs 0.64 s,
 * 4M 0.81 vs 0.93 s, 10M 1.76 vs 2.07 s — but at 10M with a resident size of 1.26 GB
 * instead of 1.01 GB, and on more threads each would hold a scheme's buffers. Beyond
 * this the passes are split, which keeps the engine's memory that of one scheme.
 */
const WHOLE_SCHEMES_MAX_ROWS = 1 << 22;

/** Every scheme's totals, in order; the same numbers for any thread count. */
export function schemesTotals(catalog: Catalog, schemes: readonly Scheme[], options: PartitionOptions = {}): ClassSizeTotals[] {
  for (const s of schemes) assertSchemeFits(catalog, s);
  const n = catalog.rows;
  const ctx = groupContext(n, options, scratchFor(catalog));
  const threads = Math.min(ctx.threads, schemes.length);
  // Workers see shared numeric columns only: a scheme over codec or container keeps to this thread.
  const whole = threads > 1 && n <= WHOLE_SCHEMES_MAX_ROWS && !schemes.some((s) => s.parts.some((p) => isTextAttribute(p.attribute)));
  if (!whole) return schemes.map((s) => schemeTotals(catalog, s, options));
  const args = schemeTotalsArgs(catalog, schemes, options);
  runJob(SCHEME_TOTALS_JOB, args, threads, () => takeSchemes(catalog, args, { ...options, threads: 1 }));
  return schemes.map((_, i) => readTotals(args.out, i * args.slot));
}

/** The job's arguments (the columns the schemes read are shared first). */
export function schemeTotalsArgs(catalog: Catalog, schemes: readonly Scheme[], options: PartitionOptions = {}): SchemeTotalsArgs {
  const fields = [...new Set(schemes.flatMap((s) => s.parts.flatMap((p) => ATTRIBUTE_FIELDS[p.attribute] as readonly NumericField[])))].filter((f) => catalog.numeric[f]);
  shareColumns(catalog, fields);
  const n = catalog.rows;
  const slot = totalsSlot(n);
  // Each thread partitions on its own: the thresholds apply, the thread count does not.
  const { parallelFrom, localLimit, rowsPerPartition, privateBytes, classesPerPartition } = options;
  return {
    catalog: catalogId(catalog),
    rows: n,
    titleCodes: catalog.titleCodes,
    titleCount: catalog.titleNames.length,
    // Only the columns the schemes read: any other would be copied into the message.
    numeric: Object.fromEntries(fields.map((f) => [f, catalog.numeric[f]])),
    order: titleOrder(catalog),
    schemes: schemes as Scheme[],
    next: sharedInt32(1),
    out: sharedFloat64(schemes.length * slot),
    slot,
    tuning: { parallelFrom, localLimit, rowsPerPartition, privateBytes, classesPerPartition },
  };
}

/** The name worker.ts runs `schemeTotalsShare` by. */
export const SCHEME_TOTALS_JOB = "schemeTotals";

/** What a worker needs to rebuild the catalog (shared arrays), the schemes, and where the totals go. */
export interface SchemeTotalsArgs {
  /** Which catalog (a number per catalog object): a worker keeps its view, and so its scratch buffers, while it is the same. */
  catalog: number;
  rows: number;
  titleCodes: Int32Array;
  titleCount: number;
  numeric: Catalog["numeric"];
  order: Int32Array | null;
  schemes: Scheme[];
  /** The next scheme to take (pool.ts `runJob`: not the control array's counter). */
  next: Int32Array;
  /** Scheme i's totals at out[i·slot …] (sizeTotals.ts `writeTotals`). */
  out: Float64Array;
  slot: number;
  tuning: GroupTuning;
}

function takeSchemes(catalog: Catalog, a: SchemeTotalsArgs, options: PartitionOptions): void {
  for (let i = Atomics.add(a.next, 0, 1); i < a.schemes.length; i = Atomics.add(a.next, 0, 1)) {
    writeTotals(a.out, i * a.slot, a.slot, schemeTotals(catalog, a.schemes[i], options));
  }
}

const ids = new WeakMap<Catalog, number>();
let lastId = 0;

function catalogId(catalog: Catalog): number {
  let id = ids.get(catalog);
  if (id === undefined) ids.set(catalog, (id = ++lastId));
  return id;
}

/** A worker's view of the catalog it was last sent (its scratch buffers live as long as it). */
let view: { id: number; catalog: Catalog } | undefined;

/** A worker's share of `schemesTotals` (worker.ts runs it by SCHEME_TOTALS_JOB). */
export function schemeTotalsShare(a: SchemeTotalsArgs): void {
  if (view?.id !== a.catalog) {
    const catalog: Catalog = { source: "", rows: 0, titleCodes: a.titleCodes, titleNames: [], numeric: {}, text: {}, precision: {}, provenance: {}, rejected: {}, notes: [] };
    view = { id: a.catalog, catalog };
  }
  const c = view.catalog;
  // The arrays as sent this time: a column shared since the last job is a new array.
  c.rows = a.rows;
  c.titleCodes = a.titleCodes;
  c.titleNames.length = a.titleCount;
  c.numeric = a.numeric;
  useTitleOrder(c, a.order);
  takeSchemes(c, a, { ...a.tuning, threads: 1 });
}
