/**
 * How many titles have at least one row in a class that holds no other title (d = 1):
 * the count behind title_exposed_fraction (measures/metrics.ts). One pass over rows;
 * on T threads each marks the titles of its block of rows in one shared byte per
 * title (two threads may mark one title, both writing 1), then the marks are counted.
 * A count of marks does not depend on who set them, so every T gives the same number.
 *
 * Example: titles [A, A, B, C] in classes [0, 0, 0, 1] with d = [2, 1]: only row 3's
 * class has d = 1, so one title (C) is exposed.
 */
import type { Catalog } from "../catalog/catalog.js";
import { groupContext, type GroupOptions } from "./group.js";
import { KERNELS } from "./kernels.js";
import { scratchFor, type Partition } from "./partition.js";
import { runKernel } from "./pool.js";
import { shareColumns } from "./sharedColumns.js";

export function exposedTitleCount(catalog: Catalog, part: Partition, classTitles: Int32Array, options: GroupOptions = {}): number {
  const titleCount = catalog.titleNames.length;
  const ctx = groupContext(catalog.rows, options, scratchFor(catalog));
  const shared = ctx.threads > 1 && part.classOf.buffer instanceof SharedArrayBuffer;
  const buffer = (bytes: number) => (shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes));
  const exposed = new Uint8Array(buffer(titleCount));
  // One bit per class (d = 1): the pass over rows then looks classes up in k/8 bytes that
  // stay in cache instead of 4k bytes that do not (12M classes: 1.5 MB, not 47 MB).
  const k = part.classCount;
  const single = new Int32Array(buffer(4 * ((k + 31) >>> 5)));
  const args = { titles: catalog.titleCodes, classOf: part.classOf, classTitles, k, single, exposed };
  if (shared && classTitles.buffer instanceof SharedArrayBuffer) runKernel("markSingle", args, ctx.threads);
  else KERNELS.markSingle(args, 0, 1);
  if (shared) {
    shareColumns(catalog, []);
    runKernel("markExposed", args, ctx.threads);
  } else {
    KERNELS.markExposed(args, 0, 1);
  }
  let count = 0;
  for (let t = 0; t < titleCount; t++) count += exposed[t];
  return count;
}
