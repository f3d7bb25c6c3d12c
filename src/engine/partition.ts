/**
 * Partition a catalog under a scheme: each row gets the id of its class (the rows
 * sharing one generalized tuple). Attributes the scheme does not name are not
 * observed, so the empty scheme puts every row in one class.
 */
import type { Catalog } from "../catalog/catalog.js";
import { UserError } from "../base/errors.js";
import type { Scheme, SchemePart } from "../schemes/types.js";
import { bucketKeys, catalogRows, isRowLocal, missingFields } from "../schemes/generalize.js";
import { scalarColumn } from "../schemes/schemeView.js";
import { formatScheme } from "../schemes/format.js";
import { combineWith, densifyWith, Scratch, type DenseCodes } from "../base/densify.js";

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

/** Rows per bucketKeys call in `chunkedKeys`. */
const KEY_CHUNK = 1 << 16;

export function partition(catalog: Catalog, scheme: Scheme): Partition {
  assertSchemeFits(catalog, scheme);
  const n = catalog.rows;
  const sc = scratchFor(catalog);
  // Every combination step numbers tuples by first appearance, so the classes and
  // their ids do not depend on the order parts are combined in. Combining the parts
  // with the fewest distinct keys first keeps the early products small enough for the
  // direct-address path.
  const codes = scheme.parts.map((part) => partCodes(part, catalog, sc)).sort((a, b) => a.count - b.count);
  let acc: DenseCodes | undefined;
  for (const c of codes) {
    if (acc === undefined) {
      acc = c;
    } else if (acc.count <= 1) {
      sc.release(acc.codes);
      acc = c;
    } else {
      const next = combineWith(acc, c, sc);
      sc.release(acc.codes);
      sc.release(c.codes);
      acc = next;
    }
  }
  // classOf leaves the engine, so it gets a buffer of its own.
  const classOf = new Int32Array(n);
  let classCount = n > 0 ? 1 : 0;
  if (acc !== undefined) {
    classOf.set(acc.codes);
    classCount = acc.count;
    sc.release(acc.codes);
  }
  const classSize = new Int32Array(classCount);
  for (let i = 0; i < n; i++) classSize[classOf[i]]++;
  return { classOf, classCount, classSize };
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
function partCodes(part: SchemePart, catalog: Catalog, sc: Scratch): DenseCodes {
  const g = part.generalizer;
  if (part.attribute !== "resolution") {
    const col = g.kind === "exact" ? scalarColumn(part, catalog) : undefined;
    return densifyWith(col ?? chunkedKeys(part, catalog, sc), sc);
  }
  if (g.kind === "height" && catalog.numeric.height) return densifyWith(catalog.numeric.height, sc);
  const n = catalog.rows;
  if (n < SHORTCUT_MIN_ROWS || g.kind !== "class" && g.kind !== "exact") return densifyWith(chunkedKeys(part, catalog, sc), sc);
  const { width, height } = catalog.numeric;
  let pair: DenseCodes;
  if (width && height) {
    const w = densifyWith(width, sc);
    const h = densifyWith(height, sc);
    pair = combineWith(w, h, sc);
    sc.release(w.codes);
    sc.release(h.codes);
  } else {
    const only = width ?? height;
    pair = only ? densifyWith(only, sc) : { codes: sc.int32(n).fill(0), count: n > 0 ? 1 : 0 };
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
  for (let i = 0; i < n; i++) pc[i] = keyOfPair[pc[i]];
  return { codes: pc, count: keys.count };
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
