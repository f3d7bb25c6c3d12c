/**
 * Partition a catalog under a scheme: each row gets the id of its class (the rows
 * sharing one generalized tuple). Attributes the scheme does not name are not
 * observed, so the empty scheme puts every row in one class.
 */
import type { Catalog, NumericField } from "../catalog/catalog.js";
import { UserError } from "../base/errors.js";
import { ATTRIBUTE_FIELDS, isTextAttribute, type Scheme, type SchemePart } from "../schemes/types.js";
import { bucketKeys, catalogRows, isRowLocal, missingFields } from "../schemes/generalize.js";
import { scalarColumn } from "../schemes/schemeView.js";
import { formatScheme } from "../schemes/format.js";
import { densifyWith, Scratch, sharedInt32, type DenseCodes } from "../base/densify.js";
import { boundedIn, classSizesIn, combineAll, combineBounded, combineIn, densifyIn, groupContext, type BoundedCodes, type GroupContext, type GroupOptions } from "./group.js";
import { KEY_CHUNK, type KeySource } from "./kernels.js";
import { timed } from "./phases.js";
import { runKernel } from "./pool.js";
import { shareColumns } from "./sharedColumns.js";

export interface Partition {
  /** Class id per row, dense 0..classCount-1 in order of first appearance. */
  classOf: Int32Array;
  classCount: number;
  /** Rows per class (f). */
  classSize: Int32Array;
}

/**
 * Every attribute the scheme observes must exist in the catalog. Resolution is
 * served by width or height alone (a catalog of "1080p" labels has heights only).
 */
export function assertSchemeFits(catalog: Catalog, scheme: Scheme): void {
  const missing = missingFields(scheme, catalog);
  if (missing.length > 0) {
    const have = Object.keys(catalog.numeric).join(", ") || "none";
    throw new UserError(
      `scheme "${formatScheme(scheme)}" needs ${missing.join(", ")}, which ${catalog.source} does not have (fields present: ${have})`,
    );
  }
}

/** Below this many rows the resolution shortcut in `partCodes` is not worth its passes. */
const SHORTCUT_MIN_ROWS = 1 << 16;

/**
 * Options of `partition` and `classStats`: the thread count (results are identical for
 * every one), where to add phase timings, and the threaded path's thresholds (group.ts).
 */
export type PartitionOptions = GroupOptions;

export function partition(catalog: Catalog, scheme: Scheme, options: PartitionOptions = {}): Partition {
  assertSchemeFits(catalog, scheme);
  const n = catalog.rows;
  const ctx = groupContext(n, options, scratchFor(catalog));
  // Every combination step numbers tuples by first appearance, so the classes and
  // their ids do not depend on the order parts are combined in (see group.ts).
  let acc: DenseCodes;
  if (!ctx.kernels) {
    acc = combineAll(
      scheme.parts.map((part) => partCodes(part, catalog, ctx)),
      n,
      ctx,
    );
  } else {
    if (ctx.threads > 1) shareColumns(catalog, schemeFields(scheme));
    acc = combineBounded(
      scheme.parts.map((part) => boundedPartCodes(part, catalog, ctx)),
      n,
      ctx,
      true,
    );
  }
  // classOf leaves the engine: the scratch buffer holding the codes becomes the caller's
  // (shared, for classStats' threads), so the partition costs no extra row-sized array.
  const classOf = ownedCodes(acc.codes, n);
  const classCount = acc.count;
  const classSize = acc.sizes ?? timed(ctx.phases, "group", () => classSizesIn(classOf, classCount, ctx));
  return { classOf, classCount, classSize };
}

/**
 * `codes` as an array of n entries in shared memory that nothing else holds: the
 * codes themselves when the scratch pool handed them out whole (they are not in the
 * pool while in use), else a copy.
 */
function ownedCodes(codes: Int32Array, n: number): Int32Array {
  if (codes.buffer instanceof SharedArrayBuffer && codes.length === n && codes.byteOffset === 0 && codes.buffer.byteLength === 4 * n) return codes;
  const own = sharedInt32(n);
  own.set(codes);
  return own;
}

const scratches = new WeakMap<Catalog, Scratch>();

/**
 * The engine's reusable buffers for one catalog (see `Scratch`): they live as long as
 * the catalog, so evaluating many schemes on it allocates almost nothing.
 */
export function scratchFor(catalog: Catalog): Scratch {
  let sc = scratches.get(catalog);
  if (!sc) {
    sc = new Scratch();
    scratches.set(catalog, sc);
  }
  return sc;
}

/**
 * Dense codes of one part's bucket keys, i.e. `densify(bucketKeys(part, catalog))`,
 * computed more cheaply where that is safe:
 *
 * - an exact scalar part, or resolution=height, groups the column itself (bucketKeys
 *   would only copy it);
 * - resolution=class and =exact: a catalog has few distinct (width, height) pairs, so
 *   the generalizer runs on one representative row per pair instead of on every row.
 *   Exact, because each resolution key is a function of the pair alone;
 * - other row-local generalizers compute their keys into a reused buffer (see `chunkedKeys`).
 */
function partCodes(part: SchemePart, catalog: Catalog, ctx: GroupContext): DenseCodes {
  const g = part.generalizer;
  const { sc } = ctx;
  if (part.attribute !== "resolution") {
    const col = g.kind === "exact" ? scalarColumn(part, catalog) : undefined;
    return col ? densifyIn(col, ctx) : chunkedCodes(part, catalog, ctx);
  }
  if (g.kind === "height" && catalog.numeric.height) return densifyIn(catalog.numeric.height, ctx);
  const n = catalog.rows;
  if (n < SHORTCUT_MIN_ROWS || g.kind !== "class" && g.kind !== "exact") return chunkedCodes(part, catalog, ctx);
  const { width, height } = catalog.numeric;
  let pair: DenseCodes;
  if (width && height && ctx.kernels) {
    pair = combineBounded([boundedIn(width, ctx), boundedIn(height, ctx)], n, ctx);
  } else if (width && height) {
    const w = densifyIn(width, ctx);
    const h = densifyIn(height, ctx);
    pair = combineIn(w, h, ctx);
    sc.release(w.codes);
    sc.release(h.codes);
  } else {
    const only = width ?? height;
    pair = only ? densifyIn(only, ctx) : { codes: sc.int32(n).fill(0), count: n > 0 ? 1 : 0 };
  }
  // One representative row per pair; pair codes count up from 0 by first appearance.
  const k = pair.count;
  const pc = pair.codes;
  const rep = new Int32Array(k);
  let seen = 0;
  for (let i = 0; i < n && seen < k; i++) {
    if (pc[i] === seen) rep[seen++] = i;
  }
  const mini: Catalog = {
    source: catalog.source,
    rows: k,
    titleCodes: new Int32Array(k),
    titleNames: [],
    numeric: {},
    text: {},
    precision: {},
    provenance: {},
    rejected: {},
    notes: [],
  };
  if (width) mini.numeric.width = Float64Array.from(rep, (i) => width[i]);
  if (height) mini.numeric.height = Float64Array.from(rep, (i) => height[i]);
  // Pairs are numbered by first appearance, so keys densified in pair order are
  // numbered by the first appearance of the key among rows too.
  const keys = densifyWith(bucketKeys(part, mini), undefined);
  const keyOfPair = keys.codes;
  timed(ctx.phases, "group", () => {
    if (!ctx.kernels) {
      for (let i = 0; i < n; i++) pc[i] = keyOfPair[pc[i]];
    } else {
      const map = sharedInt32(keyOfPair.length);
      map.set(keyOfPair);
      runKernel("remap", { out: pc, map, stride: 0 }, ctx.threads);
    }
  });
  return { codes: pc, count: keys.count };
}

/** Dense codes of `bucketKeys(part, catalog)`, the keys computed in blocks (see `chunkedKeys`). */
function chunkedCodes(part: SchemePart, catalog: Catalog, ctx: GroupContext): DenseCodes {
  if (!ctx.kernels) return densifyIn(timed(ctx.phases, "keys", () => chunkedKeys(part, catalog, ctx.sc)), ctx);
  return densifyIn(timed(ctx.phases, "keys", () => sharedKeys(part, catalog)), ctx);
}

/**
 * `bucketKeys(part, catalog)` for the threaded path: for row-local generalizers of
 * numeric attributes a recipe (kernels.ts) that every pass computes from the shared
 * columns, block by block, so no row-sized array of keys is written; otherwise the
 * keys themselves.
 */
function sharedKeys(part: SchemePart, catalog: Catalog): KeySource {
  // Workers get numeric columns only: text attributes (codec, container) key on this thread.
  if (isRowLocal(part.generalizer) && !isTextAttribute(part.attribute)) {
    // Only the columns the part reads go to the workers (all shared by now).
    const columns: Catalog["numeric"] = {};
    for (const f of partFields(part)) if (catalog.numeric[f]) columns[f] = catalog.numeric[f];
    return { part, columns, rows: catalog.rows };
  }
  return bucketKeys(part, catalog);
}

/** The catalog columns `bucketKeys(part, …)` reads. */
function partFields(part: SchemePart): readonly NumericField[] {
  return isTextAttribute(part.attribute) ? [] : (ATTRIBUTE_FIELDS[part.attribute] as readonly NumericField[]);
}

function schemeFields(scheme: Scheme): NumericField[] {
  return [...new Set(scheme.parts.flatMap(partFields))];
}

/**
 * One part's bounded codes on several threads (see `boundedIn`): the column itself for
 * an exact part or resolution=height, the resolution shortcut's dense codes for
 * resolution=class and =exact, else the generalizer's keys.
 */
function boundedPartCodes(part: SchemePart, catalog: Catalog, ctx: GroupContext): BoundedCodes {
  const g = part.generalizer;
  if (part.attribute === "resolution") {
    if (g.kind === "height" && catalog.numeric.height) return boundedIn(catalog.numeric.height, ctx);
    if (catalog.rows >= SHORTCUT_MIN_ROWS && (g.kind === "class" || g.kind === "exact")) {
      const d = partCodes(part, catalog, ctx);
      return { codes: d.codes, bound: d.count, dense: true, raw: null };
    }
  } else if (g.kind === "exact") {
    const col = scalarColumn(part, catalog);
    if (col) return boundedIn(col, ctx);
  }
  return boundedIn(timed(ctx.phases, "keys", () => sharedKeys(part, catalog)), ctx);
}

/**
 * `bucketKeys(part, catalog)`, written into the catalog's reused key buffer. For
 * row-local generalizers the keys are computed KEY_CHUNK rows at a time on views of
 * the columns: each call then allocates a small array instead of a row-sized one,
 * which would cost a full garbage collection (see `Scratch`). The buffer is valid
 * until the next call.
 */
function chunkedKeys(part: SchemePart, catalog: Catalog, sc: Scratch): Float64Array {
  const n = catalog.rows;
  if (!isRowLocal(part.generalizer) || n <= KEY_CHUNK) return bucketKeys(part, catalog);
  const out = sc.keys(n);
  for (let from = 0; from < n; from += KEY_CHUNK) {
    const to = Math.min(n, from + KEY_CHUNK);
    out.set(bucketKeys(part, catalogRows(catalog, from, to), { firstItem: from }), from);
  }
  return out;
}
