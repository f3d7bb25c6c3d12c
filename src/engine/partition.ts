/**
 * Partition a catalog under a scheme: each row gets the id of its class (the rows
 * sharing one generalized tuple). Attributes the scheme does not name are not
 * observed, so the empty scheme puts every row in one class.
 */
import type { Catalog } from "../catalog/catalog.js";
import { UserError } from "../errors.js";
import type { Scheme } from "../schemes/types.js";
import { bucketKeys, requiredFields } from "../schemes/generalize.js";
import { formatScheme } from "../schemes/format.js";
import { combineCodes, densify, type DenseCodes } from "./densify.js";

export interface Partition {
  /** Class id per row, dense 0..classCount-1 in order of first appearance. */
  classOf: Int32Array;
  classCount: number;
  /** Rows per class (f). */
  classSize: Int32Array;
}

export function assertSchemeFits(catalog: Catalog, scheme: Scheme): void {
  const missing = requiredFields(scheme).filter((f) => !catalog.numeric[f]);
  if (missing.length > 0) {
    const have = Object.keys(catalog.numeric).join(", ") || "none";
    throw new UserError(
      `scheme "${formatScheme(scheme)}" needs ${missing.join(", ")}, which ${catalog.source} does not have (fields present: ${have})`,
    );
  }
}

export function partition(catalog: Catalog, scheme: Scheme): Partition {
  assertSchemeFits(catalog, scheme);
  const n = catalog.rows;
  let acc: DenseCodes = { codes: new Int32Array(n), count: n > 0 ? 1 : 0 };
  for (const part of scheme.parts) {
    const codes = densify(bucketKeys(part, catalog));
    acc = acc.count <= 1 ? codes : combineCodes(acc, codes);
  }
  const classSize = new Int32Array(acc.count);
  const classOf = acc.codes;
  for (let i = 0; i < n; i++) classSize[classOf[i]]++;
  return { classOf, classCount: acc.count, classSize };
}
