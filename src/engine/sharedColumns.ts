/**
 * Worker threads can only read memory that is shared. Before the engine first runs a
 * catalog on several threads, the numeric columns it reads and the title codes are moved into
 * `SharedArrayBuffer`s: each is copied once and the catalog's own array replaced by
 * the copy, which holds the same values and behaves the same (one column is held
 * twice for a moment, then the original is free). Catalogs built in shared memory are
 * left as they are.
 */
import type { Catalog, NumericField } from "../catalog/catalog.js";

function isShared(a: Int32Array | Float64Array): boolean {
  return a.buffer instanceof SharedArrayBuffer;
}

/** Share the title codes and the given numeric columns (default: all of them). */
export function shareColumns(catalog: Catalog, fields: readonly NumericField[] = Object.keys(catalog.numeric) as NumericField[]): void {
  for (const field of fields) {
    const col = catalog.numeric[field];
    if (!col || isShared(col)) continue;
    const copy = new Float64Array(new SharedArrayBuffer(col.byteLength));
    copy.set(col);
    catalog.numeric[field] = copy;
  }
  if (!isShared(catalog.titleCodes)) {
    const copy = new Int32Array(new SharedArrayBuffer(catalog.titleCodes.byteLength));
    copy.set(catalog.titleCodes);
    catalog.titleCodes = copy;
  }
}
