/**
 * Rows grouped by title (a counting sort on title codes). It does not depend on the
 * scheme, so it is computed once per catalog and shared by every scheme evaluated
 * (and, being in shared memory, by the engine's worker threads).
 */
import type { Catalog } from "../catalog/catalog.js";
import { sharedInt32 } from "../base/densify.js";

const cache = new WeakMap<Catalog, Int32Array | null>();

/** Use `order` as the catalog's title order (one computed for the same title codes, e.g. on another thread). */
export function useTitleOrder(catalog: Catalog, order: Int32Array | null): void {
  cache.set(catalog, order);
}

/** Row indexes ordered by title code, or null when rows are already grouped by title. */
export function titleOrder(catalog: Catalog): Int32Array | null {
  if (cache.has(catalog)) return cache.get(catalog)!;
  const t = catalog.titleCodes;
  const n = catalog.rows;
  let grouped = true;
  for (let i = 1; i < n; i++) {
    if (t[i] < t[i - 1]) {
      grouped = false;
      break;
    }
  }
  let order: Int32Array | null = null;
  if (!grouped) {
    const start = new Int32Array(catalog.titleNames.length + 1);
    for (let i = 0; i < n; i++) start[t[i] + 1]++;
    for (let k = 1; k < start.length; k++) start[k] += start[k - 1];
    order = sharedInt32(n);
    for (let i = 0; i < n; i++) order[start[t[i]]++] = i;
  }
  cache.set(catalog, order);
  return order;
}
